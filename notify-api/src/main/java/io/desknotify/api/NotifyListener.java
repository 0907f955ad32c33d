package io.desknotify.api;

import java.time.Duration;

/**
 * Hears what a notifier does, e.g. to publish metrics. Every method has a no-op default; implementations must be
 * fast and thread-safe, and are called on the notifier's threads.
 *
 * <h2>A listener that throws</h2>
 * Whatever a listener method throws, {@link RuntimeException} or {@link Error} alike (an {@link AssertionError}
 * from a test, say), is caught, logged at WARNING and otherwise ignored: the job goes on, every target still gets
 * its record, the report counts them all and {@code completion()} completes. The next listener is still called.
 * Only a {@link VirtualMachineError} (such as {@link OutOfMemoryError}) is not caught, because the JVM can no
 * longer be trusted to do anything after it. Throwing is never a way to stop a job: use
 * {@link NotificationJob#cancel()}.
 *
 * <p>Arguments carry provider names and outcomes only, never target ids, so they are safe as metric tags.
 */
public interface NotifyListener {

    /** A listener that does nothing. */
    NotifyListener NONE = new NotifyListener() {
    };

    /**
     * A job was accepted.
     *
     * @param jobId   the job
     * @param targets the number of targets before resolution
     */
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

    /**
     * A failed attempt of a batch will be retried.
     *
     * @param provider the transport name
     * @param attempt  the number of the attempt that failed, from 1
     * @param delay    the wait before the next attempt
     * @param cause    why the attempt failed
     */
    default void retryScheduled(String provider, int attempt, Duration delay, Throwable cause) {
    }

    /**
     * The provider answered "too many requests".
     *
     * @param provider   the transport name
     * @param retryAfter how long the provider asked us to wait, or zero when it did not say
     */
    default void throttled(String provider, Duration retryAfter) {
    }

    /**
     * Targets reached a final outcome. Every target of every job is counted exactly once.
     *
     * @param provider the transport name
     * @param outcome  the final outcome
     * @param count    how many targets reached it
     */
    default void targetsFinished(String provider, Outcome outcome, int count) {
    }

    /**
     * A job finished; called before its {@code completion()} completes.
     *
     * @param report the job's report
     */
    default void jobFinished(JobReport report) {
    }
}
