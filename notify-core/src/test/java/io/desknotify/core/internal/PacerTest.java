package io.desknotify.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.core.RateLimitSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void throttlingHalvesTheRateDownToTheMaximumSlowdownAndSuccessesRecoverItStepByStep() {
        Pacer pacer = new Pacer("p", RateLimitSettings.perSecond(100).adaptation(8, 3), Duration.ZERO);
        pacer.throttled(null);
        assertThat(pacer.slowdown()).isEqualTo(2);
        pacer.throttled(null);
        pacer.throttled(null);
        pacer.throttled(null);
        assertThat(pacer.slowdown()).isEqualTo(8);

        pacer.succeeded();
        pacer.succeeded();
        assertThat(pacer.slowdown()).isEqualTo(8);
        pacer.succeeded();
        assertThat(pacer.slowdown()).isEqualTo(7);
        for (int i = 0; i < 3 * 6; i++) {
            pacer.succeeded();
        }
        assertThat(pacer.slowdown()).isEqualTo(1);
        pacer.succeeded();
        assertThat(pacer.slowdown()).isEqualTo(1);
    }

    @Test
    void aSlowedDownPacerSpacesRequestsByTheSlowdownFactor() {
        Pacer pacer = new Pacer("p", RateLimitSettings.perSecond(100), Duration.ZERO);
        pacer.throttled(null);
        pacer.throttled(null);
        assertThat(pacer.slowdown()).isEqualTo(4);
        long first = pacer.reserve();
        long second = pacer.reserve();
        // one slot is 10 ms; at slowdown 4 each request takes four slots
        assertThat(second - first).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(35));
    }

    @Test
    void throttlingAnswersArrivingTogetherHalveTheRateOnce() {
        Pacer pacer = new Pacer("p", RateLimitSettings.perSecond(100), Duration.ofHours(1));
        for (int i = 0; i < 16; i++) {
            pacer.throttled(Duration.ofMillis(100));
        }
        assertThat(pacer.slowdown()).isEqualTo(2);
    }

    @Test
    void requestsReservedDuringAPauseLeaveOneByOneAfterIt() {
        Pacer pacer = new Pacer("p", RateLimitSettings.perSecond(100).adaptive(false));
        pacer.throttled(Duration.ofMillis(500));
        long first = pacer.reserve();
        long second = pacer.reserve();
        long third = pacer.reserve();
        assertThat(first).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(400));
        // slots of 10 ms (plus the margin) survive the pause instead of collapsing into one burst at its end
        assertThat(second - first).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(9));
        assertThat(third - second).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(9));
    }

    @Test
    void notAdaptiveMeansThrottlingDoesNotSlowDown() {
        Pacer pacer = new Pacer("p", RateLimitSettings.perSecond(100).adaptive(false));
        pacer.throttled(null);
        assertThat(pacer.slowdown()).isEqualTo(1);
    }

    @Test
    void retryAfterPausesEvenAnUnlimitedPacer() {
        Pacer pacer = new Pacer("p", RateLimitSettings.unlimited());
        assertThat(pacer.reserve()).isLessThanOrEqualTo(0);
        pacer.throttled(Duration.ofMillis(500));
        assertThat(pacer.reserve()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(400));
    }
}
