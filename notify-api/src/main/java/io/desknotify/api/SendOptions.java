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

    /**
     * The options of a send that sets none.
     *
     * @return options that send to every target, with no idempotency key and no deadline
     */
    public static SendOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Starts options from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * When true, only targets with a connected session are sent to; the others are recorded
     * {@link Outcome#SKIPPED}.
     *
     * @return whether only connected targets are sent to
     */
    public boolean onlyConnected() {
        return onlyConnected;
    }

    /**
     * A key that makes the send idempotent: sending again with the same key and the same request (the same
     * notification, the same targets in any order, the same options) while the notifier still knows the first
     * job returns that job instead of sending twice. The same key with another request is refused with an
     * {@link IdempotencyKeyConflictException}.
     *
     * @return the key, or empty
     */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /**
     * How long after the send batches may still be sent or retried. Targets not sent by then are recorded
     * {@link Outcome#FAILED} with the error code {@code DEADLINE_EXCEEDED}.
     *
     * @return the deadline, or empty for none
     */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Equal when every option is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SendOptions other && onlyConnected == other.onlyConnected
                && java.util.Objects.equals(idempotencyKey, other.idempotencyKey)
                && java.util.Objects.equals(deadline, other.deadline);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(onlyConnected, idempotencyKey, deadline);
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

        /**
         * Sends only to targets connected now; off unless set.
         *
         * @param onlyConnected whether to skip targets that are not connected
         * @return this builder
         */
        public Builder onlyConnected(boolean onlyConnected) {
            this.onlyConnected = onlyConnected;
            return this;
        }

        /**
         * Sets the idempotency key.
         *
         * @param idempotencyKey the key, single-line, at most 512 chars; {@code null} removes it
         * @return this builder
         * @throws InvalidRequestException with field {@code idempotencyKey} when blank or malformed
         */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = idempotencyKey == null ? null : Checks.requireId(idempotencyKey, "idempotencyKey");
            return this;
        }

        /**
         * Sets the deadline.
         *
         * @param deadline a positive duration from the send; {@code null} removes it
         * @return this builder
         * @throws InvalidRequestException with field {@code deadline} when zero or negative
         */
        public Builder deadline(Duration deadline) {
            if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
                throw new InvalidRequestException("deadline", "deadline must be positive but was " + deadline);
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options
         */
        public SendOptions build() {
            return new SendOptions(this);
        }
    }
}
