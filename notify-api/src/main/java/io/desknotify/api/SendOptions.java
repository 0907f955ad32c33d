package io.desknotify.api;

import java.time.Duration;
import java.util.Optional;

/**
 * Options of one send. Immutable; {@link #defaults()} sends to every target with no idempotency key and no
 * deadline.
 *
 * <pre>{@code
 * SendOptions options = SendOptions.builder()
 *     .onlyConnected(true)
 *     .idempotencyKey("maintenance-2026-11-22")
 *     .deadline(Duration.ofMinutes(5))
 *     .build();
 * }</pre>
 */
public final class SendOptions {
    private static final SendOptions DEFAULTS = new Builder().build();

    private final boolean onlyConnected;
    private final String idempotencyKey;
    private final Duration deadline;

    private SendOptions(Builder b) {
        this.onlyConnected = b.onlyConnected;
        this.idempotencyKey = b.idempotencyKey;
        this.deadline = b.deadline;
    }

    public static SendOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** When true, only targets with a connected session are sent to; the others are recorded {@link Outcome#SKIPPED}. */
    public boolean onlyConnected() {
        return onlyConnected;
    }

    /**
     * A key that makes the send idempotent: sending again with the same key while the notifier still knows the
     * first job returns that job instead of sending twice.
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /**
     * How long after the send batches may still be sent or retried. Targets not sent by then are recorded
     * {@link Outcome#FAILED} with the error code {@code DEADLINE_EXCEEDED}.
     */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    @Override
    public String toString() {
        return "SendOptions{onlyConnected=" + onlyConnected + ", idempotencyKey=" + idempotencyKey + ", deadline="
                + deadline + '}';
    }

    /** Builds {@link SendOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean onlyConnected;
        private String idempotencyKey;
        private Duration deadline;

        private Builder() {
        }

        public Builder onlyConnected(boolean onlyConnected) {
            this.onlyConnected = onlyConnected;
            return this;
        }

        /** Sets the idempotency key; {@code null} removes it. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey == null ? null : Checks.requireId(idempotencyKey, "idempotencyKey");
            return this;
        }

        /** Sets the deadline, a positive duration from the send; {@code null} removes it. */
        public Builder deadline(Duration deadline) {
            if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
                throw new InvalidRequestException("deadline", "deadline must be positive but was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        public SendOptions build() {
            return new SendOptions(this);
        }
    }
}
