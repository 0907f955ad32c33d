package io.desknotify.testkit.horizon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.testkit.ContractViolation;
import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each rule of the published Horizon Server REST contract: the emulator refuses what the real server refuses (400)
 * and journals it as a contract violation, and accepts what the contract allows without a violation.
 */
class HorizonContractTest {

    static final Inventory INVENTORY = Inventory.builder().seed(31).desktops(120).pools(3).users(40).build();
    static HorizonEmulator emulator;
    static String auth;

    @BeforeAll
    static void start() {
        emulator = HorizonEmulator.builder().inventory(INVENTORY).login("CORP", "svc", "pw").threads(4).start();
        auth = bearer(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.journal().clear();
    }

    static String bearer(HorizonEmulator e) {
        HttpResponse<String> r = Http.post(URI.create(e.baseUri() + "/rest/login"),
                "{\"domain\":\"CORP\",\"username\":\"svc\",\"password\":\"pw\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        return "Bearer " + Http.json(r.body()).asJsonObject().getString("access_token");
    }

    static HttpResponse<String> get(HorizonEmulator e, String pathAndQuery) {
        return Http.get(URI.create(e.baseUri() + pathAndQuery), "Authorization", bearer(e));
    }

    static HttpResponse<String> get(String pathAndQuery) {
        return Http.get(URI.create(emulator.baseUri() + pathAndQuery), "Authorization", auth);
    }

    static HttpResponse<String> post(HorizonEmulator e, String path, String body) {
        return Http.post(URI.create(e.baseUri() + path), body, "Authorization", bearer(e));
    }

    static String enc(String json) {
        return URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    static String eq(String type, String name, String value) {
        return "{\"type\":\"" + type + "\",\"name\":\"" + name + "\",\"value\":\"" + value + "\"}";
    }

    static String combine(String type, String... filters) {
        return "{\"type\":\"" + type + "\",\"filters\":[" + String.join(",", filters) + "]}";
    }

    static HttpResponse<String> users(String filter) {
        return get("/rest/external/v1/ad-users-or-groups?group_only=false&filter=" + enc(filter));
    }

    static HttpResponse<String> sessions(String filter) {
        return get("/rest/inventory/v1/sessions?filter=" + enc(filter));
    }

    static void assertRefused(HttpResponse<String> r, String ruleWords) {
        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject body = Http.json(r.body()).asJsonObject();
        assertThat(body.getString("status")).isEqualTo("BAD_REQUEST");
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("error_message")).isNotBlank();
        assertThat(emulator.journal().contractViolations()).singleElement()
                .extracting(ContractViolation::rule).asString().contains(ruleWords);
        emulator.journal().clear();
    }

    static void assertAccepted(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    // ---- ad-users-or-groups (ADUserOrGroupSummary)

    @Test
    void refusesAnOrOfLoginNamesOnAdUsersBecauseAnOrMayNestOnlyEqualsOnDomainOrId() {
        Inventory.User a = INVENTORY.users().get(0);
        Inventory.User b = INVENTORY.users().get(1);
        // what the transport used to send: And(Or(Equals login_name ...), Equals domain)
        assertRefused(users(combine("And", combine("Or", eq("Equals", "login_name", a.name()),
                eq("Equals", "login_name", b.name())), eq("Equals", "domain", a.domain()))), "Or");
        assertRefused(users(combine("Or", eq("Equals", "domain", a.domain()), eq("StartsWith", "login_name", "u"))),
                "Or");
        assertRefused(users(combine("Or", eq("Equals", "id", a.sid()),
                combine("And", eq("Equals", "domain", a.domain())))), "Or");
    }

    @Test
    void acceptsAnOrOfEqualsOnIdOrDomain() {
        Inventory.User a = INVENTORY.users().get(0);
        Inventory.User b = INVENTORY.users().get(1);
        HttpResponse<String> r = users(combine("Or", eq("Equals", "id", a.sid()), eq("Equals", "id", b.sid())));
        assertAccepted(r);
        assertThat(Http.json(r.body()).asJsonArray()).hasSize(2);
        assertAccepted(users(combine("And", eq("Equals", "login_name", a.name()),
                combine("Or", eq("Equals", "domain", a.domain()), eq("Equals", "domain", "OTHER")))));
    }

    @Test
    void allowsEqualsStartsWithAndContainsOnLoginNameNameAndEmail() {
        for (String field : List.of("login_name", "name", "email")) {
            for (String type : List.of("Equals", "StartsWith", "Contains")) {
                assertAccepted(users(eq(type, field, "user0")));
            }
        }
        HttpResponse<String> r = users(eq("StartsWith", "login_name", "USER0000"));
        assertThat(Http.json(r.body()).asJsonArray()).hasSize(9); // user00001..user00009, ignoring case
    }

    @Test
    void allowsOnlyEqualsOnDomainAndId() {
        assertRefused(users(eq("StartsWith", "domain", "DESK")), "domain");
        assertRefused(users(eq("Contains", "id", "S-1-5")), "id");
        assertAccepted(users(eq("Equals", "domain", "desknotify")));
    }

    @Test
    void refusesFilterTypesAndFieldsThatAdUsersDoNotSupport() {
        assertRefused(users(eq("NotEquals", "login_name", "x")), "NotEquals");
        assertRefused(users("{\"type\":\"Not\",\"filter\":" + eq("Equals", "login_name", "x") + "}"), "Not");
        assertRefused(users(eq("Equals", "display_name", "x")), "display_name");
        assertRefused(users(eq("Equals", "group", "false")), "group");
    }

    // ---- sessions (SessionInfo)

    @ParameterizedTest
    @ValueSource(strings = {"id", "user_id", "desktop_pool_id", "machine_id", "session_type"})
    void allowsOnlyEqualsOnSessionIdFields(String field) {
        assertAccepted(sessions(eq("Equals", field, "x")));
        assertRefused(sessions(eq("NotEquals", field, "x")), field);
        assertRefused(sessions(eq("StartsWith", field, "x")), "StartsWith");
    }

    @Test
    void allowsEqualsAndNotEqualsOnSessionState() {
        HttpResponse<String> connected = sessions(eq("Equals", "session_state", "CONNECTED"));
        HttpResponse<String> others = sessions(eq("NotEquals", "session_state", "CONNECTED"));
        assertAccepted(connected);
        assertAccepted(others);
        assertThat(Http.json(connected.body()).asJsonArray().size() + Http.json(others.body()).asJsonArray().size())
                .isEqualTo(INVENTORY.sessions().size());
        assertRefused(sessions(eq("Contains", "session_state", "CONN")), "session_state");
    }

    @Test
    void refusesNotAndUnknownFieldsOnSessions() {
        assertRefused(sessions("{\"type\":\"Not\",\"filter\":" + eq("Equals", "id", "x") + "}"), "Not");
        assertRefused(sessions(eq("Equals", "user_name", "x")), "user_name");
        assertRefused(sessions("{\"type\":\"Equals\",\"name\":\"id\"}"), "value");
        assertRefused(sessions("not json"), "JSON");
        assertRefused(sessions(combine("Or")), "filters");
    }

    // ---- paging

    @Test
    void refusesSizeWithoutPageAndPageWithoutSize() {
        assertRefused(get("/rest/inventory/v1/sessions?size=10"), "together");
        assertRefused(get("/rest/inventory/v1/sessions?page=1"), "together");
        assertRefused(get("/rest/external/v1/ad-users-or-groups?size=10"), "together");
    }

    @Test
    void refusesPagesAndSizesThatAreNotPositiveOrAboveOneThousand() {
        assertRefused(get("/rest/inventory/v1/sessions?page=0&size=10"), "page");
        assertRefused(get("/rest/inventory/v1/sessions?page=1&size=0"), "size");
        assertRefused(get("/rest/inventory/v1/sessions?page=1&size=1001"), "1000");
        assertRefused(get("/rest/inventory/v1/sessions?page=one&size=10"), "page");
        assertAccepted(get("/rest/inventory/v1/sessions?page=1&size=1000"));
    }

    @Test
    void answersTheWholeListWhenNeitherPageNorSizeIsSent() {
        HttpResponse<String> r = get("/rest/inventory/v1/sessions");
        assertAccepted(r);
        assertThat(Http.json(r.body()).asJsonArray()).hasSize(INVENTORY.sessions().size());
        assertThat(r.headers().firstValue("HAS_MORE_RECORDS")).isEmpty();
    }

    @Test
    void leavesTheOptionalHasMoreRecordsHeaderOutWhenConfigured() {
        try (HorizonEmulator e = HorizonEmulator.builder().inventory(INVENTORY).login("CORP", "svc", "pw")
                .hasMoreRecordsHeader(false).threads(2).start()) {
            Set<String> seen = new HashSet<>();
            for (int page = 1; ; page++) {
                HttpResponse<String> r = get(e, "/rest/inventory/v1/sessions?page=" + page + "&size=7");
                assertThat(r.headers().firstValue("HAS_MORE_RECORDS")).isEmpty();
                JsonArray items = Http.json(r.body()).asJsonArray();
                items.forEach(v -> seen.add(v.asJsonObject().getString("id")));
                if (items.size() < 7) {
                    break;
                }
            }
            assertThat(seen).hasSize(INVENTORY.sessions().size());
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    // ---- send-message

    @Test
    void refusesASendMessageBodyWithoutARequiredField() {
        String id = INVENTORY.sessions().get(0).id();
        assertRefused(post(emulator, "/rest/inventory/v1/sessions/action/send-message",
                "{\"message\":\"m\",\"session_ids\":[\"" + id + "\"]}"), "message_type");
        assertRefused(post(emulator, "/rest/inventory/v1/sessions/action/send-message",
                "{\"message_type\":\"INFO\",\"session_ids\":[\"" + id + "\"]}"), "message");
        assertRefused(post(emulator, "/rest/inventory/v1/sessions/action/send-message",
                "{\"message\":\"m\",\"message_type\":\"INFO\",\"session_ids\":\"" + id + "\"}"), "session_ids");
        assertRefused(post(emulator, "/rest/inventory/v1/sessions/action/send-message", "[]"), "JSON object");
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void answersSendMessageItemsWithTheFieldsOfTheModelledVersionOnly() {
        String known = INVENTORY.sessions().get(0).id();
        String body = "{\"message\":\"m\",\"message_type\":\"INFO\",\"session_ids\":[\"" + known + "\",\"nope\"]}";
        JsonArray v2406 = Http.json(post(emulator, "/rest/inventory/v1/sessions/action/send-message", body).body())
                .asJsonArray();
        assertThat(v2406.getJsonObject(0).keySet()).containsExactlyInAnyOrder("id", "status_code", "timestamp");
        assertThat(v2406.getJsonObject(1).keySet())
                .containsExactlyInAnyOrder("id", "status_code", "error_messages", "errors", "timestamp");
        try (HorizonEmulator e = HorizonEmulator.builder().inventory(INVENTORY).login("CORP", "svc", "pw")
                .version(HorizonVersion.V2111).threads(2).start()) {
            JsonArray v2111 = Http.json(post(e, "/rest/inventory/v1/sessions/action/send-message", body).body())
                    .asJsonArray();
            assertThat(v2111.getJsonObject(1).keySet())
                    .containsExactlyInAnyOrder("id", "status_code", "error_messages", "timestamp");
            assertThat(v2111.getJsonObject(1).getInt("status_code")).isEqualTo(404);
        }
    }

    // ---- tokens

    @Test
    void answersARefreshWithAnUnknownTokenWith400AsTheDefinitionListsNo401() {
        HttpResponse<String> r = Http.post(URI.create(emulator.baseUri() + "/rest/refresh"),
                "{\"refresh_token\":\"r.not-a-token\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(emulator.journal().contractViolations()).isEmpty(); // foreseen by the contract
        assertRefused(Http.post(URI.create(emulator.baseUri() + "/rest/refresh"), "{}"), "refresh_token");
    }

    @Test
    void refusesThrottlingSettingsForAVersionWithoutApiThrottling() {
        assertThatThrownBy(() -> HorizonEmulator.builder().login("CORP", "svc", "pw").version(HorizonVersion.V2111)
                .maxRequestsPerSecond(5).start()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2406");
    }

    // ---- Cloud Pod Architecture

    @Test
    void answersGlobalSessionsWith409WhileCloudPodArchitectureIsNotInitialised() {
        String sid = INVENTORY.users().get(0).sid();
        HttpResponse<String> r = get("/rest/inventory/v1/global-sessions?user_id=" + enc(sid) + "&page=1&size=10");
        assertThat(r.statusCode()).isEqualTo(409);
        JsonObject body = Http.json(r.body()).asJsonObject();
        assertThat(body.getString("status")).isEqualTo("CONFLICT");
        assertThat(body.getJsonArray("errors").getJsonObject(0).getString("error_message")).contains("CPA");
        HttpResponse<String> send = post(emulator, "/rest/inventory/v1/global-sessions/action/send-message",
                "{\"global_session_action_specs\":[{\"pod_id\":\"local-pod\",\"ids\":[\"x\"]}],\"message\":\"m\","
                        + "\"message_type\":\"INFO\"}");
        assertThat(send.statusCode()).isEqualTo(409);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void listsAUsersSessionsInEveryPodAndSendsToThreePodsInOneCall() {
        Inventory east = Inventory.builder().seed(32).desktops(30).pools(1).users(10).domain("EAST").build();
        Inventory west = Inventory.builder().seed(33).desktops(30).pools(1).users(10).domain("WEST").build();
        try (HorizonEmulator e = HorizonEmulator.builder().inventory(INVENTORY).login("CORP", "svc", "pw")
                .localPodId("pod-a").pod("pod-b", east).pod("pod-c", west).threads(2).start()) {
            Inventory.Session remote = east.sessions().get(0);
            JsonArray found = Http.json(get(e, "/rest/inventory/v1/global-sessions?user_id=" + enc(remote.userSid())
                    + "&page=1&size=100").body()).asJsonArray();
            assertThat(found.stream().map(v -> v.asJsonObject().getString("id")).collect(Collectors.toSet()))
                    .isEqualTo(east.sessionsOfUser(remote.userName()).stream().map(Inventory.Session::id)
                            .collect(Collectors.toSet()));
            assertThat(found.getJsonObject(0).getString("pod_id")).isEqualTo("pod-b");
            assertThat(found.getJsonObject(0).containsKey("machine_id")).isFalse(); // hosted by a remote pod

            String body = "{\"global_session_action_specs\":["
                    + "{\"pod_id\":\"pod-a\",\"ids\":[\"" + INVENTORY.sessions().get(0).id() + "\"]},"
                    + "{\"pod_id\":\"pod-b\",\"ids\":[\"" + remote.id() + "\"]},"
                    + "{\"pod_id\":\"pod-c\",\"ids\":[\"" + west.sessions().get(0).id() + "\",\"gone\"]}],"
                    + "\"message\":\"Maintenance\",\"message_type\":\"WARNING\"}";
            HttpResponse<String> r = post(e, "/rest/inventory/v1/global-sessions/action/send-message", body);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonArray perPod = Http.json(r.body()).asJsonArray();
            assertThat(perPod).hasSize(3).allSatisfy(p -> assertThat(p.asJsonObject().getInt("status_code"))
                    .isEqualTo(200));
            assertThat(perPod.getJsonObject(2).getJsonArray("details").getJsonObject(1).getInt("status_code"))
                    .isEqualTo(404);
            assertThat(e.journal().shownTargets()).containsOnlyKeys(INVENTORY.sessions().get(0).id(), remote.id(),
                    west.sessions().get(0).id());
            assertThat(e.journal().requestCount(Route.HORIZON_GLOBAL_SEND_MESSAGE)).isEqualTo(1);
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void refusesGlobalSessionQueriesWithoutExactlyOneSelectorOrWithAFilter() {
        try (HorizonEmulator e = HorizonEmulator.builder().inventory(INVENTORY).login("CORP", "svc", "pw")
                .cloudPodArchitecture(true).threads(2).start()) {
            assertThat(get(e, "/rest/inventory/v1/global-sessions?page=1&size=10").statusCode()).isEqualTo(400);
            assertThat(get(e, "/rest/inventory/v1/global-sessions?pod_id=a&user_id=b").statusCode()).isEqualTo(400);
            assertThat(get(e, "/rest/inventory/v1/global-sessions?pod_id=local-pod&filter="
                    + enc(eq("Equals", "id", "x"))).statusCode()).isEqualTo(400);
            assertThat(get(e, "/rest/inventory/v1/global-sessions?pod_id=local-pod&size=5").statusCode())
                    .isEqualTo(400);
            assertThat(e.journal().contractViolations()).hasSize(4);
            HttpResponse<String> ok = get(e, "/rest/inventory/v1/global-sessions?pod_id=local-pod");
            assertThat(Http.json(ok.body()).asJsonArray()).hasSize(INVENTORY.sessions().size());
            assertThat(e.journal().contractViolations()).hasSize(4);
        }
    }
}
