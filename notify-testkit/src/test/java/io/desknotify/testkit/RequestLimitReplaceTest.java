package io.desknotify.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@link Emulator#replaceRequestLimits} and {@link Journal#refusedCount}: limits changed while an emulator serves,
 * and refusals counted apart from the requests received. The clock is frozen or moved by hand, so windows end only
 * when the test says.
 */
class RequestLimitReplaceTest {

    private static final Inventory INVENTORY = RequestLimitTest.INVENTORY;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private HuaweiWorkspaceEmulator huawei(RequestLimit... limits) {
        HuaweiWorkspaceEmulator.Builder b = HuaweiWorkspaceEmulator.builder().inventory(INVENTORY).clock(clock)
                .threads(4);
        for (RequestLimit l : limits) {
            b.requestLimit(l);
        }
        return b.start();
    }

    private static HttpResponse<String> read(HuaweiWorkspaceEmulator e) {
        return Http.get(URI.create(e.baseUri() + "/v2/" + e.projectId() + "/connect-desktops?limit=1"));
    }

    private static List<Integer> statuses(int n, HuaweiWorkspaceEmulator e) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(read(e).statusCode());
        }
        return out;
    }

    @Test
    void raisedLimitAdmitsItsNewMaximumAtOnceInAFreshWindow() {
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.fixedWindow(2))) {
            assertThat(statuses(3, e)).containsExactly(200, 200, 429);
            e.replaceRequestLimits(RequestLimit.fixedWindow(4));
            // same instant: the old window is forgotten, the new one admits its four
            assertThat(statuses(5, e)).containsExactly(200, 200, 200, 200, 429);
            clock.advance(Duration.ofSeconds(1));
            assertThat(statuses(5, e)).containsExactly(200, 200, 200, 200, 429);
        }
    }

    @Test
    void loweredLimitRefusesPastItsNewMaximum() {
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.slidingWindow(5))) {
            assertThat(statuses(2, e)).containsExactly(200, 200);
            e.replaceRequestLimits(RequestLimit.slidingWindow(1));
            assertThat(statuses(2, e)).containsExactly(200, 429);
        }
    }

    @Test
    void replacingWithNothingRemovesEveryLimitIncludingMaxRequestsPerSecond() {
        try (HorizonEmulator e = HorizonEmulator.builder().inventory(INVENTORY).login("D", "u", "p").clock(clock)
                .threads(2).maxRequestsPerSecond(1).requestLimit(RequestLimit.fixedWindow(1)).start()) {
            URI uri = URI.create(e.baseUri() + "/rest/login");
            String body = "{\"domain\":\"D\",\"username\":\"u\",\"password\":\"p\"}";
            assertThat(Http.post(uri, body).statusCode()).isEqualTo(200);
            assertThat(Http.post(uri, body).statusCode()).isEqualTo(429);
            e.replaceRequestLimits();
            for (int i = 0; i < 5; i++) {
                assertThat(Http.post(uri, body).statusCode()).isEqualTo(200);
            }
            assertThat(e.journal().refusedCount(Route.HORIZON_LOGIN)).isEqualTo(1);
            assertThat(e.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(7);
        }
    }

    @Test
    void refusedCountCountsLimitRefusalsPerRouteButNotInjectedThrottlingFaults() {
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.fixedWindow(2))) {
            e.faults().inject(Route.HUAWEI_CONNECT_DESKTOPS, Fault.throttled(Duration.ofSeconds(1)),
                    Trigger.next(1));
            assertThat(statuses(4, e)).containsExactly(429, 200, 200, 429);
            assertThat(e.journal().requestCount(Route.HUAWEI_CONNECT_DESKTOPS)).isEqualTo(4);
            assertThat(e.journal().refusedCount(Route.HUAWEI_CONNECT_DESKTOPS)).isEqualTo(1);
            assertThat(e.journal().refusedCount(Route.HUAWEI_SEND_DESKTOPS)).isZero();
            e.journal().clear();
            assertThat(e.journal().refusedCount(Route.HUAWEI_CONNECT_DESKTOPS)).isZero();
        }
    }

    @Test
    void replacingWhileRequestsRunNeverAdmitsMoreThanTheOldAndTheNewLimitTogether() throws Exception {
        // frozen clock: no window ends, so every admission is counted against one of the two limits
        try (HuaweiWorkspaceEmulator e = huawei(RequestLimit.fixedWindow(5))) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<Integer>>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    runs.add(pool.submit(() -> statuses(30, e)));
                }
                e.replaceRequestLimits(RequestLimit.fixedWindow(7));
                int admitted = 0;
                int refused = 0;
                for (Future<List<Integer>> f : runs) {
                    for (int status : f.get()) {
                        assertThat(status).isIn(200, 429);
                        if (status == 200) {
                            admitted++;
                        } else {
                            refused++;
                        }
                    }
                }
                assertThat(admitted).isBetween(5, 12);
                assertThat(admitted + refused).isEqualTo(120);
                assertThat(e.journal().refusedCount(Route.HUAWEI_CONNECT_DESKTOPS)).isEqualTo(refused);
                // the replacement has happened: the new limit alone decides, and admits at most 7 in all
                assertThat(statuses(8, e)).contains(429);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void nullLimitsAreRefused() {
        try (HuaweiWorkspaceEmulator e = huawei()) {
            assertThatThrownBy(() -> e.replaceRequestLimits((RequestLimit[]) null))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> e.replaceRequestLimits(RequestLimit.fixedWindow(1), null))
                    .isInstanceOf(NullPointerException.class);
            assertThat(read(e).statusCode()).isEqualTo(200);
        }
    }
}
