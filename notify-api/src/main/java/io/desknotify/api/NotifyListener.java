package io.desknotify.api;

import java.time.Duration;

/**
 * Hears what a notifier does, e.g. to publish metrics. Every method has a no-op default; implementations must be
 * fast, thread-safe and must not throw (a throwing listener is ignored, never allowed to break a job).
 * Arguments carry provider names and outcomes only, never target ids, so they are safe as metric tags.
 */
public interface NotifyListener {

    /** A listener that does nothing. */
    NotifyListener NONE = new NotifyListener() {
    };

    /** A job was accepted; {@code targets} is the number of targets before resolution. */
    default void jobStarted(String jobId, int targets) {
    }

    /**
     * One batch finished, successfully or not, after all its attempts.
     *
     * @param provider the transport name
     * @param kind     the kind of the batch's targets
     * @param size     targets in the batch
     * @param attempts requests sent for it (0 when it was never sent)
     * @param latency  time from the first attempt to the end, including retries
     * @param success  whether the provider accepted the batch
     */
    default void batchFinished(String provider, TargetKind kind, int size, int attempts, Duration latency,
            boolean success) {
    }

    /** A failed attempt of a batch will be retried after {@code delay}. */
    default void retryScheduled(String provider, int attempt, Duration delay, Throwable cause) {
    }

    /** The provider answered "too many requests". */
    default void throttled(String provider, Duration retryAfter) {
    }

    /** {@code count} targets reached a final outcome. Called once per target of every job. */
    default void targetsFinished(String provider, Outcome outcome, int count) {
    }

    /** A job finished. */
    default void jobFinished(JobReport report) {
    }
}
