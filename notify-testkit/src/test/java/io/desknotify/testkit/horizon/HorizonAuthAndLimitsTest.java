package io.desknotify.testkit.horizon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.MutableClock;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HorizonAuthAndLimitsTest {

    static final Inventory INVENTORY = Inventory.builder().seed(21).desktops(40).build();

    static HorizonEmulator.Builder builder() {
        return HorizonEmulator.builder().inventory(INVENTORY).login("CORP", "svc", "pw").threads(4);
    }

    static JsonObject login(HorizonEmulator e) {
        HttpResponse<String> r = Http.post(URI.create(e.baseUri() + "/rest/login"),
                "{\"domain\":\"CORP\",\"username\":\"svc\",\"password\":\"pw\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        return Http.json(r.body()).asJsonObject();
    }

    static HttpResponse<String> sessions(HorizonEmulator e, String accessToken) {
        return Http.get(URI.create(e.baseUri() + "/rest/inventory/v1/sessions"), "Authorization",
                "Bearer " + accessToken);
    }

    static HttpResponse<String> send(HorizonEmulator e, String accessToken, String message, List<String> ids) {
        return Http.post(URI.create(e.baseUri() + "/rest/inventory/v1/sessions/action/send-message"),
                "{\"message\":\"" + message + "\",\"message_type\":\"INFO\",\"session_ids\":["
                        + ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",")) + "]}",
                "Authorization", "Bearer " + accessToken);
    }

    @Test
    void expiresAnAccessTokenAfterTheConfiguredNumberOfUsesAndRefreshesIt() {
        try (HorizonEmulator e = builder().accessTokenMaxUses(2).start()) {
            JsonObject tokens = login(e);
            String access = tokens.getString("access_token");
            assertThat(sessions(e, access).statusCode()).isEqualTo(200);
            assertThat(sessions(e, access).statusCode()).isEqualTo(200);
            assertThat(sessions(e, access).statusCode()).isEqualTo(401);

            HttpResponse<String> refreshed = Http.post(URI.create(e.baseUri() + "/rest/refresh"),
                    "{\"refresh_token\":\"" + tokens.getString("refresh_token") + "\"}");
            assertThat(refreshed.statusCode()).isEqualTo(200);
            String fresh = Http.json(refreshed.body()).asJsonObject().getString("access_token");
            assertThat(fresh).isNotEqualTo(access);
            assertThat(sessions(e, fresh).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void expiresAnAccessTokenAfterItsLifetime() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        try (HorizonEmulator e = builder().clock(clock).accessTokenTtl(Duration.ofMinutes(5))
                .refreshTokenTtl(Duration.ofMinutes(30)).start()) {
            JsonObject tokens = login(e);
            assertThat(sessions(e, tokens.getString("access_token")).statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(6));
            HttpResponse<String> expired = sessions(e, tokens.getString("access_token"));
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(Http.json(expired.body()).asJsonObject().getJsonArray("errors")).isNotEmpty();
            clock.advance(Duration.ofMinutes(30));
            HttpResponse<String> refresh = Http.post(URI.create(e.baseUri() + "/rest/refresh"),
                    "{\"refresh_token\":\"" + tokens.getString("refresh_token") + "\"}");
            // the definition lists 400 and 500 for refresh, no 401
            assertThat(refresh.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void logsOutSoTheRefreshAndAccessTokensStopWorking() {
        try (HorizonEmulator e = builder().start()) {
            JsonObject tokens = login(e);
            String refreshBody = "{\"refresh_token\":\"" + tokens.getString("refresh_token") + "\"}";
            HttpResponse<String> out = Http.post(URI.create(e.baseUri() + "/rest/logout"), refreshBody,
                    "Authorization", "Bearer " + tokens.getString("access_token"));
            assertThat(out.statusCode()).isEqualTo(200);
            assertThat(sessions(e, tokens.getString("access_token")).statusCode()).isEqualTo(401);
            assertThat(Http.post(URI.create(e.baseUri() + "/rest/refresh"), refreshBody).statusCode())
                    .isEqualTo(400);
        }
    }

    @Test
    void expiresEveryAccessTokenOnDemand() {
        try (HorizonEmulator e = builder().start()) {
            String access = login(e).getString("access_token");
            e.expireAccessTokens();
            assertThat(sessions(e, access).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void emitsEachConfiguredErrorBodyShape() {
        for (HorizonErrorStyle style : HorizonErrorStyle.values()) {
            try (HorizonEmulator e = builder().errorStyle(style).start()) {
                HttpResponse<String> r = Http.get(URI.create(e.baseUri() + "/rest/inventory/v1/sessions"));
                assertThat(r.statusCode()).isEqualTo(401);
                JsonObject body = Http.json(r.body()).asJsonObject();
                switch (style) {
                    case ERROR_MESSAGE -> assertThat(body.getString("error_message")).isNotBlank();
                    case ERROR_MESSAGES -> assertThat(body.getJsonArray("error_messages")).hasSize(1);
                    case ERRORS -> {
                        assertThat(body.getString("status")).isEqualTo("UNAUTHORIZED");
                        assertThat(body.getJsonNumber("timestamp").longValue()).isPositive();
                        assertThat(body.getJsonArray("errors").getJsonObject(0).containsKey("error_key")).isFalse();
                        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("error_message"))
                                .isNotBlank();
                    }
                }
            }
        }
    }

    @Test
    void throttlesRequestsAboveTheConfiguredRate() {
        try (HorizonEmulator e = builder().maxRequestsPerSecond(3).start()) {
            String access = login(e).getString("access_token"); // 1st request of the second
            int throttled = 0;
            HttpResponse<String> last = null;
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> r = sessions(e, access);
                if (r.statusCode() == 429) {
                    throttled++;
                    last = r;
                }
            }
            assertThat(throttled).isGreaterThanOrEqualTo(3);
            assertThat(last.headers().firstValue("X-Rate-Limit-Retry-After-Seconds")).hasValue("1");
            assertThat(last.headers().firstValue("Retry-After")).isEmpty();
            assertThat(Http.json(last.body()).asJsonObject().getString("status")).isEqualTo("TOO_MANY_REQUESTS");
            assertThat(Http.json(last.body()).asJsonObject().getJsonArray("errors").getJsonObject(0)
                    .getString("error_key")).isEqualTo("common.api-throttle-limit.exceeded.error");
        }
    }

    @Test
    void rejectsTooManySessionIdsAndTooLongMessages() {
        try (HorizonEmulator e = builder().maxIdsPerCall(2).maxMessageLength(10).start()) {
            String access = login(e).getString("access_token");
            List<String> ids = INVENTORY.sessions().stream().limit(3).map(Inventory.Session::id).toList();
            assertThat(send(e, access, "short", ids).statusCode()).isEqualTo(400);
            assertThat(send(e, access, "far too long a text", ids.subList(0, 1)).statusCode()).isEqualTo(400);
            assertThat(send(e, access, "short", ids.subList(0, 2)).statusCode()).isEqualTo(200);
            assertThat(e.journal().totalShown()).isEqualTo(2);
        }
    }

    @Test
    void rejectsAPageSizeAboveTheMaximum() {
        try (HorizonEmulator e = builder().maxPageSize(100).start()) {
            String access = login(e).getString("access_token");
            HttpResponse<String> r = Http.get(URI.create(e.baseUri() + "/rest/inventory/v1/sessions?page=1&size=101"),
                    "Authorization", "Bearer " + access);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(e.journal().contractViolations()).singleElement()
                    .satisfies(v -> assertThat(v.rule()).contains("size"));
        }
    }

    @Test
    void rejectsAnUnknownMessageType() {
        try (HorizonEmulator e = builder().start()) {
            String access = login(e).getString("access_token");
            HttpResponse<String> r = Http.post(URI.create(e.baseUri() + "/rest/inventory/v1/sessions/action/send-message"),
                    "{\"message\":\"m\",\"message_type\":\"DEBUG\",\"session_ids\":[\"x\"]}",
                    "Authorization", "Bearer " + access);
            assertThat(r.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void refusesToStartWithoutALogin() {
        assertThatThrownBy(() -> HorizonEmulator.builder().start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("login");
    }

    @Test
    void rejectsBadSettingsNamingTheParameter() {
        assertThatThrownBy(() -> HorizonEmulator.builder().accessTokenTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> HorizonEmulator.builder().maxIdsPerCall(0)).hasMessageContaining("max");
        assertThatThrownBy(() -> HorizonEmulator.builder().login("D", "", "p")).hasMessageContaining("username");
        assertThatThrownBy(() -> HorizonEmulator.builder().threads(0)).hasMessageContaining("threads");
    }

    @Test
    void keepsPasswordsOutOfToString() {
        HorizonEmulator.Builder b = builder().login("CORP", "other", "very-secret-password");
        assertThat(b.toString()).doesNotContain("very-secret-password").doesNotContain("pw\"");
        try (HorizonEmulator e = b.start()) {
            assertThat(e.toString()).doesNotContain("very-secret-password").contains("127.0.0.1");
        }
    }
}
