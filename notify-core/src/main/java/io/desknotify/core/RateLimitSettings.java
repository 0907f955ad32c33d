package io.desknotify.core;

import java.time.Duration;
import java.util.Optional;

/**
 * How fast a notifier may call one provider: at most {@code permits} requests (batches, polls, look-ups) per
 * {@code period}, spread evenly over the period rather than in bursts: a provider counting in fixed or in sliding
 * windows then never sees a burst. When the provider still answers "too many requests", the rate is halved (down to
 * 1/{@link #maxSlowdown()} of the limit) and recovers step by step after successes; every throttling answer also
 * pauses the provider for its retry-after. Immutable.
 *
 * <pre>{@code
 * RateLimitSettings.perSecond(10)          // at most 10 requests a second
 * RateLimitSettings.of(600, Duration.ofMinutes(1))
 * RateLimitSettings.unlimited()            // only pauses after the provider's throttling answers
 * }</pre>
 */
public final class RateLimitSettings {
    private static final RateLimitSettings UNLIMITED = new RateLimitSettings(0, null, true, 32, 20);

    private final int permits;
    private final Duration period;
    private final boolean adaptive;
    private final int maxSlowdown;
    private final int recoverAfter;

    private RateLimitSettings(int permits, Duration period, boolean adaptive, int maxSlowdown, int recoverAfter) {
        this.permits = permits;
        this.period = period;
        this.adaptive = adaptive;
        this.maxSlowdown = maxSlowdown;
        this.recoverAfter = recoverAfter;
    }

    /**
     * At most {@code permits} requests per second.
     *
     * @param permits requests per second, at least 1
     * @return the settings
     * @throws IllegalArgumentException when less than 1
     */
    public static RateLimitSettings perSecond(int permits) {
        return of(permits, Duration.ofSeconds(1));
    }

    /**
     * At most {@code permits} requests per {@code period}.
     *
     * @param permits requests per period, at least 1
     * @param period  a positive duration
     * @return the settings
     * @throws IllegalArgumentException naming the parameter when invalid
     */
    public static RateLimitSettings of(int permits, Duration period) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1 but was " + permits);
        }
        Settings.positive(period, "period");
        if (period.toNanos() / permits < 1_000) {
            throw new IllegalArgumentException("rate must be below one million requests per second");
        }
        return new RateLimitSettings(permits, period, true, 32, 20);
    }

    /**
     * No limit of our own. With no rate there is nothing to halve: a throttling answer only pauses the provider for
     * its retry-after (or the transport's throttle pause), after which the waiting requests go out again at once.
     * Set the provider's limit with {@link #perSecond} or {@link #of} when it is known.
     *
     * @return the settings
     */
    public static RateLimitSettings unlimited() {
        return UNLIMITED;
    }

    /**
     * A copy that does (default) or does not slow down after throttling answers.
     *
     * @param adaptive whether to slow down after throttling
     * @return the copy
     */
    public RateLimitSettings adaptive(boolean adaptive) {
        return new RateLimitSettings(permits, period, adaptive, maxSlowdown, recoverAfter);
    }

    /**
     * A copy with other adaptation parameters.
     *
     * @param maxSlowdown  the largest factor by which throttling may divide the rate (at least 1; default 32)
     * @param recoverAfter consecutive successes after which the slowdown factor steps back by one (default 20)
     * @return the copy
     * @throws IllegalArgumentException naming the parameter when less than 1
     */
    public RateLimitSettings adaptation(int maxSlowdown, int recoverAfter) {
        if (maxSlowdown < 1) {
            throw new IllegalArgumentException("maxSlowdown must be at least 1 but was " + maxSlowdown);
        }
        if (recoverAfter < 1) {
            throw new IllegalArgumentException("recoverAfter must be at least 1 but was " + recoverAfter);
        }
        return new RateLimitSettings(permits, period, adaptive, maxSlowdown, recoverAfter);
    }

    /**
     * Whether a limit of our own applies.
     *
     * @return false for {@link #unlimited()}
     */
    public boolean limited() {
        return period != null;
    }

    /**
     * Requests per period.
     *
     * @return the permits; 0 when unlimited
     */
    public int permits() {
        return permits;
    }

    /**
     * The period of the limit.
     *
     * @return the period, or empty when unlimited
     */
    public Optional<Duration> period() {
        return Optional.ofNullable(period);
    }

    /**
     * Whether throttling answers slow the notifier down.
     *
     * @return whether the rate adapts
     */
    public boolean adaptive() {
        return adaptive;
    }

    /**
     * The largest factor by which throttling may divide the rate.
     *
     * @return the factor
     */
    public int maxSlowdown() {
        return maxSlowdown;
    }

    /**
     * Consecutive successes after which the slowdown factor steps back by one.
     *
     * @return the count
     */
    public int recoverAfter() {
        return recoverAfter;
    }

    @Override
    public String toString() {
        return limited()
                ? "RateLimitSettings{" + permits + " per " + period + ", adaptive=" + adaptive + '}'
                : "RateLimitSettings{unlimited, adaptive=" + adaptive + '}';
    }
}
