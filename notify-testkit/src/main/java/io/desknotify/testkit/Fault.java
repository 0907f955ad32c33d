package io.desknotify.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * An immutable description of one misbehaviour an emulator can show on a route.
 *
 * <p>Every fault has a {@link Phase}. {@link Phase#BEFORE_PROCESSING} (the default) means
 * the emulator does not act on the request: nothing is shown on any desktop, no job is
 * created. {@link Phase#AFTER_PROCESSING} means the emulator acts first (the notification
 * is shown and journaled, the job exists) and only then misbehaves. Retry logic must treat
 * the two differently, and tests can tell them apart through the {@link Journal}.
 *
 * <table>
 *   <caption>What each kind does</caption>
 *   <tr><th>kind</th><th>before processing</th><th>after processing</th></tr>
 *   <tr><td>{@link #latency}</td><td>waits, then processes and answers normally</td>
 *       <td>processes, then waits before answering (use it to outlast a client timeout)</td></tr>
 *   <tr><td>{@link #throttled}, {@link #serverError}, {@link #serviceUnavailable},
 *       {@link #unauthorized}</td><td>answers the provider's error, nothing happens</td>
 *       <td>processes, then answers the provider's error anyway</td></tr>
 *   <tr><td>{@link #connectionReset}</td><td>closes the connection without answering</td>
 *       <td>processes, then closes the connection without answering</td></tr>
 *   <tr><td>{@link #slowBody}, {@link #stalledBody}, {@link #malformedJson}, {@link #truncatedBody}</td>
 *       <td>answers 200 with a placeholder body, shaped as the fault says</td>
 *       <td>processes, then sends the real answer shaped as the fault says</td></tr>
 * </table>
 *
 * <p>Instances are immutable and thread-safe; the {@code beforeProcessing()} /
 * {@code afterProcessing()} methods return copies.
 *
 * <pre>{@code
 * emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS,
 *         Fault.serverError().afterProcessing(), Trigger.next(1));
 * }</pre>
 */
public final class Fault {

    /** The kinds of faults. */
    public enum Kind {
        /** A delay before or after processing. */
        LATENCY,
        /** HTTP 429 with {@code Retry-After} (and Horizon's {@code X-Rate-Limit-Retry-After-Seconds}). */
        THROTTLED,
        /** HTTP 500 with the provider's error body. */
        SERVER_ERROR,
        /** HTTP 503 with {@code Retry-After}. */
        SERVICE_UNAVAILABLE,
        /** HTTP 401 as for an expired token. */
        UNAUTHORIZED,
        /** The connection is closed without any response: the client sees an {@code IOException}. */
        CONNECTION_RESET,
        /** The response body is written in small pieces spread over a duration. */
        SLOW_BODY,
        /**
         * The status line and headers are sent at once, then no byte of the body for a duration, then the
         * connection is dropped.
         */
        STALLED_BODY,
        /** The response is 200 with a body that is not valid JSON. */
        MALFORMED_JSON,
        /** The response announces a Content-Length but the connection closes half way through the body. */
        TRUNCATED_BODY
    }

    /** Whether the emulator acts on the request before misbehaving. */
    public enum Phase {
        /** The request is not processed: nothing is shown, no job is created. */
        BEFORE_PROCESSING,
        /** The request is processed (shown, journaled) and the fault hits the response. */
        AFTER_PROCESSING
    }

    private final Kind kind;
    private final Phase phase;
    private final Duration duration;

    private Fault(Kind kind, Phase phase, Duration duration) {
        this.kind = kind;
        this.phase = phase;
        this.duration = duration;
    }

    /**
     * A delay.
     *
     * @param delay how long to wait; not negative
     * @return a fault that waits, before processing unless {@link #afterProcessing()} is used
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, Phase.BEFORE_PROCESSING, checkDuration(delay, "delay"));
    }

    /**
     * HTTP 429 in the provider's words: Huawei {@code APIG.0308}, Horizon
     * {@code common.api-throttle-limit.exceeded.error}.
     *
     * @param retryAfter value of {@code Retry-After} (and Horizon's
     *     {@code X-Rate-Limit-Retry-After-Seconds}), rounded up to whole seconds
     * @return the fault
     */
    public static Fault throttled(Duration retryAfter) {
        return new Fault(Kind.THROTTLED, Phase.BEFORE_PROCESSING, checkDuration(retryAfter, "retryAfter"));
    }

    /** @return HTTP 500 with the provider's error body */
    public static Fault serverError() {
        return new Fault(Kind.SERVER_ERROR, Phase.BEFORE_PROCESSING, Duration.ZERO);
    }

    /**
     * HTTP 503 with the provider's error body.
     *
     * @param retryAfter value of {@code Retry-After}, rounded up to whole seconds
     * @return the fault
     */
    public static Fault serviceUnavailable(Duration retryAfter) {
        return new Fault(Kind.SERVICE_UNAVAILABLE, Phase.BEFORE_PROCESSING, checkDuration(retryAfter, "retryAfter"));
    }

    /**
     * HTTP 401 as the provider answers an expired credential: Huawei {@code APIG.0307},
     * Horizon's 401 error body.
     *
     * @return the fault
     */
    public static Fault unauthorized() {
        return new Fault(Kind.UNAUTHORIZED, Phase.BEFORE_PROCESSING, Duration.ZERO);
    }

    /** @return a fault that closes the connection without answering */
    public static Fault connectionReset() {
        return new Fault(Kind.CONNECTION_RESET, Phase.BEFORE_PROCESSING, Duration.ZERO);
    }

    /**
     * A body trickled out over a duration, after the status line and headers were sent.
     *
     * @param total roughly how long writing the body takes
     * @return the fault
     */
    public static Fault slowBody(Duration total) {
        return new Fault(Kind.SLOW_BODY, Phase.BEFORE_PROCESSING, checkDuration(total, "total"));
    }

    /**
     * The status line and headers at once, then nothing: no byte of the announced body arrives for
     * {@code stall}, after which the connection is dropped. A client whose timeout covers only the headers
     * waits for the whole stall.
     *
     * @param stall how long the body is held back; not negative
     * @return the fault
     */
    public static Fault stalledBody(Duration stall) {
        return new Fault(Kind.STALLED_BODY, Phase.BEFORE_PROCESSING, checkDuration(stall, "stall"));
    }

    /** @return a 200 response whose body is not valid JSON */
    public static Fault malformedJson() {
        return new Fault(Kind.MALFORMED_JSON, Phase.BEFORE_PROCESSING, Duration.ZERO);
    }

    /** @return a response cut off half way through its declared Content-Length */
    public static Fault truncatedBody() {
        return new Fault(Kind.TRUNCATED_BODY, Phase.BEFORE_PROCESSING, Duration.ZERO);
    }

    /** @return a copy that strikes before the request is processed (the default) */
    public Fault beforeProcessing() {
        return new Fault(kind, Phase.BEFORE_PROCESSING, duration);
    }

    /** @return a copy that strikes after the request was processed */
    public Fault afterProcessing() {
        return new Fault(kind, Phase.AFTER_PROCESSING, duration);
    }

    /** @return the kind of fault */
    public Kind kind() {
        return kind;
    }

    /** @return when the fault strikes relative to processing */
    public Phase phase() {
        return phase;
    }

    /**
     * @return the delay for {@link Kind#LATENCY}, the Retry-After for {@link Kind#THROTTLED}
     *     and {@link Kind#SERVICE_UNAVAILABLE}, the total time for {@link Kind#SLOW_BODY}, the stall for
     *     {@link Kind#STALLED_BODY}, zero otherwise
     */
    public Duration duration() {
        return duration;
    }

    private static Duration checkDuration(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fault f && f.kind == kind && f.phase == phase && f.duration.equals(duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, phase, duration);
    }

    @Override
    public String toString() {
        return "Fault[" + kind + ", " + phase + (duration.isZero() ? "" : ", " + duration) + "]";
    }
}
