package io.desknotify.transport.http.huawei;

import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.compat.ClientSettings;
import io.desknotify.testkit.compat.EmulatorOptions;
import io.desknotify.testkit.compat.ProviderExpectations;
import io.desknotify.testkit.compat.TransportCompatibilityKit;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Huawei Workspace passes the transport compatibility kit: AK/SK signing, or an IAM token for the 401 row. */
class HuaweiCompatibilityTest extends TransportCompatibilityKit {
    private static final String AK = "AKRELIABILITY7Q2X";
    private static final String SK = "sk-reliability-9f1c-DO-NOT-LOG";
    private static final String IAM_TOKEN = "iam-token-reliability-4e2b-DO-NOT-LOG";

    @Override
    protected Emulator startEmulator(Inventory inventory, EmulatorOptions options) {
        return HuaweiWorkspaceEmulator.builder().inventory(inventory).credentials(AK, SK).authToken(IAM_TOKEN)
                .jobPolls(1).seed(options.seed()).threads(options.threads()).start();
    }

    @Override
    protected List<Target> targets(Inventory inventory) {
        return inventory.desktopIds().stream().map(id -> (Target) Target.desktop(id)).toList();
    }

    @Override
    protected Transport transport(URI endpoint, ClientSettings s) {
        HuaweiWorkspaceTransport.Builder b = HuaweiWorkspaceTransport.builder().endpoint(endpoint)
                .projectId(HuaweiWorkspaceEmulator.DEFAULT_PROJECT_ID).requestTimeout(s.requestTimeout())
                .connectTimeout(s.connectTimeout()).readRetry(3, Duration.ofMillis(1), Duration.ofMillis(50));
        s.maxResponseBytes().ifPresent(b::maxResponseBytes);
        return (s.expiringToken() ? b.authToken(() -> IAM_TOKEN) : b.accessKey(AK).secretKey(SK.toCharArray()))
                .build();
    }

    @Override
    protected Route sendRoute() {
        return Route.HUAWEI_SEND_DESKTOPS;
    }

    @Override
    protected List<Route> followUpRoutes() {
        return List.of(Route.HUAWEI_JOB);
    }

    @Override
    protected Set<String> targetIdsIn(RecordedRequest send) {
        try (JsonReader reader = Json.createReader(new StringReader(send.bodyText()))) {
            return reader.readObject().getJsonArray("desktop_ids").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).collect(Collectors.toSet());
        }
    }

    @Override
    protected Set<String> credentials() {
        return Set.of(AK, SK, IAM_TOKEN);
    }

    @Override
    protected ProviderExpectations expectations() {
        return ProviderExpectations.builder().transportThreads("desknotify-huawei-http-")
                .emulatorThreads("huawei-emulator").errorCodes("RESPONSE_TOO_LARGE", "UNEXPECTED_ANSWER")
                // the IAM token is the caller's: a 401 cannot be cured by renewing it
                .unauthorizedIsFinal("APIG.030")
                .unexpectedSendAnswer("{\"jobId\":\"7\"}", "no job_id")
                .factory("huawei-workspace", Map.of("endpoint", "https://workspace.cn-north-4.myhuaweicloud.com",
                        "project-id", "p1", "access-key", AK, "secret-key", SK), "endpoint")
                .build();
    }
}
