package io.desknotify.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.InvalidRequestException;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Target;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.api.ConfigurationException;
import io.desknotify.core.inmemory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Bad input of every kind fails with an exception naming the field or setting, and nothing is sent. */
class BadInputTest {

    @Test
    void badNotificationsAndTargetsNameTheFieldAndSendNothing() {
        InMemoryTransport transport = InMemoryTransport.builder().maxMessageLength(100).build();
        try (Notifier notifier = Notifier.builder().transport(transport).maxTargetsPerJob(1_000).build()) {
            Notification ok = Notification.builder().message("ok").build();

            assertField(() -> Notification.builder().message(""), "message");
            assertField(() -> Notification.builder().message("\u0000"), "message");
            assertField(() -> Notification.builder().message("a\u001bb"), "message");
            assertField(() -> Notification.builder().build(), "message");
            assertField(() -> Notification.builder().message("ok").title("two\nlines"), "title");
            assertField(() -> Notification.builder().severity(null), "severity");
            assertField(() -> notifier.send(Notification.builder().message("x".repeat(101)).build(),
                    List.of(Target.desktop("d"))), "message");
            assertField(() -> Target.desktop(null), "desktop id");
            assertField(() -> Target.session("s\n1"), "session id");
            assertField(() -> Target.user("x".repeat(513)), "user name");
            assertField(() -> SendOptions.builder().deadline(Duration.ZERO), "deadline");
            assertField(() -> SendOptions.builder().idempotencyKey(" "), "idempotencyKey");
            assertField(() -> notifier.send(ok, List.of(Target.desktop("d")), null), "options");

            List<Target> tooMany = IntStream.range(0, 1_001).mapToObj(i -> (Target) Target.desktop("d" + i))
                    .toList();
            assertField(() -> notifier.send(ok, tooMany), "targets");
            List<Target> nullInside = new ArrayList<>(List.of(Target.desktop("a")));
            nullInside.add(null);
            assertField(() -> notifier.send(ok, nullInside), "targets[1]");
            assertField(() -> notifier.send(ok, List.of(Target.desktop("a").via("elsewhere"))), "targets[0].provider");

            assertThat(transport.deliverCalls()).isZero();
        }
    }

    @Test
    void aTitleLongerThanTheProviderShowsIsRefusedNamingTitleAndNothingIsSent() {
        InMemoryTransport transport = InMemoryTransport.builder()
                .titleSupport(TransportCapabilities.TitleSupport.NATIVE, 10).build();
        try (Notifier notifier = Notifier.builder().transport(transport).build()) {
            Notification tooLong = Notification.builder().message("ok").title("x".repeat(11)).build();
            assertField(() -> notifier.send(tooLong, List.of(Target.desktop("d"))), "title");
            assertThat(transport.deliverCalls()).isZero();

            Notification fits = Notification.builder().message("ok").title("x".repeat(10)).build();
            assertThat(notifier.send(fits, List.of(Target.desktop("d"))).completion().join().count(Outcome.DELIVERED))
                    .isEqualTo(1);
        }
    }

    @Test
    void aPrefixedTitleCountsWithItsNewlineAgainstTheMessageLength() {
        InMemoryTransport transport = InMemoryTransport.builder().maxMessageLength(20)
                .titleSupport(TransportCapabilities.TitleSupport.PREFIXED, 256).build();
        try (Notifier notifier = Notifier.builder().transport(transport).build()) {
            // 10 + newline + 10 = 21 > 20
            Notification over = Notification.builder().message("m".repeat(10)).title("t".repeat(10)).build();
            assertField(() -> notifier.send(over, List.of(Target.desktop("d"))), "title");
            assertThat(transport.deliverCalls()).isZero();

            Notification fits = Notification.builder().message("m".repeat(9)).title("t".repeat(10)).build();
            assertThat(notifier.send(fits, List.of(Target.desktop("d"))).completion().join().count(Outcome.DELIVERED))
                    .isEqualTo(1);
        }
    }

    @Test
    void aDroppedTitleIsNotCheckedAgainstAnyLength() {
        InMemoryTransport transport = InMemoryTransport.builder().maxMessageLength(20)
                .titleSupport(TransportCapabilities.TitleSupport.DROPPED, 1).build();
        try (Notifier notifier = Notifier.builder().transport(transport).build()) {
            Notification n = Notification.builder().message("m".repeat(20)).title("t".repeat(300)).build();
            assertThat(notifier.send(n, List.of(Target.desktop("d"))).completion().join().count(Outcome.DELIVERED))
                    .isEqualTo(1);
        }
    }

    @Test
    void aMillionTargetsOverTheConfiguredCapAreRefusedBeforeAnythingIsSent() {
        InMemoryTransport transport = InMemoryTransport.builder().trackTargets(false).build();
        try (Notifier notifier = Notifier.builder().transport(transport).maxTargetsPerJob(999_999).build()) {
            List<Target> million = IntStream.range(0, 1_000_000).mapToObj(i -> (Target) Target.desktop("d" + i))
                    .toList();
            assertThatThrownBy(() -> notifier.send(Notification.builder().message("m").build(), million))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("999999")
                    .hasMessageContaining("1000000");
            assertThat(transport.deliverCalls()).isZero();
        }
    }

    @Test
    void badSettingsNameTheSetting() {
        assertThatThrownBy(() -> RateLimitSettings.perSecond(-1)).hasMessageContaining("permits");
        assertThatThrownBy(() -> RateLimitSettings.perSecond(0)).hasMessageContaining("permits");
        assertThatThrownBy(() -> RateLimitSettings.of(5, Duration.ZERO)).hasMessageContaining("period");
        assertThatThrownBy(() -> RetrySettings.custom().maxAttempts(0)).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> RetrySettings.custom().initialBackoff(Duration.ofMillis(-1)))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> RetrySettings.custom().initialBackoff(Duration.ofSeconds(10))
                .maxBackoff(Duration.ofSeconds(1)).build()).hasMessageContaining("initialBackoff")
                .hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> Notifier.builder().maxConcurrentBatches(0))
                .hasMessageContaining("maxConcurrentBatches");
        assertThatThrownBy(() -> Notifier.builder().jobPolling(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> Notifier.builder().closeTimeout(Duration.ofSeconds(-1)))
                .hasMessageContaining("closeTimeout");
        assertThatThrownBy(() -> Notifier.builder().transport(InMemoryTransport.builder().build())
                .defaultProvider("nowhere").build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> Notifier.builder().transport("in-memory",
                TransportSettings.of(null, Map.of("latency", "soon")))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("latency")
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("latency"));
        assertThatThrownBy(() -> Notifier.builder().transport(InMemoryTransport.builder().build())
                .transport(InMemoryTransport.builder().build())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("in-memory");
    }

    @Test
    void secretLookingSettingsAreNeverShown() {
        TransportSettings settings = TransportSettings.of("hw", Map.of("secret-key", "s3cr3t-value",
                "password", "p4ss-value", "token", "t0ken-value", "endpoint", "https://example.invalid"));
        assertThat(settings.toString()).doesNotContain("s3cr3t-value", "p4ss-value", "t0ken-value")
                .contains("https://example.invalid");
        TransportSettings bad = TransportSettings.of("hw", Map.of("secret-timeout", "s3cr3t-value"));
        assertThatThrownBy(() -> bad.duration("secret-timeout", Duration.ZERO))
                .hasMessageNotContaining("s3cr3t-value");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.getMessage()).contains(field));
    }
}
