package io.desknotify.testkit.huawei;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HuaweiWorkspaceEmulatorTest {

    static final String AK = "HPUAEXAMPLEAK";
    static final String SK = "example-secret-key";
    static final String TOKEN = "iam-token-123";

    static HuaweiWorkspaceEmulator emulator;
    static TestSigner signer;
    static Inventory inventory;

    @BeforeAll
    static void start() {
        inventory = Inventory.builder().seed(11).desktops(250).pools(3).users(120).build();
        emulator = HuaweiWorkspaceEmulator.builder().inventory(inventory).credentials(AK, SK).authToken(TOKEN)
                .generatedNotificationRecords(40).start();
        signer = new TestSigner(AK, SK, emulator.projectId());
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

    static HttpResponse<String> signedGet(String pathAndQuery) {
        return Http.send(signer.sign("GET", uri(pathAndQuery), null, Instant.now()).build());
    }

    static HttpResponse<String> signedPost(String path, String body) {
        return Http.send(signer.sign("POST", uri(path), body, Instant.now()).build());
    }

    static JsonObject object(HttpResponse<String> r) {
        return Http.json(r.body()).asJsonObject();
    }

    static String sendBody(List<String> ids, String text) {
        return "{\"desktop_ids\":[" + ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(","))
                + "],\"notifications\":\"" + text + "\"}";
    }

    @Test
    void showsTheMessageOnEveryDesktopOfASignedSendAndReturnsAJob() {
        List<String> ids = inventory.desktopIds().subList(0, 5);
        HttpResponse<String> r = signedPost("/desktops/notifications", sendBody(ids, "Maintenance at 22:00"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(object(r).getString("job_id")).isNotBlank();
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids);
        assertThat(emulator.journal().shownTargets().values()).containsOnly(1);
        assertThat(emulator.journal().shown().get(0).text()).isEqualTo("Maintenance at 22:00");
        assertThat(emulator.journal().requestCount(Route.HUAWEI_SEND_DESKTOPS)).isEqualTo(1);
    }

    @Test
    void reportsUnknownDesktopsAsFailedSubJobsNotAsABadRequest() {
        String known = inventory.desktopIds().get(0);
        HttpResponse<String> r = signedPost("/desktops/notifications", sendBody(List.of(known, "no-such-desktop"), "hi"));
        assertThat(r.statusCode()).isEqualTo(200);

        JsonObject job = object(signedGet("/workspace-jobs/" + object(r).getString("job_id")));
        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getInt("sub_jobs_total")).isEqualTo(2);
        JsonObject failed = job.getJsonArray("sub_jobs").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("status").equals("FAILED")).findFirst().orElseThrow();
        assertThat(failed.getJsonObject("entities").getString("desktop_id")).isEqualTo("no-such-desktop");
        assertThat(failed.getString("error_code")).isEqualTo(HuaweiErrorCode.DESKTOP_NOT_FOUND.defaultCode());
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(known);
    }

    @Test
    void showsThePoolMessageOnEveryDesktopOfThePool() {
        Inventory.Pool pool = inventory.pools().get(1);
        HttpResponse<String> r = signedPost("/desktop-pools/" + pool.id() + "/notifications",
                "{\"notifications\":\"pool maintenance\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(pool.desktopIds());
        JsonObject job = object(signedGet("/workspace-jobs/" + object(r).getString("job_id")));
        assertThat(job.getString("status")).isEqualTo("SUCCESS");
        assertThat(job.getInt("sub_jobs_total")).isEqualTo(pool.desktopIds().size());
    }

    @Test
    void answersNotFoundWithAnErrorBodyForAnUnknownPool() {
        HttpResponse<String> r = signedPost("/desktop-pools/no-such-pool/notifications", "{\"notifications\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(object(r).getString("error_code")).isEqualTo(HuaweiErrorCode.POOL_NOT_FOUND.defaultCode());
        assertThat(object(r).getString("error_msg")).contains("no-such-pool");
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void pagesConnectDesktopsSoThatEveryDesktopAppearsExactlyOnce() {
        Set<String> seen = new HashSet<>();
        int total = -1;
        for (int offset = 0; ; offset += 70) {
            JsonObject page = object(signedGet("/connect-desktops?offset=" + offset + "&limit=70"));
            total = page.getInt("total_count");
            JsonArray desktops = page.getJsonArray("desktops");
            desktops.forEach(d -> assertThat(seen.add(d.asJsonObject().getString("desktop_id"))).isTrue());
            if (desktops.size() < 70) {
                break;
            }
        }
        assertThat(total).isEqualTo(250);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(inventory.desktopIds());
    }

    @Test
    void filtersConnectDesktopsByRepeatedUserNamesAndStatus() {
        String a = inventory.users().get(3).name();
        String b = inventory.users().get(7).name();
        JsonObject page = object(signedGet("/connect-desktops?user_names=" + a + "&user_names=" + b
                + "&connect_status=CONNECTED&limit=1000"));
        Set<String> expected = new HashSet<>();
        for (String u : List.of(a, b)) {
            inventory.desktopsOfUser(u).stream().filter(Inventory.Desktop::connected)
                    .forEach(d -> expected.add(d.id()));
        }
        List<String> got = page.getJsonArray("desktops").stream()
                .map(d -> d.asJsonObject().getString("desktop_id")).toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected);
        page.getJsonArray("desktops").forEach(d -> {
            JsonObject o = d.asJsonObject();
            assertThat(o.getString("connect_status")).isEqualTo("CONNECTED");
            JsonObject user = o.getJsonArray("attach_users").getJsonObject(0);
            assertThat(user.getString("name")).isIn(a, b);
            assertThat(user.getString("type")).isEqualTo("USER");
        });
    }

    @Test
    void rejectsMoreThanOneHundredUserNamesAsAContractViolation() {
        String query = IntStream.range(0, 101).mapToObj(i -> "user_names=u" + i).collect(Collectors.joining("&"));
        HttpResponse<String> r = signedGet("/connect-desktops?" + query);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(object(r).getString("error_code")).isEqualTo(HuaweiErrorCode.INVALID_PARAMETER.defaultCode());
        assertThat(emulator.journal().contractViolations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("user_names").contains("100"));
    }

    @Test
    void acceptsALimitUpToTwoThousandAndRefusesOneAbove() {
        assertThat(signedGet("/connect-desktops?limit=2000").statusCode()).isEqualTo(200);
        assertThat(signedGet("/connect-desktops?limit=2001").statusCode()).isEqualTo(400);
        assertThat(emulator.journal().contractViolations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("limit 2001"));
    }

    @Test
    void acceptsAConfiguredAuthToken() {
        HttpResponse<String> r = Http.get(uri("/connect-desktops?limit=1"), "X-Auth-Token", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAWrongAuthToken() {
        HttpResponse<String> r = Http.get(uri("/connect-desktops?limit=1"), "X-Auth-Token", "not-the-token");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(object(r).getString("error_code")).isEqualTo("APIG.0301");
    }

    @Test
    void rejectsARequestWithoutCredentials() {
        HttpResponse<String> r = Http.get(uri("/connect-desktops"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(object(r).getString("error_code")).isEqualTo("APIG.0301");
    }

    @Test
    void rejectsRequestWhoseSignatureWasMadeWithWrongSecret() {
        TestSigner wrong = new TestSigner(AK, "not-the-secret", emulator.projectId());
        HttpResponse<String> r = Http.send(wrong.sign("GET", uri("/connect-desktops"), null, Instant.now()).build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(object(r).getString("error_code")).isEqualTo("APIG.0301");
        assertThat(object(r).getString("error_msg")).contains("signature");
    }

    @Test
    void rejectsRequestSignedWithAnUnknownAccessKey() {
        TestSigner wrong = new TestSigner("OTHER-AK", SK, emulator.projectId());
        HttpResponse<String> r = Http.send(wrong.sign("GET", uri("/connect-desktops"), null, Instant.now()).build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(object(r).getString("error_msg")).contains("access key");
    }

    @Test
    void rejectsRequestSignedWithAStaleDate() {
        Instant old = Instant.now().minusSeconds(16 * 60);
        HttpResponse<String> r = Http.send(signer.sign("GET", uri("/connect-desktops"), null, old).build());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(object(r).getString("error_msg")).contains("x-sdk-date");
    }

    @Test
    void rejectsRequestSignedWithADateInTheFuture() {
        Instant future = Instant.now().plusSeconds(16 * 60);
        HttpResponse<String> r = Http.send(signer.sign("GET", uri("/connect-desktops"), null, future).build());
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void rejectsARequestWhoseBodyWasChangedAfterSigning() {
        String signedBody = sendBody(List.of(inventory.desktopIds().get(0)), "a");
        var request = signer.sign("POST", uri("/desktops/notifications"), signedBody, Instant.now())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(signedBody.replace("\"a\"", "\"b\"")))
                .build();
        assertThat(Http.send(request).statusCode()).isEqualTo(401);
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void refusesAPoolIdThatNeedsEncodingAsAContractViolation() {
        // a space and a non-ASCII letter: no Workspace id holds them, and how the gateway signs them is undocumented
        String poolId = URLEncoder.encode("pool ä", StandardCharsets.UTF_8).replace("+", "%20");
        HttpResponse<String> r = signedPost("/desktop-pools/" + poolId + "/notifications", "{\"notifications\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(emulator.journal().contractViolations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("pool_id"));
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void keepsAJobRunningForTheConfiguredNumberOfPolls() {
        try (HuaweiWorkspaceEmulator slow = HuaweiWorkspaceEmulator.builder().inventory(inventory).jobPolls(2)
                .threads(4).start()) {
            URI base = URI.create(slow.baseUri() + "/v2/" + slow.projectId());
            HttpResponse<String> r = Http.post(URI.create(base + "/desktops/notifications"),
                    sendBody(inventory.desktopIds().subList(0, 2), "x"));
            String job = object(r).getString("job_id");
            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                statuses.add(object(Http.get(URI.create(base + "/workspace-jobs/" + job))).getString("status"));
            }
            assertThat(statuses).containsExactly("RUNNING", "RUNNING", "SUCCESS");
        }
    }

    @Test
    void answersNotFoundForAnUnknownJob() {
        HttpResponse<String> r = signedGet("/workspace-jobs/00000000-0000-0000-0000-000000000000");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(object(r).getString("error_code")).isEqualTo(HuaweiErrorCode.JOB_NOT_FOUND.defaultCode());
    }

    @Test
    void requiresQueryTypeForNotificationRecords() {
        HttpResponse<String> r = signedGet("/users/notification-records");
        assertThat(r.statusCode()).isEqualTo(400);
    }

    @Test
    void filtersAndSortsNotificationRecords() {
        JsonObject all = object(signedGet("/users/notification-records?query_type=DESKTOP&limit=1000"
                + "&sort_field=operate_time&sort_type=DESC"));
        JsonArray records = all.getJsonArray("notification_records");
        assertThat(all.getInt("total_count")).isEqualTo(records.size()).isPositive();
        List<String> times = records.stream().map(r -> r.asJsonObject().getString("operate_time")).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        records.forEach(r -> assertThat(r.asJsonObject().containsKey("desktop_name")).isTrue());

        JsonObject sms = object(signedGet("/users/notification-records?query_type=DESKTOP_POOL&type=SMS"));
        sms.getJsonArray("notification_records").forEach(r -> {
            assertThat(r.asJsonObject().getString("type")).isEqualTo("SMS");
            assertThat(r.asJsonObject().containsKey("desktop_pool_name")).isTrue();
        });
    }

    @Test
    void rejectsMoreDesktopIdsThanTheConfiguredMaximum() {
        HttpResponse<String> r = signedPost("/desktops/notifications",
                sendBody(inventory.desktopIds().subList(0, 101), "x"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(object(r).getString("error_msg")).contains("100");
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void answersNotFoundForAnUnknownPath() {
        HttpResponse<String> r = Http.get(URI.create(emulator.baseUri() + "/v2/x/nothing-here"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    }
}
