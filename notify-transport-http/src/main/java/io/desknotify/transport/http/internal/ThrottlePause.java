package io.desknotify.transport.http.internal;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.TransportSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait after a throttling answer (HTTP 429) that names no delay of its own: a range from which each pause
 * is drawn at random, so that clients throttled together do not all come back at the same instant. Providers that
 * document no retry header say in words how long to wait (Huawei Cloud: about 2 to 5 seconds); this value holds that
 * advice so the transport can put it on its throttling exception, where the notifier's pacer honours it like a
 * {@code Retry-After}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ThrottlePause {

    /** No pause: a 429 without a retry header carries no delay, and the caller uses its own backoff. */
    public static final ThrottlePause NONE = new ThrottlePause(Duration.ZERO, Duration.ZERO);

    /**
     * The default of every HTTP transport: 2 to 5 s, Huawei Cloud's advice for its throttling answers, which carry no
     * retry header. Horizon documents {@code X-Rate-Limit-Retry-After-Seconds} on every 429, so there it applies
     * only to a 429 from something in between (a proxy, a load balancer) that names no delay.
     */
    public static final ThrottlePause DEFAULT = new ThrottlePause(Duration.ofSeconds(2), Duration.ofSeconds(5));

    /** The builder setting's name, in its exceptions. */
    static final String SETTING = "throttlePause";
    /** The factory settings' keys. */
    public static final String MIN_KEY = "throttle-pause-min";
    /** The factory settings' keys. */
    public static final String MAX_KEY = "throttle-pause-max";

    private final Duration min;
    private final Duration max;

    private ThrottlePause(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    /**
     * A pause drawn uniformly from {@code [min, max]}.
     *
     * @param min the shortest pause, positive
     * @param max the longest pause, at least {@code min}
     * @return the pause
     * @throws IllegalArgumentException naming {@code min} or {@code max} when one is not positive, or when
     *                                  {@code max} is shorter than {@code min}
     * @throws NullPointerException when either is {@code null}
     */
    public static ThrottlePause between(Duration min, Duration max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isZero() || min.isNegative()) {
            throw new IllegalArgumentException("min must be positive but was " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max must not be shorter than min (" + min + ") but was " + max);
        }
        return new ThrottlePause(min, max);
    }

    /**
     * A pause of exactly this length (no jitter).
     *
     * @param pause the pause, positive
     * @return the pause
     * @throws IllegalArgumentException when {@code pause} is not positive
     */
    public static ThrottlePause fixed(Duration pause) {
        return between(pause, pause);
    }

    /**
     * The value of a transport builder's {@code throttlePause(min, max)}: both zero turns the pause off.
     *
     * @param min the shortest pause, positive (or zero together with {@code max})
     * @param max the longest pause, at least {@code min}
     * @return the pause
     * @throws ConfigurationException naming {@code throttlePause} when the range is not valid
     */
    public static ThrottlePause setting(Duration min, Duration max) {
        if (min == null || max == null) {
            throw new ConfigurationException(SETTING, "throttlePause min and max must not be null");
        }
        if (min.isZero() && max.isZero()) {
            return NONE;
        }
        try {
            return between(min, max);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(SETTING, "throttlePause: " + e.getMessage());
        }
    }

    /**
     * The pause a transport factory's settings ask for, {@value #MIN_KEY} and {@value #MAX_KEY} (durations; each
     * defaults to {@link #DEFAULT}'s; both {@code 0s} turn it off), or {@link #DEFAULT} when neither is set.
     *
     * @param settings the factory's settings
     * @return the pause
     * @throws ConfigurationException naming {@value #MIN_KEY} when the range is not valid
     */
    public static ThrottlePause fromSettings(TransportSettings settings) {
        if (settings.get(MIN_KEY).isEmpty() && settings.get(MAX_KEY).isEmpty()) {
            return DEFAULT;
        }
        Duration min = settings.duration(MIN_KEY, DEFAULT.min());
        Duration max = settings.duration(MAX_KEY, DEFAULT.max());
        try {
            return setting(min, max);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(MIN_KEY, "settings '" + MIN_KEY + "' and '" + MAX_KEY + "': "
                    + e.getMessage(), e);
        }
    }

    /** @return the shortest pause ({@link Duration#ZERO} for {@link #NONE}) */
    public Duration min() {
        return min;
    }

    /** @return the longest pause ({@link Duration#ZERO} for {@link #NONE}) */
    public Duration max() {
        return max;
    }

    /** @return true for {@link #NONE} */
    public boolean isNone() {
        return max.isZero();
    }

    /**
     * Draws one pause.
     *
     * @return a duration in {@code [min, max]}, at millisecond precision; {@link Duration#ZERO} for {@link #NONE}
     */
    public Duration next() {
        long lo = min.toMillis();
        long hi = max.toMillis();
        return hi <= lo ? Duration.ofMillis(lo) : Duration.ofMillis(ThreadLocalRandom.current().nextLong(lo, hi + 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThrottlePause p && p.min.equals(min) && p.max.equals(max);
    }

    @Override
    public int hashCode() {
        return min.hashCode() * 31 + max.hashCode();
    }

    @Override
    public String toString() {
        return isNone() ? "ThrottlePause[none]" : "ThrottlePause[" + min + ".." + max + "]";
    }
}
