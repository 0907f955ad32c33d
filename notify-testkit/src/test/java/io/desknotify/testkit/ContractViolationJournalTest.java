package io.desknotify.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.horizon.HorizonEmulator;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContractViolationJournalTest {

    static HorizonEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = HorizonEmulator.builder().inventory(Inventory.builder().seed(3).desktops(10).build())
                .login("DESKNOTIFY", "admin", "s3cret").journalDetails(false).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.journal().clear();
    }

    @Test
    void aRequestTheContractAllowsLeavesNoViolationEvenWhenRefused() {
        HttpResponse<String> ok = Http.post(URI.create(emulator.baseUri() + "/rest/login"),
                "{\"domain\":\"DESKNOTIFY\",\"username\":\"admin\",\"password\":\"s3cret\"}");
        HttpResponse<String> wrongPassword = Http.post(URI.create(emulator.baseUri() + "/rest/login"),
                "{\"domain\":\"DESKNOTIFY\",\"username\":\"admin\",\"password\":\"nope\"}");

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void aPathNoOperationHasIsAnsweredAsTheApiWouldAndJournaledEvenWithoutDetails() {
        HttpResponse<String> r = Http.get(URI.create(emulator.baseUri() + "/rest/inventory/v9/nothing"));

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(emulator.journal().requests()).as("no details kept").isEmpty();
        assertThat(emulator.journal().contractViolations()).singleElement().satisfies(v -> {
            assertThat(v.request().path()).isEqualTo("/rest/inventory/v9/nothing");
            assertThat(v.rule()).contains("no operation");
        });
    }

    @Test
    void clearForgetsViolations() {
        Http.get(URI.create(emulator.baseUri() + "/nowhere"));
        assertThat(emulator.journal().contractViolations()).hasSize(1);

        emulator.journal().clear();

        assertThat(emulator.journal().contractViolations()).isEmpty();
    }
}
