package io.desknotify.api;

import java.util.concurrent.CompletableFuture;

/**
 * A running or finished send. Thread-safe.
 *
 * <pre>{@code
 * NotificationJob job = notifier.send(notification, targets);
 * job.progress();                              // counts so far
 * JobReport report = job.completion().join();  // when every target has a final outcome
 * }</pre>
 */
public interface NotificationJob {

    /** The job's id, unique within a notifier. */
    String id();

    /** A snapshot of the counts so far. */
    JobProgress progress();

    /**
     * Completes with the report once every target has a final outcome. It completes normally even when targets
     * failed or the job was cancelled; it completes exceptionally only on a bug in the library. Cancelling the
     * returned future does not cancel the job: use {@link #cancel()}.
     */
    CompletableFuture<JobReport> completion();

    /**
     * Stops sending: batches not yet sent are not sent and their targets become {@link Outcome#CANCELLED}.
     * Batches already on the wire finish normally.
     *
     * @return true if this call cancelled the job, false if it had already finished or been cancelled
     */
    boolean cancel();
}
