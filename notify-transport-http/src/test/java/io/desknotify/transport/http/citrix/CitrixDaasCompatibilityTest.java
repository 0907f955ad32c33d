package io.desknotify.transport.http.citrix;

import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.citrix.CitrixDaasEmulator;
import io.desknotify.testkit.compat.ClientSettings;
import io.desknotify.testkit.compat.EmulatorOptions;
import io.desknotify.testkit.compat.ProviderExpectations;
import io.desknotify.testkit.compat.TransportCompatibilityKit;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Citrix DaaS passes the transport compatibility kit: client-credentials tokens, renewal on 401, one session per call. */
class CitrixDaasCompatibilityTest extends TransportCompatibilityKit {
    private static final String CUSTOMER = "compat0001";
    private static final String SITE = "5e0c2b9a-1d4f-4c1e-9b7a-2f6d8e3c4a10";
    private static final String CLIENT = "client-compat";
    private static final String SECRET = "secret-compat-7a1f-DO-NOT-LOG";
    private static final String SCHEME = "CwsAuth Bearer=";

    @Override
    protected Emulator startEmulator(Inventory inventory, EmulatorOptions options) {
        return CitrixDaasEmulator.builder().inventory(inventory).customerId(CUSTOMER).siteId(SITE)
                .apiClient(CLIENT, SECRET).seed(options.seed()).threads(options.threads()).start();
    }

    @Override
    protected List<Target> targets(Inventory inventory) {
        return inventory.connectedSessionIds().stream().map(id -> (Target) Target.session(id)).toList();
    }

    @Override
    protected Transport transport(URI endpoint, ClientSettings s) {
        CitrixDaasTransport.Builder b = CitrixDaasTransport.builder().baseUri(endpoint).customerId(CUSTOMER)
                .siteId(SITE).clientId(CLIENT).clientSecret(SECRET.toCharArray()).requestTimeout(s.requestTimeout())
                .connectTimeout(s.connectTimeout());
        s.maxResponseBytes().ifPresent(b::maxResponseBytes);
        return b.build();
    }

    @Override
    protected Route sendRoute() {
        return Route.CITRIX_SEND_MESSAGE;
    }

    /** The session id is the path segment before {@code $sendMessage}. */
    @Override
    protected Set<String> targetIdsIn(RecordedRequest send) {
        String[] segments = send.path().split("/");
        return Set.of(segments[segments.length - 2]);
    }

    @Override
    protected Set<String> credentials() {
        return Set.of(SECRET);
    }

    /** Tokens travel as {@code CwsAuth Bearer=<token>}. */
    @Override
    protected Set<String> tokensSeen(Journal journal) {
        Set<String> tokens = new LinkedHashSet<>(super.tokensSeen(journal));
        for (RecordedRequest r : journal.requests()) {
            String auth = r.header("authorization");
            if (auth != null && auth.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                    && !auth.substring(SCHEME.length()).isBlank()) {
                tokens.add(auth.substring(SCHEME.length()).trim());
            }
        }
        return tokens;
    }

    @Override
    protected ProviderExpectations expectations() {
        return ProviderExpectations.builder().transportThreads("desknotify-citrix-http-")
                .emulatorThreads("citrix-emulator").errorCodes("HTTP_200", "UNEXPECTED_RESPONSE")
                .unexpectedSendAnswer("[\"ok\"]", "expected a JSON object")
                .hostileSetupAnswer("/cctrustoauth2/" + CUSTOMER + "/tokens/clients",
                        "{\"token_type\":\"bearer\",\"access_token\":\"{token}\",\"expires_in\":\"3600\"}")
                .factory("citrix-daas", Map.of("base-uri", "https://api.cloud.com", "customer-id", CUSTOMER,
                        "client-id", CLIENT, "client-secret", SECRET, "site-id", SITE), "base-uri")
                .build();
    }
}
