package io.desknotify.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one target of one job. Immutable; the record of a target replaces the earlier one when its
 * outcome changes (e.g. from {@link Outcome#PENDING} to {@link Outcome#DELIVERED}).
 */
public final class DeliveryRecord {
    private final Target target;
    // the user or pool the target was resolved from; null when the target was requested as it is, so a job of
    // desktops named directly pays nothing for it
    private final Target requested;
    private final Outcome outcome;
    // everything but target and outcome, shared by the records one builder makes in a row: a job's records
    // for a batch differ only in target (and sometimes outcome), so a million records cost one small object each
    private final Details details;

    private record Details(String jobId, String provider, String providerJobId, String errorCode,
            String errorMessage, String requestId, int attempts, Instant firstAttemptAt, Instant updatedAt) {
    }

    private DeliveryRecord(Target target, Target requested, Outcome outcome, Details details) {
        this.target = target;
        this.requested = requested;
        this.outcome = outcome;
        this.details = details;
    }

    /**
     * Starts a record; job id, target, provider, outcome and updated-at are required.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this record's values, e.g. to build the record that replaces it.
     *
     * @return a new builder pre-filled with every field of this record
     */
    public Builder toBuilder() {
        Builder b = new Builder().target(target).requestedTarget(requested).outcome(outcome);
        b.jobId = details.jobId;
        b.provider = details.provider;
        b.providerJobId = details.providerJobId;
        b.errorCode = details.errorCode;
        b.errorMessage = details.errorMessage;
        b.requestId = details.requestId;
        b.attempts = details.attempts;
        b.firstAttemptAt = details.firstAttemptAt;
        b.updatedAt = details.updatedAt;
        b.details = details;
        return b;
    }

    /**
     * The job this record belongs to.
     *
     * @return the job id
     */
    public String jobId() {
        return details.jobId;
    }

    /**
     * The target as delivered: a desktop or session, or the requested target when it could not be resolved.
     *
     * @return the target
     */
    public Target target() {
        return target;
    }

    /**
     * The target as the caller named it in the send: the user or pool that {@link #target()} was resolved from,
     * or {@link #target()} itself when it was named directly. A desktop reached through two requested users
     * (de-duplicated to one record) names the first of them. When the transport did not say which requested
     * target a resolved one came from, this is {@link #target()} too.
     *
     * @return the requested target, never null
     */
    public Target requestedTarget() {
        return requested != null ? requested : target;
    }

    /**
     * The name of the transport that handled the target.
     *
     * @return the provider name
     */
    public String provider() {
        return details.provider;
    }

    /**
     * What became of the target.
     *
     * @return the outcome
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * The provider's own job id (e.g. Huawei's {@code job_id}), if it returned one.
     *
     * @return the provider job id, or empty
     */
    public Optional<String> providerJobId() {
        return Optional.ofNullable(details.providerJobId);
    }

    /**
     * The provider's or the library's error code for a target that was not delivered.
     *
     * @return the code (e.g. {@code WKS.0002}, {@code CANCELLED}, {@code FOLLOW_UP_FAILED}), or empty
     */
    public Optional<String> errorCode() {
        return Optional.ofNullable(details.errorCode);
    }

    /**
     * A readable reason for a target that was not delivered.
     *
     * @return the reason, or empty
     */
    public Optional<String> errorMessage() {
        return Optional.ofNullable(details.errorMessage);
    }

    /**
     * The provider's request id of the last request for this target (e.g. {@code X-Request-Id}).
     *
     * @return the request id, or empty
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(details.requestId);
    }

    /**
     * How many times the request carrying this target was sent.
     *
     * @return the number of attempts; 0 when it never was sent
     */
    public int attempts() {
        return details.attempts;
    }

    /**
     * When the first request carrying this target was sent, if it was.
     *
     * @return the time of the first attempt, or empty
     */
    public Optional<Instant> firstAttemptAt() {
        return Optional.ofNullable(details.firstAttemptAt);
    }

    /**
     * When this record was written.
     *
     * @return the time of this record's outcome
     */
    public Instant updatedAt() {
        return details.updatedAt;
    }

    /**
     * Whether this record and {@code other} differ at most in target, requested target and outcome: same job,
     * provider, provider job, error, request id, attempts and times. A {@link io.desknotify.api.spi.RecordStore}
     * can keep such records (a batch's records usually are) as one record plus each target (and requested
     * target) and outcome. Cheap when both came from one {@link Builder} in a row.
     *
     * @param other another record
     * @return whether the two share every detail but target, requested target and outcome
     */
    public boolean sameDetailsAs(DeliveryRecord other) {
        return details == other.details || details.equals(other.details);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryRecord r && target.equals(r.target) && outcome == r.outcome
                && requestedTarget().equals(r.requestedTarget()) && details.equals(r.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(details.jobId, target, outcome, details.attempts);
    }

    @Override
    public String toString() {
        Details d = details;
        return "DeliveryRecord{jobId=" + d.jobId + ", target=" + target
                + (requested != null ? ", requestedTarget=" + requested : "") + ", provider=" + d.provider + ", outcome="
                + outcome + (d.providerJobId != null ? ", providerJobId=" + d.providerJobId : "")
                + (d.errorCode != null ? ", errorCode=" + d.errorCode : "")
                + (d.errorMessage != null ? ", errorMessage=" + d.errorMessage : "")
                + (d.requestId != null ? ", requestId=" + d.requestId : "") + ", attempts=" + d.attempts + '}';
    }

    /**
     * Builds {@link DeliveryRecord}s. Not thread-safe. A builder may be reused: records built one after another
     * that differ only in {@link #target} and {@link #outcome} share their other fields, which keeps the records
     * of a large job small.
     */
    public static final class Builder {
        private String jobId;
        private Target target;
        private Target requested;
        private String provider;
        private Outcome outcome;
        private String providerJobId;
        private String errorCode;
        private String errorMessage;
        private String requestId;
        private int attempts;
        private Instant firstAttemptAt;
        private Instant updatedAt;
        /** The details of the last record built, until a field they hold changes. */
        private Details details;

        private Builder() {
        }

        /**
         * The job the record belongs to; required.
         *
         * @param jobId the job id
         * @return this builder
         */
        public Builder jobId(String jobId) {
            if (jobId != this.jobId) {
                this.jobId = jobId;
                details = null;
            }
            return this;
        }

        /**
         * The target as delivered; required.
         *
         * @param target the desktop, session, or the requested target when it could not be resolved
         * @return this builder
         */
        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        /**
         * The target as the caller named it, when {@link #target(Target)} was resolved from it (a user or pool).
         *
         * @param requested the requested target, or {@code null} (or the target itself) when it was named
         *                  directly
         * @return this builder
         */
        public Builder requestedTarget(Target requested) {
            this.requested = requested;
            return this;
        }

        /**
         * The transport that handled the target; required.
         *
         * @param provider the provider name
         * @return this builder
         */
        public Builder provider(String provider) {
            if (provider != this.provider) {
                this.provider = provider;
                details = null;
            }
            return this;
        }

        /**
         * What became of the target; required.
         *
         * @param outcome the outcome
         * @return this builder
         */
        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        /**
         * The provider's own job id.
         *
         * @param providerJobId the id, or {@code null}
         * @return this builder
         */
        public Builder providerJobId(String providerJobId) {
            if (providerJobId != this.providerJobId) {
                this.providerJobId = providerJobId;
                details = null;
            }
            return this;
        }

        /**
         * Why the target was not delivered.
         *
         * @param errorCode    the provider's or the library's code, or {@code null}
         * @param errorMessage a readable reason, or {@code null}
         * @return this builder
         */
        public Builder error(String errorCode, String errorMessage) {
            if (errorCode != this.errorCode || errorMessage != this.errorMessage) {
                this.errorCode = errorCode;
                this.errorMessage = errorMessage;
                details = null;
            }
            return this;
        }

        /**
         * The provider's request id of the last request for the target.
         *
         * @param requestId the request id, or {@code null}
         * @return this builder
         */
        public Builder requestId(String requestId) {
            if (requestId != this.requestId) {
                this.requestId = requestId;
                details = null;
            }
            return this;
        }

        /**
         * How many times the request carrying the target was sent.
         *
         * @param attempts the count, not negative
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder attempts(int attempts) {
            Checks.requireNonNegative(attempts, "attempts");
            if (attempts != this.attempts) {
                this.attempts = attempts;
                details = null;
            }
            return this;
        }

        /**
         * When the first request carrying the target was sent.
         *
         * @param firstAttemptAt the time, or {@code null} when it never was
         * @return this builder
         */
        public Builder firstAttemptAt(Instant firstAttemptAt) {
            if (firstAttemptAt != this.firstAttemptAt) {
                this.firstAttemptAt = firstAttemptAt;
                details = null;
            }
            return this;
        }

        /**
         * When the record is written; required.
         *
         * @param updatedAt the time
         * @return this builder
         */
        public Builder updatedAt(Instant updatedAt) {
            if (updatedAt != this.updatedAt) {
                this.updatedAt = updatedAt;
                details = null;
            }
            return this;
        }

        /**
         * Builds the record.
         *
         * @return the record
         * @throws NullPointerException naming the field when job id, target, provider, outcome or updated-at is
         *                              missing
         */
        public DeliveryRecord build() {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(outcome, "outcome");
            if (details == null) {
                details = new Details(Objects.requireNonNull(jobId, "jobId"),
                        Objects.requireNonNull(provider, "provider"), providerJobId, errorCode, errorMessage,
                        requestId, attempts, firstAttemptAt, Objects.requireNonNull(updatedAt, "updatedAt"));
            }
            return new DeliveryRecord(target, requested == null || requested.equals(target) ? null : requested,
                    outcome, details);
        }
    }
}
