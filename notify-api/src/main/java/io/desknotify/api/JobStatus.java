package io.desknotify.api;

/**
 * The state of a whole job. A finished job's status follows from its counts, checked in this order:
 * <ol>
 *   <li>{@link #CANCELLED} when {@link NotificationJob#cancel()} returned true for it, or when
 *   {@code Notifier.close()} kept at least one of its targets from being sent;</li>
 *   <li>{@link #SUCCEEDED} when every target is {@link Outcome#DELIVERED} or {@link Outcome#SKIPPED};</li>
 *   <li>{@link #PARTIALLY_SUCCEEDED} when at least one target is {@code DELIVERED} (and others are not);</li>
 *   <li>{@link #FAILED} when none is {@code DELIVERED} and at least one is {@link Outcome#FAILED} (or the job had
 *   no target at all because it could not start);</li>
 *   <li>{@link #UNKNOWN} when none is {@code DELIVERED} or {@code FAILED} and at least one is
 *   {@link Outcome#UNKNOWN}: the provider may well have shown the message to everyone, but did not confirm
 *   it (for example every answer was lost, or its jobs could not be followed to their end).</li>
 * </ol>
 * A job whose targets are partly {@code UNKNOWN} is therefore never {@code FAILED} unless a target failed.
 */
public enum JobStatus {
    /** Still sending or following provider jobs. */
    RUNNING,
    /** Every target was delivered or deliberately skipped. */
    SUCCEEDED,
    /** Some targets were delivered, others failed, are unknown or were cancelled. */
    PARTIALLY_SUCCEEDED,
    /** No target was delivered, and at least one failed. */
    FAILED,
    /** Cancelled before every target was sent (see {@link NotificationJob#cancel()}). */
    CANCELLED,
    /** No target was confirmed delivered and none failed: the outcome of the targets not skipped is unknown. */
    UNKNOWN;

    /**
     * Whether the job has ended.
     *
     * @return true for every status except {@link #RUNNING}
     */
    public boolean isFinal() {
        return this != RUNNING;
    }
}
