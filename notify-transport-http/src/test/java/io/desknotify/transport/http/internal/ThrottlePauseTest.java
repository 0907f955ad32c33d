package io.desknotify.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThrottlePauseTest {

    @Test
    void drawsEveryPauseWithinTheRangeAndSpreadsThem() {
        ThrottlePause pause = ThrottlePause.between(Duration.ofSeconds(2), Duration.ofSeconds(5));
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            Duration d = pause.next();
            assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
            seen.add(d);
        }
        assertThat(seen).as("jitter: pauses differ").hasSizeGreaterThan(100);
    }

    @Test
    void aFixedPauseIsAlwaysTheSameAndNoneIsZero() {
        assertThat(ThrottlePause.fixed(Duration.ofMillis(750)).next()).isEqualTo(Duration.ofMillis(750));
        assertThat(ThrottlePause.NONE.isNone()).isTrue();
        assertThat(ThrottlePause.NONE.next()).isZero();
        assertThat(ThrottlePause.fixed(Duration.ofMillis(1)).isNone()).isFalse();
    }

    @Test
    void rejectsARangeThatIsNotOneNamingTheBound() {
        assertThatThrownBy(() -> ThrottlePause.between(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min");
        assertThatThrownBy(() -> ThrottlePause.between(Duration.ofSeconds(3), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
        assertThatThrownBy(() -> ThrottlePause.between(null, Duration.ofSeconds(2)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("min");
    }

    @Test
    void isAValue() {
        assertThat(ThrottlePause.between(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .isEqualTo(ThrottlePause.between(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .hasSameHashCodeAs(ThrottlePause.between(Duration.ofSeconds(2), Duration.ofSeconds(5)))
                .hasToString("ThrottlePause[PT2S..PT5S]");
    }
}
