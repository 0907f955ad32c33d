package io.desknotify.transport.http.horizon;

import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.transport.http.internal.BoundedBody;
import io.desknotify.transport.http.internal.ExchangeExecutor;
import io.desknotify.transport.http.internal.HttpSettings;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.ThrottlePause;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One HTTP exchange with the Horizon server: no authentication, no retries, no status interpretation. A request
 * that gets no answer completes with a classified {@link TransportException}; any answer, whatever its status,
 * completes normally. Requests are sent with the blocking {@link HttpClient#send} on the transport's
 * {@link ExchangeExecutor} (on Java 17 {@code sendAsync} would start a thread per answer on small machines).
 */
final class HorizonHttp {

    /** An answer: status, headers and the (size-capped) body. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The request id, when the server (or a gateway in front of it) sent one. */
        String requestId() {
            return headers.firstValue("X-Request-Id").orElse(null);
        }
    }

    private final String provider;
    private final String base;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxResponseBytes;
    private final ExchangeExecutor exchanges;
    private final ThrottlePause throttlePause;
    private volatile boolean closed;

    HorizonHttp(HttpSettings settings) {
        this.provider = settings.name();
        this.throttlePause = settings.throttlePause();
        String b = settings.baseUri().toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.exchanges = settings.newExchangeExecutor();
        this.client = settings.newClient(exchanges);
        this.requestTimeout = settings.requestTimeout();
        this.maxResponseBytes = settings.maxResponseBytes();
    }

    /** The delay a 429 without a retry header gets. */
    ThrottlePause throttlePause() {
        return throttlePause;
    }

    String provider() {
        return provider;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Sends one request.
     *
     * @param operation     what is attempted, for messages (e.g. {@code send-message})
     * @param pathAndQuery  starting with {@code /rest/}, query already encoded
     * @param body          JSON, or {@code null} for none
     * @param bearer        the access token, or {@code null}
     */
    CompletableFuture<Answer> exchange(String operation, String method, String pathAndQuery, byte[] body,
            String bearer) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException(operation));
        }
        HttpRequest.Builder rb;
        try {
            rb = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .timeout(requestTimeout)
                    .header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(HorizonErrors.fromFailure(provider, operation, e));
        }
        if (body != null) {
            rb.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (bearer != null) {
            rb.header("Authorization", "Bearer " + bearer);
        }
        CompletableFuture<Answer> out = new CompletableFuture<>();
        exchanges.send(client, rb.build(), BoundedBody.handler(maxResponseBytes), e -> refused(operation, e))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        out.completeExceptionally(HorizonErrors.fromFailure(provider, operation, e));
                    } else {
                        out.complete(new Answer(r.statusCode(), r.headers(), r.body()));
                    }
                });
        return out;
    }

    /**
     * A future completed after the delay on the transport's threads, for a retry's backoff; it fails with the
     * closed exception when the transport was closed meanwhile.
     */
    CompletableFuture<Void> after(Duration delay, String operation) {
        return exchanges.after(delay, e -> refused(operation, e));
    }

    /**
     * The executor took no more work, so nothing was sent: the transport's own threads refuse only after
     * {@link #close()}; an executor given to the builder may refuse at any time, and asking again later may work.
     */
    private TransportException refused(String operation, RejectedExecutionException e) {
        if (closed) {
            return closedException(operation);
        }
        return TransportException.builder(Retryability.RETRYABLE, "Horizon " + operation
                + " not sent: the executor refused it (" + IoFailures.describe(e) + ")").provider(provider)
                .cause(e).build();
    }

    TransportException closedException(String operation) {
        return TransportException.builder(Retryability.FATAL,
                "Horizon " + operation + " refused: transport " + provider + " is closed").provider(provider).build();
    }

    boolean isClosed() {
        return closed;
    }

    /** Refuses later requests and ends the transport's own threads once the requests in flight are answered. */
    void close() {
        closed = true;
        exchanges.shutdown();
    }
}
