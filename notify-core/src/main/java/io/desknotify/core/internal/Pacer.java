package io.desknotify.core.internal;

import io.desknotify.core.RateLimitSettings;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces the requests of one provider (batches, polls, look-ups alike) and finds the provider's limit when nobody
 * told us. Never blocks: {@link #tryAcquire()} either grants a departure now or says how long to wait.
 *
 * <h2>Spacing</h2>
 * A departure is granted at most every {@code 1 / rate} (a generic cell rate algorithm without burst: after idle
 * the next request may leave at once, the one after it a full interval later), and never while the last window
 * (one second, or the told period) already holds as many departures as the rate allows in one: after a faster
 * spell (the unpaced start, a probe) or a timer that fired late, spacing alone would send into a window the
 * provider has counted full. A told limit of {@code N per
 * period} is paced at {@value #TOLD_MARGIN_PERCENT}% below {@code N / period}, and from {@code N = 10} on low
 * enough that no window of one period, fixed or sliding, holds more than {@code N - 1} departures even when timers
 * fire a little late: the one left is for what the transport sends on its own, such as a login. The first window
 * of a busy spell holds one fewer again: the request a login was sent for reaches the provider after it, up to a
 * spacing late and so closer to the requests granted after it, and a provider's window could otherwise hold the
 * login and one more of ours than was granted in it.
 *
 * <h2>Learning an unannounced limit</h2>
 * Real providers do not announce their limits, so with no rate told the pacer starts unpaced (only the lane's
 * in-flight window bounds it) and learns from throttling answers, counting in windows of one second (or of the
 * told period):
 * <ol>
 *   <li>A throttling answer to a request sent after the last decrease is a new signal; answers to requests sent
 *       before it are the same overflow seen again and change nothing (TCP's one reduction per window).</li>
 *   <li>On a new signal the pacer counts the requests that were accepted and had left in the window before the
 *       refused one: that is what the provider lets through. A trailing window straddles two of a provider's fixed
 *       windows and can hold the limit and the tail of the window before (a limit of 20 read as 22, and a
 *       cruise at 95% of that refused again), so once the pacer has been sending for more than a window the
 *       measure is also taken over up to two windows, and the lower of the two counts. It cruises at
 *       {@value #CRUISE_PERCENT}% of that measure (never above the last rate, never above a told limit, never
 *       below its floor).</li>
 *   <li>It holds the cruise, then probes upwards, slowly for the first seconds (5% a second: an unchanged limit
 *       is met again with one or two refusals), then faster (25% a second: a raised limit is found in seconds).
 *       The first measure, taken in the unpaced burst with answers still in flight, is the least sure and is held
 *       {@code 2 s}; a probe that meets the same limit doubles the hold (from {@code 4 s} up to {@code 16 s}), so
 *       a stable limit is probed rarely and a raised one is found within about 20 s; a different one starts the hold
 *       over.</li>
 *   <li>Refusals while cruising below the limit found mean that the provider refuses at random, or that the
 *       limit is shared and other clients took more of it. They do not lower the rate (on random refusals that
 *       would ratchet it down to nothing) unless more than 80% of a window was refused or
 *       {@value #REFUSED_IN_A_ROW} refusals came in a row (a cruise above the limit is refused in runs until the
 *       provider's window ends; random refusals of even half the requests rarely run that long); the refused
 *       request waits its retry-after, and the next probe, at most 16 s later, measures the limit again. A window
 *       with fewer than {@value #MIN_EVIDENCE} answers says nothing either way. For the same reason no probe
 *       lowers the rate below half the limit found first: a provider whose limit falls further refuses more
 *       requests, each of which waits its retry-after, but the rate stays off the floor.</li>
 *   <li>The first measure is in doubt until a request sent after the refused one, and still in flight when the
 *       refusal came, is refused too: a provider counting a limit refuses those until its window ends. When
 *       {@value #MIN_EVIDENCE} of them are accepted first, the refusal was at random (an injected fault, a hiccup)
 *       and the measure is forgotten: unpaced again, with no pause but the refused request's own retry-after.</li>
 *   <li>Once paced, refusals are a signal only when they stand out of the share the provider refuses anyway: once
 *       more than {@value #BACKGROUND_PERCENT}% of about the last {@value #BACKGROUND_ANSWERS} answers were
 *       refusals, a window must be refused more than three standard deviations above that share to lower the rate
 *       or end a probe. A provider that refuses at random refuses the same share whatever we send, so lowering
 *       the rate gains nothing, and the probes grow past such refusals instead of being knocked back by each.</li>
 *   <li>The measure is completed by the answers still in flight when the refusal came: the first answers to
 *       requests of the counted window raise the cruise to what they add.</li>
 *   <li>A retry-after pauses every request only when the pacer did not know a rate yet, and for one window at
 *       most; otherwise lowering the rate is the brake, and only the refused request waits its retry-after (the
 *       lane does that). Refusals within half a window after a decrease are the same overflow.</li>
 * </ol>
 * This borrows from AWS SDK's adaptive retry mode (measure the accepted rate on throttling and restart from
 * it), from TCP (one decrease per round, multiplicative probing) and from BBR's rare probing at a known rate.
 * With {@link RateLimitSettings#adaptive(boolean) adaptive(false)} only the told spacing and retry-after pauses
 * apply.
 *
 * <p>Thread-safe; every method is short and synchronized.
 */
final class Pacer {
    static final int TOLD_MARGIN_PERCENT = 3;
    static final int CRUISE_PERCENT = 95;
    static final long HOLD_MIN_NANOS = Duration.ofSeconds(4).toNanos();
    /** The hold after the first measure, the least sure of all (taken in a burst, with answers still in flight). */
    static final long HOLD_FIRST_NANOS = Duration.ofSeconds(2).toNanos();
    static final long HOLD_MAX_NANOS = Duration.ofSeconds(16).toNanos();
    /** The first seconds of a probe grow the rate by 5% a second, then by 25% a second. */
    static final long SLOW_PROBE_NANOS = Duration.ofSeconds(2).toNanos();
    private static final double SLOW_GROWTH = Math.log(1.05) / 1e9;
    private static final double FAST_GROWTH = Math.log(1.25) / 1e9;
    /** Limits within this ratio of each other count as the same limit met again. */
    private static final double SAME_LIMIT = 0.10;
    /** The lowest rate learnt without a told limit: one request a minute. */
    private static final double LEARNT_FLOOR = 1.0 / 60;
    private static final int HISTORY = 8192;
    /** While cruising, a window refused more than this share lowers the rate; less is taken for random refusals. */
    private static final double MOSTLY_REFUSED = 0.8;
    /**
     * While cruising, this many refusals answered in a row, with no acceptance between them, lower the rate: a
     * cruise above the limit (a first measure inflated by a provider's fixed window it straddled) is refused in
     * runs until the window ends, random refusals of even half the requests rarely run this long.
     */
    private static final int REFUSED_IN_A_ROW = 8;
    /**
     * Fewer requests accepted than this in the window of a first refusal measure nothing; fewer answered than this
     * in a window while cruising do not lower the rate.
     */
    private static final int MIN_EVIDENCE = 5;
    /** About how many of the last answers the background share of refusals averages. */
    private static final int BACKGROUND_ANSWERS = 64;
    /** Fewer paced answers than this, or a smaller share refused, say nothing of a background. */
    private static final int BACKGROUND_MIN_ANSWERS = 20;
    private static final int BACKGROUND_PERCENT = 10;

    private final LongSupplier clock;
    private final boolean adaptive;
    /** Requests per second at most (a told limit less the margin), or infinity. */
    private final double ceiling;
    private final double floor;
    /** The window the limit is counted in. */
    private final long windowNanos;

    /** Requests per second now, before probing growth; infinity while nothing limits us. */
    private double rate;
    /** The earliest departure of the next request. */
    private long nextNanos;
    private long pausedUntilNanos;
    private long lastDecreaseNanos;
    private boolean decreasedOnce;
    /**
     * Since when a rate paces us (construction with a told limit, else the first measure): refusals before it were
     * the overflow of the unpaced start, no background.
     */
    private long pacedSinceNanos;
    private boolean pacedSince;
    /**
     * The first measure is in doubt until a request sent after the refused one (and before the decrease) is
     * refused too; this many of those accepted first say the refusal was no limit.
     */
    private boolean doubtingFirst;
    private int acceptedAfterFirst;
    /** A told limit of 10 or more: the first window of a busy spell holds one departure fewer. */
    private final boolean reserveFirstWindow;
    /** The share of paced requests refused, a moving average, and how many paced requests were answered. */
    private double background;
    private int pacedAnswers;
    private long holdNanos = HOLD_MIN_NANOS;
    private long probeFromNanos;
    /** The accepted rate measured at the last decrease. */
    private double measured = Double.NaN;
    /** The limit found at the first refusal, when no rate was known; NaN before. */
    private double firstFound = Double.NaN;
    /** Departure times of accepted requests, a ring; enough for one window at the fastest rate we count. */
    private final long[] accepted = new long[HISTORY];
    private int acceptedNext;
    private int acceptedCount;
    /** Departure times of refused requests, a ring like {@link #accepted}. */
    private final long[] refused = new long[HISTORY];
    private int refusedNext;
    private int refusedCount;
    private int refusedInARow;
    /** Departure times within the last window, oldest first: a ring from {@code departureHead}. */
    private final long[] departures = new long[HISTORY];
    private int departureHead;
    private int departureCount;
    /** The refused request the last decrease measured from, while late answers may still add to its window. */
    private boolean refining;
    private long signalSentNanos;
    private int signalAccepted;
    /** Accepted in the span of up to two windows before the refusal when the measure counts it, else -1. */
    private int signalAcceptedTwo = -1;
    private long signalSpanNanos;
    /** When the requests of the current busy spell began (the first grant after a window without one). */
    private long busySinceNanos;
    private long lastGrantNanos;
    private boolean grantedAny;
    private double signalSendRate;

    Pacer(RateLimitSettings settings) {
        this(settings, System::nanoTime);
    }

    Pacer(RateLimitSettings settings, LongSupplier clock) {
        this.clock = clock;
        this.adaptive = settings.adaptive();
        long now = clock.getAsLong();
        this.nextNanos = now;
        this.pausedUntilNanos = now;
        this.lastDecreaseNanos = now;
        if (settings.limited()) {
            Duration period = settings.period().orElseThrow();
            this.windowNanos = period.toNanos();
            this.ceiling = toldRate(settings.permits(), windowNanos);
            this.floor = ceiling / settings.maxSlowdown();
            this.rate = ceiling;
            this.reserveFirstWindow = settings.permits() >= 10;
            this.pacedSinceNanos = now;
            this.pacedSince = true;
        } else {
            this.windowNanos = Duration.ofSeconds(1).toNanos();
            this.ceiling = Double.POSITIVE_INFINITY;
            this.floor = LEARNT_FLOOR;
            this.rate = Double.POSITIVE_INFINITY;
            this.reserveFirstWindow = false;
        }
        this.probeFromNanos = Long.MAX_VALUE;
    }

    /**
     * Requests per second for a told limit of {@code permits} per window: {@value #TOLD_MARGIN_PERCENT}% below it,
     * and from 10 permits on, low enough that a window holds at most {@code permits - 1} of ours, leaving one for
     * what a transport sends on its own (a login, a token renewal), which the pacer does not see.
     */
    static double toldRate(int permits, long windowNanos) {
        double rate = permits * (100.0 - TOLD_MARGIN_PERCENT) / 100;
        if (permits >= 10) {
            rate = Math.min(rate, (permits - 1) * 0.99);
        }
        return rate * 1e9 / windowNanos;
    }

    /**
     * Takes the right to send one request now, if there is one.
     *
     * @return 0 when granted (the departure is counted), else the nanoseconds until the next grant may be asked
     */
    synchronized long tryAcquire() {
        long now = clock.getAsLong();
        long pause = pausedUntilNanos - now;
        if (pause > 0) {
            return pause;
        }
        double r = currentRate(now);
        if (r == Double.POSITIVE_INFINITY) {
            granted(now);
            return 0;
        }
        long wait = nextNanos - now;
        if (wait > 0) {
            return wait;
        }
        long full = windowFullFor(now, r);
        if (full > 0) {
            return full;
        }
        long interval = (long) Math.ceil(1e9 / r);
        // a grant up to half an interval (at most 2 ms) late still counts from when it was due, so timer delays do
        // not slow the rate down; an earlier one counts from now, so idle time never adds up to a burst
        long tolerance = Math.min(interval / 2, 2_000_000L);
        nextNanos = Math.max(nextNanos, now - tolerance) + interval;
        granted(now);
        return 0;
    }

    /**
     * How long until one more departure keeps every trailing window within what the rate allows in one; 0 now. The
     * spacing alone lets a window hold one more after a timer fired late, and after a faster spell (an unpaced
     * start, a probe) it would send into a window the provider already counted full; no window of ours holding
     * more than the cruise means that no window of the provider's, fixed or sliding, does.
     */
    private long windowFullFor(long now, double r) {
        while (departureCount > 0 && departures[departureHead] - (now - windowNanos) <= 0) {
            departureHead = (departureHead + 1) % HISTORY;
            departureCount--;
        }
        long budget = (long) Math.floor(r * windowNanos / 1e9 + 0.2);
        if (reserveFirstWindow && (!grantedAny || now - lastGrantNanos > windowNanos
                || now - busySinceNanos < windowNanos)) {
            // what a transport sends first on its own (a login) delays the request it was granted for: that one
            // reaches the provider late, closer to the requests granted after it than their spacing, and a
            // window of the provider's can then hold the login and one more of ours than the grants of ours
            budget--;
        }
        budget = Math.max(1, budget);
        if (departureCount < budget) {
            return 0;
        }
        // the oldest departures that must leave the window before one more fits
        int oldest = (int) ((departureHead + departureCount - budget) % HISTORY);
        return Math.max(1, departures[oldest] + windowNanos - now + 1);
    }

    private void granted(long now) {
        if (departureCount == HISTORY) {
            departureHead = (departureHead + 1) % HISTORY;
            departureCount--;
        }
        departures[(departureHead + departureCount) % HISTORY] = now;
        departureCount++;
        if (!grantedAny || now - lastGrantNanos > windowNanos) {
            busySinceNanos = now;
        }
        grantedAny = true;
        lastGrantNanos = now;
    }

    /** The answer to a request sent at {@code sentNanos} came and was not a throttling answer. */
    synchronized void accepted(long sentNanos) {
        refusedInARow = 0;
        answered(sentNanos, false);
        accepted[acceptedNext] = sentNanos;
        acceptedNext = (acceptedNext + 1) % HISTORY;
        if (acceptedCount < HISTORY) {
            acceptedCount++;
        }
        if (doubtingFirst && sentNanos - signalSentNanos > 0) {
            if (lastDecreaseNanos - sentNanos > 0) {
                // sent after the refused request, in flight when the refusal came: a provider counting a limit
                // refuses these too until its window ends, one refusing at random accepts them
                if (++acceptedAfterFirst >= MIN_EVIDENCE) {
                    unlearn();
                    return;
                }
            } else {
                doubtingFirst = false; // paced requests are answered: nothing in flight was left to say otherwise
            }
        }
        if (refining) {
            if (signalSentNanos - sentNanos > 0) {
                // a request of the measured windows that was still in flight when the refusal came
                boolean inOne = sentNanos - (signalSentNanos - windowNanos) > 0;
                boolean inTwo = signalAcceptedTwo >= 0 && sentNanos - (signalSentNanos - signalSpanNanos) > 0;
                if (inOne || inTwo) {
                    signalAccepted += inOne ? 1 : 0;
                    signalAcceptedTwo += inTwo ? 1 : 0;
                    double limit = measure(signalAccepted, signalAcceptedTwo, signalSpanNanos, signalSendRate);
                    if (limit > measured) {
                        measured = limit;
                        rate = clamp(limit * CRUISE_PERCENT / 100);
                    }
                }
            } else {
                refining = false; // requests sent after the refusal are answered: the window's count is complete
            }
        }
    }

    /**
     * The provider refused a request sent at {@code sentNanos} as too many.
     *
     * @param retryAfter the provider's (capped) hint, or null
     */
    synchronized void throttled(long sentNanos, Duration retryAfter) {
        long now = clock.getAsLong();
        refusedInARow++;
        answered(sentNanos, true);
        if (doubtingFirst && sentNanos - signalSentNanos > 0) {
            doubtingFirst = false; // refused after the refused one: the first measure met a limit
        }
        refused[refusedNext] = sentNanos;
        refusedNext = (refusedNext + 1) % HISTORY;
        if (refusedCount < HISTORY) {
            refusedCount++;
        }
        boolean knewNoRate = currentRate(now) == Double.POSITIVE_INFINITY;
        // one decrease per overflow: refusals of requests sent before the last decrease, or within half a window
        // after it (a full fixed window refuses everything until it ends), are the same overflow seen again
        if (adaptive && sentNanos - lastDecreaseNanos >= 0
                && (!decreasedOnce || now - lastDecreaseNanos >= windowNanos / 2)) {
            decrease(now, sentNanos);
        }
        if (retryAfter != null && !retryAfter.isZero() && (!adaptive || knewNoRate)) {
            // adaptive, the pause is at most one window: the limit counts in windows, and the refused request
            // itself still waits its whole retry-after before it goes again
            long pause = adaptive ? Math.min(retryAfter.toNanos(), windowNanos) : retryAfter.toNanos();
            long until = now + pause;
            // nanoTime values are compared by difference: they may wrap
            if (until - pausedUntilNanos > 0) {
                pausedUntilNanos = until;
            }
        }
    }

    private void decrease(long now, long sentNanos) {
        double sendRate = currentRate(sentNanos);
        boolean overshoot = sendRate == Double.POSITIVE_INFINITY
                || probeFromNanos != Long.MAX_VALUE && sentNanos - probeFromNanos > 0;
        int count = within(accepted, acceptedCount, sentNanos - windowNanos, sentNanos);
        int no = within(refused, refusedCount, sentNanos - windowNanos, sentNanos);
        if (sendRate != Double.POSITIVE_INFINITY && !standsOut(no, count)) {
            // the provider refuses this share of our requests whatever we send: no limit we could keep below
            return;
        }
        if (!overshoot && !Double.isNaN(measured)) {
            // refused while cruising below the limit found: the provider refuses at random, or the limit is shared
            // and others took more of it; lowering the rate on every random refusal would ratchet it down to
            // nothing, so only a window refused mostly (the limit is well below the cruise) lowers it, and only a
            // window with enough answers to say so (at a low rate one refusal of one request is a whole window);
            // otherwise the refused request waits its retry-after, and the next probe measures the limit again
            if (no + count < MIN_EVIDENCE
                    || no <= MOSTLY_REFUSED * (no + count) && refusedInARow < REFUSED_IN_A_ROW) {
                return;
            }
        }
        // what got through in one window is the limit, however early in the window the refusal came: a provider
        // counting N a window lets N through at once and then refuses, so N over the time it took is no rate
        // one trailing window can straddle two fixed windows of the provider's and hold the limit plus the tail of
        // the window before (a limit of 20 read as 21, and a cruise at 95% of that refused again); over two windows
        // the straddle weighs half. Two windows of this spell of sending: before it, idle time measures nothing
        long span = grantedAny && now - lastGrantNanos < windowNanos
                ? Math.min(2 * windowNanos, sentNanos - busySinceNanos) : 0;
        int countTwo = span > windowNanos ? within(accepted, acceptedCount, sentNanos - span, sentNanos) : -1;
        double got = measure(count, countTwo, span, Double.POSITIVE_INFINITY);
        signalSentNanos = sentNanos;
        signalAccepted = count;
        signalAcceptedTwo = countTwo;
        signalSpanNanos = span;
        signalSendRate = sendRate;
        refining = true;
        double limit = Math.min(got > 0 ? got : sendRate / 2, sendRate);
        if (sendRate == Double.POSITIVE_INFINITY && count < MIN_EVIDENCE) {
            // a refusal among the very first requests (an injected fault, a limit others used up): too little got
            // through to measure a rate from, so the retry-after pause is the only brake
            limit = Double.POSITIVE_INFINITY;
        }
        lastDecreaseNanos = now;
        decreasedOnce = true;
        if (limit == Double.POSITIVE_INFINITY) {
            // refused before anything got through, with no rate to halve: nothing to learn from yet, the
            // retry-after pause is the brake, and the next refusal of a request sent after it measures again
            return;
        }
        if (sendRate == Double.POSITIVE_INFINITY) {
            firstFound = limit;
            pacedSinceNanos = now;
            pacedSince = true;
            doubtingFirst = true;
            acceptedAfterFirst = 0;
        } else if (overshoot && !Double.isNaN(firstFound)) {
            // a probe refused at random measures only what got through: never below half the first limit found
            limit = Math.max(limit, firstFound / 2);
        }
        boolean same = !Double.isNaN(measured) && Math.abs(limit - measured) <= SAME_LIMIT * measured;
        holdNanos = same ? Math.min(HOLD_MAX_NANOS, holdNanos * 2)
                : sendRate == Double.POSITIVE_INFINITY ? HOLD_FIRST_NANOS : HOLD_MIN_NANOS;
        if (same && countTwo < 0) {
            // one window counted across two fixed windows of the provider can hold more than its limit: meeting the
            // same limit again in one window never raises the estimate (a count over two may correct it)
            limit = Math.min(limit, measured);
        }
        measured = limit;
        rate = clamp(limit * CRUISE_PERCENT / 100);
        probeFromNanos = now + holdNanos;
        // a new rate starts now: what the old one reserved ahead is not owed
        nextNanos = Math.min(nextNanos, now + (long) Math.ceil(1e9 / rate));
    }

    /**
     * Forgets the first measure: the requests sent after its refusal were accepted, so it was a refusal at random
     * (an injected fault, a hiccup), and pacing at what got through before it would slow every job down to it.
     * Back to unpaced, without the retry-after pause; the refused request still waits its own.
     */
    private void unlearn() {
        doubtingFirst = false;
        refining = false;
        rate = Double.POSITIVE_INFINITY;
        measured = Double.NaN;
        firstFound = Double.NaN;
        pacedSince = false;
        background = 0;
        pacedAnswers = 0;
        holdNanos = HOLD_MIN_NANOS;
        probeFromNanos = Long.MAX_VALUE;
        long now = clock.getAsLong();
        if (pausedUntilNanos - now > 0) {
            pausedUntilNanos = now;
        }
    }

    /**
     * Whether {@code no} refusals among the {@code no + yes} answers of the window before a refusal stand out of the
     * share the provider refused while we were paced. A provider that refuses a share of requests whatever the rate
     * (injected faults, a limit others use up at random) refuses about that share in every window: lowering the
     * rate does not lower it, and probing past it is no overshoot. Until {@value #BACKGROUND_MIN_ANSWERS} paced
     * requests were answered with at least {@value #BACKGROUND_PERCENT}% refused (an average over about the last
     * {@value #BACKGROUND_ANSWERS}), every refusal stands out; after that a window must be refused more than three
     * standard deviations above that share.
     */
    private boolean standsOut(int no, int yes) {
        if (pacedAnswers < BACKGROUND_MIN_ANSWERS || background * 100 < BACKGROUND_PERCENT) {
            return true;
        }
        int n = no + yes;
        return no > n * background + 3 * Math.sqrt(n * background * (1 - background));
    }

    /** Adds an answer to a request sent at {@code sentNanos} to the background share, if we were paced. */
    private void answered(long sentNanos, boolean refused) {
        if (!pacedSince || sentNanos - pacedSinceNanos < 0) {
            return;
        }
        pacedAnswers++;
        background += ((refused ? 1.0 : 0.0) - background) / Math.min(pacedAnswers, BACKGROUND_ANSWERS);
    }

    /**
     * The limit measured from {@code one} accepted request in the window before a refusal and, unless negative,
     * {@code two} in the two windows before it; never above {@code sendRate}.
     */
    private double measure(int one, int two, long span, double sendRate) {
        double got = one * 1e9 / windowNanos;
        if (two >= 0) {
            got = Math.min(got, two * 1e9 / span);
        }
        return Math.min(got, sendRate);
    }

    private static int within(long[] ring, int size, long fromExclusive, long toInclusive) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            long t = ring[i];
            if (t - fromExclusive > 0 && toInclusive - t >= 0) {
                n++;
            }
        }
        return n;
    }

    /** The rate at {@code now}: the cruise, grown by the probe once the hold is over, capped by the ceiling. */
    private double currentRate(long now) {
        if (rate == Double.POSITIVE_INFINITY || !adaptive) {
            return rate;
        }
        long probing = now - probeFromNanos;
        if (probeFromNanos == Long.MAX_VALUE || probing <= 0) {
            return rate;
        }
        double exponent = SLOW_GROWTH * Math.min(probing, SLOW_PROBE_NANOS)
                + FAST_GROWTH * Math.max(0, probing - SLOW_PROBE_NANOS);
        return Math.min(ceiling, rate * Math.exp(Math.min(exponent, 50)));
    }

    private double clamp(double r) {
        return Math.max(floor, Math.min(ceiling, r));
    }

    /** Requests per second now; infinity when unpaced. For tests. */
    synchronized double rate() {
        return currentRate(clock.getAsLong());
    }

    /** The accepted rate measured at the last decrease, NaN before any. */
    synchronized double measuredLimit() {
        return measured;
    }
}
