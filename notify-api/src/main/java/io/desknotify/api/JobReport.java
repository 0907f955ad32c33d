package io.desknotify.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a finished job: its status and how many targets ended in each outcome. Details per target are
 * in the delivery records ({@code Notifier.records(...)}). Immutable.
 */
public final class JobReport {
    private final String jobId;
    private final JobStatus status;
    private final OutcomeCounts counts;
    private final Instant startedAt;
    private final Instant finishedAt;
    private final NotifyException failure;

    private JobReport(String jobId, JobStatus status, OutcomeCounts counts, Instant startedAt, Instant finishedAt,
            NotifyException failure) {
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.status = Objects.requireNonNull(status, "status");
        this.counts = Objects.requireNonNull(counts, "counts");
        this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
        this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
        this.failure = failure;
    }

    /**
     * Creates a report.
     *
     * @param jobId      the job
     * @param status     the job's final status
     * @param counts     targets per outcome
     * @param startedAt  when the job was accepted
     * @param finishedAt when its last target got a final outcome
     * @param failure    the error that stopped the whole job early (e.g. an authentication failure), or {@code null}
     * @return the report
     */
    public static JobReport of(String jobId, JobStatus status, OutcomeCounts counts, Instant startedAt,
            Instant finishedAt, NotifyException failure) {
        return new JobReport(jobId, status, counts, startedAt, finishedAt, failure);
    }

    /**
     * The job.
     *
     * @return the job id
     */
    public String jobId() {
        return jobId;
    }

    /**
     * The job's final status, derived from its counts as {@link JobStatus} describes.
     *
     * @return the status
     */
    public JobStatus status() {
        return status;
    }

    /**
     * Number of targets that ended in the given outcome.
     *
     * @param outcome the outcome
     * @return the count
     */
    public long count(Outcome outcome) {
        return counts.get(outcome);
    }

    /**
     * Targets per outcome.
     *
     * @return the counts
     */
    public OutcomeCounts counts() {
        return counts;
    }

    /**
     * Number of targets in the job, after users and pools were resolved.
     *
     * @return the sum of all counts
     */
    public long targets() {
        return counts.total();
    }

    /**
     * When the job was accepted.
     *
     * @return the start time
     */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * When the last target got its final outcome.
     *
     * @return the end time
     */
    public Instant finishedAt() {
        return finishedAt;
    }

    /**
     * How long the job ran.
     *
     * @return the time from start to end
     */
    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /**
     * The error that stopped the whole job early, such as rejected credentials.
     *
     * @return the failure, or empty
     */
    public Optional<NotifyException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "JobReport{jobId=" + jobId + ", status=" + status + ", counts=" + counts + ", duration="
                + duration() + (failure != null ? ", failure=" + failure.getMessage() : "") + '}';
    }
}
