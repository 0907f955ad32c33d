package io.desknotify.testkit.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.ContractViolation;
import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each published rule of the Workspace API: the emulator refuses a request outside it and journals the violation. */
class HuaweiContractRulesTest {

    static final String INVALID = HuaweiErrorCode.INVALID_PARAMETER.defaultCode();

    static HuaweiWorkspaceEmulator emulator;
    static Inventory inventory;

    @BeforeAll
    static void start() {
        inventory = Inventory.builder().seed(21).desktops(150).pools(2).users(60).build();
        emulator = HuaweiWorkspaceEmulator.builder().inventory(inventory).threads(4).start();
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
        return URI.create(emulator.baseUri() + "/v2/" + emulator.projectId() + pathAndQuery);
    }

    static String ids(int n) {
        return inventory.desktopIds().stream().limit(n).map(i -> "\"" + i + "\"").collect(Collectors.joining(","));
    }

    static String repeated(String key, int n) {
        return IntStream.range(0, n).mapToObj(i -> key + "=v" + i).collect(Collectors.joining("&"));
    }

    static Stream<Arguments> requestsOutsideTheContract() {
        String job = "/workspace-jobs/00000000-0000-0000-0000-000000000000";
        return Stream.of(
                Arguments.of("connect-desktops offset above 2000", "GET", "/connect-desktops?offset=2001", null,
                        400, INVALID, "offset 2001"),
                Arguments.of("connect-desktops negative offset", "GET", "/connect-desktops?offset=-1", null,
                        400, INVALID, "offset -1"),
                Arguments.of("connect-desktops limit above 2000", "GET", "/connect-desktops?limit=2001", null,
                        400, INVALID, "limit 2001"),
                Arguments.of("connect-desktops limit not an integer", "GET", "/connect-desktops?limit=ten", null,
                        400, INVALID, "not an integer"),
                Arguments.of("connect-desktops empty offset", "GET", "/connect-desktops?offset=", null,
                        400, INVALID, "not an integer"),
                Arguments.of("connect-desktops more than 100 user_names", "GET",
                        "/connect-desktops?" + repeated("user_names", 101), null, 400, INVALID, "at most 100"),
                Arguments.of("connect-desktops unknown connect_status", "GET", "/connect-desktops?connect_status=ON",
                        null, 400, INVALID, "connect_status"),
                Arguments.of("connect-desktops unknown parameter", "GET", "/connect-desktops?desktop_id=x", null,
                        400, INVALID, "not in the API reference"),
                Arguments.of("connect-desktops repeated single-valued parameter", "GET",
                        "/connect-desktops?limit=1&limit=2", null, 400, INVALID, "single-valued"),
                Arguments.of("desktops more than 100 desktop_id", "GET", "/desktops?" + repeated("desktop_id", 101),
                        null, 400, INVALID, "at most 100"),
                Arguments.of("desktops limit above 1000", "GET", "/desktops?limit=1001", null, 400, INVALID,
                        "limit 1001"),
                Arguments.of("desktops unknown parameter", "GET", "/desktops?connect_status=CONNECTED", null,
                        400, INVALID, "not in the API reference"),
                Arguments.of("notification-records without query_type", "GET", "/users/notification-records", null,
                        400, INVALID, "query_type is mandatory"),
                Arguments.of("notification-records sort_field without sort_type", "GET",
                        "/users/notification-records?query_type=DESKTOP&sort_field=operate_time", null, 400, INVALID,
                        "together"),
                Arguments.of("notification-records limit above 1000", "GET",
                        "/users/notification-records?query_type=DESKTOP&limit=1001", null, 400, INVALID, "limit"),
                Arguments.of("send with an empty body", "POST", "/desktops/notifications", "", 400, "WKS.0001",
                        "body is required"),
                Arguments.of("send that is not a JSON object", "POST", "/desktops/notifications", "[1]", 400,
                        INVALID, "JSON object"),
                Arguments.of("send without desktop_ids", "POST", "/desktops/notifications",
                        "{\"notifications\":\"x\"}", 400, INVALID, "desktop_ids is required"),
                Arguments.of("send with an id that is not a string", "POST", "/desktops/notifications",
                        "{\"desktop_ids\":[1],\"notifications\":\"x\"}", 400, INVALID, "non-empty strings"),
                Arguments.of("send with more ids than a call takes", "POST", "/desktops/notifications",
                        "{\"desktop_ids\":[" + ids(101) + "],\"notifications\":\"x\"}", 400, INVALID,
                        "maxIdsPerCall"),
                Arguments.of("send without notifications", "POST", "/desktops/notifications",
                        "{\"desktop_ids\":[" + ids(1) + "]}", 400, INVALID, "notifications is required"),
                Arguments.of("send with a query parameter", "POST", "/desktops/notifications?force=true",
                        "{\"desktop_ids\":[" + ids(1) + "],\"notifications\":\"x\"}", 400, INVALID,
                        "not in the API reference"),
                Arguments.of("pool send with an empty notifications", "POST",
                        "/desktop-pools/" + inventory.pools().get(0).id() + "/notifications",
                        "{\"notifications\":\"\"}", 400, INVALID, "notifications is required"),
                Arguments.of("pool id that is a dot-segment", "POST", "/desktop-pools/../notifications",
                        "{\"notifications\":\"x\"}", 404, "APIG.0101", "dot-segment"),
                Arguments.of("pool id that is an encoded dot-segment", "POST", "/desktop-pools/%2E%2E/notifications",
                        "{\"notifications\":\"x\"}", 404, "APIG.0101", "dot-segment"),
                Arguments.of("pool id holding an encoded slash", "POST", "/desktop-pools/a%2Fb/notifications",
                        "{\"notifications\":\"x\"}", 400, INVALID, "pool_id"),
                Arguments.of("job id that is a dot-segment", "GET", "/workspace-jobs/.", null, 404, "APIG.0101",
                        "job_id"),
                Arguments.of("job poll with a query parameter", "GET", job + "?verbose=1", null, 400, INVALID,
                        "not in the API reference"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestsOutsideTheContract")
    void refusesARequestOutsideThePublishedApiAndJournalsTheRule(String rule, String method, String pathAndQuery,
            String body, int status, String errorCode, String ruleWords) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = Http.send(b.build());
        assertThat(r.statusCode()).as(rule).isEqualTo(status);
        JsonObject error = Http.json(r.body()).asJsonObject();
        assertThat(error.getString("error_code")).as(rule).isEqualTo(errorCode);
        assertThat(error.keySet()).as("only the documented error fields").isEqualTo(Set.of("error_code", "error_msg"));
        List<ContractViolation> violations = emulator.journal().contractViolations();
        assertThat(violations).as(rule).singleElement().satisfies(v -> assertThat(v.rule()).contains(ruleWords));
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void recordsNoViolationForRequestsInsideTheContract() {
        String user = inventory.desktops().get(0).userName();
        assertThat(Http.get(uri("/connect-desktops?offset=2000&limit=2000")).statusCode()).isEqualTo(200);
        assertThat(Http.get(uri("/connect-desktops?limit=0")).statusCode()).isEqualTo(200);
        assertThat(Http.get(uri("/connect-desktops?user_names=" + user + "&connect_status=CONNECTED")).statusCode())
                .isEqualTo(200);
        assertThat(Http.get(uri("/desktops?" + repeated("desktop_id", 100) + "&offset=5000&limit=1000"))
                .statusCode()).isEqualTo(200);
        assertThat(Http.get(uri("/users/notification-records?query_type=DESKTOP&sort_field=operate_time"
                + "&sort_type=DESC&limit=1000")).statusCode()).isEqualTo(200);
        HttpResponse<String> sent = Http.post(uri("/desktops/notifications"),
                "{\"desktop_ids\":[" + ids(100) + "],\"notifications\":\"x\"}");
        assertThat(sent.statusCode()).isEqualTo(200);
        String job = Http.json(sent.body()).asJsonObject().getString("job_id");
        assertThat(Http.get(uri("/workspace-jobs/" + job)).statusCode()).isEqualTo(200);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void listsTheNamedDesktopsWithTheirConnectStatusAndLeavesOutUnknownIds() {
        Inventory.Desktop a = inventory.desktops().get(3);
        Inventory.Desktop b = inventory.desktops().get(4);
        HttpResponse<String> r = Http.get(uri("/desktops?desktop_id=" + a.id() + "&desktop_id=no-such-desktop"
                + "&desktop_id=" + b.id()));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject o = Http.json(r.body()).asJsonObject();
        assertThat(o.getInt("total_count")).isEqualTo(2);
        JsonArray desktops = o.getJsonArray("desktops");
        assertThat(desktops.stream().map(v -> v.asJsonObject().getString("desktop_id"))).containsExactly(a.id(), b.id());
        assertThat(desktops.getJsonObject(0).getString("connect_status")).isEqualTo(a.status().name());
        Set<String> documented = Set.of("desktop_id", "computer_name", "user_name", "attach_user_infos",
                "desktop_type", "connect_status", "pool_id");
        for (JsonValue d : desktops) {
            assertThat(documented).containsAll(d.asJsonObject().keySet());
        }
        assertThat(emulator.journal().requests(Route.HUAWEI_LIST_DESKTOPS)).hasSize(1);
    }

    @Test
    void refusesAListDesktopsFilterItDoesNotModelWithoutCallingItAViolation() {
        HttpResponse<String> r = Http.get(uri("/desktops?tag=env%3Dprod"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.json(r.body()).asJsonObject().getString("error_msg")).contains("tag");
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void answersThrottlingWithoutRetryAfterUnlessTheDeviationIsAskedFor() {
        try (HuaweiWorkspaceEmulator strict = HuaweiWorkspaceEmulator.builder().inventory(inventory).threads(2)
                .maxRequestsPerSecond(1).start();
             HuaweiWorkspaceEmulator deviating = HuaweiWorkspaceEmulator.builder().inventory(inventory).threads(2)
                .maxRequestsPerSecond(1).throttleRetryAfter(true).start()) {
            HttpResponse<String> documented = throttled(strict);
            assertThat(Http.json(documented.body()).asJsonObject().getString("error_code")).isEqualTo("APIG.0308");
            assertThat(documented.headers().firstValue("Retry-After")).isEmpty();
            assertThat(throttled(deviating).headers().firstValue("Retry-After")).hasValue("1");
        }
    }

    private static HttpResponse<String> throttled(HuaweiWorkspaceEmulator e) {
        URI u = URI.create(e.baseUri() + "/v2/" + e.projectId() + "/connect-desktops?limit=1");
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = Http.get(u);
            if (r.statusCode() == 429) {
                return r;
            }
        }
        throw new AssertionError("never throttled");
    }

    @Test
    void answersTheErrorCodesATestSetsWhereHuaweiDocumentsNone() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(inventory).threads(2)
                .errorCode(HuaweiErrorCode.POOL_NOT_FOUND, "WKS.00010404")
                .errorCode(HuaweiErrorCode.INVALID_PARAMETER, "WKS.00010400").start()) {
            URI base = URI.create(e.baseUri() + "/v2/" + e.projectId());
            HttpResponse<String> pool = Http.post(URI.create(base + "/desktop-pools/no-such-pool/notifications"),
                    "{\"notifications\":\"x\"}");
            assertThat(pool.statusCode()).isEqualTo(404);
            assertThat(Http.json(pool.body()).asJsonObject().getString("error_code")).isEqualTo("WKS.00010404");
            HttpResponse<String> offset = Http.get(URI.create(base + "/connect-desktops?offset=2001"));
            assertThat(Http.json(offset.body()).asJsonObject().getString("error_code")).isEqualTo("WKS.00010400");
            // an unknown pool is foreseen by the contract: no violation
            assertThat(e.journal().contractViolations()).hasSize(1);
        }
    }
}
