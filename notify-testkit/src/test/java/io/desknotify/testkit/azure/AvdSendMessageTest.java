package io.desknotify.testkit.azure;

import static io.desknotify.testkit.azure.Avd.activeSession;
import static io.desknotify.testkit.azure.Avd.builder;
import static io.desknotify.testkit.azure.Avd.disconnectedSession;
import static io.desknotify.testkit.azure.Avd.error;
import static io.desknotify.testkit.azure.Avd.send;
import static io.desknotify.testkit.azure.Avd.sessionPath;
import static io.desknotify.testkit.azure.Avd.token;
import static io.desknotify.testkit.azure.Avd.uri;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.Http;
import io.desknotify.testkit.ShownNotification;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator.NonActiveSend;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AvdSendMessageTest {

    private static HttpResponse<String> sendRaw(AzureVirtualDesktopEmulator e, String token, String target,
                                                String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(e, sessionPath(e, target) + "/sendMessage",
                "api-version=2024-04-03")).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return Http.send(b.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void answers200WithNoBodyAndJournalsTitleAndBodyOnTheSession() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String target = activeSession(e);
            HttpResponse<String> r = send(e, token(e), target,
                    "{\"messageTitle\":\"Maintenance\",\"messageBody\":\"Save your work\"}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            assertThat(e.journal().shownOn(target)).singleElement().satisfies(s -> {
                assertThat(s.title()).isEqualTo("Maintenance");
                assertThat(s.text()).isEqualTo("Save your work");
                assertThat(s.messageType()).isNull();
            });
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void takesTheBodyAndItsFieldsAsOptionalUnlessConfiguredToRefuseAnEmptyMessage() {
        try (AzureVirtualDesktopEmulator lenient = builder().start();
             AzureVirtualDesktopEmulator strict = builder().refuseEmptyMessage(true).start()) {
            String target = activeSession(lenient);
            assertThat(sendRaw(lenient, token(lenient), target, null, null).statusCode()).isEqualTo(200);
            assertThat(send(lenient, token(lenient), target, "{\"messageBody\":\"no title\"}").statusCode())
                    .isEqualTo(200);
            assertThat(lenient.journal().shownOn(target)).extracting(ShownNotification::title)
                    .containsExactly(null, null);
            assertThat(sendRaw(strict, token(strict), target, null, null).statusCode()).isEqualTo(400);
            assertThat(strict.journal().shownCount(target)).isZero();
            assertThat(lenient.journal().contractViolations()).isEmpty();
            assertThat(strict.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void refusesANonStringFieldOrABodyThatIsNotJsonAndJournalsIt() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String target = activeSession(e);
            String token = token(e);
            HttpResponse<String> number = send(e, token, target, "{\"messageTitle\":7,\"messageBody\":\"x\"}");
            HttpResponse<String> array = send(e, token, target, "[\"x\"]");
            HttpResponse<String> text = sendRaw(e, token, target, "text/plain", "hello");
            assertThat(number.statusCode()).isEqualTo(400);
            assertThat(array.statusCode()).isEqualTo(400);
            assertThat(text.statusCode()).isEqualTo(415);
            assertThat(e.journal().shownCount(target)).isZero();
            assertThat(e.journal().contractViolations()).hasSize(3);
        }
    }

    @Test
    void answersAnUnknownSessionHostOrSession404InTheRpsNumericStyleByDefault() {
        try (AzureVirtualDesktopEmulator rp = builder().start();
             AzureVirtualDesktopEmulator arm = builder()
                     .notFoundStyle(AzureVirtualDesktopEmulator.NotFoundStyle.ARM_RESOURCE_NOT_FOUND).start()) {
            String[] parts = activeSession(rp).split("/");
            HttpResponse<String> session = send(rp, token(rp), parts[0] + "/" + parts[1] + "/999", "{}");
            HttpResponse<String> host = send(rp, token(rp), parts[0] + "/nohost.example/1", "{}");
            HttpResponse<String> pool = send(arm, token(arm), "nopool/" + parts[1] + "/1", "{}");
            assertThat(session.statusCode()).isEqualTo(404);
            assertThat(error(session).getString("code")).isEqualTo("404");
            assertThat(error(session).getString("message")).startsWith("ActivityId: ")
                    .endsWith("Error: User session ID not found");
            assertThat(host.statusCode()).isEqualTo(404);
            assertThat(pool.statusCode()).isEqualTo(404);
            assertThat(error(pool).getString("code")).isEqualTo("ResourceNotFound");
            assertThat(rp.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void refusesPathParametersOutsideTheDefinitionsLimitsAndJournalsThem() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String[] parts = activeSession(e).split("/");
            String token = token(e);
            assertThat(send(e, token, "ab/" + parts[1] + "/" + parts[2], "{}").statusCode()).isEqualTo(400);
            assertThat(send(e, token, parts[0] + "/" + "h".repeat(49) + "/" + parts[2], "{}").statusCode())
                    .isEqualTo(400);
            assertThat(send(e, token, parts[0] + "/" + parts[1] + "/" + "1".repeat(25), "{}").statusCode())
                    .isEqualTo(400);
            assertThat(send(e, token, "pool#01".replace("#", "%23") + "/" + parts[1] + "/1", "{}").statusCode())
                    .isEqualTo(400);
            assertThat(e.journal().contractViolations()).hasSize(4);
        }
    }

    @Test
    void showsRefusesOrLosesAMessageToADisconnectedSessionAsConfigured() {
        try (AzureVirtualDesktopEmulator shown = builder().start();
             AzureVirtualDesktopEmulator lost = builder().nonActiveSend(NonActiveSend.LOST).start();
             AzureVirtualDesktopEmulator refused = builder().nonActiveRefusal(409, "Conflict").start()) {
            String target = disconnectedSession(shown);
            assertThat(send(shown, token(shown), target, "{\"messageBody\":\"x\"}").statusCode()).isEqualTo(200);
            assertThat(shown.journal().shownCount(target)).isEqualTo(1);
            assertThat(send(lost, token(lost), target, "{\"messageBody\":\"x\"}").statusCode()).isEqualTo(200);
            assertThat(lost.journal().shownCount(target)).isZero();
            HttpResponse<String> r = send(refused, token(refused), target, "{\"messageBody\":\"x\"}");
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(error(r).getString("code")).isEqualTo("Conflict");
            assertThat(refused.journal().shownCount(target)).isZero();
        }
    }

    @Test
    void refusesATitleOrBodyLongerThanAConfiguredLimit() {
        try (AzureVirtualDesktopEmulator e = builder().maxTitleLength(5).maxBodyLength(10).start()) {
            String target = activeSession(e);
            String token = token(e);
            assertThat(send(e, token, target, "{\"messageTitle\":\"123456\"}").statusCode()).isEqualTo(400);
            assertThat(send(e, token, target, "{\"messageBody\":\"12345678901\"}").statusCode()).isEqualTo(400);
            assertThat(send(e, token, target, "{\"messageTitle\":\"12345\",\"messageBody\":\"1234567890\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(e.journal().shownCount(target)).isEqualTo(1);
        }
    }

    @Test
    void failsAnInjectedTargetWith400AndShowsNothingThere() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String target = activeSession(e);
            e.faults().failTarget(target);
            HttpResponse<String> r = send(e, token(e), target, "{\"messageBody\":\"x\"}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(e.journal().shownCount(target)).isZero();
        }
    }

    @Test
    void answersAnotherMethodOnTheSendPath405Or404AndJournalsIt() {
        try (AzureVirtualDesktopEmulator e405 = builder().start();
             AzureVirtualDesktopEmulator e404 = builder().wrongMethodStatus(404).start()) {
            String target = activeSession(e405);
            HttpResponse<String> get405 = Avd.get(e405, token(e405), sessionPath(e405, target) + "/sendMessage",
                    "api-version=2024-04-03");
            HttpResponse<String> get404 = Avd.get(e404, token(e404), sessionPath(e404, target) + "/sendMessage",
                    "api-version=2024-04-03");
            assertThat(get405.statusCode()).isEqualTo(405);
            assertThat(get404.statusCode()).isEqualTo(404);
            assertThat(e405.journal().contractViolations()).hasSize(1);
            assertThat(e404.journal().contractViolations()).hasSize(1);
        }
    }

    @Test
    void matchesTheLiteralPathSegmentsInAnyCaseUnlessConfiguredToBeStrict() {
        try (AzureVirtualDesktopEmulator lenient = builder().start();
             AzureVirtualDesktopEmulator strict = builder().caseInsensitivePaths(false).start()) {
            String target = activeSession(lenient);
            String path = sessionPath(lenient, target).replace("/hostPools/", "/hostpools/")
                    .replace("Microsoft.DesktopVirtualization", "microsoft.desktopvirtualization") + "/sendmessage";
            HttpResponse<String> ok = Http.post(uri(lenient, path, "api-version=2024-04-03"), "{}",
                    "Authorization", "Bearer " + token(lenient));
            HttpResponse<String> refused = Http.post(uri(strict, path, "api-version=2024-04-03"), "{}",
                    "Authorization", "Bearer " + token(strict));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(lenient.journal().contractViolations()).isEmpty();
            assertThat(refused.statusCode()).isEqualTo(404);
            assertThat(strict.journal().contractViolations()).hasSize(1);
        }
    }
}
