package io.desknotify.core;

import java.time.Duration;

/**
 * How failed batches are retried. Immutable; start from {@link #defaults()} or {@link #custom()}.
 *
 * <p>A batch is retried only when the provider provably did not act on it (connection refused, throttled,
 * 503 with a retry hint). A failure after the request was sent (timeout, 5xx) leaves its targets
 * {@link io.desknotify.api.Outcome#UNKNOWN} so that nobody sees the message twice, unless
 * {@link Builder#retryAmbiguous(boolean) at-least-once} delivery is chosen. Delays grow exponentially with full
 * jitter (a random delay between zero and the exponential bound), capped by {@link #maxBackoff()}; a provider's
 * retry-after hint is honoured up to {@link #maxRetryAfter()}.
 */
public final class RetrySettings {
    private static final RetrySettings DEFAULTS = new Builder().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double multiplier;
    private final Duration maxRetryAfter;
    private final boolean retryAmbiguous;

    private RetrySettings(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.multiplier = b.multiplier;
        this.maxRetryAfter = b.maxRetryAfter;
        this.retryAmbiguous = b.retryAmbiguous;
    }

    /**
     * 5 attempts, 200 ms initial backoff doubling up to 30 s, retry-after honoured up to 2 min, at-most-once.
     *
     * @return the default settings
     */
    public static RetrySettings defaults() {
        return DEFAULTS;
    }

    /**
     * No retries: every batch is sent once.
     *
     * @return settings of one attempt
     */
    public static RetrySettings none() {
        return custom().maxAttempts(1).build();
    }

    /**
     * Starts custom settings from the defaults.
     *
     * @return a new builder
     */
    public static Builder custom() {
        return new Builder();
    }

    /**
     * Attempts per batch including the first.
     *
     * @return the attempts
     */
    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * The bound of the first retry's random delay.
     *
     * @return the initial backoff
     */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /**
     * The largest bound of a retry's random delay.
     *
     * @return the maximum backoff
     */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * Growth factor of the backoff bound per attempt.
     *
     * @return the multiplier
     */
    public double multiplier() {
        return multiplier;
    }

    /**
     * The longest provider retry-after hint that is honoured.
     *
     * @return the cap
     */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * True when batches whose fate is unknown are sent again (at-least-once; a target may see the message twice).
     *
     * @return whether ambiguous failures are retried
     */
    public boolean retryAmbiguous() {
        return retryAmbiguous;
    }

    @Override
    public String toString() {
        return "RetrySettings{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", multiplier=" + multiplier + ", maxRetryAfter=" + maxRetryAfter
                + ", retryAmbiguous=" + retryAmbiguous + '}';
    }

    /** Builds {@link RetrySettings}. Not thread-safe. */
    public static final class Builder {
        private int maxAttempts = 5;
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(30);
        private double multiplier = 2.0;
        private Duration maxRetryAfter = Duration.ofMinutes(2);
        private boolean retryAmbiguous;

        private Builder() {
        }

        /**
         * Attempts per batch including the first; 5 unless set.
         *
         * @param maxAttempts 1 to 100
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new IllegalArgumentException("maxAttempts must be between 1 and 100 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * The bound of the first retry's random delay; 200 ms unless set.
         *
         * @param initialBackoff a positive duration
         * @return this builder
         * @throws IllegalArgumentException when null, zero or negative
         */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = Settings.positive(initialBackoff, "initialBackoff");
            return this;
        }

        /**
         * The largest bound of a retry's random delay; 30 s unless set.
         *
         * @param maxBackoff a positive duration
         * @return this builder
         * @throws IllegalArgumentException when null, zero or negative
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = Settings.positive(maxBackoff, "maxBackoff");
            return this;
        }

        /**
         * Growth factor of the backoff bound per attempt; 2 unless set.
         *
         * @param multiplier at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1 or not finite
         */
        public Builder multiplier(double multiplier) {
            this.multiplier = Settings.atLeastOne(multiplier, "multiplier");
            return this;
        }

        /**
         * The longest provider retry-after hint that is honoured; longer hints are cut to it. 2 min unless set.
         *
         * @param maxRetryAfter a positive duration
         * @return this builder
         * @throws IllegalArgumentException when null, zero or negative
         */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = Settings.positive(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        /**
         * Retry batches whose fate is unknown too (at-least-once delivery). Off by default.
         *
         * @param retryAmbiguous whether to retry ambiguous failures
         * @return this builder
         */
        public Builder retryAmbiguous(boolean retryAmbiguous) {
            this.retryAmbiguous = retryAmbiguous;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException when {@code initialBackoff} exceeds {@code maxBackoff}
         */
        public RetrySettings build() {
            if (initialBackoff.compareTo(maxBackoff) > 0) {
                throw new IllegalArgumentException("initialBackoff (" + initialBackoff
                        + ") must not exceed maxBackoff (" + maxBackoff + ")");
            }
            return new RetrySettings(this);
        }
    }
}
