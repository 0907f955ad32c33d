package io.desknotify.transport.http.reliability;

import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.FaultInjector;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import io.desknotify.transport.http.horizon.HorizonTransport;
import io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One provider's emulator plus the transport pointed at it, the same way for Huawei Workspace and Horizon, so
 * that every reliability test runs against both. Credentials are distinctive strings, so that a test can search
 * any output for them.
 */
abstract class Rig implements AutoCloseable {
    /** Inventories are immutable and costly to generate: one per provider, size and seed. */
    private static final Map<String, Inventory> INVENTORIES = new ConcurrentHashMap<>();
    static final String HUAWEI_AK = "AKRELIABILITY7Q2X";
    static final String HUAWEI_SK = "sk-reliability-9f1c-DO-NOT-LOG";
    static final String HUAWEI_IAM_TOKEN = "iam-token-reliability-4e2b-DO-NOT-LOG";
    static final String HORIZON_PASSWORD = "pw-reliability-5d6e-DO-NOT-LOG";
    static final String HORIZON_DOMAIN = "DESKNOTIFY";
    static final String HORIZON_USER = "svc-reliability";
    static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;

    /** The providers every test runs against. */
    enum Kind {
        HUAWEI, HORIZON;

        Rig start(int targets, long seed) {
            return start(targets, seed, 24);
        }

        /**
         * @param serverThreads the emulator's worker threads: enough that answers held back by a fault never make
         *     the other requests wait in the emulator's queue past the client's deadline
         */
        Rig start(int targets, long seed, int serverThreads) {
            Inventory inventory = INVENTORIES.computeIfAbsent(this + "/" + targets + "/" + seed, k -> this == HUAWEI
                    ? Inventory.builder().seed(seed).desktops(targets).pools(0).users(Math.max(1, targets / 2))
                            .build()
                    : Inventory.builder().seed(seed).desktops(targets).pools(0).users(Math.max(1, targets / 2))
                            .connectedFraction(1.0).disconnectedFraction(0.0).build());
            return this == HUAWEI ? new Huawei(inventory, seed, serverThreads)
                    : new Horizon(inventory, seed, serverThreads);
        }

        /** A transport of this provider pointed at any server (for hostile-provider tests). */
        Transport transport(URI endpoint, Consumer<Settings> custom) {
            Settings s = new Settings();
            custom.accept(s);
            return this == HUAWEI ? huawei(endpoint, HuaweiWorkspaceEmulator.DEFAULT_PROJECT_ID, s)
                    : horizon(endpoint, s);
        }

    }

    /** Transport settings a test may change. */
    static final class Settings {
        Duration requestTimeout = Duration.ofSeconds(5);
        Duration connectTimeout = Duration.ofSeconds(2);
        /** Huawei only: authenticate with an IAM token instead of AK/SK. */
        boolean iamToken;
        /** Left at the transports' default unless a test changes it. */
        int maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        URI endpoint;
    }

    final Kind kind;
    final Inventory inventory;
    final List<Target> targets;

    Rig(Kind kind, Inventory inventory, List<Target> targets) {
        this.kind = kind;
        this.inventory = inventory;
        this.targets = targets;
    }

    /** The provider's emulator this rig runs against. */
    abstract Emulator emulator();

    URI baseUri() {
        return emulator().baseUri();
    }

    /** Stops the emulator. */
    @Override
    public void close() {
        emulator().close();
    }

    Journal journal() {
        return emulator().journal();
    }

    FaultInjector faults() {
        return emulator().faults();
    }

    /** The routes that carry a job's notification traffic (sends, and Huawei's job polls). */
    abstract List<Route> notificationRoutes();

    /** The route of the send request itself. */
    abstract Route sendRoute();

    abstract Transport transport(Consumer<Settings> custom);

    Transport transport() {
        return transport(s -> { });
    }

    /** Injects a fault on every notification route. */
    void injectEverywhere(Fault fault, Trigger trigger) {
        for (Route r : notificationRoutes()) {
            faults().inject(r, fault, trigger);
        }
    }

    int strikes() {
        return notificationRoutes().stream().mapToInt(r -> faults().strikes(r)).sum();
    }

    /** Target ids named in the bodies of send requests the emulator received: requests that may have acted. */
    Set<String> idsInSendRequests() {
        Set<String> ids = new HashSet<>();
        for (RecordedRequest r : journal().requests(sendRoute())) {
            try (JsonReader reader = Json.createReader(new StringReader(r.bodyText()))) {
                JsonObject o = reader.readObject();
                for (JsonValue v : o.getJsonArray(kind == Kind.HUAWEI ? "desktop_ids" : "session_ids")) {
                    ids.add(((JsonString) v).getString());
                }
            }
        }
        return ids;
    }

    /** Every secret that must never show: configured credentials and every token seen on the wire. */
    Set<String> secrets() {
        Set<String> s = new LinkedHashSet<>(List.of(HUAWEI_SK, HUAWEI_IAM_TOKEN, HORIZON_PASSWORD));
        if (kind == Kind.HUAWEI) {
            s.add(HUAWEI_AK);
        }
        for (RecordedRequest r : journal().requests()) {
            String auth = r.header("authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                s.add(auth.substring("Bearer ".length()).trim());
            }
            String token = r.header("x-auth-token");
            if (token != null) {
                s.add(token.trim());
            }
            if (r.route() == Route.HORIZON_REFRESH || r.route() == Route.HORIZON_LOGOUT) {
                try (JsonReader reader = Json.createReader(new StringReader(r.bodyText()))) {
                    String refresh = reader.readObject().getString("refresh_token", null);
                    if (refresh != null) {
                        s.add(refresh);
                    }
                }
            }
        }
        return s;
    }

    static Transport huawei(URI endpoint, String projectId, Settings s) {
        HuaweiWorkspaceTransport.Builder b = HuaweiWorkspaceTransport.builder().endpoint(endpoint)
                .projectId(projectId).requestTimeout(s.requestTimeout).connectTimeout(s.connectTimeout)
                .readRetry(3, Duration.ofMillis(1), Duration.ofMillis(50));
        if (s.maxResponseBytes != DEFAULT_MAX_RESPONSE_BYTES) {
            b.maxResponseBytes(s.maxResponseBytes);
        }
        if (s.iamToken) {
            b.authToken(() -> HUAWEI_IAM_TOKEN);
        } else {
            b.accessKey(HUAWEI_AK).secretKey(HUAWEI_SK.toCharArray());
        }
        return b.build();
    }

    static Transport horizon(URI endpoint, Settings s) {
        HorizonTransport.Builder b = HorizonTransport.builder().baseUri(endpoint).domain(HORIZON_DOMAIN)
                .username(HORIZON_USER).password(HORIZON_PASSWORD.toCharArray()).requestTimeout(s.requestTimeout)
                .connectTimeout(s.connectTimeout);
        if (s.maxResponseBytes != DEFAULT_MAX_RESPONSE_BYTES) {
            b.maxResponseBytes(s.maxResponseBytes);
        }
        return b.build();
    }

    static final class Huawei extends Rig {
        private final HuaweiWorkspaceEmulator emulator;

        Huawei(Inventory inventory, long seed, int threads) {
            super(Kind.HUAWEI, inventory, inventory.desktopIds().stream().map(id -> (Target) Target.desktop(id))
                    .toList());
            this.emulator = HuaweiWorkspaceEmulator.builder().inventory(inventory).credentials(HUAWEI_AK, HUAWEI_SK)
                    .authToken(HUAWEI_IAM_TOKEN).jobPolls(1).seed(seed).threads(threads).start();
        }

        @Override
        HuaweiWorkspaceEmulator emulator() {
            return emulator;
        }

        @Override
        List<Route> notificationRoutes() {
            return List.of(Route.HUAWEI_SEND_DESKTOPS, Route.HUAWEI_JOB);
        }

        @Override
        Route sendRoute() {
            return Route.HUAWEI_SEND_DESKTOPS;
        }

        @Override
        Transport transport(Consumer<Settings> custom) {
            Settings s = new Settings();
            custom.accept(s);
            return huawei(s.endpoint != null ? s.endpoint : emulator.baseUri(), emulator.projectId(), s);
        }
    }

    static final class Horizon extends Rig {
        private final HorizonEmulator emulator;

        Horizon(Inventory inventory, long seed, int threads) {
            super(Kind.HORIZON, inventory, inventory.connectedSessionIds().stream()
                    .map(id -> (Target) Target.session(id)).toList());
            this.emulator = HorizonEmulator.builder().inventory(inventory)
                    .login(HORIZON_DOMAIN, HORIZON_USER, HORIZON_PASSWORD).seed(seed).threads(threads).start();
        }

        @Override
        HorizonEmulator emulator() {
            return emulator;
        }

        @Override
        List<Route> notificationRoutes() {
            return List.of(Route.HORIZON_SEND_MESSAGE);
        }

        @Override
        Route sendRoute() {
            return Route.HORIZON_SEND_MESSAGE;
        }

        @Override
        Transport transport(Consumer<Settings> custom) {
            Settings s = new Settings();
            custom.accept(s);
            return horizon(s.endpoint != null ? s.endpoint : emulator.baseUri(), s);
        }
    }
}
