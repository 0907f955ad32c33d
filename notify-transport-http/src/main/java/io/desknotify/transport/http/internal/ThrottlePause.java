package io.desknotify.transport.http.internal;

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
