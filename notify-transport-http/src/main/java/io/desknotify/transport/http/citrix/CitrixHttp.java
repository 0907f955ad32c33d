package io.desknotify.transport.http.citrix;

import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.TransportException;
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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * One HTTP exchange with Citrix Cloud (the API gateway and the trust service share the host): no authentication,
 * no retries, no status interpretation. A request that gets no answer completes with a classified
 * {@link TransportException}; any answer completes normally.
 */
final class CitrixHttp {

    /** An answer: status, headers and the size-capped body. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Citrix's {@code Citrix-TransactionId}, which support cases ask for. */
        String requestId() {
            return headers.firstValue("Citrix-TransactionId").orElse(null);
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

    CitrixHttp(HttpSettings settings) {
        this.provider = settings.name();
        this.throttlePause = settings.throttlePause();
        String b = settings.baseUri().toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.exchanges = settings.newExchangeExecutor();
        this.client = settings.newClient(exchanges);
        this.requestTimeout = settings.requestTimeout();
        this.maxResponseBytes = settings.maxResponseBytes();
    }

    String provider() {
        return provider;
    }

    ThrottlePause throttlePause() {
        return throttlePause;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * Sends one request.
     *
     * @param operation    what is attempted, for messages
     * @param pathAndQuery starting with {@code /}, already encoded
     * @param contentType  the body's type, or {@code null} without a body
     * @param body         the body, or {@code null}
     * @param headers      further headers (authorization, customer, site)
     */
    CompletableFuture<Answer> exchange(String operation, String method, String pathAndQuery, String contentType,
            byte[] body, Map<String, String> headers) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException(operation));
        }
        HttpRequest.Builder rb;
        try {
            rb = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(requestTimeout)
                    .header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(CitrixErrors.fromFailure(provider, operation, e));
        }
        if (body != null) {
            rb.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        headers.forEach(rb::header);
        CompletableFuture<Answer> out = new CompletableFuture<>();
        exchanges.send(client, rb.build(), BoundedBody.handler(maxResponseBytes), e -> refused(operation, e))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        out.completeExceptionally(CitrixErrors.fromFailure(provider, operation, e));
                    } else {
                        out.complete(new Answer(r.statusCode(), r.headers(), r.body()));
                    }
                });
        return out;
    }

    /** Completes after the delay on the transport's threads, for a read retry's backoff. */
    CompletableFuture<Void> after(Duration delay, String operation) {
        return exchanges.after(delay, e -> refused(operation, e));
    }

    private TransportException refused(String operation, RejectedExecutionException e) {
        if (closed) {
            return closedException(operation);
        }
        return TransportException.builder(Retryability.RETRYABLE, "Citrix " + operation
                + " not sent: the executor refused it (" + IoFailures.describe(e) + ")").provider(provider)
                .cause(e).build();
    }

    TransportException closedException(String operation) {
        return TransportException.builder(Retryability.FATAL,
                "Citrix " + operation + " refused: transport " + provider + " is closed").provider(provider).build();
    }

    /** Refuses later requests and ends the transport's own threads once the requests in flight are answered. */
    void close() {
        closed = true;
        exchanges.shutdown();
    }
}
