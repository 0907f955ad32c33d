package io.desknotify.transport.http.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.InvalidRequestException;
import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.core.Notifier;
import io.desknotify.transport.http.horizon.HorizonTransport;
import io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input at the transport level and through the {@link Notifier} against the emulators: each fails with an
 * exception naming the field or setting, and the emulator's journal proves that nothing was sent (not even a
 * Horizon login). The core's own checks are in notify-core's {@code BadInputTest}; the builders' endpoint checks in
 * the transports' builder tests.
 */
class BadInputThroughTransportsTest {

    private static void setting(ThrowingCallable call, String setting) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.setting()).isEqualTo(setting);
            assertThat(e.getMessage()).contains(setting);
        });
    }

    private static void field(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(field);
        });
    }

    @ParameterizedTest
    @CsvSource({"PT0S", "PT-1S", "PT-0.001S"})
    void zeroAndNegativeTimeoutsAreRefusedByBothBuildersNamingTheSetting(String text) {
        Duration d = Duration.parse(text);
        setting(() -> HuaweiWorkspaceTransport.builder().connectTimeout(d), "connectTimeout");
        setting(() -> HuaweiWorkspaceTransport.builder().requestTimeout(d), "requestTimeout");
        setting(() -> HorizonTransport.builder().connectTimeout(d), "connectTimeout");
        setting(() -> HorizonTransport.builder().requestTimeout(d), "requestTimeout");
    }

    private static Map<String, String> huaweiSettings(String key, String value) {
        Map<String, String> m = new HashMap<>(Map.of("endpoint", "https://workspace.cn-north-4.myhuaweicloud.com",
                "project-id", "p1", "access-key", Rig.HUAWEI_AK, "secret-key", Rig.HUAWEI_SK));
        m.put(key, value);
        return m;
    }

    private static Map<String, String> horizonSettings(String key, String value) {
        Map<String, String> m = new HashMap<>(Map.of("base-uri", "https://horizon.example.com", "domain", "D",
                "username", "u", "password", Rig.HORIZON_PASSWORD));
        m.put(key, value);
        return m;
    }

    @ParameterizedTest
    @CsvSource({
            "connect-timeout, 0s", "connect-timeout, 0ms", "connect-timeout, -5s",
            "request-timeout, 0s", "request-timeout, PT0S", "request-timeout, -1s"})
    void zeroAndNegativeTimeoutsAreRefusedByBothFactoriesNamingTheKey(String key, String value) {
        setting(() -> Notifier.builder().transport("huawei-workspace",
                TransportSettings.of(null, huaweiSettings(key, value))), key);
        setting(() -> Notifier.builder().transport("horizon", TransportSettings.of(null, horizonSettings(key, value))),
                key);
    }

    @ParameterizedTest
    @CsvSource({"http://workspace.example.com", "http://10.0.0.1:8080", "http://127.example.com", "ftp://x.example"})
    void plainHttpOutsideLoopbackIsRefusedByBothFactoriesNamingTheKey(String uri) {
        setting(() -> Notifier.builder().transport("huawei-workspace",
                TransportSettings.of(null, huaweiSettings("endpoint", uri))), "endpoint");
        setting(() -> Notifier.builder().transport("horizon", TransportSettings.of(null, horizonSettings("base-uri", uri))),
                "base-uri");
    }

    @Test
    void anUnknownProviderIsRefusedNamingIt() {
        setting(() -> Notifier.builder().transport("citrix", TransportSettings.of(null, Map.of())), "provider");
    }

    @Test
    void noSecretShowsInTheFactoriesErrors() {
        assertThatThrownBy(() -> Notifier.builder().transport("huawei-workspace",
                TransportSettings.of(null, huaweiSettings("request-timeout", "0s"))))
                .hasMessageNotContaining(Rig.HUAWEI_SK);
        assertThatThrownBy(() -> Notifier.builder().transport("horizon",
                TransportSettings.of(null, horizonSettings("base-uri", "http://h.example"))))
                .hasMessageNotContaining(Rig.HORIZON_PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void badSendsThroughTheNotifierNameTheFieldAndNothingReachesTheEmulator(Rig.Kind kind) throws Exception {
        try (Rig rig = kind.start(20, 3);
                Notifier notifier = Notifier.builder().transport(rig.transport()).build()) {
            Notification ok = Notification.builder().message("Maintenance in 15 minutes").build();
            List<Target> targets = rig.targets;

            field(() -> notifier.send(null, targets), "notification");
            field(() -> notifier.send(Notification.builder().message("x".repeat(1025)).build(), targets), "message");
            field(() -> notifier.send(ok, null), "targets");
            field(() -> notifier.send(ok, List.of()), "targets");
            List<Target> withNull = new ArrayList<>(targets);
            withNull.add(3, null);
            field(() -> notifier.send(ok, withNull), "targets[3]");
            List<Target> elsewhere = new ArrayList<>(targets);
            elsewhere.add(Target.desktop("d-1").via("citrix"));
            field(() -> notifier.send(ok, elsewhere), "targets[" + targets.size() + "].provider");
            Target unreachable = kind == Rig.Kind.HUAWEI ? Target.session("s-1") : Target.desktop("d-1");
            field(() -> notifier.send(ok, List.of(targets.get(0), unreachable)), "targets[1]");
            List<Target> overMillion = IntStream.range(0, 1_000_001).mapToObj(i -> (Target) Target.desktop("d" + i))
                    .toList();
            field(() -> notifier.send(ok, overMillion), "targets");

            assertThat(rig.journal().requests()).as("requests the emulator received").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void duplicateTargetsAreSentOnceAndRecordedOnce(Rig.Kind kind) throws Exception {
        try (Rig rig = kind.start(20, 3);
                Notifier notifier = Notifier.builder().transport(rig.transport()).build()) {
            List<Target> twice = new ArrayList<>(rig.targets);
            twice.addAll(rig.targets);
            twice.add(rig.targets.get(0));

            JobReport report = notifier.send(FaultMatrixTest.MAINTENANCE, twice).completion()
                    .get(30, TimeUnit.SECONDS);

            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(rig.targets.size());
            assertThat(notifier.records(RecordQuery.builder().jobId(report.jobId()).build()).total())
                    .isEqualTo(rig.targets.size());
            assertThat(rig.journal().targetsShownMoreThanOnce()).isEmpty();
            assertThat(rig.journal().totalShown()).isEqualTo(rig.targets.size());
        }
    }
}
