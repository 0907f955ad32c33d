package io.desknotify.transport.http.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.api.spi.TransportCapabilities.SeveritySupport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Builder validation, declared capabilities, the factory, and that no secret is ever shown. */
class HuaweiWorkspaceTransportBuilderTest {
    private static final String SK = "sk-builder-SECRET-value";
    private static final String TOKEN = "iam-token-SECRET-value";
    private static final String STS = "sts-SECRET-value";

    private static HuaweiWorkspaceTransport.Builder valid() {
        return HuaweiWorkspaceTransport.builder().endpoint(URI.create("https://workspace.cn-north-4.myhuaweicloud.com"))
                .projectId("p1").accessKey("AK1").secretKey(SK.toCharArray());
    }

    private static void rejects(Runnable r, String setting) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.setting()).isEqualTo(setting));
    }

    @Test
    void plainHttpIsRefusedForARemoteHostNamingTheEndpoint() {
        rejects(() -> valid().endpoint(URI.create("http://workspace.example.com")), "endpoint");
        rejects(() -> valid().endpoint(URI.create("http://10.0.0.1:8080")), "endpoint");
        rejects(() -> valid().endpoint(URI.create("ftp://example.com")), "endpoint");
        rejects(() -> valid().endpoint(URI.create("relative/path")), "endpoint");
        rejects(() -> valid().endpoint(URI.create("https://user:pw@example.com")), "endpoint");
        rejects(() -> valid().endpoint(null), "endpoint");
    }

    @Test
    void plainHttpIsAcceptedForLoopbackHosts() {
        for (String e : new String[] {"http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "https://x.y"}) {
            valid().endpoint(URI.create(e)).build().close();
        }
    }

    @Test
    void missingOrConflictingSettingsAreRefusedAtBuildNamingTheSetting() {
        rejects(() -> HuaweiWorkspaceTransport.builder().projectId("p").accessKey("a").secretKey(SK.toCharArray())
                .build(), "endpoint");
        rejects(() -> HuaweiWorkspaceTransport.builder().endpoint(URI.create("https://x.y")).accessKey("a")
                .secretKey(SK.toCharArray()).build(), "projectId");
        rejects(() -> HuaweiWorkspaceTransport.builder().endpoint(URI.create("https://x.y")).projectId("p").build(),
                "accessKey");
        rejects(() -> HuaweiWorkspaceTransport.builder().endpoint(URI.create("https://x.y")).projectId("p")
                .accessKey("a").build(), "secretKey");
        rejects(() -> HuaweiWorkspaceTransport.builder().endpoint(URI.create("https://x.y")).projectId("p")
                .secretKey(SK.toCharArray()).build(), "accessKey");
        rejects(() -> valid().authToken(() -> TOKEN).build(), "authToken");
        rejects(() -> valid().severity(SeveritySupport.PREFIXED).maxMessageLength(10).build(), "maxMessageLength");
    }

    @Test
    void settersRejectBadValuesNamingTheParameter() {
        rejects(() -> valid().maxDesktopsPerCall(0), "maxDesktopsPerCall");
        rejects(() -> valid().maxMessageLength(0), "maxMessageLength");
        rejects(() -> valid().severity(SeveritySupport.NATIVE), "severity");
        rejects(() -> valid().connectTimeout(Duration.ZERO), "connectTimeout");
        rejects(() -> valid().requestTimeout(Duration.ofSeconds(-1)), "requestTimeout");
        rejects(() -> valid().pageSize(1001), "pageSize");
        rejects(() -> valid().name(" "), "name");
        rejects(() -> valid().projectId(""), "projectId");
        rejects(() -> valid().secretKey(new char[0]), "secretKey");
        rejects(() -> valid().maxResponseBytes(10), "maxResponseBytes");
        rejects(() -> valid().throttlePause(Duration.ofSeconds(3), Duration.ofSeconds(2)), "throttlePause");
        rejects(() -> valid().throttlePause(Duration.ZERO, Duration.ofSeconds(2)), "throttlePause");
        rejects(() -> valid().throttlePause(null, Duration.ofSeconds(2)), "throttlePause");
        rejects(() -> valid().sslContext(null), "sslContext");
    }

    @Test
    void theThrottlePauseDefaultsToHuaweisAdviceAndCanBeSetOrTurnedOffInCodeOrByFactoryKeys() {
        assertThat(valid().toString()).contains("throttlePause=ThrottlePause[PT2S..PT5S]");
        assertThat(valid().throttlePause(Duration.ofMillis(500), Duration.ofSeconds(1)).toString())
                .contains("throttlePause=ThrottlePause[PT0.5S..PT1S]");
        assertThat(valid().throttlePause(Duration.ZERO, Duration.ZERO).toString())
                .contains("throttlePause=ThrottlePause[none]");
        HuaweiWorkspaceTransportFactory f = new HuaweiWorkspaceTransportFactory();
        Map<String, String> base = Map.of("endpoint", "https://x.y", "project-id", "p", "access-key", "a",
                "secret-key", SK);
        java.util.HashMap<String, String> keys = new java.util.HashMap<>(base);
        keys.put("throttle-pause-min", "1s");
        keys.put("throttle-pause-max", "3s");
        try (HuaweiWorkspaceTransport t = f.create(TransportSettings.of(null, keys))) {
            assertThat(t.toString()).doesNotContain(SK).contains("throttlePause=ThrottlePause[PT1S..PT3S]");
        }
        keys.put("throttle-pause-min", "4s");
        rejects(() -> f.create(TransportSettings.of(null, keys)), "throttle-pause-min");
    }

    @Test
    void capabilitiesDeclareDesktopsInBatchesPoolsOneAtATimeUsersResolvedAndConnectionFiltering() {
        try (HuaweiWorkspaceTransport t = valid().maxDesktopsPerCall(250).maxMessageLength(500).build()) {
            TransportCapabilities c = t.capabilities();
            assertThat(c.nativeKinds()).containsExactlyInAnyOrder(TargetKind.DESKTOP, TargetKind.DESKTOP_POOL);
            assertThat(c.maxBatchSize(TargetKind.DESKTOP)).isEqualTo(250);
            assertThat(c.maxBatchSize(TargetKind.DESKTOP_POOL)).isEqualTo(1);
            assertThat(c.resolvableKinds()).containsExactly(TargetKind.USER);
            assertThat(c.reaches(TargetKind.SESSION)).isFalse();
            assertThat(c.filtersConnected()).isTrue();
            assertThat(c.maxMessageLength()).isEqualTo(500);
            assertThat(c.severitySupport()).isEqualTo(SeveritySupport.DROPPED);
            assertThat(t.provider()).isEqualTo("huawei-workspace");
        }
        try (HuaweiWorkspaceTransport t = valid().name("huawei-eu").build()) {
            assertThat(t.provider()).isEqualTo("huawei-eu");
            assertThat(t.capabilities().maxBatchSize(TargetKind.DESKTOP)).isEqualTo(100);
            assertThat(t.capabilities().maxMessageLength()).isEqualTo(1024);
        }
    }

    @Test
    void noSecretAppearsInTheToStringOfTheTransportOrItsBuilder() {
        HuaweiWorkspaceTransport.Builder akSk = valid().securityToken(STS.toCharArray());
        HuaweiWorkspaceTransport.Builder token = HuaweiWorkspaceTransport.builder()
                .endpoint(URI.create("https://x.y")).projectId("p").authToken(() -> TOKEN);
        try (HuaweiWorkspaceTransport a = akSk.build(); HuaweiWorkspaceTransport b = token.build()) {
            for (Object o : new Object[] {akSk, token, a, b}) {
                assertThat(o.toString()).doesNotContain(SK).doesNotContain(TOKEN).doesNotContain(STS)
                        .doesNotContain("SECRET");
            }
            assertThat(a.toString()).contains("AK/SK with security token");
            assertThat(b.toString()).contains("auth=token");
        }
    }

    @Test
    void theSecretKeyArrayIsCopiedSoTheCallerMayClearIt() {
        char[] sk = SK.toCharArray();
        HuaweiWorkspaceTransport.Builder b = valid().secretKey(sk);
        java.util.Arrays.fill(sk, '\0');
        HuaweiAuth.AkSk auth = (HuaweiAuth.AkSk) b.auth();
        assertThat(new String(auth.secretKey().get())).isEqualTo(SK);
    }

    @Test
    void theFactoryIsFoundByServiceLoaderAndBuildsFromSettings() {
        TransportFactory factory = ServiceLoader.load(TransportFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.id().equals("huawei-workspace")).findFirst()
                .orElseThrow();
        TransportSettings settings = TransportSettings.of("huawei-cn", Map.of(
                "endpoint", "https://workspace.cn-north-4.myhuaweicloud.com", "project-id", "p1",
                "access-key", "AK1", "secret-key", SK, "max-desktops-per-call", "50", "severity", "prefixed",
                "request-timeout", "5s"));

        try (HuaweiWorkspaceTransport t = (HuaweiWorkspaceTransport) factory.create(settings)) {
            assertThat(t.provider()).isEqualTo("huawei-cn");
            assertThat(t.capabilities().maxBatchSize(TargetKind.DESKTOP)).isEqualTo(50);
            assertThat(t.capabilities().severitySupport()).isEqualTo(SeveritySupport.PREFIXED);
            assertThat(t.toString()).contains("requestTimeout=PT5S").doesNotContain(SK);
        }
    }

    @Test
    void theFactoryRefusesUnknownAndMissingSettingsNamingThem() {
        HuaweiWorkspaceTransportFactory f = new HuaweiWorkspaceTransportFactory();
        rejects(() -> f.create(TransportSettings.of(null, Map.of("endpoint", "https://x.y", "project-id", "p",
                "auth-token", TOKEN, "max-dekstops", "5"))), "max-dekstops");
        rejects(() -> f.create(TransportSettings.of(null, Map.of("project-id", "p", "auth-token", TOKEN))),
                "endpoint");
        rejects(() -> f.create(TransportSettings.of(null, Map.of("endpoint", "https://x.y", "project-id", "p",
                "auth-token", TOKEN, "severity", "LOUD"))), "severity");
        try (HuaweiWorkspaceTransport t = f.create(TransportSettings.of(null, Map.of("endpoint", "https://x.y",
                "project-id", "p", "auth-token", TOKEN)))) {
            assertThat(t.provider()).isEqualTo("huawei-workspace");
            assertThat(t.toString()).doesNotContain(TOKEN);
        }
    }
}
