package io.desknotify.transport.http.horizon;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.transport.http.internal.BoundedBody;
import io.desknotify.transport.http.internal.HttpErrors;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.Jsons;
import io.desknotify.transport.http.internal.RetryAfter;
import io.desknotify.transport.http.internal.ThrottlePause;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns Horizon's failures into {@link TransportException}s with the right {@link Retryability}.
 *
 * <p>Horizon's error bodies vary by version; all three shapes are read:
 * {@code {"error_message"}}, {@code {"error_messages":[...]}} and
 * {@code {"status","timestamp","errors":[{"error_key","error_message"}]}}.
 * Messages quote the server's error text (shortened) but never a request body, header or token.
 */
final class HorizonErrors {
    static final String RATE_LIMIT_HEADER = "X-Rate-Limit-Retry-After-Seconds";

    private HorizonErrors() {
    }

    /** The error code and text of an error body; either may be {@code null}. */
    record ErrorInfo(String code, String message) {
        static final ErrorInfo NONE = new ErrorInfo(null, null);

        String describe() {
            if (code == null && message == null) {
                return "no error details";
            }
            if (code == null) {
                return message;
            }
            return message == null ? code : code + ": " + message;
        }
    }

    /** Reads any of the three error body shapes; anything else gives {@link ErrorInfo#NONE}. */
    static ErrorInfo parseErrorBody(byte[] body) {
        if (body == null || body.length == 0) {
            return ErrorInfo.NONE;
        }
        JsonStructure s;
        try {
            s = HorizonJson.parse(body);
        } catch (Jsons.MalformedJsonException e) {
            return ErrorInfo.NONE;
        }
        if (!(s instanceof JsonObject o)) {
            return ErrorInfo.NONE;
        }
        return fromObject(o);
    }

    /** Reads {@code error_message}, {@code error_messages} and {@code errors} of an object (body or item). */
    static ErrorInfo fromObject(JsonObject o) {
        String code = null;
        List<String> texts = new ArrayList<>();
        JsonValue errors = o.get("errors");
        if (errors instanceof JsonArray arr) {
            for (JsonValue v : arr) {
                if (v instanceof JsonObject e) {
                    String key = HorizonJson.string(e, "error_key");
                    if (code == null && key != null && !key.isBlank()) {
                        code = key;
                    }
                    String msg = HorizonJson.string(e, "error_message");
                    if (msg != null && !msg.isBlank()) {
                        texts.add(msg);
                    }
                }
            }
        }
        JsonValue messages = o.get("error_messages");
        if (messages instanceof JsonArray arr) {
            for (JsonValue v : arr) {
                if (v instanceof JsonString str && !str.getString().isBlank()) {
                    texts.add(str.getString());
                }
            }
        }
        String single = HorizonJson.string(o, "error_message");
        if (single != null && !single.isBlank()) {
            texts.add(single);
        }
        // since 2203 a failed item carries the same text in errors and in the deprecated error_messages
        String text = texts.isEmpty() ? null : shorten(String.join("; ", new java.util.LinkedHashSet<>(texts)));
        return new ErrorInfo(code == null ? null : shorten(code), text);
    }

    static String shorten(String s) {
        return HttpErrors.clip(s);
    }

    /**
     * The exception for a non-2xx answer (other than a 401 that token renewal still handles).
     *
     * @param operation what was attempted, e.g. {@code send-message}
     * @param pause the delay a 429 that names none gets (Horizon names one on every 429 it sends itself)
     */
    static TransportException fromResponse(String provider, String operation, int status, HttpHeaders headers,
            byte[] body, String requestId, ThrottlePause pause) {
        ErrorInfo info = parseErrorBody(body);
        String text = "Horizon " + operation + " failed: HTTP " + status + " (" + info.describe() + ")";
        if (status == 401 || status == 403) {
            return AuthenticationException.of(provider, status, info.code(), requestId, text);
        }
        HttpErrors.Verdict v = HttpErrors.verdict(status, false, retryAfter(headers), pause);
        if (status >= 300 && status < 400) {
            text = "Horizon " + operation + " failed: HTTP " + status + " redirect (redirects are not followed;"
                    + " check baseUri)";
        }
        return TransportException.builder(v.retryability(), text)
                .provider(provider)
                .httpStatus(status)
                .errorCode(info.code())
                .requestId(requestId)
                .throttled(v.throttled())
                .retryAfter(v.retryAfter().orElse(null))
                .build();
    }

    /** Horizon's {@code X-Rate-Limit-Retry-After-Seconds}, else standard {@code Retry-After} (seconds or date). */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        Optional<Duration> horizon = headers.firstValue(RATE_LIMIT_HEADER)
                .flatMap(v -> RetryAfter.parse(v, Clock.systemUTC()));
        return horizon.isPresent() ? horizon
                : headers.firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, Clock.systemUTC()));
    }

    /**
     * The exception for a request that got no usable answer. Only a failure to connect proves the request was
     * not sent; any other I/O failure may have happened after Horizon acted on it.
     */
    static TransportException fromFailure(String provider, String operation, Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof TransportException te) {
            return te;
        }
        Retryability r;
        String what;
        int status = 0;
        if (t instanceof BoundedBody.BodyTooLargeException large) {
            // An answer Horizon never gives: as for an unexpected body, repeating cannot help. Its status tells
            // whether Horizon accepted the request.
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
        return TransportException.builder(r, "Horizon " + operation + " failed: " + what + " ("
                        + shorten(IoFailures.describe(t)) + ")")
                .provider(provider)
                .httpStatus(status)
                .cause(t)
                .build();
    }

    /** A 2xx answer whose body is not what Horizon documents. */
    static TransportException unexpectedBody(String provider, String operation, int status, String requestId,
            String why) {
        return TransportException.builder(Retryability.FATAL,
                        "Horizon " + operation + " answered HTTP " + status + " with an unexpected body: " + why)
                .provider(provider)
                .httpStatus(status)
                .errorCode("UNEXPECTED_RESPONSE")
                .requestId(requestId)
                .build();
    }

    static Throwable unwrap(Throwable t) {
        return IoFailures.unwrap(t);
    }
}
