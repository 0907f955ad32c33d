package io.desknotify.testkit.huawei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HuaweiLimitsAndSettingsTest {

    static final Inventory INVENTORY = Inventory.builder().seed(8).desktops(30).build();

    static URI uri(HuaweiWorkspaceEmulator e, String path) {
        return URI.create(e.baseUri() + "/v2/" + e.projectId() + path);
    }

    static String body(String text) {
        return "{\"desktop_ids\":[\"" + INVENTORY.desktopIds().get(0) + "\"],\"notifications\":\"" + text + "\"}";
    }

    @Test
    void throttlesRequestsAboveTheConfiguredRateWithApig0308() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY)
                .maxRequestsPerSecond(2).threads(4).start()) {
            int throttled = 0;
            HttpResponse<String> last = null;
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = Http.post(uri(e, "/desktops/notifications"), body("x"));
                if (r.statusCode() == 429) {
                    throttled++;
                    last = r;
                }
            }
            assertThat(throttled).isGreaterThanOrEqualTo(2);
            assertThat(Http.json(last.body()).asJsonObject().getString("error_code")).isEqualTo("APIG.0308");
            assertThat(e.journal().totalShown()).isEqualTo(5 - throttled);
        }
    }

    @Test
    void rejectsAMessageLongerThanTheConfiguredMaximum() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY)
                .maxMessageLength(5).threads(2).start()) {
            HttpResponse<String> r = Http.post(uri(e, "/desktops/notifications"), body("too long"));
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Http.json(r.body()).asJsonObject().getString("error_code"))
                    .isEqualTo(HuaweiErrorCode.INVALID_PARAMETER.defaultCode());
            assertThat(e.journal().contractViolations()).singleElement()
                    .satisfies(v -> assertThat(v.rule()).contains("maxMessageLength"));
            assertThat(Http.post(uri(e, "/desktops/notifications"), body("ok")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rejectsMalformedRequestBodiesAsBadRequests() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).threads(2).start()) {
            assertThat(Http.post(uri(e, "/desktops/notifications"), "{not json").statusCode()).isEqualTo(400);
            assertThat(Http.post(uri(e, "/desktops/notifications"), "{\"desktop_ids\":[],\"notifications\":\"x\"}")
                    .statusCode()).isEqualTo(400);
            assertThat(Http.post(uri(e, "/desktops/notifications"), "{\"desktop_ids\":[\"a\"]}").statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void keepsAJobRunningForTheConfiguredDuration() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T07:00:00Z"));
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).clock(clock)
                .jobDuration(Duration.ofSeconds(30)).threads(2).start()) {
            String job = Http.json(Http.post(uri(e, "/desktops/notifications"), body("x")).body()).asJsonObject()
                    .getString("job_id");
            var running = Http.json(Http.get(uri(e, "/workspace-jobs/" + job)).body()).asJsonObject();
            assertThat(running.getString("status")).isEqualTo("RUNNING");
            assertThat(running.get("end_time")).isEqualTo(jakarta.json.JsonValue.NULL);
            clock.advance(Duration.ofSeconds(31));
            var done = Http.json(Http.get(uri(e, "/workspace-jobs/" + job)).body()).asJsonObject();
            assertThat(done.getString("status")).isEqualTo("SUCCESS");
            assertThat(done.getString("begin_time")).isEqualTo("2026-11-23T07:00:00Z");
            assertThat(done.getString("end_time")).isEqualTo("2026-11-23T07:00:30Z");
        }
    }

    @Test
    void acceptsASignatureWithinAWiderConfiguredClockSkew() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY)
                .credentials("ak", "sk").maxClockSkew(Duration.ofHours(1)).threads(2).start()) {
            TestSigner signer = new TestSigner("ak", "sk", e.projectId());
            HttpResponse<String> r = Http.send(signer.sign("GET", uri(e, "/connect-desktops"), null,
                    Instant.now().minus(Duration.ofMinutes(40))).build());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void answersNotFoundForAnotherProjectId() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).projectId("p1")
                .threads(2).start()) {
            assertThat(Http.get(URI.create(e.baseUri() + "/v2/p2/connect-desktops")).statusCode()).isEqualTo(404);
            assertThat(Http.get(URI.create(e.baseUri() + "/v2/p1/connect-desktops")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void rejectsBadSettingsNamingTheParameter() {
        assertThatThrownBy(() -> HuaweiWorkspaceEmulator.builder().maxIdsPerCall(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
        assertThatThrownBy(() -> HuaweiWorkspaceEmulator.builder().credentials("ak", " "))
                .hasMessageContaining("secretKey");
        assertThatThrownBy(() -> HuaweiWorkspaceEmulator.builder().maxClockSkew(Duration.ofSeconds(-1)))
                .hasMessageContaining("skew");
        assertThatThrownBy(() -> HuaweiWorkspaceEmulator.builder().jobPolls(-1)).hasMessageContaining("polls");
        assertThatThrownBy(() -> HuaweiWorkspaceEmulator.builder().projectId(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("projectId");
    }

    @Test
    void keepsSecretsOutOfToString() {
        HuaweiWorkspaceEmulator.Builder b = HuaweiWorkspaceEmulator.builder().credentials("ak", "the-secret-key")
                .authToken("the-token");
        assertThat(b.toString()).doesNotContain("the-secret-key").doesNotContain("the-token");
        try (HuaweiWorkspaceEmulator e = b.threads(1).start()) {
            assertThat(e.toString()).doesNotContain("the-secret-key").doesNotContain("the-token");
        }
    }

    @Test
    void closesIdempotentlyAndFreesThePort() {
        HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().threads(1).start();
        URI base = e.baseUri();
        e.close();
        e.close();
        assertThatThrownBy(() -> Http.get(URI.create(base + "/v2/x/connect-desktops")))
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void locksTheAccessKeyAfterConsecutiveBadSignaturesWhenConfigured() {
        MutableClock clock = new MutableClock(Instant.now());
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).clock(clock)
                .credentials("ak", "sk").lockAccessKeyAfterFailures(3, Duration.ofMinutes(5)).threads(2).start()) {
            TestSigner good = new TestSigner("ak", "sk", e.projectId());
            TestSigner bad = new TestSigner("ak", "wrong", e.projectId());
            URI uri = uri(e, "/connect-desktops");
            for (int i = 0; i < 3; i++) {
                assertThat(Http.send(bad.sign("GET", uri, null, clock.instant()).build()).statusCode()).isEqualTo(401);
            }
            HttpResponse<String> locked = Http.send(good.sign("GET", uri, null, clock.instant()).build());
            assertThat(locked.statusCode()).isEqualTo(401);
            assertThat(Http.json(locked.body()).asJsonObject().getString("error_msg")).contains("locked");
            clock.advance(Duration.ofMinutes(6));
            assertThat(Http.send(good.sign("GET", uri, null, clock.instant()).build()).statusCode()).isEqualTo(200);
        }
    }
}
