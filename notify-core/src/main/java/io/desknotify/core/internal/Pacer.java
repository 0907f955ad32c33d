package io.desknotify.core.internal;

import io.desknotify.core.RateLimitSettings;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces the requests to one provider: a resilience4j rate limiter handing out one permit per slot (so requests
 * are spread evenly, never in bursts), a slowdown factor that multiplies the permits each request needs after
 * throttling answers (multiplicative decrease, additive recovery), and a pause honouring a retry-after hint.
 * Never blocks: {@link #reserve()} says how long the caller should wait.
 *
 * <p>Slots are {@value #MARGIN_PERCENT}% longer than {@code period / permits}: providers count requests in
 * fixed windows, and the jitter between our send and their arrival would otherwise push a request into a full
 * window now and then, each time costing a retry-after pause.
 */
final class Pacer {
    static final int MARGIN_PERCENT = 3;

    private final RateLimiter limiter;
    private final long decreaseGapNanos;
    private final AtomicLong lastDecreaseNanos;
    private final boolean adaptive;
    private final int maxSlowdown;
    private final int recoverAfter;
    private final AtomicInteger slowdown = new AtomicInteger(1);
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    Pacer(String name, RateLimitSettings settings) {
        this(name, settings, settings.period().orElse(Duration.ofSeconds(1)));
    }

    /**
     * @param decreaseGap throttling answers closer together than this halve the rate once: the requests in
     *                    flight when a provider starts refusing are all refused, and that is one signal, not many
     */
    Pacer(String name, RateLimitSettings settings, Duration decreaseGap) {
        this.decreaseGapNanos = decreaseGap.toNanos();
        this.lastDecreaseNanos = new AtomicLong(System.nanoTime() - decreaseGapNanos);
        this.adaptive = settings.adaptive();
        this.maxSlowdown = settings.maxSlowdown();
        this.recoverAfter = settings.recoverAfter();
        if (settings.limited()) {
            Duration slot = settings.period().orElseThrow().multipliedBy(100 + MARGIN_PERCENT)
                    .dividedBy(100L * settings.permits());
            this.limiter = RateLimiter.of(name, RateLimiterConfig.custom()
                    .limitForPeriod(1)
                    .limitRefreshPeriod(slot)
                    // reservations never time out: the concurrency bound keeps the queue of reservations short
                    .timeoutDuration(Duration.ofDays(1))
                    .build());
        } else {
            this.limiter = null;
        }
    }

    /** Reserves the right to send one request and returns the nanoseconds to wait before sending it. */
    long reserve() {
        long wait = 0;
        if (limiter != null) {
            wait = limiter.reservePermission(slowdown.get());
            if (wait < 0) {
                // cannot happen with a day-long timeout; be safe rather than send early
                wait = limiter.reservePermission(1);
            }
        }
        long pause = pausedUntilNanos.get() - System.nanoTime();
        // the pause shifts the slot instead of replacing it, so requests reserved during a pause leave one by
        // one after it rather than all at once, into the window of a provider that has just said "too many"
        return Math.max(wait, 0) + Math.max(pause, 0);
    }

    /** The provider said "too many requests", optionally "retry after". */
    void throttled(Duration retryAfter) {
        successes.set(0);
        long now = System.nanoTime();
        long last = lastDecreaseNanos.get();
        if (adaptive && now - last >= decreaseGapNanos && lastDecreaseNanos.compareAndSet(last, now)) {
            slowdown.updateAndGet(s -> Math.min(maxSlowdown, s * 2));
        }
        if (retryAfter != null && !retryAfter.isZero()) {
            long until = System.nanoTime() + retryAfter.toNanos();
            // nanoTime values are compared by difference: they may wrap
            pausedUntilNanos.accumulateAndGet(until, (a, b) -> a - b > 0 ? a : b);
        }
    }

    void succeeded() {
        if (slowdown.get() > 1 && successes.incrementAndGet() >= recoverAfter) {
            successes.set(0);
            slowdown.updateAndGet(s -> Math.max(1, s - 1));
        }
    }

    int slowdown() {
        return slowdown.get();
    }
}
