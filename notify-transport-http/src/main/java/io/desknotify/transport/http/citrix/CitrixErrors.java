package io.desknotify.transport.http.citrix;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.TransportException;
import io.desknotify.transport.http.internal.BoundedBody;
import io.desknotify.transport.http.internal.HttpErrors;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.Jsons;
import io.desknotify.transport.http.internal.RetryAfter;
import io.desknotify.transport.http.internal.ThrottlePause;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns Citrix's failures into {@link TransportException}s. Error bodies are read in every shape the sources name,
 * and none is needed: {@code ErrorData {ErrorMessage, SdkErrorId}}, {@code ErrorResponse {Type, Detail}} (the code is
 * the last segment of {@code Type}) and the trust service's OAuth {@code {error, error_description}}. Messages quote
 * the provider's text, shortened, never a request body, header or token.
 */
final class CitrixErrors {

    /** The error code and text of an error body; either may be {@code null}. */
    record ErrorInfo(String code, String message) {
        static final ErrorInfo NONE = new ErrorInfo(null, null);

        String describe() {
            if (code == null && message == null) {
                return "no error details";
            }
            return code == null ? message : message == null ? code : code + ": " + message;
        }
    }

    private CitrixErrors() {
    }

    static ErrorInfo parse(byte[] body) {
        if (body == null || body.length == 0) {
            return ErrorInfo.NONE;
        }
        JsonObject o;
        try {
            o = Jsons.parseObject(body, Jsons.DEFAULT_MAX_DEPTH);
        } catch (RuntimeException e) {
            return ErrorInfo.NONE;
        }
        String code = Jsons.string(o, "SdkErrorId").or(() -> Jsons.string(o, "error"))
                .or(() -> Jsons.string(o, "Type").map(CitrixErrors::lastSegment)).filter(s -> !s.isBlank())
                .orElse(null);
        String message = Jsons.string(o, "ErrorMessage").or(() -> Jsons.string(o, "Detail"))
                .or(() -> Jsons.string(o, "error_description")).filter(s -> !s.isBlank()).orElse(null);
        return new ErrorInfo(code == null ? null : HttpErrors.clip(code),
                message == null ? null : HttpErrors.clip(message));
    }

    private static String lastSegment(String uri) {
        String s = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /**
     * The exception for a non-2xx answer: 401 and 403 are authentication failures, 503 is {@code RETRYABLE} (Citrix
     * documents it as not processed), the rest by the shared rules.
     */
    static TransportException fromResponse(String provider, String operation, CitrixHttp.Answer a,
            ThrottlePause pause) {
        ErrorInfo info = parse(a.body());
        String text = "Citrix " + operation + " failed: HTTP " + a.status() + " (" + info.describe() + ")";
        if (a.status() == 401 || a.status() == 403) {
            return AuthenticationException.of(provider, a.status(), info.code(), a.requestId(), text);
        }
        if (a.status() >= 300 && a.status() < 400) {
            text = "Citrix " + operation + " failed: HTTP " + a.status()
                    + " redirect (redirects are not followed; check baseUri)";
        }
        HttpErrors.Verdict v = HttpErrors.verdict(a.status(), false, retryAfter(a.headers()), pause);
        // Citrix documents 503 as "temporarily unable to process; retry with exponential back-off" (the TECHPREVIEW
        // definition's responses), so it was not processed, with or without Retry-After
        Retryability r = a.status() == 503 ? Retryability.RETRYABLE : v.retryability();
        return TransportException.builder(r, text).provider(provider).httpStatus(a.status())
                .errorCode(info.code()).requestId(a.requestId()).throttled(v.throttled())
                .retryAfter(v.retryAfter().orElse(null)).build();
    }

    static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(v -> RetryAfter.parse(v, Clock.systemUTC()));
    }

    /** The exception for a request that got no usable answer: only a failure to connect proves nothing was sent. */
    static TransportException fromFailure(String provider, String operation, Throwable failure) {
        Throwable t = IoFailures.unwrap(failure);
        if (t instanceof TransportException te) {
            return te;
        }
        Retryability r;
        String what;
        int status = 0;
        if (t instanceof BoundedBody.BodyTooLargeException large) {
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
        return TransportException.builder(r, "Citrix " + operation + " failed: " + what + " ("
                + HttpErrors.clip(IoFailures.describe(t)) + ")").provider(provider).httpStatus(status).cause(t)
                .build();
    }

    /** A 2xx answer whose body is not what Citrix documents. */
    static TransportException unexpectedBody(String provider, String operation, CitrixHttp.Answer a, String why) {
        return TransportException.builder(Retryability.FATAL, "Citrix " + operation + " answered HTTP " + a.status()
                        + " with an unexpected body: " + why).provider(provider).httpStatus(a.status())
                .errorCode("UNEXPECTED_RESPONSE").requestId(a.requestId()).build();
    }
}
