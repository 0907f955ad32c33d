package io.desknotify.core;

import java.time.Duration;

/**
 * How a notifier follows provider jobs (Huawei Workspace's {@code job_id}): when it looks, how long it keeps
 * looking, and when it gives up on a follow-up that keeps failing. Immutable; start from {@link #defaults()} or
 * {@link #custom()}.
 *
 * <h2>Schedule</h2>
 * The first poll of a provider job comes {@link #initialDelay()} after the provider accepted the batch (200 ms by
 * default: most notification jobs end within a second, and the report should be final soon after). Each
 * following poll waits {@link #multiplier()} times longer than the one before (2 by default), up to
 * {@link #maxInterval()} (2 s by default): 200 ms, 400 ms, 800 ms, 1.6 s, 2 s, 2 s, ... A slow provider job
 * thus costs few requests, and a quick one is seen soon.
 *
 * <h2>Giving up</h2>
 * <ul>
 *   <li>A provider job still running {@link #timeout()} after it was accepted (10 min by default) leaves its
 *   targets {@code UNKNOWN} with code {@code PROVIDER_JOB_TIMEOUT}.</li>
 *   <li>A poll fails when its request fails after the notifier's retries of reads (see {@link RetrySettings}).
 *   After {@link #maxConsecutiveFailures()} failed polls in a row (5 by default) the follow-up stops and the
 *   targets are {@code UNKNOWN} with code {@code FOLLOW_UP_FAILED} and the last error in the message: the
 *   provider accepted them and may well have shown them, nobody can tell. A successful poll resets the count.
 *   A rejected credential stops the follow-up at once.</li>
 * </ul>
 *
 * <pre>{@code
 * Notifier.builder().jobPolling(JobPolling.custom()
 *         .initialDelay(Duration.ofMillis(100)).maxInterval(Duration.ofSeconds(5))
 *         .timeout(Duration.ofMinutes(30)).maxConsecutiveFailures(10).build());
 * }</pre>
 */
public final class JobPolling {
    private static final JobPolling DEFAULTS = new Builder().build();

    private final Duration initialDelay;
    private final Duration maxInterval;
    private final double multiplier;
    private final Duration timeout;
    private final int maxConsecutiveFailures;

    private JobPolling(Builder b) {
        this.initialDelay = b.initialDelay;
        this.maxInterval = b.maxInterval;
        this.multiplier = b.multiplier;
        this.timeout = b.timeout;
        this.maxConsecutiveFailures = b.maxConsecutiveFailures;
    }

    /**
     * The defaults: first poll after 200 ms, doubling up to 2 s, timeout 10 min, give up after 5 failed polls in
     * a row.
     *
     * @return the default settings
     */
    public static JobPolling defaults() {
        return DEFAULTS;
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
     * The settings of {@link Notifier.Builder#jobPolling(Duration, Duration)}: polls every {@code interval} at
     * most, the first after the default initial delay or {@code interval} if that is shorter.
     *
     * @param interval the longest wait between two polls
     * @param timeout  how long a provider job is followed
     * @return the settings
     * @throws IllegalArgumentException naming the parameter when one is null, zero or negative
     */
    public static JobPolling every(Duration interval, Duration timeout) {
        Settings.positive(interval, "interval");
        Duration initial = DEFAULTS.initialDelay.compareTo(interval) < 0 ? DEFAULTS.initialDelay : interval;
        return custom().initialDelay(initial).maxInterval(interval).timeout(timeout).build();
    }

    /**
     * The wait before the first poll of a provider job.
     *
     * @return the initial delay
     */
    public Duration initialDelay() {
        return initialDelay;
    }

    /**
     * The longest wait between two polls.
     *
     * @return the maximum interval
     */
    public Duration maxInterval() {
        return maxInterval;
    }

    /**
     * How much longer each wait is than the one before.
     *
     * @return the growth factor, at least 1
     */
    public double multiplier() {
        return multiplier;
    }

    /**
     * How long after the provider accepted a batch its job is followed.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * How many polls in a row may fail before the follow-up stops.
     *
     * @return the count, at least 1
     */
    public int maxConsecutiveFailures() {
        return maxConsecutiveFailures;
    }

    /**
     * The wait before a given poll of one provider job.
     *
     * @param poll the poll's number, from 1
     * @return {@code initialDelay * multiplier^(poll - 1)}, at most {@link #maxInterval()}
     * @throws IllegalArgumentException when {@code poll} is less than 1
     */
    public Duration delayBefore(int poll) {
        if (poll < 1) {
            throw new IllegalArgumentException("poll must be at least 1 but was " + poll);
        }
        double nanos = initialDelay.toNanos() * Math.pow(multiplier, poll - 1);
        long max = maxInterval.toNanos();
        return nanos >= max ? maxInterval : Duration.ofNanos((long) nanos);
    }

    @Override
    public String toString() {
        return "JobPolling{initialDelay=" + initialDelay + ", maxInterval=" + maxInterval + ", multiplier="
                + multiplier + ", timeout=" + timeout + ", maxConsecutiveFailures=" + maxConsecutiveFailures + '}';
    }

    /** Builds {@link JobPolling} settings. Not thread-safe. */
    public static final class Builder {
        private Duration initialDelay = Duration.ofMillis(200);
        private Duration maxInterval = Duration.ofSeconds(2);
        private double multiplier = 2.0;
        private Duration timeout = Duration.ofMinutes(10);
        private int maxConsecutiveFailures = 5;

        private Builder() {
        }

        /**
         * The wait before the first poll; 200 ms unless set.
         *
         * @param initialDelay a positive duration, at most {@link #maxInterval(Duration)}
         * @return this builder
         * @throws IllegalArgumentException when null, zero or negative
         */
        public Builder initialDelay(Duration initialDelay) {
            this.initialDelay = Settings.positive(initialDelay, "initialDelay");
            return this;
        }

        /**
         * The longest wait between two polls; 2 s unless set.
         *
         * @param maxInterval a positive duration
         * @return this builder
         * @throws IllegalArgumentException when null, zero or negative
         */
        public Builder maxInterval(Duration maxInterval) {
            this.maxInterval = Settings.positive(maxInterval, "maxInterval");
            return this;
        }

        /**
         * How much longer each wait is than the one before; 2 unless set, 1 for a fixed interval.
         *
         * @param multiplier at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1, infinite or NaN
         */
        public Builder multiplier(double multiplier) {
            this.multiplier = Settings.atLeastOne(multiplier, "multiplier");
            return this;
        }

        /**
         * How long a provider job is followed; 10 min unless set.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException when null, zero or negative
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Settings.positive(timeout, "timeout");
            return this;
        }

        /**
         * How many polls in a row may fail (each after its read retries) before the follow-up stops and the
         * targets become {@code UNKNOWN} with code {@code FOLLOW_UP_FAILED}; 5 unless set.
         *
         * @param maxConsecutiveFailures 1 to 1000
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder maxConsecutiveFailures(int maxConsecutiveFailures) {
            if (maxConsecutiveFailures < 1 || maxConsecutiveFailures > 1000) {
                throw new IllegalArgumentException("maxConsecutiveFailures must be between 1 and 1000 but was "
                        + maxConsecutiveFailures);
            }
            this.maxConsecutiveFailures = maxConsecutiveFailures;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException when {@code initialDelay} exceeds {@code maxInterval}
         */
        public JobPolling build() {
            if (initialDelay.compareTo(maxInterval) > 0) {
                throw new IllegalArgumentException("initialDelay (" + initialDelay + ") must not exceed maxInterval ("
                        + maxInterval + ")");
            }
            return new JobPolling(this);
        }
    }
}
