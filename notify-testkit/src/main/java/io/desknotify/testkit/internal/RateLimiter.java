package io.desknotify.testkit.internal;

import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of an emulator's {@link RequestLimit}s. A request is admitted only when every limit that applies to
 * its route admits it, and then takes from all of them; a refused request takes from none (gateways do not count
 * what they refuse). One lock over all limits makes that all-or-nothing; the work under it is a few arithmetic
 * operations, far below what a request costs anyway.
 */
public final class RateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Clock clock;
    /** Immutable; replaced as a whole, under the lock, by {@link #replace}. */
    private volatile List<State> states;

    /**
     * @param limits the limits to enforce; none for no limit
     * @param clock the time source (the emulator's clock, so tests decide when windows end)
     */
    public RateLimiter(List<RequestLimit> limits, Clock clock) {
        this.clock = clock;
        this.states = statesOf(limits);
    }

    private static List<State> statesOf(List<RequestLimit> limits) {
        List<State> all = new ArrayList<>();
        for (RequestLimit l : limits) {
            all.add(switch (l.kind()) {
                case FIXED_WINDOW -> new FixedWindow(l);
                case SLIDING_WINDOW -> new SlidingWindow(l);
                case TOKEN_BUCKET -> new TokenBucket(l);
            });
        }
        return List.copyOf(all);
    }

    /**
     * Replaces every limit at once, as a gateway reconfigured while it serves: the new limits start afresh (empty
     * windows, full buckets); what the old ones counted is forgotten. A request being admitted meanwhile is
     * judged by either the old limits or the new ones, never by a mix.
     *
     * @param limits the limits to enforce from now on; none for no limit
     */
    public void replace(List<RequestLimit> limits) {
        List<State> fresh = statesOf(limits);
        synchronized (this) {
            states = fresh;
        }
    }

    /** @return true when no limit is configured */
    public boolean isEmpty() {
        return states.isEmpty();
    }

    /**
     * Admits a request or tells how long until it would be admitted.
     *
     * @param route the matched route
     * @return 0 when admitted (and counted); otherwise whole seconds to wait, at least 1
     */
    public long admit(Route route) {
        if (states.isEmpty()) {
            return 0;
        }
        long now = nanos(clock.instant());
        synchronized (this) {
            long wait = 0;
            for (State s : states) {
                if (s.limit.appliesTo(route)) {
                    wait = Math.max(wait, s.waitNanos(now));
                }
            }
            if (wait > 0) {
                return Math.max(1, (wait + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
            }
            for (State s : states) {
                if (s.limit.appliesTo(route)) {
                    s.take(now);
                }
            }
            return 0;
        }
    }

    /**
     * What is left of a limit.
     *
     * @param requests requests it would admit now, at least 0
     * @param capacity its capacity
     */
    public record Remaining(long requests, int capacity) { }

    /**
     * @param route the matched route
     * @return what is left of the limit on the route with the fewest requests left; empty when none applies
     */
    public java.util.Optional<Remaining> remaining(Route route) {
        if (states.isEmpty()) {
            return java.util.Optional.empty();
        }
        long now = nanos(clock.instant());
        synchronized (this) {
            Remaining least = null;
            for (State s : states) {
                if (s.limit.appliesTo(route)) {
                    s.waitNanos(now); // brings windows and buckets up to now
                    long left = Math.max(0, s.left());
                    if (least == null || left < least.requests()) {
                        least = new Remaining(left, s.limit.capacity());
                    }
                }
            }
            return java.util.Optional.ofNullable(least);
        }
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * NANOS_PER_SECOND + t.getNano();
    }

    /** The state of one limit; called under the limiter's lock. */
    private abstract static class State {
        final RequestLimit limit;

        State(RequestLimit limit) {
            this.limit = limit;
        }

        /** @return 0 when a request at {@code now} may be taken, else nanoseconds until it may */
        abstract long waitNanos(long now);

        abstract void take(long now);

        /** @return requests admitted now, after {@link #waitNanos} brought the state up to now */
        abstract long left();
    }

    private static final class FixedWindow extends State {
        private final long window;
        private boolean started;
        private long start;
        private int used;

        FixedWindow(RequestLimit limit) {
            super(limit);
            this.window = limit.window().toNanos();
        }

        @Override
        long waitNanos(long now) {
            if (!started || now - start >= window || now < start) {
                // the window starts with the first request after the previous one ended
                started = true;
                start = now;
                used = 0;
            }
            return used < limit.capacity() ? 0 : start + window - now;
        }

        @Override
        void take(long now) {
            used++;
        }

        @Override
        long left() {
            return limit.capacity() - used;
        }
    }

    private static final class SlidingWindow extends State {
        private final long window;
        private final ArrayDeque<Long> admitted = new ArrayDeque<>();

        SlidingWindow(RequestLimit limit) {
            super(limit);
            this.window = limit.window().toNanos();
        }

        @Override
        long waitNanos(long now) {
            while (!admitted.isEmpty() && now - admitted.peekFirst() >= window) {
                admitted.pollFirst();
            }
            return admitted.size() < limit.capacity() ? 0 : admitted.peekFirst() + window - now;
        }

        @Override
        void take(long now) {
            admitted.addLast(now);
        }

        @Override
        long left() {
            return limit.capacity() - admitted.size();
        }
    }

    private static final class TokenBucket extends State {
        private final double perNano;
        private double tokens;
        private boolean started;
        private long last;

        TokenBucket(RequestLimit limit) {
            super(limit);
            this.perNano = limit.refillPerSecond() / NANOS_PER_SECOND;
            this.tokens = limit.capacity();
        }

        @Override
        long waitNanos(long now) {
            if (started && now > last) {
                tokens = Math.min(limit.capacity(), tokens + (now - last) * perNano);
            }
            if (!started || now > last) {
                started = true;
                last = now;
            }
            // a little slack so that a refill of exactly one token is not lost to rounding
            return tokens >= 1.0 - 1e-9 ? 0 : (long) Math.ceil((1.0 - tokens) / perNano);
        }

        @Override
        void take(long now) {
            tokens = Math.max(0.0, tokens - 1.0);
        }

        @Override
        long left() {
            return (long) Math.floor(tokens + 1e-9);
        }
    }
}
