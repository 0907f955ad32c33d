package io.desknotify.transport.http.internal;

import io.desknotify.api.TransportException.Retryability;
import java.time.Duration;
import java.util.Optional;

/**
 * The error mapping every HTTP provider shares: what a failed status means for a retry, and how much of the
 * provider's error text goes into an exception message. A provider keeps only the reading of its own error body.
 */
public final class HttpErrors {
    /** Longest provider text copied into an exception message. */
    public static final int MAX_TEXT = 300;

    private HttpErrors() {
    }

    /**
     * What a non-2xx answer (other than 401 and 403, which are authentication failures) means.
     *
     * @param retryability RETRYABLE when throttled or refused before work started, AMBIGUOUS for other 5xx (the
     *                     provider may have acted), FATAL for the rest (3xx included: redirects are never followed)
     * @param throttled    whether the answer asks the client to slow down
     * @param retryAfter   the provider's delay, or for a throttling answer that names none the transport's pause
     */
    public record Verdict(Retryability retryability, boolean throttled, Optional<Duration> retryAfter) {
    }

    /**
     * Judges a failed status.
     *
     * @param status     the HTTP status, not 2xx, 401 or 403
     * @param throttle   whether the provider signalled throttling in its body (e.g. Huawei's {@code APIG.0308}); a
     *                   429 always is
     * @param retryAfter the delay the answer named (its {@code Retry-After} or the provider's own header)
     * @param pause      the pause a throttling answer without a delay gets
     * @return the verdict
     */
    public static Verdict verdict(int status, boolean throttle, Optional<Duration> retryAfter, ThrottlePause pause) {
        if (status == 429 || throttle) {
            Optional<Duration> delay = retryAfter.isEmpty() && !pause.isNone() ? Optional.of(pause.next())
                    : retryAfter;
            return new Verdict(Retryability.RETRYABLE, true, delay);
        }
        if (status == 503 && retryAfter.isPresent()) {
            // a 503 with Retry-After is the server refusing work it has not started
            return new Verdict(Retryability.RETRYABLE, false, retryAfter);
        }
        return new Verdict(status >= 500 ? Retryability.AMBIGUOUS : Retryability.FATAL, false, retryAfter);
    }

    /** The provider's text on one line and at most {@value #MAX_TEXT} characters, for an exception message. */
    public static String clip(String s) {
        String one = s.replaceAll("[\\r\\n\\t]+", " ");
        return one.length() > MAX_TEXT ? one.substring(0, MAX_TEXT) + "..." : one;
    }
}
