package io.desknotify.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JournalUnderLoadTest {

    @Test
    void recordsEachOfTwentyThousandDesktopsExactlyOnceWithSixteenConcurrentClients() throws Exception {
        Inventory inventory = Inventory.builder().seed(77).desktops(20_000).pools(10).build();
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(inventory).start()) {
            URI uri = URI.create(e.baseUri() + "/v2/" + e.projectId() + "/desktops/notifications");
            List<String> ids = inventory.desktopIds();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int from = 0; from < ids.size(); from += 100) {
                    List<String> batch = ids.subList(from, Math.min(from + 100, ids.size()));
                    String body = "{\"desktop_ids\":[" + batch.stream().map(i -> "\"" + i + "\"")
                            .collect(Collectors.joining(",")) + "],\"notifications\":\"load\"}";
                    results.add(pool.submit(() -> client.send(HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode()));
                }
                for (Future<Integer> f : results) {
                    assertThat(f.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdown();
            }
            Journal journal = e.journal();
            assertThat(journal.totalShown()).isEqualTo(20_000);
            assertThat(journal.shownTargets()).hasSize(20_000);
            assertThat(journal.targetsShownMoreThanOnce()).isEmpty();
            assertThat(journal.shownCount(ids.get(12_345))).isEqualTo(1);
            assertThat(journal.requestCount(Route.HUAWEI_SEND_DESKTOPS)).isEqualTo(200);
            assertThat(journal.requests(Route.HUAWEI_SEND_DESKTOPS)).hasSize(200);
        }
    }

    @Test
    void keepsOnlyCountsWhenDetailsAreSwitchedOff() {
        Inventory inventory = Inventory.builder().seed(4).desktops(20).build();
        try (HuaweiWorkspaceEmulator e = HuaweiWorkspaceEmulator.builder().inventory(inventory).journalDetails(false)
                .threads(2).start()) {
            URI uri = URI.create(e.baseUri() + "/v2/" + e.projectId() + "/desktops/notifications");
            String body = "{\"desktop_ids\":[" + inventory.desktopIds().stream().map(i -> "\"" + i + "\"")
                    .collect(Collectors.joining(",")) + "],\"notifications\":\"x\"}";
            assertThat(Http.post(uri, body).statusCode()).isEqualTo(200);
            assertThat(e.journal().totalShown()).isEqualTo(20);
            assertThat(e.journal().shownCount(inventory.desktopIds().get(3))).isEqualTo(1);
            assertThat(e.journal().requestCount(Route.HUAWEI_SEND_DESKTOPS)).isEqualTo(1);
            assertThat(e.journal().shown()).isEmpty();
            assertThat(e.journal().requests()).isEmpty();
        }
    }

    @Test
    void countsADuplicateDeliveryAsShownTwice() {
        Inventory inventory = Inventory.builder().seed(1).desktops(10).build();
        try (HorizonEmulator e = HorizonEmulator.builder().inventory(inventory).login("D", "u", "p").threads(2)
                .start()) {
            String token = Http.json(Http.post(URI.create(e.baseUri() + "/rest/login"),
                    "{\"domain\":\"D\",\"username\":\"u\",\"password\":\"p\"}").body()).asJsonObject()
                    .getString("access_token");
            String session = inventory.sessions().get(0).id();
            for (int i = 0; i < 2; i++) {
                Http.post(URI.create(e.baseUri() + "/rest/inventory/v1/sessions/action/send-message"),
                        "{\"message\":\"m\",\"message_type\":\"INFO\",\"session_ids\":[\"" + session + "\"]}",
                        "Authorization", "Bearer " + token);
            }
            assertThat(e.journal().shownCount(session)).isEqualTo(2);
            assertThat(e.journal().targetsShownMoreThanOnce()).containsExactly(session);
            assertThat(e.journal().shownOn(session)).extracting(ShownNotification::provider)
                    .containsOnly(Route.Provider.HORIZON);
            RecordedRequest login = e.journal().requests(Route.HORIZON_LOGIN).get(0);
            assertThat(login.method()).isEqualTo("POST");
            assertThat(login.bodyText()).contains("\"username\":\"u\"");
            assertThat(login.toString()).doesNotContain("\"p\"");
        }
    }
}
