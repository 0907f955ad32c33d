package io.desknotify.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.horizon.HorizonEmulator;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalLastShownTest {

    @Test
    void lastShownIsTheTimeOfTheLatestNotificationEvenWithoutDetailsAndClearForgetsIt() {
        Inventory inventory = Inventory.builder().seed(4).desktops(10).connectedFraction(1.0)
                .disconnectedFraction(0.0).build();
        try (HorizonEmulator emulator = HorizonEmulator.builder().inventory(inventory)
                .login("DESKNOTIFY", "admin", "s3cret").journalDetails(false).start()) {
            assertThat(emulator.journal().lastShown()).isEmpty();
            JsonObject tokens = Http.json(Http.post(URI.create(emulator.baseUri() + "/rest/login"),
                    "{\"domain\":\"DESKNOTIFY\",\"username\":\"admin\",\"password\":\"s3cret\"}").body())
                    .asJsonObject();
            List<String> sessions = inventory.connectedSessionIds().subList(0, 2);
            Instant before = Instant.now();

            HttpResponse<String> sent = Http.post(
                    URI.create(emulator.baseUri() + "/rest/inventory/v1/sessions/action/send-message"),
                    "{\"message\":\"Maintenance at 22:00\",\"message_type\":\"INFO\",\"session_ids\":[\""
                            + sessions.get(0) + "\",\"" + sessions.get(1) + "\"]}",
                    "Authorization", "Bearer " + tokens.getString("access_token"));

            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(emulator.journal().shown()).as("no details kept").isEmpty();
            assertThat(emulator.journal().lastShown()).hasValueSatisfying(t ->
                    assertThat(t).isBetween(before.minusMillis(1), Instant.now()));

            emulator.journal().clear();

            assertThat(emulator.journal().lastShown()).isEmpty();
        }
    }
}
