package io.desknotify.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.desknotify.core.RateLimitSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    /** A clock moved by hand, starting far from zero so that differences, not values, matter. */
    private long now = 1_000_000 * S;

    /** Sends through the pacer as fast as it grants, for {@code nanos}; returns the departure times. */
    private List<Long> sendFor(Pacer pacer, long nanos) {
        List<Long> sent = new ArrayList<>();
        long end = now + nanos;
        while (now - end < 0) {
            long wait = pacer.tryAcquire();
            if (wait == 0) {
                sent.add(now);
            } else {
                now += Math.min(wait, end - now);
            }
        }
        return sent;
    }

    private static int maxInAnyWindow(List<Long> times, long window) {
        int best = 0;
        int from = 0;
        for (int to = 0; to < times.size(); to++) {
            while (times.get(to) - times.get(from) >= window) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    /** A first request long ago, so that a measure covers a whole window. */
    private void longAgo(Pacer pacer) {
        pacer.tryAcquire();
        now += 5 * S;
    }

    @Test
    void aToldLimitLeavesOneRequestOfEveryWindowOfItsPeriodToTheTransportEvenAfterIdle() {
        Pacer pacer = new Pacer(RateLimitSettings.perSecond(20), () -> now);
        List<Long> sent = new ArrayList<>(sendFor(pacer, 3 * S));
        now += 777 * MS; // idle, then go again: the first request may leave at once, the next a full slot later
        sent.addAll(sendFor(pacer, 3 * S));
        assertThat(maxInAnyWindow(sent, S)).isLessThanOrEqualTo(19);
        assertThat(sent.size()).isGreaterThanOrEqualTo(2 * 3 * 18);
    }

    @Test
    void theFirstWindowOfABusySpellUnderAToldLimitHoldsTwoFewerSoALoginAndTheRequestItDelayedFit() {
        Pacer pacer = new Pacer(RateLimitSettings.perSecond(20), () -> now);
        List<Long> first = sendFor(pacer, S);
        assertThat(first).hasSize(18);
        List<Long> sent = new ArrayList<>(first);
        sent.addAll(sendFor(pacer, 4 * S));
        // the first of a spell waits for a login the pacer does not see and reaches the provider up to one
        // spacing late; every provider window then holds at most the login and 19 of ours
        List<Long> arrived = new ArrayList<>(sent);
        long spacing = sent.get(1) - sent.get(0);
        arrived.set(0, sent.get(0) + spacing - 1);
        arrived.add(0, sent.get(0)); // the login
        assertThat(maxInAnyWindow(arrived, S)).isLessThanOrEqualTo(20);
        // after the first window, 19 a window again
        assertThat(maxInAnyWindow(sent.subList(18, sent.size()), S)).isEqualTo(19);
        now += 2 * S; // idle: a new spell
        assertThat(sendFor(pacer, S)).hasSize(18);
    }

    @Test
    void aFirstRefusalFollowedByAcceptedRequestsSentAfterItWasAtRandomAndIsForgotten() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        long start = now;
        for (int i = 0; i < 17; i++) { // unpaced: 17 requests 1 ms apart, all in flight
            assertThat(pacer.tryAcquire()).isZero();
            now += MS;
        }
        for (int i = 0; i < 10; i++) {
            pacer.accepted(start + i * MS);
        }
        pacer.throttled(start + 10 * MS, Duration.ofSeconds(1)); // the 11th refused
        assertThat(pacer.measuredLimit()).isCloseTo(10, within(0.01));
        assertThat(pacer.tryAcquire()).as("paused for the retry-after").isPositive();
        for (int i = 11; i < 15; i++) {
            pacer.accepted(start + i * MS);
        }
        assertThat(pacer.measuredLimit()).as("four accepted after it: still in doubt").isCloseTo(10, within(0.01));
        pacer.accepted(start + 15 * MS);
        assertThat(pacer.measuredLimit()).isNaN();
        assertThat(pacer.rate()).isInfinite();
        assertThat(pacer.tryAcquire()).as("the pause is lifted").isZero();
    }

    @Test
    void aFirstRefusalConfirmedByARefusalOfARequestSentAfterItIsALimit() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        long start = now;
        for (int i = 0; i < 17; i++) {
            pacer.tryAcquire();
            now += MS;
        }
        for (int i = 0; i < 10; i++) {
            pacer.accepted(start + i * MS);
        }
        pacer.throttled(start + 10 * MS, Duration.ofSeconds(1));
        pacer.throttled(start + 11 * MS, Duration.ofSeconds(1));
        for (int i = 12; i < 17; i++) { // the provider's window ended: the rest got through
            pacer.accepted(start + i * MS);
        }
        assertThat(pacer.measuredLimit()).isCloseTo(10, within(0.01));
        assertThat(pacer.rate()).isCloseTo(9.5, within(0.01));
    }

    @Test
    void withNothingToldItDoesNotPaceUntilTheProviderRefuses() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        for (int i = 0; i < 1000; i++) {
            assertThat(pacer.tryAcquire()).isZero();
        }
        assertThat(pacer.rate()).isInfinite();
    }

    @Test
    void theFirstRefusalPausesForTheRetryAfterAndSetsTheRateTo95PercentOfWhatWasAccepted() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        longAgo(pacer);
        // 25 requests in half a second: the provider accepts 20 of them, then refuses
        for (int i = 0; i < 25; i++) {
            assertThat(pacer.tryAcquire()).isZero();
            if (i < 20) {
                pacer.accepted(now);
            }
            now += 20 * MS;
        }
        long refusedSent = now - 5 * 20 * MS;
        pacer.throttled(refusedSent, Duration.ofSeconds(1));
        assertThat(pacer.measuredLimit()).isCloseTo(20, within(0.01));
        assertThat(pacer.rate()).isCloseTo(19, within(0.01));
        long wait = pacer.tryAcquire();
        assertThat(wait).isGreaterThan(900 * MS).isLessThanOrEqualTo(S);
    }

    @Test
    void refusalsOfRequestsSentBeforeTheDecreaseAreTheSameSignalAndLowerNothing() {
        Pacer pacer = new Pacer(RateLimitSettings.perSecond(100), () -> now);
        List<Long> sent = sendFor(pacer, S);
        sent.forEach(pacer::accepted);
        pacer.throttled(sent.get(sent.size() - 1), null);
        double after = pacer.rate();
        for (int i = sent.size() - 20; i < sent.size(); i++) {
            pacer.throttled(sent.get(i), null);
        }
        assertThat(pacer.rate()).isEqualTo(after);
    }

    @Test
    void aRateLoweredByMeasurementIsProbedUpwardsAfterTheHoldAndFindsARaisedLimit() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        longAgo(pacer);
        for (int i = 0; i < 40; i++) {
            pacer.tryAcquire();
            pacer.accepted(now);
            now += 25 * MS; // 40 a second accepted over one second
        }
        pacer.throttled(now - 25 * MS, null);
        assertThat(pacer.rate()).isCloseTo(38, within(0.01));
        now += Pacer.HOLD_FIRST_NANOS - MS;
        assertThat(pacer.rate()).isCloseTo(38, within(0.01));
        now += S + MS;
        assertThat(pacer.rate()).isCloseTo(38 * 1.05, within(0.05));
        // no refusal for a while: the limit was raised, and growth speeds up to find it within seconds
        now += 5 * S;
        assertThat(pacer.rate()).isGreaterThan(38 * 2);
    }

    @Test
    void meetingTheSameLimitAgainDoublesTheHoldSoAStableLimitIsProbedRarely() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        long hold = Pacer.HOLD_FIRST_NANOS; // the first measure, the least sure, is probed soonest
        for (int round = 0; round < 4; round++) {
            // the provider accepts 50 a second, whatever we send
            for (int i = 0; i < 50; i++) {
                pacer.accepted(now - S + (i + 1) * 20 * MS);
            }
            pacer.throttled(now, null);
            double cruise = pacer.rate();
            assertThat(cruise).isCloseTo(47.5, within(0.5));
            now += hold - MS;
            assertThat(pacer.rate()).as("still holding in round %d", round).isEqualTo(cruise);
            now += 2 * MS;
            hold = Math.min(Pacer.HOLD_MAX_NANOS, hold * 2);
            now += S; // probing a little, then refused again at the same limit
        }
        assertThat(hold).isEqualTo(Pacer.HOLD_MAX_NANOS);
    }

    @Test
    void aToldRateIsLoweredByRefusalsButNeverBelowItsFloorAndNeverGrowsAboveTheTold() {
        Pacer pacer = new Pacer(RateLimitSettings.perSecond(100).maxSlowdown(4), () -> now);
        for (int i = 0; i < 10; i++) {
            pacer.throttled(now, null); // nothing accepted at all
            now += 2 * S;
        }
        assertThat(pacer.rate()).isCloseTo(97.0 / 4, within(0.01));
        now += 120 * S;
        assertThat(pacer.rate()).isCloseTo(97.0, within(0.01));
    }

    @Test
    void aRefusalAtAKnownRateLowersItWithoutPausingAndRefusalsWithinHalfAWindowAreTheSameOverflow() {
        Pacer pacer = new Pacer(RateLimitSettings.perSecond(100), () -> now);
        sendFor(pacer, S).forEach(pacer::accepted);
        pacer.throttled(now - MS, Duration.ofSeconds(1));
        double lowered = pacer.rate();
        assertThat(lowered).isLessThan(97);
        // the next departure waits until the last second holds no more than the lowered rate allows (4 of 96 sent
        // in it must leave it, about 50 ms), not for the retry-after
        assertThat(pacer.tryAcquire()).as("lowering the rate is the brake, not a pause").isLessThan(100 * MS);
        now += 100 * MS;
        pacer.throttled(now - MS, Duration.ofSeconds(1));
        assertThat(pacer.rate()).isEqualTo(lowered);
        assertThat(pacer.tryAcquire()).isLessThan(100 * MS);
    }

    @Test
    void answersStillInFlightWhenTheRefusalCameCompleteTheMeasure() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        longAgo(pacer);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pacer.tryAcquire();
            sent.add(now);
            now += 10 * MS;
        }
        // 20 got through, but the answers to the last 8 of them come after the refusal of the 21st
        for (int i = 0; i < 12; i++) {
            pacer.accepted(sent.get(i));
        }
        pacer.throttled(sent.get(20), Duration.ofSeconds(1));
        assertThat(pacer.measuredLimit()).isCloseTo(12, within(0.01));
        for (int i = 12; i < 20; i++) {
            pacer.accepted(sent.get(i));
        }
        assertThat(pacer.measuredLimit()).isCloseTo(20, within(0.01));
        assertThat(pacer.rate()).isCloseTo(19, within(0.01));
        // once a request sent after the refusal is answered, the count is complete
        now += 2 * S;
        pacer.tryAcquire();
        pacer.accepted(now);
        pacer.accepted(sent.get(25));
        assertThat(pacer.measuredLimit()).isCloseTo(20, within(0.01));
    }

    @Test
    void notAdaptiveKeepsTheToldRateAndPausesForEveryRetryAfter() {
        Pacer pacer = new Pacer(RateLimitSettings.perSecond(100).adaptive(false), () -> now);
        pacer.throttled(now, Duration.ofMillis(500));
        assertThat(pacer.rate()).isCloseTo(97.0, within(0.01));
        assertThat(pacer.tryAcquire()).isGreaterThan(400 * MS);
        now += 500 * MS;
        List<Long> sent = sendFor(pacer, S);
        // spaced requests survive the pause instead of collapsing into a burst at its end
        assertThat(maxInAnyWindow(sent, 100 * MS)).isLessThanOrEqualTo(10);
    }

    @Test
    void retryAfterPausesEvenAnUnlimitedNonAdaptivePacer() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited().adaptive(false), () -> now);
        assertThat(pacer.tryAcquire()).isZero();
        pacer.throttled(now, Duration.ofMillis(500));
        assertThat(pacer.tryAcquire()).isGreaterThan(400 * MS);
        assertThat(pacer.rate()).isInfinite();
    }

    @Test
    void aRefusalBeforeAnythingGotThroughLearnsNoRateAndOnlyPauses() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        pacer.tryAcquire();
        pacer.throttled(now, Duration.ofMillis(300));
        assertThat(pacer.rate()).isInfinite();
        assertThat(pacer.tryAcquire()).isGreaterThan(250 * MS);
        now += 300 * MS;
        assertThat(pacer.tryAcquire()).isZero();
    }

    @Test
    void refusalsAtRandomWhileCruisingDoNotRatchetTheRateDown() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        longAgo(pacer);
        for (int i = 0; i < 100; i++) {
            pacer.tryAcquire();
            pacer.accepted(now);
            now += 10 * MS;
        }
        pacer.throttled(now - 10 * MS, null);
        assertThat(pacer.rate()).isCloseTo(95, within(0.01));
        // a provider refusing half of all requests, whatever the rate: every refusal is a new signal
        for (int round = 0; round < 40; round++) {
            long end = now + S;
            int n = 0;
            while (now - end < 0) {
                long wait = pacer.tryAcquire();
                if (wait > 0) {
                    now += wait;
                    continue;
                }
                if (n++ % 2 == 0) {
                    pacer.accepted(now);
                } else {
                    pacer.throttled(now, null);
                }
                now += MS / 10; // a provider answering 10,000 a second
            }
        }
        assertThat(pacer.rate()).isGreaterThanOrEqualTo(95.0 / 2 - 0.01);
        assertThat(pacer.measuredLimit()).isGreaterThan(20);
    }

    @Test
    void aFirstMeasureIsWhatGotThroughInOneWindowHoweverEarlyTheRefusalCame() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        for (int i = 0; i < 10; i++) {
            pacer.tryAcquire();
            pacer.accepted(now);
            now += 10 * MS;
        }
        pacer.throttled(now, null);
        // 10 through in the first 100 ms, then refused: a provider counting 10 a window does exactly that, so the
        // limit is 10 a second (scaled to the 100 ms it took, 100 a second, half the requests would be refused)
        assertThat(pacer.measuredLimit()).isCloseTo(10, within(0.01));
    }

    @Test
    void aCruiseRefusedMostlyLowersTheRateToWhatGotThrough() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        longAgo(pacer);
        for (int i = 0; i < 100; i++) {
            pacer.accepted(now - S + (i + 1) * 10 * MS);
        }
        pacer.throttled(now, null);
        assertThat(pacer.rate()).isCloseTo(95, within(0.01));
        now += 2 * S;
        // the limit fell to 10 a second: 10 got through, 80 refused in the last window
        for (int i = 0; i < 90; i++) {
            long t = now - S + (i + 1) * 11 * MS;
            if (i % 9 == 0) {
                pacer.accepted(t);
            } else {
                pacer.throttled(t, null);
            }
        }
        assertThat(pacer.rate()).isLessThan(20);
    }

    @Test
    void aCruiseRefusedAboutHalfAtRandomKeepsItsRate() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        longAgo(pacer);
        for (int i = 0; i < 100; i++) {
            pacer.accepted(now - S + (i + 1) * 10 * MS);
        }
        pacer.throttled(now, null);
        now += 2 * S;
        for (int i = 0; i < 90; i++) {
            long t = now - S + (i + 1) * 11 * MS;
            if (i % 2 == 0) {
                pacer.accepted(t);
            } else {
                pacer.throttled(t, null);
            }
        }
        assertThat(pacer.rate()).isCloseTo(95, within(0.01));
    }

    @Test
    void randomRefusalsNeverRatchetTheRateDownAndAProbeGrowsPastThem() {
        for (long gap : new long[] {5 * MS, 100 * MS}) { // a provider answering 200 a second, or a slow client
            for (double share : new double[] {0.2, 0.5}) {
                for (long seed = 1; seed <= 5; seed++) {
                    Random random = new Random(seed);
                    Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
                    long start = now;
                    double firstFound = Double.NaN;
                    double lowest = Double.POSITIVE_INFINITY;
                    int acceptedLate = 0;
                    long foundAt = 0;
                    // a provider with no limit that refuses requests at random, answering at once; 90 s from the
                    // first limit measured (a burst of five accepted before a refusal may take a while)
                    while (Double.isNaN(firstFound) ? now - start < 240 * S : now - foundAt < 90 * S) {
                        long wait = pacer.tryAcquire();
                        if (wait > 0) {
                            now += wait;
                            continue;
                        }
                        if (random.nextDouble() < share) {
                            pacer.throttled(now, Duration.ofSeconds(1));
                        } else {
                            pacer.accepted(now);
                            acceptedLate += !Double.isNaN(firstFound) && now - foundAt >= 60 * S ? 1 : 0;
                        }
                        if (Double.isNaN(firstFound) && !Double.isNaN(pacer.measuredLimit())) {
                            firstFound = pacer.measuredLimit();
                            foundAt = now;
                        }
                        if (!Double.isNaN(firstFound)) {
                            lowest = Math.min(lowest, pacer.rate());
                        }
                        now += gap;
                    }
                    String cell = String.format("every %d ms, %.0f%% refused, seed %d, first limit %.1f",
                            gap / MS, share * 100, seed, firstFound);
                    if (Double.isNaN(firstFound)) {
                        // every refusal came before five got through: nothing measured, only retry-after pauses
                        assertThat(pacer.rate()).as(cell).isInfinite();
                        continue;
                    }
                    assertThat(lowest).as("%s: the lowest rate", cell)
                            .isGreaterThanOrEqualTo(firstFound * Pacer.CRUISE_PERCENT / 100 / 2 * 0.999);
                    // refusals that come whatever the rate are no limit: after a minute the probes grew past them
                    assertThat(acceptedLate / 30.0).as("%s: accepted a second in the last 30 s", cell)
                            .isGreaterThan(Math.min(firstFound, (1.0 - share) * S / gap * 0.5));
                }
            }
        }
    }

    /**
     * Sends through the pacer as fast as it grants for {@code seconds} against a provider that accepts
     * {@code limit} requests in each fixed window of one second starting {@code offset} into the run (or, with
     * {@code sliding}, in any second), answering at once; returns {accepted, refused} after the first 3 seconds.
     */
    private int[] againstALimit(Pacer pacer, int limit, boolean sliding, long offset, int seconds) {
        long start = now;
        List<Long> acceptedTimes = new ArrayList<>();
        int accepted = 0;
        int refused = 0;
        while (now - start < seconds * S) {
            long wait = pacer.tryAcquire();
            if (wait > 0) {
                now += wait;
                continue;
            }
            long from = sliding ? now - S + 1 : now - Math.floorMod(now - start - offset, S);
            long inWindow = acceptedTimes.stream().filter(t -> t - from >= 0).count();
            boolean counted = now - start >= 3 * S;
            if (inWindow < limit) {
                acceptedTimes.add(now);
                pacer.accepted(now);
                accepted += counted ? 1 : 0;
            } else {
                pacer.throttled(now, null);
                refused += counted ? 1 : 0;
            }
            now += 100_000; // a tenth of a millisecond to send the next
        }
        return new int[] {accepted, refused};
    }

    @Test
    void anUnannouncedFixedWindowLimitIsFoundAndKeptWithFewRefusalsWhereverItsWindowsStart() {
        for (long offset : new long[] {0, 137 * MS, 500 * MS, 911 * MS}) {
            Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
            int[] r = againstALimit(pacer, 20, false, offset, 30);
            assertThat(r[0]).as("accepted after warm-up, windows from %d ms", offset / MS)
                    .isGreaterThanOrEqualTo((int) (0.85 * 20 * 27));
            assertThat(r[1]).as("refused after warm-up, windows from %d ms", offset / MS)
                    .isLessThanOrEqualTo((int) (0.02 * (r[0] + r[1])));
        }
    }

    @Test
    void anUnannouncedSlidingWindowLimitIsFoundAndKeptWithFewRefusals() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        int[] r = againstALimit(pacer, 50, true, 0, 30);
        assertThat(r[0]).isGreaterThanOrEqualTo((int) (0.85 * 50 * 27));
        assertThat(r[1]).isLessThanOrEqualTo((int) (0.02 * (r[0] + r[1])));
    }

    @Test
    void aProbeRefusedAcrossTwoFixedWindowsMeasuresOverTwoWindowsNotTheStraddle() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        // 20 a second for three seconds, then 30 in the last 600 ms of a window and the first 400 ms of the next:
        // a trailing second holds 30 though no window of the provider's held more than 20
        for (int i = 0; i < 60; i++) {
            pacer.tryAcquire();
            pacer.accepted(now);
            now += 50 * MS;
        }
        for (int i = 0; i < 30; i++) {
            pacer.tryAcquire();
            pacer.accepted(now);
            now += 33 * MS;
        }
        pacer.throttled(now, null);
        assertThat(pacer.measuredLimit()).isLessThan(26).isGreaterThanOrEqualTo(20);
    }

    @Test
    void refusalsInARowWhileCruisingLowerTheRate() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        longAgo(pacer);
        for (int i = 0; i < 100; i++) {
            pacer.accepted(now - S + (i + 1) * 10 * MS);
        }
        pacer.throttled(now, null);
        now += 2 * S;
        // cruising at 95 a second, the provider now lets 40 through and then refuses everything that follows
        for (int i = 0; i < 40; i++) {
            pacer.accepted(now - S + (i + 1) * 10 * MS);
        }
        for (int i = 0; i < 8; i++) {
            pacer.throttled(now + i * 10 * MS, null);
        }
        assertThat(pacer.rate()).isLessThan(50);
    }

    @Test
    void afterAFasterSpellNoTrailingWindowHoldsMoreThanTheRateAllows() {
        Pacer pacer = new Pacer(RateLimitSettings.unlimited(), () -> now);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // unpaced: 20 in 200 ms, then refused
            pacer.tryAcquire();
            pacer.accepted(now);
            sent.add(now);
            now += 10 * MS;
        }
        pacer.throttled(now, null);
        double rate = pacer.rate();
        int burst = sent.size();
        sent.addAll(sendFor(pacer, Pacer.HOLD_FIRST_NANOS - MS)); // cruising: the rate does not grow yet
        assertThat(sent.size() - burst).isGreaterThanOrEqualTo(18);
        // every window of one second that ends at a departure after the refusal (the burst itself got through)
        for (int to = burst; to < sent.size(); to++) {
            long end = sent.get(to);
            long inWindow = sent.stream().filter(t -> t > end - S && t <= end).count();
            assertThat(inWindow).as("departures in the second up to %d", to).isLessThanOrEqualTo((long) rate);
        }
    }
}
