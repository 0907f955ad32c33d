package io.desknotify.transport.http.azure;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.transport.http.internal.BoundedBody;
import io.desknotify.transport.http.internal.ExchangeExecutor;
import io.desknotify.transport.http.internal.HttpErrors;
import io.desknotify.transport.http.internal.HttpSettings;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.Jsons;
import io.desknotify.transport.http.internal.RetryAfter;
import io.desknotify.transport.http.internal.ThrottlePause;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/** The exchanges of the Azure Virtual Desktop transport and the mapping of Azure's answers to exceptions. */
final class AvdHttp {

    /** An answer: status, headers and the (size-capped) body. */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** ARM's {@code x-ms-request-id}, else a gateway's {@code X-Request-Id}. */
        String requestId() {
            return headers.firstValue("x-ms-request-id").or(() -> headers.firstValue("X-Request-Id")).orElse(null);
        }
    }

    /** An error body's code and text; either may be {@code null}. */
    record ErrorInfo(String code, String message) {
        String describe() {
            if (code == null && message == null) {
                return "no error details";
            }
            return code == null ? message : message == null ? code : code + ": " + message;
        }
    }

    static final String UNEXPECTED_RESPONSE = "UNEXPECTED_RESPONSE";
    private static final System.Logger LOG = System.getLogger(AvdHttp.class.getName());

    private final String provider;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxResponseBytes;
    private final ExchangeExecutor exchanges;
    private final ThrottlePause throttlePause;
    private volatile boolean closed;

    AvdHttp(HttpSettings settings) {
        this.provider = settings.name();
        this.throttlePause = settings.throttlePause();
        this.exchanges = settings.newExchangeExecutor();
        this.client = settings.newClient(exchanges);
        this.requestTimeout = settings.requestTimeout();
        this.maxResponseBytes = settings.maxResponseBytes();
    }

    String provider() {
        return provider;
    }

    /**
     * Sends one request.
     *
     * @param operation   what is attempted, for messages (e.g. {@code sendMessage})
     * @param uri         the absolute URI, query encoded
     * @param body        the body, or {@code null} for none
     * @param contentType the body's type
     * @param bearer      the access token, or {@code null}
     */
    CompletableFuture<Answer> exchange(String operation, String method, URI uri, byte[] body, String contentType,
            String bearer) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException(operation));
        }
        HttpRequest.Builder rb;
        try {
            rb = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json");
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(fromFailure(operation, e));
        }
        if (body != null) {
            rb.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (bearer != null) {
            rb.header("Authorization", "Bearer " + bearer);
        }
        CompletableFuture<Answer> out = new CompletableFuture<>();
        long started = System.nanoTime();
        exchanges.send(client, rb.build(), BoundedBody.handler(maxResponseBytes), e -> refused(operation, e))
                .whenComplete((r, e) -> {
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    if (e != null) {
                        TransportException te = fromFailure(operation, e);
                        // the operation only: a URI names sessions, and no header or body is ever logged
                        LOG.log(Level.DEBUG, () -> provider + " " + operation + " -> " + te.retryability()
                                + " after " + millis + " ms");
                        out.completeExceptionally(te);
                    } else {
                        LOG.log(Level.DEBUG, () -> provider + " " + operation + " -> HTTP " + r.statusCode() + " in "
                                + millis + " ms");
                        out.complete(new Answer(r.statusCode(), r.headers(), r.body()));
                    }
                });
        return out;
    }

    /** A future completed after the delay on the transport's threads, for a read's backoff. */
    CompletableFuture<Void> after(Duration delay, String operation) {
        return exchanges.after(delay, e -> refused(operation, e));
    }

    private TransportException refused(String operation, RejectedExecutionException e) {
        if (closed) {
            return closedException(operation);
        }
        return TransportException.builder(Retryability.RETRYABLE, "Azure Virtual Desktop " + operation
                + " not sent: the executor refused it (" + IoFailures.describe(e) + ")").provider(provider)
                .cause(e).build();
    }

    TransportException closedException(String operation) {
        return TransportException.builder(Retryability.FATAL, "Azure Virtual Desktop " + operation
                + " refused: transport " + provider + " is closed").provider(provider).build();
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        exchanges.shutdown();
    }

    // ---- errors

    /** {@code {"error":{"code","message"}}} (ARM), or Entra ID's {@code {"error","error_description"}}. */
    static ErrorInfo errorInfo(byte[] body) {
        if (body == null || body.length == 0) {
            return new ErrorInfo(null, null);
        }
        JsonObject o;
        try {
            o = Jsons.parseObject(body, Jsons.DEFAULT_MAX_DEPTH);
        } catch (Jsons.MalformedJsonException e) {
            return new ErrorInfo(null, null);
        }
        Optional<JsonObject> arm = Jsons.object(o, "error");
        if (arm.isPresent()) {
            return new ErrorInfo(Jsons.text(arm.get(), "code").map(HttpErrors::clip).orElse(null),
                    Jsons.text(arm.get(), "message").map(HttpErrors::clip).orElse(null));
        }
        // Entra ID: the error and the first AADSTS number; the description may change and is not relied on
        String error = Jsons.text(o, "error").orElse(null);
        String number = Jsons.array(o, "error_codes").filter(a -> !a.isEmpty()
                && a.get(0).getValueType() == jakarta.json.JsonValue.ValueType.NUMBER)
                .map(a -> "AADSTS" + a.getJsonNumber(0).longValue()).orElse(null);
        String text = Jsons.text(o, "error_description").map(d -> d.split(" Trace ID:")[0])
                .map(HttpErrors::clip).orElse(number);
        return new ErrorInfo(error, text);
    }

    /**
     * The exception for a non-2xx answer: 401 and 403 are authentication failures; the rest as the kit judges the
     * status, with {@code Retry-After} (ARM's seconds) honoured.
     */
    TransportException fromResponse(String operation, Answer a) {
        ErrorInfo info = errorInfo(a.body());
        String text = "Azure Virtual Desktop " + operation + " failed: HTTP " + a.status() + " (" + info.describe()
                + ")";
        if (a.status() == 401 || a.status() == 403) {
            return AuthenticationException.of(provider, a.status(), info.code(), a.requestId(), text);
        }
        Optional<Duration> retryAfter = a.headers().firstValue("Retry-After")
                .flatMap(v -> RetryAfter.parse(v, Clock.systemUTC()));
        HttpErrors.Verdict v = HttpErrors.verdict(a.status(), false, retryAfter, throttlePause);
        if (a.status() >= 300 && a.status() < 400) {
            text = "Azure Virtual Desktop " + operation + " failed: HTTP " + a.status()
                    + " redirect (redirects are not followed; check the base URIs)";
        }
        return TransportException.builder(v.retryability(), text).provider(provider).httpStatus(a.status())
                .errorCode(info.code() != null ? info.code() : "HTTP_" + a.status()).requestId(a.requestId())
                .throttled(v.throttled()).retryAfter(v.retryAfter().orElse(null)).build();
    }

    TransportException unexpectedBody(String operation, Answer a, String why) {
        return TransportException.builder(Retryability.FATAL, "Azure Virtual Desktop " + operation
                        + " answered HTTP " + a.status() + " with an unexpected body: " + why)
                .provider(provider).httpStatus(a.status()).errorCode(UNEXPECTED_RESPONSE).requestId(a.requestId())
                .build();
    }

    /**
     * The exception for a request that got no usable answer. Only a failure to connect proves the request was not
     * sent; any other I/O failure may have happened after Azure acted on it.
     */
    TransportException fromFailure(String operation, Throwable failure) {
        Throwable t = IoFailures.unwrap(failure);
        if (t instanceof TransportException te) {
            return te;
        }
        Retryability r;
        String what;
        int status = 0;
        if (t instanceof BoundedBody.BodyTooLargeException large) {
            // an answer Azure never gives: repeating cannot help; its status tells whether the request was accepted
            r = Retryability.FATAL;
            what = "the answer was too large";
            status = large.status();
        } else if (!(t instanceof IOException)) {
            r = Retryability.FATAL;
            what = "unexpected failure";
        } else {
            r = IoFailures.classify(t);
            what = switch (r) {
                case RETRYABLE -> "could not connect";
                case FATAL -> "TLS handshake failed (is the server certificate trusted? a private CA needs an"
                        + " sslContext)";
                case AMBIGUOUS -> t instanceof HttpTimeoutException ? "no answer within the request timeout"
                        : "the connection failed after the request was sent";
            };
        }
        return TransportException.builder(r, "Azure Virtual Desktop " + operation + " failed: " + what + " ("
                        + HttpErrors.clip(IoFailures.describe(t)) + ")")
                .provider(provider).httpStatus(status).errorCode(status > 0 ? "HTTP_" + status : null).cause(t)
                .build();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
