package io.desknotify.testkit.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Requests of the Azure Virtual Desktop emulator's tests, written as a client of the real API would. */
final class Avd {

    static final Inventory INVENTORY = Inventory.builder().seed(31).desktops(40).pools(2).build();
    static final String CLIENT = "11111111-2222-4333-8444-555555555555";
    static final String SECRET = "s3cr3t~value";
    static final String VERSION = "2024-04-03";

    private Avd() {
    }

    static AzureVirtualDesktopEmulator.Builder builder() {
        return AzureVirtualDesktopEmulator.builder().inventory(INVENTORY).client(CLIENT, SECRET).threads(4);
    }

    static HttpResponse<String> tokenRequest(AzureVirtualDesktopEmulator e, String tenant, String form) {
        return Http.send(HttpRequest.newBuilder(URI.create(e.baseUri() + "/" + tenant + "/oauth2/v2.0/token"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static String form(String clientId, String secret, String scope) {
        return "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&scope=" + enc(scope);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String token(AzureVirtualDesktopEmulator e) {
        HttpResponse<String> r = tokenRequest(e, e.tenantId(), form(CLIENT, SECRET,
                "https://management.azure.com/.default"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Http.json(r.body()).asJsonObject().getString("access_token");
    }

    static String hostPoolPath(AzureVirtualDesktopEmulator e, String hostPool) {
        return "/subscriptions/" + e.subscriptionId() + "/resourceGroups/" + e.resourceGroup()
                + "/providers/Microsoft.DesktopVirtualization/hostPools/" + hostPool;
    }

    /** @param target {@code hostPool/sessionHost/id} */
    static String sessionPath(AzureVirtualDesktopEmulator e, String target) {
        String[] p = target.split("/");
        return hostPoolPath(e, p[0]) + "/sessionHosts/" + p[1] + "/userSessions/" + p[2];
    }

    static URI uri(AzureVirtualDesktopEmulator e, String path, String query) {
        return URI.create(e.baseUri() + path.replace(" ", "%20") + (query == null ? "" : "?" + query));
    }

    static HttpResponse<String> send(AzureVirtualDesktopEmulator e, String token, String target, String body) {
        return Http.post(uri(e, sessionPath(e, target) + "/sendMessage", "api-version=" + VERSION), body,
                "Authorization", "Bearer " + token);
    }

    static HttpResponse<String> get(AzureVirtualDesktopEmulator e, String token, String path, String query) {
        return Http.get(uri(e, path, query), "Authorization", "Bearer " + token);
    }

    static JsonObject error(HttpResponse<String> r) {
        return Http.json(r.body()).asJsonObject().getJsonObject("error");
    }

    static String activeSession(AzureVirtualDesktopEmulator e) {
        return e.inventory().sessions().stream().filter(s -> s.state() == Inventory.SessionState.CONNECTED)
                .map(e::sessionTargetId).findFirst().orElseThrow();
    }

    static String disconnectedSession(AzureVirtualDesktopEmulator e) {
        return e.inventory().sessions().stream().filter(s -> s.state() == Inventory.SessionState.DISCONNECTED)
                .map(e::sessionTargetId).findFirst().orElseThrow();
    }
}
