package io.desknotify.core;

import java.time.Duration;
import java.util.Optional;

/**
 * How fast a notifier may call one provider. Every request counts (batches, job polls, look-ups) and requests are
 * spread evenly, never in bursts.
 *
 * <ul>
 *   <li>{@link #unlimited()}, the default: no rate of our own, because real providers do not announce theirs
 *       (Huawei Cloud documents none; a Horizon server's are set by its administrator and shared by every client).
 *       The notifier learns the limit from the provider's throttling answers: at the first one it pauses for the
 *       retry-after, counts how many requests the provider accepted in the last second (and in the last two, once
 *       it has sent for longer: one second can straddle two of the provider's fixed windows and hold more than
 *       its limit), and from then on sends at 95% of the lower count, with no second of its own holding more
 *       than that; it probes upwards now and then (rarely, once the same limit has been met again) so that a
 *       raised limit is found too. A first refusal after which requests sent behind it are accepted is taken for
 *       a random one and forgotten. Refusals after that lower the rate only when more than 80% of a window was
 *       refused or 8 came in a row, and, once the provider refuses more than 10% of requests whatever the rate,
 *       only when a window stands clearly out of that share, so that random throttling cannot drive the rate to
 *       nothing; the price is that
 *       a limit that falls by less than that costs refused requests, each waiting its retry-after, until the next
 *       probe measures it again. Set the limit when it is known.</li>
 *   <li>{@link #perSecond(int)} or {@link #of(int, Duration)}: at most that many requests per period, paced 3%
 *       below it, and from 10 permits on so that no window of that length, fixed or sliding, holds more than
 *       {@code permits - 1} of the notifier's requests even when timers jitter: one is left for what a transport
 *       sends on its own (a login, a token renewal), and in the first window of a busy spell one more, for the
 *       request a login delayed. A
 *       throttling answer all the same (the limit is shared with other clients) lowers the rate to 95% of what
 *       the provider accepted, down to 1/{@link #maxSlowdown()} of the limit, and the rate grows back towards the
 *       limit, never above it.</li>
 * </ul>
 * A refused request does not use up an attempt: it goes again after its retry-after while the job's deadline
 * allows. Immutable.
 *
 * <pre>{@code
 * RateLimitSettings.perSecond(10)          // at most 10 requests a second
 * RateLimitSettings.of(600, Duration.ofMinutes(1))
 * RateLimitSettings.unlimited()            // learn the provider's limit from its throttling answers
 * }</pre>
 */
public final class RateLimitSettings {
    private static final RateLimitSettings UNLIMITED = new RateLimitSettings(0, null, true, 32);

    private final int permits;
    private final Duration period;
    private final boolean adaptive;
    private final int maxSlowdown;

    private RateLimitSettings(int permits, Duration period, boolean adaptive, int maxSlowdown) {
        this.permits = permits;
        this.period = period;
        this.adaptive = adaptive;
        this.maxSlowdown = maxSlowdown;
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
        return new RateLimitSettings(permits, period, true, 32);
    }

    /**
     * No rate of our own: the notifier learns the provider's limit from its throttling answers (see the class
     * description). Set the limit with {@link #perSecond} or {@link #of} when it is known: then not even the first
     * request is refused.
     *
     * @return the settings
     */
    public static RateLimitSettings unlimited() {
        return UNLIMITED;
    }

    /**
     * A copy that does (default) or does not adapt to throttling answers. Not adaptive, the told rate is kept and
     * every throttling answer pauses all requests for its retry-after; unlimited and not adaptive, only those
     * pauses brake.
     *
     * @param adaptive whether to adapt the rate to throttling
     * @return the copy
     */
    public RateLimitSettings adaptive(boolean adaptive) {
        return new RateLimitSettings(permits, period, adaptive, maxSlowdown);
    }

    /**
     * A copy with another floor for a told limit's adaptation.
     *
     * @param maxSlowdown the largest factor by which throttling may divide a told rate (at least 1; default 32)
     * @return the copy
     * @throws IllegalArgumentException naming the parameter when less than 1
     */
    public RateLimitSettings maxSlowdown(int maxSlowdown) {
        if (maxSlowdown < 1) {
            throw new IllegalArgumentException("maxSlowdown must be at least 1 but was " + maxSlowdown);
        }
        return new RateLimitSettings(permits, period, adaptive, maxSlowdown);
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
     * The largest factor by which throttling may divide a told rate.
     *
     * @return the factor
     */
    public int maxSlowdown() {
        return maxSlowdown;
    }

    @Override
    public String toString() {
        return limited()
                ? "RateLimitSettings{" + permits + " per " + period + ", adaptive=" + adaptive + '}'
                : "RateLimitSettings{unlimited, adaptive=" + adaptive + '}';
    }
}
