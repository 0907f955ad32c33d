package io.desknotify.transport.http.horizon;

import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.compat.ClientSettings;
import io.desknotify.testkit.compat.EmulatorOptions;
import io.desknotify.testkit.compat.ProviderExpectations;
import io.desknotify.testkit.compat.TransportCompatibilityKit;
import io.desknotify.testkit.horizon.HorizonEmulator;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Horizon passes the transport compatibility kit: login, renewal on 401, one call per batch of sessions. */
class HorizonCompatibilityTest extends TransportCompatibilityKit {
    private static final String DOMAIN = "DESKNOTIFY";
    private static final String USER = "svc-reliability";
    private static final String PASSWORD = "pw-reliability-5d6e-DO-NOT-LOG";
    private static final String TOKENS = "{\"access_token\":\"{token}\",\"refresh_token\":\"{token}\"}";

    @Override
    protected Emulator startEmulator(Inventory inventory, EmulatorOptions options) {
        return HorizonEmulator.builder().inventory(inventory).login(DOMAIN, USER, PASSWORD).seed(options.seed())
                .threads(options.threads()).start();
    }

    @Override
    protected List<Target> targets(Inventory inventory) {
        return inventory.connectedSessionIds().stream().map(id -> (Target) Target.session(id)).toList();
    }

    @Override
    protected Transport transport(URI endpoint, ClientSettings s) {
        HorizonTransport.Builder b = HorizonTransport.builder().baseUri(endpoint).domain(DOMAIN).username(USER)
                .password(PASSWORD.toCharArray()).requestTimeout(s.requestTimeout()).connectTimeout(s.connectTimeout());
        s.maxResponseBytes().ifPresent(b::maxResponseBytes);
        return b.build();
    }

    @Override
    protected Route sendRoute() {
        return Route.HORIZON_SEND_MESSAGE;
    }

    @Override
    protected Set<String> targetIdsIn(RecordedRequest send) {
        try (JsonReader reader = Json.createReader(new StringReader(send.bodyText()))) {
            return reader.readObject().getJsonArray("session_ids").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString).collect(Collectors.toSet());
        }
    }

    @Override
    protected Set<String> credentials() {
        return Set.of(PASSWORD);
    }

    /** The access tokens (bearer) and the refresh tokens, which travel in the bodies of refresh and logout. */
    @Override
    protected Set<String> tokensSeen(Journal journal) {
        Set<String> tokens = new java.util.LinkedHashSet<>(super.tokensSeen(journal));
        for (Route r : List.of(Route.HORIZON_REFRESH, Route.HORIZON_LOGOUT)) {
            for (RecordedRequest q : journal.requests(r)) {
                try (JsonReader reader = Json.createReader(new StringReader(q.bodyText()))) {
                    String refresh = reader.readObject().getString("refresh_token", null);
                    if (refresh != null) {
                        tokens.add(refresh);
                    }
                }
            }
        }
        return tokens;
    }

    @Override
    protected ProviderExpectations expectations() {
        return ProviderExpectations.builder().transportThreads("desknotify-horizon-http-")
                .emulatorThreads("horizon-emulator").errorCodes("HTTP_200", "UNEXPECTED_RESPONSE")
                .unexpectedSendAnswer("{\"status\":\"ok\"}", "expected an array")
                .hostileSetupAnswer("/rest/login", TOKENS).hostileSetupAnswer("/rest/refresh", TOKENS)
                .hostileSetupAnswer("/rest/logout", "")
                .factory("horizon", Map.of("base-uri", "https://horizon.example.com", "domain", "D", "username", "u",
                        "password", PASSWORD), "base-uri")
                .build();
    }
}
