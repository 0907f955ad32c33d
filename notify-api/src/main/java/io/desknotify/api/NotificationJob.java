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

    /**
     * The job's id, unique within a notifier.
     *
     * @return the id
     */
    String id();

    /**
     * A snapshot of the counts so far.
     *
     * @return the job's progress now
     */
    JobProgress progress();

    /**
     * A future that completes with the report once every target has a final outcome. It completes normally even
     * when targets failed or the job was cancelled; it completes exceptionally only on a bug in the library.
     *
     * <p>Each call returns a new future of the caller's own, a dependent copy of the job's: completing,
     * cancelling or obtruding it ({@code complete}, {@code cancel(true)}, {@code obtrudeValue}, ...) changes
     * that copy only. It does nothing to the job, to the futures other callers hold (of this object, of
     * {@code Notifier.job(id)}, of a second send with the same idempotency key) or to {@code Notifier.close()},
     * which still waits for the job. To stop the job, call {@link #cancel()}.
     *
     * @return a new future completed with the job's report
     */
    CompletableFuture<JobReport> completion();

    /**
     * Stops sending, if anything is left to stop: batches not yet sent (queued, waiting for the rate limiter or
     * for a retry after a failure that provably reached no desktop) are not sent, and their targets are
     * recorded {@link Outcome#CANCELLED}; users and pools still being resolved are not sent to. Requests already
     * on the wire finish normally and their targets keep the outcome their answer gives.
     *
     * <p>Returns true exactly when this call stopped something: the job had not finished, had not been
     * cancelled before, and at least one batch (or resolution) had not been sent yet. The job's report then has
     * the status {@link JobStatus#CANCELLED}, and every target that was not sent is {@code CANCELLED} (targets
     * a resolution in flight settles as {@code SKIPPED} or {@code FAILED} keep that outcome). Returns false
     * when the job had finished, was cancelled already, or every batch had already been sent: the call then
     * changes nothing, no target becomes {@code CANCELLED} through it, and the job ends with the status it would
     * have had.
     *
     * @return whether this call cancelled the job, as defined above
     */
    boolean cancel();
}
