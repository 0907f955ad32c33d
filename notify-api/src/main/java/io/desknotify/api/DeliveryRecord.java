package io.desknotify.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one target of one job. Immutable; the record of a target replaces the earlier one when its
 * outcome changes (e.g. from {@link Outcome#PENDING} to {@link Outcome#DELIVERED}).
 */
public final class DeliveryRecord {
    private final String jobId;
    private final Target target;
    private final String provider;
    private final Outcome outcome;
    private final String providerJobId;
    private final String errorCode;
    private final String errorMessage;
    private final String requestId;
    private final int attempts;
    private final Instant firstAttemptAt;
    private final Instant updatedAt;

    private DeliveryRecord(Builder b) {
        this.jobId = Objects.requireNonNull(b.jobId, "jobId");
        this.target = Objects.requireNonNull(b.target, "target");
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.outcome = Objects.requireNonNull(b.outcome, "outcome");
        this.providerJobId = b.providerJobId;
        this.errorCode = b.errorCode;
        this.errorMessage = b.errorMessage;
        this.requestId = b.requestId;
        this.attempts = b.attempts;
        this.firstAttemptAt = b.firstAttemptAt;
        this.updatedAt = Objects.requireNonNull(b.updatedAt, "updatedAt");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().jobId(jobId).target(target).provider(provider).outcome(outcome)
                .providerJobId(providerJobId).error(errorCode, errorMessage).requestId(requestId)
                .attempts(attempts).firstAttemptAt(firstAttemptAt).updatedAt(updatedAt);
    }

    public String jobId() {
        return jobId;
    }

    /** The target as delivered: a desktop or session, or the requested target when it could not be resolved. */
    public Target target() {
        return target;
    }

    /** The name of the transport that handled the target. */
    public String provider() {
        return provider;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The provider's own job id (e.g. Huawei's {@code job_id}), if it returned one. */
    public Optional<String> providerJobId() {
        return Optional.ofNullable(providerJobId);
    }

    /** The provider's or the library's error code for a target that was not delivered. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public Optional<String> errorMessage() {
        return Optional.ofNullable(errorMessage);
    }

    /** The provider's request id of the last request for this target (e.g. {@code X-Request-Id}). */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** How many times the request carrying this target was sent; 0 when it never was. */
    public int attempts() {
        return attempts;
    }

    /** When the first request carrying this target was sent, if it was. */
    public Optional<Instant> firstAttemptAt() {
        return Optional.ofNullable(firstAttemptAt);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeliveryRecord r && jobId.equals(r.jobId) && target.equals(r.target)
                && provider.equals(r.provider) && outcome == r.outcome && attempts == r.attempts
                && Objects.equals(providerJobId, r.providerJobId) && Objects.equals(errorCode, r.errorCode)
                && Objects.equals(errorMessage, r.errorMessage) && Objects.equals(requestId, r.requestId)
                && Objects.equals(firstAttemptAt, r.firstAttemptAt) && updatedAt.equals(r.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(jobId, target, outcome, attempts);
    }

    @Override
    public String toString() {
        return "DeliveryRecord{jobId=" + jobId + ", target=" + target + ", provider=" + provider + ", outcome="
                + outcome + (providerJobId != null ? ", providerJobId=" + providerJobId : "")
                + (errorCode != null ? ", errorCode=" + errorCode : "")
                + (errorMessage != null ? ", errorMessage=" + errorMessage : "")
                + (requestId != null ? ", requestId=" + requestId : "") + ", attempts=" + attempts + '}';
    }

    /** Builds {@link DeliveryRecord}s. Not thread-safe. */
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

        private Builder() {
        }

        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder providerJobId(String providerJobId) {
            this.providerJobId = providerJobId;
            return this;
        }

        public Builder error(String errorCode, String errorMessage) {
            this.errorCode = errorCode;
            this.errorMessage = errorMessage;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = Checks.requireNonNegative(attempts, "attempts");
            return this;
        }

        public Builder firstAttemptAt(Instant firstAttemptAt) {
            this.firstAttemptAt = firstAttemptAt;
            return this;
        }

        public Builder updatedAt(Instant updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public DeliveryRecord build() {
            return new DeliveryRecord(this);
        }
    }
}
