package io.desknotify.benchmarks;

import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import io.desknotify.transport.http.horizon.HorizonTransport;
import io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport;
import java.time.Duration;
import java.util.List;

/**
 * The two HTTP providers of the end-to-end benchmarks: a testkit emulator on loopback with {@code targets}
 * reachable targets (Huawei desktops or Horizon sessions, all connected), and the library's transport for it.
 */
enum Providers {
    HUAWEI {
        @Override
        Emulator start(int targets, int batchSize, int maxRequestsPerSecond) {
            return HuaweiWorkspaceEmulator.builder()
                    .inventory(inventory(targets))
                    .credentials(ACCESS_KEY, SECRET_KEY)
                    .maxIdsPerCall(batchSize)
                    .maxRequestsPerSecond(maxRequestsPerSecond)
                    .journalDetails(false)
                    .start();
        }

        @Override
        List<String> ids(Emulator emulator) {
            return emulator.inventory().desktopIds();
        }

        @Override
        Target target(String id) {
            return Target.desktop(id);
        }

        @Override
        Transport transport(Emulator emulator, int batchSize) {
            HuaweiWorkspaceEmulator huawei = (HuaweiWorkspaceEmulator) emulator;
            return HuaweiWorkspaceTransport.builder()
                    .endpoint(huawei.baseUri())
                    .projectId(huawei.projectId())
                    .accessKey(ACCESS_KEY)
                    .secretKey(SECRET_KEY.toCharArray())
                    .maxDesktopsPerCall(batchSize)
                    .build();
        }

        @Override
        List<Route> routes() {
            return List.of(Route.HUAWEI_SEND_DESKTOPS, Route.HUAWEI_SEND_POOL, Route.HUAWEI_CONNECT_DESKTOPS,
                    Route.HUAWEI_JOB, Route.HUAWEI_NOTIFICATION_RECORDS);
        }

        @Override
        int requestsPerBatch() {
            return 2; // the send, and one poll of its Workspace job (the emulator ends jobs at the first poll)
        }
    },
    HORIZON {
        @Override
        Emulator start(int targets, int batchSize, int maxRequestsPerSecond) {
            return HorizonEmulator.builder()
                    .inventory(inventory(targets))
                    .login(DOMAIN, USERNAME, PASSWORD)
                    .maxIdsPerCall(batchSize)
                    .maxRequestsPerSecond(maxRequestsPerSecond)
                    .journalDetails(false)
                    .start();
        }

        @Override
        List<String> ids(Emulator emulator) {
            return emulator.inventory().connectedSessionIds();
        }

        @Override
        Target target(String id) {
            return Target.session(id);
        }

        @Override
        Transport transport(Emulator emulator, int batchSize) {
            return HorizonTransport.builder()
                    .baseUri(emulator.baseUri())
                    .domain(DOMAIN)
                    .username(USERNAME)
                    .password(PASSWORD.toCharArray())
                    .maxSessionsPerCall(batchSize)
                    .build();
        }

        @Override
        List<Route> routes() {
            return List.of(Route.HORIZON_LOGIN, Route.HORIZON_REFRESH, Route.HORIZON_LOGOUT, Route.HORIZON_SESSIONS,
                    Route.HORIZON_AD_USERS, Route.HORIZON_SEND_MESSAGE);
        }

        @Override
        int requestsPerBatch() {
            return 1;
        }
    };

    static {
        // The JDK HTTP server under the emulators writes a response's headers and body in separate small writes;
        // with Nagle's algorithm on, the body then waits for the client's delayed ACK, about 40 ms per request
        // on Linux. Real providers do not behave like that; latency is added explicitly (addLatency) instead.
        // Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final String ACCESS_KEY = "bench-ak";
    static final String SECRET_KEY = "bench-sk-not-a-secret";
    static final String DOMAIN = "DESKNOTIFY";
    static final String USERNAME = "svc-notify";
    static final String PASSWORD = "bench-password";
    static final String MESSAGE = "Maintenance in 15 minutes: please save your work.";

    /** @param maxRequestsPerSecond 0 for no limit */
    abstract Emulator start(int targets, int batchSize, int maxRequestsPerSecond);

    /** The ids a send goes to: every desktop (Huawei) or every session (Horizon). */
    abstract List<String> ids(Emulator emulator);

    abstract Target target(String id);

    abstract Transport transport(Emulator emulator, int batchSize);

    /** Every route of the provider, to count the requests an emulator received. */
    abstract List<Route> routes();

    /** Requests the library makes per batch when nothing fails. */
    abstract int requestsPerBatch();

    static Providers of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Makes every request on every route wait {@code latency} before it is processed (none if zero). */
    void addLatency(Emulator emulator, Duration latency) {
        if (!latency.isZero()) {
            for (Route r : routes()) {
                emulator.faults().inject(r, Fault.latency(latency), Trigger.always());
            }
        }
    }

    /** All requests the emulator received (answered or refused), over all routes. */
    long requestsReceived(Emulator emulator) {
        long n = 0;
        for (Route r : routes()) {
            n += emulator.journal().requestCount(r);
        }
        return n;
    }

    /** {@code targets} desktops, all connected, so that Horizon has one session per desktop too. */
    private static Inventory inventory(int targets) {
        return Inventory.builder()
                .seed(42)
                .desktops(targets)
                .connectedFraction(1.0)
                .disconnectedFraction(0.0)
                .build();
    }

    /**
     * Fails the benchmark when the emulator received a request its provider's published API does not allow: a
     * figure measured outside the contract says nothing about a real provider.
     */
    static void checkContract(Emulator emulator) {
        List<io.desknotify.testkit.ContractViolation> violations = emulator.journal().contractViolations();
        if (!violations.isEmpty()) {
            throw new IllegalStateException(violations.size() + " requests outside the provider's contract, first: "
                    + violations.get(0));
        }
    }

    /** Closes the notifier, then fails the benchmark on any request outside the contract; the emulator is closed. */
    static void closeAndCheckContract(io.desknotify.core.Notifier notifier, Emulator emulator) {
        notifier.close();
        try {
            checkContract(emulator);
        } finally {
            emulator.close();
        }
    }
}
