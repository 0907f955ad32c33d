package io.desknotify.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.horizon.HorizonVersion;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared request-rate limits, against the real loopback emulators. Time is a {@link MutableClock} the tests
 * move by hand, so every window and refill is decided by the test, not by how fast the machine is.
 */
class RequestLimitTest {

    static final Inventory INVENTORY = Inventory.builder().seed(33).desktops(10).build();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private HuaweiWorkspaceEmulator huawei(RequestLimit... limits) {
        HuaweiWorkspaceEmulator.Builder b = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).clock(clock)
                .threads(2);
        for (RequestLimit l : limits) {
            b.requestLimit(l);
        }
        return b.start();
    }

    private static HttpResponse<String> read(HuaweiWorkspaceEmulator e) {
        return Http.get(URI.create(e.baseUri() + "/v2/" + e.projectId() + "/connect-desktops?limit=1"));
    }

    private static HttpResponse<String> write(HuaweiWorkspaceEmulator e) {
        return Http.post(URI.create(e.baseUri() + "/v2/" + e.projectId() + "/desktops/notifications"),
                "{\"desktop_ids\":[\"" + INVENTORY.desktopIds().get(0) + "\"],\"notifications\":\"hi\"}");
    }

    private static List<Integer> statuses(int n, java.util.function.Supplier<HttpResponse<String>> call) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(call.get().statusCode());
        }
        return out;
    }

    @Test
    void fixedWindowAdmitsExactlyItsMaximumPerWindowAndOpensANewWindowWhenItEnds() {
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.fixedWindow(3))) {
            assertThat(statuses(4, () -> read(e))).containsExactly(200, 200, 200, 429);
            clock.advance(Duration.ofMillis(999));
            assertThat(read(e).statusCode()).isEqualTo(429);
            clock.advance(Duration.ofMillis(1));
            assertThat(statuses(4, () -> read(e))).containsExactly(200, 200, 200, 429);
        }
    }

    @Test
    void maxRequestsPerSecondIsAFixedWindowOnTheEmulatorClock() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).clock(clock)
                .threads(2).maxRequestsPerSecond(2).start()) {
            assertThat(statuses(3, () -> read(e))).containsExactly(200, 200, 429);
            clock.advance(Duration.ofSeconds(1));
            assertThat(statuses(3, () -> read(e))).containsExactly(200, 200, 429);
        }
    }

    @Test
    void slidingWindowRefusesABurstAcrossAWindowBoundaryThatAFixedWindowWouldAdmit() {
        try (HuaweiWorkspaceEmulator sliding = huawei(RequestLimit.slidingWindow(3));
             HuaweiWorkspaceEmulator fixed = huawei(RequestLimit.fixedWindow(3))) {
            assertThat(statuses(2, () -> read(sliding))).containsExactly(200, 200);
            assertThat(statuses(2, () -> read(fixed))).containsExactly(200, 200);
            clock.advance(Duration.ofMillis(600));
            assertThat(statuses(2, () -> read(sliding))).containsExactly(200, 429);
            assertThat(statuses(2, () -> read(fixed))).containsExactly(200, 429);
            clock.advance(Duration.ofMillis(400));
            // the two requests of t=0 left the sliding window, the one of t=600 ms is still in it
            assertThat(statuses(3, () -> read(sliding))).containsExactly(200, 200, 429);
            assertThat(statuses(4, () -> read(fixed))).containsExactly(200, 200, 200, 429);
        }
    }

    @Test
    void tokenBucketStartsFullRefillsAtItsRateAndNeverHoldsMoreThanItsCapacity() {
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.tokenBucket(5, 2.0))) {
            assertThat(statuses(6, () -> read(e))).containsExactly(200, 200, 200, 200, 200, 429);
            clock.advance(Duration.ofMillis(499));
            assertThat(read(e).statusCode()).isEqualTo(429);
            clock.advance(Duration.ofMillis(1));
            assertThat(statuses(2, () -> read(e))).containsExactly(200, 429);
            clock.advance(Duration.ofSeconds(2));
            assertThat(statuses(5, () -> read(e))).containsExactly(200, 200, 200, 200, 429);
            clock.advance(Duration.ofHours(1));
            assertThat(statuses(6, () -> read(e))).containsExactly(200, 200, 200, 200, 200, 429);
        }
    }

    @Test
    void huaweiAnswersALimitWithApig0308AndARetryAfterOnlyWhenTheDeviationIsAskedFor() {
        try (HuaweiWorkspaceEmulator strict = huawei(RequestLimit.tokenBucket(1, 0.2));
             HuaweiWorkspaceEmulator deviating = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY)
                     .clock(clock).threads(2).requestLimit(RequestLimit.tokenBucket(1, 0.2))
                     .throttleRetryAfter(true).start()) {
            read(strict);
            HttpResponse<String> documented = read(strict);
            assertThat(documented.statusCode()).isEqualTo(429);
            assertThat(Http.json(documented.body()).asJsonObject().getString("error_code")).isEqualTo("APIG.0308");
            assertThat(documented.headers().firstValue("Retry-After")).isEmpty();

            read(deviating);
            // one token every 5 s: the answer says how long until the next one
            assertThat(read(deviating).headers().firstValue("Retry-After")).hasValue("5");
            clock.advance(Duration.ofMillis(4200));
            assertThat(read(deviating).headers().firstValue("Retry-After")).hasValue("1");
            clock.advance(Duration.ofMillis(800));
            assertThat(read(deviating).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void horizonAnswersALimitInTheThrottlingShapeWithItsOwnRetryHeader() {
        try (HorizonEmulator e = HorizonEmulator.builder().inventory(INVENTORY).login("CORP", "svc", "pw")
                .clock(clock).threads(2).requestLimit(RequestLimit.tokenBucket(2, 0.25)).start()) {
            HttpResponse<String> login = Http.post(URI.create(e.baseUri() + "/rest/login"),
                    "{\"domain\":\"CORP\",\"username\":\"svc\",\"password\":\"pw\"}");
            String access = Http.json(login.body()).asJsonObject().getString("access_token");
            URI sessions = URI.create(e.baseUri() + "/rest/inventory/v1/sessions");
            assertThat(Http.get(sessions, "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
            HttpResponse<String> throttled = Http.get(sessions, "Authorization", "Bearer " + access);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("X-Rate-Limit-Retry-After-Seconds")).hasValue("4");
            assertThat(throttled.headers().firstValue("Retry-After")).isEmpty();
            JsonObject body = Http.json(throttled.body()).asJsonObject();
            assertThat(body.getString("status")).isEqualTo("TOO_MANY_REQUESTS");
            assertThat(body.getJsonArray("errors").getJsonObject(0).getString("error_key"))
                    .isEqualTo("common.api-throttle-limit.exceeded.error");
            clock.advance(Duration.ofSeconds(4));
            assertThat(Http.get(sessions, "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aLimitNarrowedToWritesLeavesReadsAlone() {
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.tokenBucket(1, 1.0).writesOnly())) {
            assertThat(statuses(2, () -> write(e))).containsExactly(200, 429);
            assertThat(statuses(5, () -> read(e))).containsOnly(200);
            assertThat(e.journal().totalShown()).isEqualTo(1);
        }
    }

    @Test
    void aLimitNarrowedToRoutesCountsOnlyThoseRoutes() {
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.fixedWindow(1).onRoutes(Route.HUAWEI_CONNECT_DESKTOPS))) {
            assertThat(statuses(2, () -> read(e))).containsExactly(200, 429);
            assertThat(statuses(3, () -> write(e))).containsOnly(200);
        }
    }

    @Test
    void aRequestRefusedByOneLimitTakesNothingFromTheOthersAndIsJournaledButNotProcessed() {
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.fixedWindow(2),
                RequestLimit.tokenBucket(1, 1.0).onRoutes(Route.HUAWEI_SEND_DESKTOPS))) {
            assertThat(write(e).statusCode()).isEqualTo(200);
            assertThat(write(e).statusCode()).isEqualTo(429); // refused by the bucket: the window keeps one place
            assertThat(read(e).statusCode()).isEqualTo(200);
            assertThat(read(e).statusCode()).isEqualTo(429);
            assertThat(e.journal().requestCount(Route.HUAWEI_SEND_DESKTOPS)).isEqualTo(2);
            assertThat(e.journal().totalShown()).isEqualTo(1);
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void horizonBeforeThrottlingExistedRefusesAnyLimit() {
        assertThatThrownBy(() -> HorizonEmulator.builder().login("CORP", "svc", "pw")
                .version(HorizonVersion.V2111).requestLimit(RequestLimit.tokenBucket(10, 1)).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("2406");
    }

    @Test
    void latencyDelaysEveryAdmittedRequestByAtLeastTheSetting() {
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).threads(2)
                .latency(Duration.ofMillis(150)).start()) {
            long start = System.nanoTime();
            assertThat(read(e).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        }
    }

    @Test
    void rejectsBadLimitsAndSettingsNamingTheParameter() {
        assertThatThrownBy(() -> RequestLimit.fixedWindow(0)).hasMessageContaining("max");
        assertThatThrownBy(() -> RequestLimit.slidingWindow(3, Duration.ZERO)).hasMessageContaining("window");
        assertThatThrownBy(() -> RequestLimit.tokenBucket(0, 1)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> RequestLimit.tokenBucket(1, 0)).hasMessageContaining("refillPerSecond");
        assertThatThrownBy(() -> RequestLimit.tokenBucket(1, Double.NaN)).hasMessageContaining("refillPerSecond");
        assertThatThrownBy(() -> RequestLimit.fixedWindow(1).onRoutes(List.of())).hasMessageContaining("routes");
        assertThatThrownBy(() -> HuaweiWorkspaceEmulator.builder().latency(Duration.ofMillis(-1)))
                .hasMessageContaining("latency");
        assertThatThrownBy(() -> HuaweiWorkspaceEmulator.builder().requestLimit(null))
                .hasMessageContaining("limit");
    }

    @Test
    void describesALimitAndComparesByValue() {
        RequestLimit arm = RequestLimit.tokenBucket(200, 10).writesOnly();
        assertThat(arm).isEqualTo(RequestLimit.tokenBucket(200, 10).writesOnly())
                .isNotEqualTo(RequestLimit.tokenBucket(200, 10));
        assertThat(arm.toString()).contains("tokenBucket(200, 10.0/s)").contains("writes");
        assertThat(arm.appliesTo(Route.HUAWEI_SEND_POOL)).isTrue();
        assertThat(arm.appliesTo(Route.HUAWEI_JOB)).isFalse();
    }
}
