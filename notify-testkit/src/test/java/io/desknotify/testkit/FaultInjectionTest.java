package io.desknotify.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault kind, before and after processing, seen from a plain JDK HttpClient. */
class FaultInjectionTest {

    static final Inventory INVENTORY = Inventory.builder().seed(3).desktops(60).pools(2).build();
    static HuaweiWorkspaceEmulator huawei;
    static HorizonEmulator horizon;

    @BeforeAll
    static void start() {
        huawei = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).seed(99).threads(16).start();
        horizon = HorizonEmulator.builder().inventory(INVENTORY).login("D", "u", "p").seed(99).threads(16).start();
    }

    @AfterAll
    static void stop() {
        huawei.close();
        horizon.close();
    }

    @BeforeEach
    void reset() {
        huawei.faults().clear();
        huawei.journal().clear();
        horizon.faults().clear();
        horizon.journal().clear();
    }

    static URI send() {
        return URI.create(huawei.baseUri() + "/v2/" + huawei.projectId() + "/desktops/notifications");
    }

    static String body(int n) {
        return "{\"desktop_ids\":[" + INVENTORY.desktopIds().subList(0, n).stream().map(i -> "\"" + i + "\"")
                .collect(Collectors.joining(",")) + "],\"notifications\":\"hello\"}";
    }

    static HttpResponse<String> post() {
        return Http.post(send(), body(3));
    }

    @Test
    void throttlesBeforeProcessingWithApigCodeAndNoUndocumentedRetryAfter() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.throttled(Duration.ofMillis(1500)), Trigger.next(1));
        HttpResponse<String> r = post();
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(Http.json(r.body()).asJsonObject().getString("error_code")).isEqualTo("APIG.0308");
        // Workspace documents no retry header on its 429 (see HuaweiWorkspaceEmulator.Builder#throttleRetryAfter)
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        assertThat(huawei.journal().totalShown()).isZero();
        assertThat(post().statusCode()).isEqualTo(200);
        assertThat(huawei.journal().totalShown()).isEqualTo(3);
        assertThat(huawei.faults().strikes(Route.HUAWEI_SEND_DESKTOPS)).isEqualTo(1);
    }

    @Test
    void answersServerErrorAfterProcessingSoTheMessageWasShownAnyway() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.serverError().afterProcessing(), Trigger.next(1));
        HttpResponse<String> r = post();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(Http.json(r.body()).asJsonObject().getString("error_code")).isNotBlank();
        assertThat(huawei.journal().totalShown()).isEqualTo(3);
    }

    @Test
    void answersServerErrorBeforeProcessingSoNothingWasShown() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.serverError(), Trigger.next(1));
        assertThat(post().statusCode()).isEqualTo(500);
        assertThat(huawei.journal().totalShown()).isZero();
        assertThat(huawei.journal().requestCount(Route.HUAWEI_SEND_DESKTOPS)).isEqualTo(1);
    }

    @Test
    void answersServiceUnavailableWithRetryAfter() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.serviceUnavailable(Duration.ofSeconds(3)),
                Trigger.next(1));
        HttpResponse<String> r = post();
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
    }

    @Test
    void answersUnauthorizedAsAnExpiredToken() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.unauthorized(), Trigger.next(1));
        HttpResponse<String> r = post();
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(Http.json(r.body()).asJsonObject().getString("error_code")).isEqualTo("APIG.0307");
    }

    @Test
    void resetsTheConnectionBeforeProcessingSoTheClientSeesAnIOExceptionAndNothingIsShown() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.connectionReset(), Trigger.next(1));
        assertThatThrownBy(FaultInjectionTest::post).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(huawei.journal().totalShown()).isZero();
        assertThat(post().statusCode()).isEqualTo(200);
    }

    @Test
    void resetsTheConnectionAfterProcessingSoTheMessageWasShown() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.connectionReset().afterProcessing(), Trigger.next(1));
        assertThatThrownBy(FaultInjectionTest::post).hasCauseInstanceOf(IOException.class);
        assertThat(huawei.journal().totalShown()).isEqualTo(3);
    }

    @Test
    void resetsAGetTwiceSoTheJdkClientsOwnSilentRetryAlsoFails() {
        // java.net.http retries an idempotent request once when a pooled connection closes
        // before the response: two resets are needed for a GET to fail at the caller
        URI uri = URI.create(huawei.baseUri() + "/v2/" + huawei.projectId() + "/connect-desktops");
        huawei.faults().inject(Route.HUAWEI_CONNECT_DESKTOPS, Fault.connectionReset(), Trigger.next(2));
        assertThatThrownBy(() -> Http.get(uri)).hasCauseInstanceOf(IOException.class);
        assertThat(Http.get(uri).statusCode()).isEqualTo(200);
    }

    @Test
    void delaysAfterProcessingBeyondTheClientTimeout() throws Exception {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.latency(Duration.ofMillis(800)).afterProcessing(),
                Trigger.next(1));
        HttpRequest request = HttpRequest.newBuilder(send()).timeout(Duration.ofMillis(200))
                .POST(HttpRequest.BodyPublishers.ofString(body(2))).build();
        assertThatThrownBy(() -> Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(huawei.journal().totalShown()).isEqualTo(2);
    }

    @Test
    void delaysBeforeProcessingSoATimedOutRequestIsShownOnlyLater() throws Exception {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.latency(Duration.ofMillis(600)), Trigger.next(1));
        HttpRequest request = HttpRequest.newBuilder(send()).timeout(Duration.ofMillis(150))
                .POST(HttpRequest.BodyPublishers.ofString(body(2))).build();
        assertThatThrownBy(() -> Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(huawei.journal().totalShown()).isZero();
        // the provider still acts once the delay is over, although the client gave up:
        // exactly why a timeout after sending is an UNKNOWN outcome
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (huawei.journal().totalShown() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(huawei.journal().totalShown()).isEqualTo(2);
    }

    @Test
    void trickelsTheBodySlowlyButCompletely() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.slowBody(Duration.ofMillis(300)).afterProcessing(),
                Trigger.next(1));
        long start = System.nanoTime();
        HttpResponse<String> r = post();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(Http.json(r.body()).asJsonObject().getString("job_id")).isNotBlank();
        assertThat(huawei.journal().totalShown()).isEqualTo(3);
    }

    @Test
    void stallsTheBodyAfterTheHeadersAndThenDropsTheConnection() throws Exception {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.stalledBody(Duration.ofMillis(800)).afterProcessing(),
                Trigger.next(1));
        HttpRequest request = HttpRequest.newBuilder(send()).POST(HttpRequest.BodyPublishers.ofString(body(3)))
                .build();
        long start = System.nanoTime();
        HttpResponse<java.io.InputStream> r = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        Duration headers = Duration.ofNanos(System.nanoTime() - start);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(headers).as("the headers come at once").isLessThan(Duration.ofMillis(700));
        try (java.io.InputStream body = r.body()) {
            assertThatThrownBy(body::readAllBytes).as("no byte of the body, then the connection drops")
                    .isInstanceOf(IOException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(750));
        assertThat(huawei.journal().totalShown()).isEqualTo(3);
    }

    @Test
    void stallsBeforeProcessingWithoutShowingAnything() throws Exception {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.stalledBody(Duration.ofMillis(300)), Trigger.next(1));
        HttpRequest request = HttpRequest.newBuilder(send()).POST(HttpRequest.BodyPublishers.ofString(body(3)))
                .build();

        HttpResponse<java.io.InputStream> r = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertThat(r.statusCode()).isEqualTo(200);
        try (java.io.InputStream body = r.body()) {
            assertThatThrownBy(body::readAllBytes).isInstanceOf(IOException.class);
        }
        assertThat(huawei.journal().totalShown()).isZero();
    }

    @Test
    void answersMalformedJsonWithStatus200() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.malformedJson().afterProcessing(), Trigger.next(1));
        HttpResponse<String> r = post();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Http.json(r.body())).isInstanceOf(jakarta.json.JsonException.class);
        assertThat(huawei.journal().totalShown()).isEqualTo(3);
    }

    @Test
    void truncatesTheBodySoTheClientSeesAnIOException() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.truncatedBody(), Trigger.next(1));
        assertThatThrownBy(FaultInjectionTest::post).hasCauseInstanceOf(IOException.class);
        assertThat(huawei.journal().totalShown()).isZero();
    }

    @Test
    void strikesOnlyTheNextNRequests() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.serverError(), Trigger.next(2));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(post().statusCode());
        }
        assertThat(statuses).containsExactly(500, 500, 200, 200);
    }

    @Test
    void strikesAfterSkippingTheGivenNumberOfRequests() {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.throttled(Duration.ofSeconds(1)),
                Trigger.next(1).afterSkipping(2));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(post().statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 429, 200);
    }

    @Test
    void strikesWithASeededProbabilityReproducibly() {
        List<Integer> first = probabilisticRun();
        List<Integer> second = probabilisticRun();
        assertThat(first).isEqualTo(second);
        assertThat(first).contains(200, 503);
    }

    private static List<Integer> probabilisticRun() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).seed(1234)
                .threads(2).start()) {
            e.faults().inject(Route.HUAWEI_CONNECT_DESKTOPS, Fault.serviceUnavailable(Duration.ZERO),
                    Trigger.withProbability(0.5));
            URI uri = URI.create(e.baseUri() + "/v2/" + e.projectId() + "/connect-desktops?limit=1");
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                out.add(Http.get(uri).statusCode());
            }
            return out;
        }
    }

    @Test
    void touchesOnlyTheRouteItWasInjectedOn() {
        huawei.faults().inject(Route.HUAWEI_JOB, Fault.serverError(), Trigger.always());
        assertThat(post().statusCode()).isEqualTo(200);
    }

    @Test
    void failsChosenDesktopsAsFailedSubJobs() {
        String bad = INVENTORY.desktopIds().get(1);
        huawei.faults().failTarget(bad);
        HttpResponse<String> r = post();
        String jobId = Http.json(r.body()).asJsonObject().getString("job_id");
        JsonObject job = Http.json(Http.get(URI.create(huawei.baseUri() + "/v2/" + huawei.projectId()
                + "/workspace-jobs/" + jobId)).body()).asJsonObject();
        assertThat(job.getString("status")).isEqualTo("FAILED");
        assertThat(job.getJsonArray("sub_jobs").stream().map(v -> v.asJsonObject())
                .filter(s -> s.getString("status").equals("FAILED"))
                .map(s -> s.getJsonObject("entities").getString("desktop_id")).toList()).containsExactly(bad);
        assertThat(huawei.journal().shownCount(bad)).isZero();
        assertThat(huawei.journal().totalShown()).isEqualTo(2);
    }

    @Test
    void rejectsARouteOfAnotherProvider() {
        assertThatThrownBy(() -> huawei.faults().inject(Route.HORIZON_LOGIN, Fault.serverError(), Trigger.next(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HORIZON_LOGIN");
    }

    // ---- Horizon

    static String bearer() {
        HttpResponse<String> r = Http.post(URI.create(horizon.baseUri() + "/rest/login"),
                "{\"domain\":\"D\",\"username\":\"u\",\"password\":\"p\"}");
        return "Bearer " + Http.json(r.body()).asJsonObject().getString("access_token");
    }

    static HttpResponse<String> horizonSend(String auth, List<String> ids) {
        return Http.post(URI.create(horizon.baseUri() + "/rest/inventory/v1/sessions/action/send-message"),
                "{\"message\":\"m\",\"message_type\":\"INFO\",\"session_ids\":[" + ids.stream()
                        .map(i -> "\"" + i + "\"").collect(Collectors.joining(",")) + "]}", "Authorization", auth);
    }

    @Test
    void throttlesHorizonWithItsErrorKeyAndRetryHeader() {
        String auth = bearer();
        horizon.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.throttled(Duration.ofSeconds(2)), Trigger.next(1));
        HttpResponse<String> r = horizonSend(auth, List.of(INVENTORY.sessions().get(0).id()));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("X-Rate-Limit-Retry-After-Seconds")).hasValue("2");
        // the API Throttling guide documents no Retry-After for Horizon
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        assertThat(Http.json(r.body()).asJsonObject().getJsonArray("errors").getJsonObject(0).getString("error_key"))
                .isEqualTo("common.api-throttle-limit.exceeded.error");
        assertThat(horizon.journal().totalShown()).isZero();
    }

    @Test
    void expiresTheHorizonTokenAsAFault() {
        String auth = bearer();
        horizon.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.unauthorized(), Trigger.next(1));
        assertThat(horizonSend(auth, List.of(INVENTORY.sessions().get(0).id())).statusCode()).isEqualTo(401);
        assertThat(horizonSend(auth, List.of(INVENTORY.sessions().get(0).id())).statusCode()).isEqualTo(200);
    }

    @Test
    void failsChosenSessionsAsNon200Items() {
        String auth = bearer();
        List<String> ids = INVENTORY.sessions().stream().limit(3).map(Inventory.Session::id).toList();
        horizon.faults().failTarget(ids.get(2));
        var items = Http.json(horizonSend(auth, ids).body()).asJsonArray();
        assertThat(items.getJsonObject(2).getInt("status_code")).isNotEqualTo(200);
        assertThat(items.getJsonObject(2).getJsonArray("errors")).isNotEmpty();
        assertThat(horizon.journal().shownTargets()).containsOnlyKeys(ids.get(0), ids.get(1));
    }

    @Test
    void failsRandomTargetsWithTheConfiguredProbability() {
        String auth = bearer();
        List<String> ids = INVENTORY.sessions().stream().map(Inventory.Session::id).toList();
        horizon.faults().failTargetsWithProbability(0.5);
        var items = Http.json(horizonSend(auth, ids).body()).asJsonArray();
        long failed = items.stream().filter(i -> i.asJsonObject().getInt("status_code") != 200).count();
        assertThat(failed).isBetween(1L, (long) ids.size() - 1);
        assertThat(horizon.journal().totalShown()).isEqualTo(ids.size() - (int) failed);
    }

    @Test
    void keepsServingSixteenConcurrentClientsWhileOneIsSlowed() throws Exception {
        huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.latency(Duration.ofMillis(200)), Trigger.always());
        HttpClient client = HttpClient.newHttpClient();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 16; i++) {
            futures.add(client.sendAsync(HttpRequest.newBuilder(send()).POST(HttpRequest.BodyPublishers
                    .ofString(body(1))).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (var f : futures) {
            assertThat(f.get().statusCode()).isEqualTo(200);
        }
        // 16 requests delayed 200 ms each were served in parallel, not one after the other
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2000));
    }
}
