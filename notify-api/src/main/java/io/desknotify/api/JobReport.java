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
     * @param failure the error that stopped the whole job early (e.g. an authentication failure), or {@code null}
     */
    public static JobReport of(String jobId, JobStatus status, OutcomeCounts counts, Instant startedAt,
            Instant finishedAt, NotifyException failure) {
        return new JobReport(jobId, status, counts, startedAt, finishedAt, failure);
    }

    public String jobId() {
        return jobId;
    }

    public JobStatus status() {
        return status;
    }

    /** Number of targets that ended in the given outcome. */
    public long count(Outcome outcome) {
        return counts.get(outcome);
    }

    public OutcomeCounts counts() {
        return counts;
    }

    /** Number of targets in the job, after users and pools were resolved. */
    public long targets() {
        return counts.total();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** The error that stopped the whole job early, such as rejected credentials. */
    public Optional<NotifyException> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String toString() {
        return "JobReport{jobId=" + jobId + ", status=" + status + ", counts=" + counts + ", duration="
                + duration() + (failure != null ? ", failure=" + failure.getMessage() : "") + '}';
    }
}
