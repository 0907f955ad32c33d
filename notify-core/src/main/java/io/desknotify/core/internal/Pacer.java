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
 */
final class Pacer {
    private final RateLimiter limiter;
    private final boolean adaptive;
    private final int maxSlowdown;
    private final int recoverAfter;
    private final AtomicInteger slowdown = new AtomicInteger(1);
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicLong pausedUntilNanos = new AtomicLong(System.nanoTime());

    Pacer(String name, RateLimitSettings settings) {
        this.adaptive = settings.adaptive();
        this.maxSlowdown = settings.maxSlowdown();
        this.recoverAfter = settings.recoverAfter();
        if (settings.limited()) {
            Duration slot = settings.period().orElseThrow().dividedBy(settings.permits());
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
        return Math.max(Math.max(wait, 0), pause);
    }

    /** The provider said "too many requests", optionally "retry after". */
    void throttled(Duration retryAfter) {
        successes.set(0);
        if (adaptive) {
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
