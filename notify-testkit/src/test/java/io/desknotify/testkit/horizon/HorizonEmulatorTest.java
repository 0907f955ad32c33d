package io.desknotify.testkit.horizon;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HorizonEmulatorTest {

    static HorizonEmulator emulator;
    static Inventory inventory;

    @BeforeAll
    static void start() {
        inventory = Inventory.builder().seed(5).desktops(300).pools(4).users(150).build();
        emulator = HorizonEmulator.builder().inventory(inventory).login("DESKNOTIFY", "admin", "s3cret").start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.journal().clear();
        emulator.faults().clear();
    }

    static URI uri(String pathAndQuery) {
        return URI.create(emulator.baseUri() + pathAndQuery);
    }

    static JsonObject login() {
        HttpResponse<String> r = Http.post(uri("/rest/login"),
                "{\"domain\":\"desknotify\",\"username\":\"admin\",\"password\":\"s3cret\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        return Http.json(r.body()).asJsonObject();
    }

    static String bearer() {
        return "Bearer " + login().getString("access_token");
    }

    static String filter(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    static String sendBody(List<String> ids, String type) {
        return "{\"message\":\"Maintenance at 22:00\",\"message_type\":\"" + type + "\",\"session_ids\":["
                + ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",")) + "]}";
    }

    @Test
    void logsInAndServesSessionsWithTheAccessToken() {
        JsonObject tokens = login();
        assertThat(tokens.getString("refresh_token")).isNotBlank();
        HttpResponse<String> r = Http.get(uri("/rest/inventory/v1/sessions"),
                "Authorization", "Bearer " + tokens.getString("access_token"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Http.json(r.body()).asJsonArray()).hasSize(inventory.sessions().size());
    }

    @Test
    void rejectsWrongCredentialsWithAnErrorBody() {
        HttpResponse<String> r = Http.post(uri("/rest/login"),
                "{\"domain\":\"DESKNOTIFY\",\"username\":\"admin\",\"password\":\"wrong\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        JsonObject body = Http.json(r.body()).asJsonObject();
        assertThat(body.getString("status")).isEqualTo("UNAUTHORIZED");
        // Horizon's error keys come from its message bundle and are not published: the emulator makes none up
        assertThat(body.getJsonArray("errors").getJsonObject(0).containsKey("error_key")).isFalse();
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("error_message")).isNotBlank();
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void rejectsAnInventoryCallWithoutToken() {
        assertThat(Http.get(uri("/rest/inventory/v1/sessions")).statusCode()).isEqualTo(401);
    }

    @Test
    void pagesSessionsSoThatEverySessionAppearsOnceAndSignalsMorePages() {
        String auth = bearer();
        Set<String> seen = new HashSet<>();
        List<Boolean> more = new ArrayList<>();
        for (int page = 1; page < 100; page++) {
            HttpResponse<String> r = Http.get(uri("/rest/inventory/v1/sessions?page=" + page + "&size=50"),
                    "Authorization", auth);
            Http.json(r.body()).asJsonArray()
                    .forEach(s -> assertThat(seen.add(s.asJsonObject().getString("id"))).isTrue());
            boolean hasMore = r.headers().firstValue("HAS_MORE_RECORDS").map("TRUE"::equals).orElse(false);
            more.add(hasMore);
            if (!hasMore) {
                break;
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(
                inventory.sessions().stream().map(Inventory.Session::id).toList());
        assertThat(more).last().isEqualTo(false);
        assertThat(more).hasSize((inventory.sessions().size() + 49) / 50);
    }

    @Test
    void filtersSessionsByPoolAndStateWithAndNotEqualsAndOr() {
        String auth = bearer();
        String pool = inventory.pools().get(0).id();
        String json = "{\"type\":\"And\",\"filters\":[{\"type\":\"Equals\",\"name\":\"desktop_pool_id\",\"value\":\""
                + pool + "\"},{\"type\":\"NotEquals\",\"name\":\"session_state\",\"value\":\"DISCONNECTED\"}]}";
        JsonArray got = Http.json(Http.get(uri("/rest/inventory/v1/sessions?filter=" + filter(json)),
                "Authorization", auth).body()).asJsonArray();
        List<String> expected = inventory.sessionsInPool(pool).stream()
                .filter(s -> s.state() == Inventory.SessionState.CONNECTED).map(Inventory.Session::id).toList();
        assertThat(got.stream().map(v -> v.asJsonObject().getString("id")).toList())
                .containsExactlyInAnyOrderElementsOf(expected).isNotEmpty();

        Inventory.User a = inventory.users().get(1);
        Inventory.User b = inventory.users().get(2);
        String or = "{\"type\":\"Or\",\"filters\":[{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":\"" + a.sid()
                + "\"},{\"type\":\"Equals\",\"name\":\"user_id\",\"value\":\"" + b.sid() + "\"}]}";
        JsonArray users = Http.json(Http.get(uri("/rest/inventory/v1/sessions?filter=" + filter(or)),
                "Authorization", auth).body()).asJsonArray();
        Set<String> expectedIds = new HashSet<>();
        inventory.sessionsOfUser(a.name()).forEach(s -> expectedIds.add(s.id()));
        inventory.sessionsOfUser(b.name()).forEach(s -> expectedIds.add(s.id()));
        assertThat(users.stream().map(v -> v.asJsonObject().getString("id")).toList())
                .containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void rejectsAFilterOfUnknownType() {
        HttpResponse<String> r = Http.get(uri("/rest/inventory/v1/sessions?filter="
                + filter("{\"type\":\"Like\",\"name\":\"user_id\",\"value\":\"x\"}")), "Authorization", bearer());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(emulator.journal().contractViolations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("Like"));
    }

    @Test
    void resolvesALoginNameAndDomainToTheUsersSid() {
        Inventory.User user = inventory.users().get(42);
        String json = "{\"type\":\"And\",\"filters\":[{\"type\":\"Equals\",\"name\":\"login_name\",\"value\":\""
                + user.name() + "\"},{\"type\":\"Equals\",\"name\":\"domain\",\"value\":\"" + user.domain() + "\"}]}";
        HttpResponse<String> r = Http.get(uri("/rest/external/v1/ad-users-or-groups?group_only=false&filter="
                + filter(json)), "Authorization", bearer());
        JsonArray found = Http.json(r.body()).asJsonArray();
        assertThat(found).hasSize(1);
        assertThat(found.getJsonObject(0).getString("id")).isEqualTo(user.sid());
        assertThat(found.getJsonObject(0).getString("login_name")).isEqualTo(user.name());

        String otherCase = json.replace(user.name(), user.name().toUpperCase()).replace(user.domain(),
                user.domain().toLowerCase());
        JsonArray again = Http.json(Http.get(uri("/rest/external/v1/ad-users-or-groups?group_only=false&filter="
                + filter(otherCase)), "Authorization", bearer()).body()).asJsonArray();
        assertThat(again).hasSize(1);
    }

    @Test
    void answersOneItemPerSessionAndShowsTheMessageOnKnownSessionsOnly() {
        List<String> ids = inventory.sessions().stream().limit(3).map(Inventory.Session::id).toList();
        List<String> all = new ArrayList<>(ids);
        all.add("no-such-session");
        HttpResponse<String> r = Http.post(uri("/rest/inventory/v1/sessions/action/send-message"),
                sendBody(all, "WARNING"), "Authorization", bearer());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonArray items = Http.json(r.body()).asJsonArray();
        assertThat(items).hasSize(4);
        for (JsonValue v : items) {
            JsonObject item = v.asJsonObject();
            if (item.getString("id").equals("no-such-session")) {
                assertThat(item.getInt("status_code")).isEqualTo(404);
                assertThat(item.getJsonArray("error_messages")).hasSize(1);
                assertThat(item.getJsonArray("errors").getJsonObject(0).getString("error_message")).isNotBlank();
                assertThat(item.getJsonArray("errors").getJsonObject(0).containsKey("error_key")).isFalse();
            } else {
                assertThat(item.getInt("status_code")).isEqualTo(200);
            }
            assertThat(item.getJsonNumber("timestamp").longValue()).isPositive();
        }
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids);
        assertThat(emulator.journal().shown()).allSatisfy(s -> assertThat(s.messageType()).isEqualTo("WARNING"));
        assertThat(emulator.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isEqualTo(1);
    }
}
