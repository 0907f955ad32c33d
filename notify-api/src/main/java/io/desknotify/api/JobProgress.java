package io.desknotify.api;

/**
 * A snapshot of a running job.
 *
 * @param jobId   the job
 * @param targets targets known so far (grows while users and pools are resolved)
 * @param counts  targets per outcome so far; targets not yet sent are in no count
 */
public record JobProgress(String jobId, long targets, OutcomeCounts counts) {

    /**
     * Targets with a final outcome so far.
     *
     * @return the targets counted in any outcome but {@link Outcome#PENDING}
     */
    public long done() {
        return counts.total() - counts.get(Outcome.PENDING);
    }
}
