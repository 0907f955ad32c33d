package io.desknotify.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.testkit.Http;
import io.desknotify.testkit.Route;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StandaloneEmulatorTest {
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), StandaloneEmulator.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        processes.add(p);
        return p;
    }

    /** The line the process prints once it serves. */
    private static JsonObject ready(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(line).as("the first line of the emulator process").isNotNull();
        return Http.json(line).asJsonObject();
    }

    private static URI at(JsonObject ready, String key, String path) {
        return URI.create(ready.getString(key) + path);
    }

    @Test
    void aHorizonEmulatorInItsOwnProcessServesTheApiAndItsJournalOutlivesTheClient() throws Exception {
        Process p = launch("horizon", "--desktops", "10", "--username", "admin", "--password", "s3cret",
                "--fault", "HORIZON_LOGIN:throttled:1:next=1");
        JsonObject ready = ready(p);
        assertThat(ready.getString("provider")).isEqualTo("horizon");

        String login = "{\"domain\":\"DESKNOTIFY\",\"username\":\"admin\",\"password\":\"s3cret\"}";
        // the fault from the command line strikes the first login only
        assertThat(Http.post(at(ready, "baseUri", "/rest/login"), login).statusCode()).isEqualTo(429);
        HttpResponse<String> tokens = Http.post(at(ready, "baseUri", "/rest/login"), login);
        assertThat(tokens.statusCode()).isEqualTo(200);
        String bearer = "Bearer " + Http.json(tokens.body()).asJsonObject().getString("access_token");

        JsonArray sessions = Http.json(Http.get(at(ready, "controlUri", "/inventory")).body()).asJsonObject()
                .getJsonArray("connectedSessionIds");
        assertThat(sessions).hasSize(10);
        List<String> three = sessions.getValuesAs(JsonString.class).stream().limit(3).map(JsonString::getString)
                .toList();
        String send = "{\"message\":\"Maintenance at 22:00\",\"message_type\":\"INFO\",\"session_ids\":["
                + three.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")) + "]}";
        HttpResponse<String> sent = Http.post(at(ready, "baseUri", "/rest/inventory/v1/sessions/action/send-message"),
                send, "Authorization", bearer);
        assertThat(sent.statusCode()).isEqualTo(200);

        JsonObject journal = Http.json(Http.get(at(ready, "controlUri", "/journal")).body()).asJsonObject();
        assertThat(journal.getInt("totalShown")).isEqualTo(3);
        assertThat(journal.getJsonArray("shownMoreThanOnce")).isEmpty();
        assertThat(journal.getJsonArray("contractViolations")).isEmpty();
        assertThat(journal.getJsonObject("requests").getInt(Route.HORIZON_LOGIN.name())).isEqualTo(2);
        assertThat(Http.json(Http.get(at(ready, "controlUri", "/journal/shown")).body()).asJsonObject())
                .containsOnlyKeys(three);

        assertThat(Http.post(at(ready, "controlUri", "/shutdown"), "").statusCode()).isEqualTo(204);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("ended after the shutdown call").isTrue();
        assertThat(p.exitValue()).isZero();
    }

    @Test
    void aHuaweiEmulatorSaysItsProjectAndTakesFaultsThroughTheControlServer() throws Exception {
        Process p = launch("huawei", "--desktops", "5", "--project-id", "0123456789abcdef0123456789abcdef",
                "--journal-details", "false");
        JsonObject ready = ready(p);
        assertThat(ready.getString("projectId")).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(Http.json(Http.get(at(ready, "controlUri", "/inventory")).body()).asJsonObject()
                .getJsonArray("desktopIds")).hasSize(5);

        assertThat(Http.post(at(ready, "controlUri", "/faults"), "HUAWEI_JOB:connection-reset:next=1").statusCode())
                .isEqualTo(204);
        HttpResponse<String> bad = Http.post(at(ready, "controlUri", "/faults"), "HORIZON_LOGIN:server-error:always");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("HORIZON_LOGIN").contains("huawei");
        // the provider's API knows nothing of the control calls
        assertThat(Http.get(at(ready, "baseUri", "/journal")).statusCode()).isNotEqualTo(200);
    }

    @Test
    void argumentsItCannotUseEndItAtOnceWithStatus2NamingTheArgument() throws Exception {
        Process p = launch("huawei", "--desktops", "-3");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(StandaloneEmulator.BAD_ARGUMENTS);
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("--desktops");
    }

    @Test
    void optionsAndFaultSpecsAreCheckedPartByPart() {
        assertThatThrownBy(() -> StandaloneEmulator.Options.parse(new String[] {"citrix"}))
                .hasMessageContaining("huawei or horizon");
        assertThatThrownBy(() -> StandaloneEmulator.Options.parse(new String[] {"horizon", "--latency-ms"}))
                .hasMessageContaining("--latency-ms has no value");
        assertThatThrownBy(() -> StandaloneEmulator.Options.parse(new String[] {"horizon", "--port", "1"}))
                .hasMessageContaining("unknown option --port");
        assertThatThrownBy(() -> StandaloneEmulator.Options.parse(
                new String[] {"horizon", "--connected-fraction", "1.5"})).hasMessageContaining("--connected-fraction");
        assertThatThrownBy(() -> StandaloneEmulator.fault("NOPE:server-error:always", "huawei"))
                .hasMessageContaining("no such route").hasMessageContaining("NOPE");
        assertThatThrownBy(() -> StandaloneEmulator.fault("HUAWEI_JOB:explode:always", "huawei"))
                .hasMessageContaining("no such fault kind").hasMessageContaining("explode");
        assertThatThrownBy(() -> StandaloneEmulator.fault("HUAWEI_JOB:throttled:always", "huawei"))
                .hasMessageContaining("needs a number");
        assertThatThrownBy(() -> StandaloneEmulator.fault("HUAWEI_JOB:server-error:5:always", "huawei"))
                .hasMessageContaining("takes no argument");
        assertThatThrownBy(() -> StandaloneEmulator.fault("HUAWEI_JOB:server-error:sometimes", "huawei"))
                .hasMessageContaining("sometimes");
        assertThatThrownBy(() -> StandaloneEmulator.fault("HUAWEI_JOB:server-error:probability=2", "huawei"))
                .hasMessageContaining("probability=2");

        StandaloneEmulator.FaultSpec f = StandaloneEmulator.fault("HUAWEI_SEND_DESKTOPS:throttled:3:next=2", "huawei");
        assertThat(f.route()).isEqualTo(Route.HUAWEI_SEND_DESKTOPS);
        StandaloneEmulator.Options o = StandaloneEmulator.Options.parse(new String[] {"Huawei", "--desktops", "7",
                "--latency-ms", "5", "--fault", "HUAWEI_JOB:latency:20:always"});
        assertThat(o.provider).isEqualTo("huawei");
        assertThat(o.desktops).isEqualTo(7);
        assertThat(o.latencyMs).isEqualTo(5);
        assertThat(o.faults).containsExactly("HUAWEI_JOB:latency:20:always");
    }
}
