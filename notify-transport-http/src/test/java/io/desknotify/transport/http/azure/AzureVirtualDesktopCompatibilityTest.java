package io.desknotify.transport.http.azure;

import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator;
import io.desknotify.testkit.compat.ClientSettings;
import io.desknotify.testkit.compat.EmulatorOptions;
import io.desknotify.testkit.compat.ProviderExpectations;
import io.desknotify.testkit.compat.TransportCompatibilityKit;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Azure Virtual Desktop passes the transport compatibility kit: Entra ID tokens, renewal on 401, one call a session. */
class AzureVirtualDesktopCompatibilityTest extends TransportCompatibilityKit {
    private static final String TENANT = "5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f";
    private static final String CLIENT = "c0ffee00-1111-4222-8333-444455556666";
    private static final String SECRET = "avd-secret~9Qx.DO-NOT-LOG";
    private static final String SUBSCRIPTION = "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918";
    private static final String GROUP = "rg-compat";

    @Override
    protected Emulator startEmulator(Inventory inventory, EmulatorOptions options) {
        return AzureVirtualDesktopEmulator.builder().inventory(inventory).tenantId(TENANT).client(CLIENT, SECRET)
                .subscriptionId(SUBSCRIPTION).resourceGroup(GROUP).seed(options.seed()).threads(options.threads())
                .start();
    }

    @Override
    protected List<Target> targets(Inventory inventory) {
        return inventory.sessions().stream().filter(s -> s.state() == Inventory.SessionState.CONNECTED)
                .map(s -> (Target) Target.session(AzureVirtualDesktopEmulator.defaultSessionTargetId(inventory, s)))
                .toList();
    }

    @Override
    protected Transport transport(URI endpoint, ClientSettings s) {
        AzureVirtualDesktopTransport.Builder b = AzureVirtualDesktopTransport.builder().baseUri(endpoint)
                .loginUri(endpoint).tenantId(TENANT).clientId(CLIENT).clientSecret(SECRET.toCharArray())
                .subscriptionId(SUBSCRIPTION).resourceGroup(GROUP).requestTimeout(s.requestTimeout())
                .connectTimeout(s.connectTimeout());
        s.maxResponseBytes().ifPresent(b::maxResponseBytes);
        return b.build();
    }

    @Override
    protected Route sendRoute() {
        return Route.AVD_SEND_MESSAGE;
    }

    /** The session is in the path: {@code .../hostPools/{hp}/sessionHosts/{host}/userSessions/{id}/sendMessage}. */
    @Override
    protected Set<String> targetIdsIn(RecordedRequest send) {
        String[] s = send.path().split("/");
        int n = s.length;
        return Set.of(decode(s[n - 6]) + "/" + decode(s[n - 4]) + "/" + decode(s[n - 2]));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    protected Set<String> credentials() {
        return Set.of(SECRET);
    }

    @Override
    protected ProviderExpectations expectations() {
        return ProviderExpectations.builder().transportThreads("desknotify-avd-http-")
                .emulatorThreads("avd-emulator").errorCodes("HTTP_200", "UNEXPECTED_RESPONSE")
                .hostileSetupAnswer("/" + TENANT + "/oauth2/v2.0/token",
                        "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"{token}\"}")
                .factory("azure-virtual-desktop", Map.of("base-uri", "https://management.azure.com", "tenant-id",
                        TENANT, "client-id", CLIENT, "client-secret", SECRET, "subscription-id", SUBSCRIPTION,
                        "resource-group", GROUP), "base-uri")
                .build();
    }
}
