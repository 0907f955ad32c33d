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
    private final Outcome outcome;
    // everything but target and outcome, shared by the records one builder makes in a row: a job's records
    // for a batch differ only in target (and sometimes outcome), so a million records cost one small object each
    private final Details details;

    private record Details(String jobId, String provider, String providerJobId, String errorCode,
            String errorMessage, String requestId, int attempts, Instant firstAttemptAt, Instant updatedAt) {
    }

    private DeliveryRecord(Target target, Outcome outcome, Details details) {
        this.target = target;
        this.outcome = outcome;
        this.details = details;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().target(target).outcome(outcome);
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

    public String jobId() {
        return details.jobId;
    }

    /** The target as delivered: a desktop or session, or the requested target when it could not be resolved. */
    public Target target() {
        return target;
    }

    /** The name of the transport that handled the target. */
    public String provider() {
        return details.provider;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The provider's own job id (e.g. Huawei's {@code job_id}), if it returned one. */
    public Optional<String> providerJobId() {
        return Optional.ofNullable(details.providerJobId);
    }

    /** The provider's or the library's error code for a target that was not delivered. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(details.errorCode);
    }

    public Optional<String> errorMessage() {
        return Optional.ofNullable(details.errorMessage);
    }

    /** The provider's request id of the last request for this target (e.g. {@code X-Request-Id}). */
    public Optional<String> requestId() {
        return Optional.ofNullable(details.requestId);
    }

    /** How many times the request carrying this target was sent; 0 when it never was. */
    public int attempts() {
        return details.attempts;
    }

    /** When the first request carrying this target was sent, if it was. */
    public Optional<Instant> firstAttemptAt() {
        return Optional.ofNullable(details.firstAttemptAt);
    }

    public Instant updatedAt() {
        return details.updatedAt;
    }

    /**
     * Whether this record and {@code other} differ at most in target and outcome: same job, provider, provider job,
     * error, request id, attempts and times. A {@link io.desknotify.api.spi.RecordStore} can keep such records
     * (a batch's records usually are) as one record plus each target and outcome. Cheap when both came from one
     * {@link Builder} in a row.
     */
    public boolean sameDetailsAs(DeliveryRecord other) {
        return details == other.details || details.equals(other.details);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryRecord r && target.equals(r.target) && outcome == r.outcome
                && details.equals(r.details);
    }

    @Override
    public int hashCode() {
        return Objects.hash(details.jobId, target, outcome, details.attempts);
    }

    @Override
    public String toString() {
        Details d = details;
        return "DeliveryRecord{jobId=" + d.jobId + ", target=" + target + ", provider=" + d.provider + ", outcome="
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

        public Builder jobId(String jobId) {
            if (jobId != this.jobId) {
                this.jobId = jobId;
                details = null;
            }
            return this;
        }

        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        public Builder provider(String provider) {
            if (provider != this.provider) {
                this.provider = provider;
                details = null;
            }
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder providerJobId(String providerJobId) {
            if (providerJobId != this.providerJobId) {
                this.providerJobId = providerJobId;
                details = null;
            }
            return this;
        }

        public Builder error(String errorCode, String errorMessage) {
            if (errorCode != this.errorCode || errorMessage != this.errorMessage) {
                this.errorCode = errorCode;
                this.errorMessage = errorMessage;
                details = null;
            }
            return this;
        }

        public Builder requestId(String requestId) {
            if (requestId != this.requestId) {
                this.requestId = requestId;
                details = null;
            }
            return this;
        }

        public Builder attempts(int attempts) {
            Checks.requireNonNegative(attempts, "attempts");
            if (attempts != this.attempts) {
                this.attempts = attempts;
                details = null;
            }
            return this;
        }

        public Builder firstAttemptAt(Instant firstAttemptAt) {
            if (firstAttemptAt != this.firstAttemptAt) {
                this.firstAttemptAt = firstAttemptAt;
                details = null;
            }
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            if (updatedAt != this.updatedAt) {
                this.updatedAt = updatedAt;
                details = null;
            }
            return this;
        }

        /**
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
            return new DeliveryRecord(target, outcome, details);
        }
    }
}
