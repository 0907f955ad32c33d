package io.desknotify.transport.http.huawei;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.transport.http.internal.BoundedBody;
import io.desknotify.transport.http.internal.HttpErrors;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.Jsons;
import io.desknotify.transport.http.internal.RetryAfter;
import io.desknotify.transport.http.internal.ThrottlePause;
import jakarta.json.JsonObject;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns Huawei's failed answers into {@link TransportException}s. Huawei's error body is
 * {@code {"error_code","error_msg","error_detail","encoded_authorization_message"}}; gateway errors use codes
 * {@code APIG.xxxx} / {@code APIGW.xxxx}, throttling {@code APIG.0308} with HTTP 429 and no documented retry header:
 * such a 429 carries the transport's {@link ThrottlePause} (Huawei advises waiting about 2 to 5 s) as its delay.
 */
final class HuaweiErrors {
    private HuaweiErrors() {
    }

    /** The provider's error fields, whichever were present. */
    record ErrorBody(String code, String message, String detail, boolean encodedAuthorizationMessage) {
        static ErrorBody parse(byte[] body, int maxDepth) {
            if (body == null || body.length == 0) {
                return new ErrorBody(null, null, null, false);
            }
            try {
                JsonObject o = Jsons.parseObject(body, maxDepth);
                return new ErrorBody(Jsons.string(o, "error_code").orElse(null),
                        Jsons.string(o, "error_msg").orElse(null), Jsons.string(o, "error_detail").orElse(null),
                        o.containsKey("encoded_authorization_message"));
            } catch (RuntimeException e) {
                return new ErrorBody(null, null, null, false);
            }
        }
    }

    static boolean isThrottleCode(String code) {
        return code != null && (code.equals("APIG.0308") || code.equals("APIGW.0308"));
    }

    /** Maps a non-2xx answer; a throttling answer without {@code Retry-After} gets a pause drawn from {@code pause}. */
    static TransportException fromStatus(String provider, String what, int status, HttpHeaders headers, byte[] body,
            Clock clock, int maxDepth, ThrottlePause pause) {
        ErrorBody e = ErrorBody.parse(body, maxDepth);
        String requestId = headers.firstValue("X-Request-Id").orElse(null);
        Optional<Duration> retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock);
        StringBuilder m = new StringBuilder(provider).append(' ').append(what).append(" failed: HTTP ").append(status);
        if (e.code() != null) {
            m.append(' ').append(HttpErrors.clip(e.code()));
        }
        if (e.message() != null) {
            m.append(": ").append(HttpErrors.clip(e.message()));
        }
        if (e.detail() != null && !e.detail().equals(e.message())) {
            m.append(" (").append(HttpErrors.clip(e.detail())).append(')');
        }
        if (requestId != null) {
            m.append(" [X-Request-Id ").append(requestId).append(']');
        }

        if (status == 401 || status == 403) {
            if (e.encodedAuthorizationMessage()) {
                m.append("; the answer holds an encoded_authorization_message that STS can decode");
            }
            m.append("; not retried: repeated bad signatures lock the access key");
            return AuthenticationException.of(provider, status, e.code(), requestId, m.toString());
        }
        HttpErrors.Verdict v = HttpErrors.verdict(status, isThrottleCode(e.code()), retryAfter, pause);
        Retryability r = v.retryability();
        return TransportException.builder(r, m.toString()).provider(provider).httpStatus(status)
                .errorCode(e.code()).requestId(requestId).throttled(v.throttled())
                .retryAfter(r == Retryability.RETRYABLE ? v.retryAfter().orElse(null) : null).build();
    }

    /** Maps an exchange that produced no usable HTTP answer (connect failure, timeout, reset, oversized body). */
    static TransportException fromIo(String provider, String what, Throwable failure) {
        Throwable t = IoFailures.unwrap(failure);
        if (t instanceof TransportException te) {
            return te;
        }
        if (t instanceof BoundedBody.BodyTooLargeException large) {
            // The answer came but cannot be read; asking again would bring the same answer. Its status tells
            // whether the provider accepted the request.
            return TransportException.builder(Retryability.FATAL, provider + ' ' + what + " failed: " + t.getMessage())
                    .provider(provider).httpStatus(large.status()).errorCode("RESPONSE_TOO_LARGE").cause(t).build();
        }
        Retryability r = IoFailures.classify(t);
        String when = switch (r) {
            case RETRYABLE -> "before the request was sent";
            case AMBIGUOUS -> "after the request was sent; the provider may have acted on it";
            case FATAL -> "in the TLS handshake (is the server certificate trusted? a private CA or a TLS-inspecting "
                    + "proxy needs an sslContext)";
        };
        String m = provider + ' ' + what + " failed " + when + ": " + IoFailures.describe(t);
        return TransportException.builder(r, m).provider(provider).cause(t).build();
    }

    /** A 2xx answer whose body is not what the API documents. */
    static TransportException unexpectedAnswer(String provider, String what, int status, String requestId,
            String problem) {
        String m = provider + ' ' + what + " returned HTTP " + status + " with an unexpected answer: " + problem
                + (requestId != null ? " [X-Request-Id " + requestId + ']' : "");
        return TransportException.builder(Retryability.FATAL, m).provider(provider).httpStatus(status)
                .requestId(requestId).errorCode("UNEXPECTED_ANSWER").build();
    }
}
