package io.desknotify.transport.http.horizon;

import static io.desknotify.transport.http.horizon.HorizonTestSupport.DOMAIN;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.PASSWORD;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.USER;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.transport;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.core.RetrySettings;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.horizon.HorizonEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Horizon transport driven by a {@link Notifier} against the Horizon emulator over loopback HTTP. */
class HorizonNotifierTest {
    private static final Notification MAINTENANCE = Notification.builder()
            .message("Maintenance in 15 minutes: please save your work.").severity(Severity.WARNING).build();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private HorizonEmulator emulator(Inventory inventory, UnaryOperator<HorizonEmulator.Builder> tweak) {
        HorizonEmulator e = tweak.apply(HorizonEmulator.builder().inventory(inventory).login(DOMAIN, USER, PASSWORD))
                .start();
        open.add(e);
        return e;
    }

    private Notifier notifier(HorizonTransport transport) {
        Notifier n = Notifier.builder()
                .transport(transport)
                .retry(RetrySettings.custom().maxAttempts(4).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofSeconds(2)).build())
                .rateLimit(RateLimitSettings.perSecond(200))
                .maxConcurrentBatches(8)
                .build();
        open.add(n);
        return n;
    }

    private Notifier notifier(HorizonEmulator emulator) {
        return notifier(transport(emulator.baseUri()).build());
    }

    private static JobReport run(NotificationJob job) throws Exception {
        return job.completion().get(30, TimeUnit.SECONDS);
    }

    private static List<DeliveryRecord> records(Notifier n, NotificationJob job, Outcome outcome) {
        List<DeliveryRecord> all = new ArrayList<>();
        long offset = 0;
        while (true) {
            var page = n.records(RecordQuery.builder().jobId(job.id()).outcome(outcome).offset(offset).limit(1000)
                    .build());
            all.addAll(page.items());
            if (!page.hasNext()) {
                return all;
            }
            offset += page.items().size();
        }
    }

    private static List<String> ids(List<Inventory.Session> sessions) {
        return sessions.stream().map(Inventory.Session::id).toList();
    }

    private static List<Target> sessionTargets(List<String> ids) {
        return ids.stream().map(Target::session).map(t -> (Target) t).toList();
    }

    @Test
    void threeThousandSessionsAcrossPoolsUsersAndSessionIdsAreEachDeliveredExactlyOnce() throws Exception {
        Inventory inventory = Inventory.builder().seed(30).desktops(3_000).pools(6).pooledFraction(0.8)
                .connectedFraction(1.0).disconnectedFraction(0.0).users(600).build();
        HorizonEmulator emulator = emulator(inventory, b -> b);
        Notifier notifier = notifier(emulator);
        List<Target> targets = new ArrayList<>();
        inventory.pools().forEach(p -> targets.add(Target.desktopPool(p.id())));
        Set<String> covered = new HashSet<>();
        inventory.sessions().stream().filter(s -> s.poolId() != null).forEach(s -> covered.add(s.id()));
        Set<String> users = new LinkedHashSet<>();
        for (Inventory.Session s : inventory.sessions()) {
            if (!covered.contains(s.id()) && users.size() < 60 && users.add(s.userName())) {
                inventory.sessionsOfUser(s.userName()).forEach(x -> covered.add(x.id()));
            }
        }
        users.forEach(u -> targets.add(Target.user(u)));
        inventory.sessions().stream().filter(s -> !covered.contains(s.id()))
                .forEach(s -> targets.add(Target.session(s.id())));
        assertThat(inventory.sessions()).hasSize(3_000);

        NotificationJob job = notifier.send(MAINTENANCE, targets, SendOptions.builder().onlyConnected(true).build());
        JobReport report = run(job);

        assertThat(emulator.journal().shownTargets()).hasSize(3_000)
                .containsOnlyKeys(ids(inventory.sessions()));
        assertThat(emulator.journal().targetsShownMoreThanOnce()).isEmpty();
        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(3_000);
        assertThat(report.count(Outcome.FAILED)).isZero();
        assertThat(emulator.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isEqualTo(30);
        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
    }

    @Test
    void eachUsersRecordsAreFoundByTheUserTargetWhenSeveralUsersAndPoolsAreSentAtOnce() throws Exception {
        Inventory inventory = Inventory.builder().seed(32).desktops(200).pools(2).pooledFraction(0.5)
                .connectedFraction(1.0).disconnectedFraction(0.0).users(40).build();
        HorizonEmulator emulator = emulator(inventory, b -> b);
        Notifier notifier = notifier(emulator);
        String pool = inventory.pools().get(0).id();
        // users none of whose sessions is in the pool, so that each session has one requested target to come from
        List<String> users = inventory.sessions().stream().map(Inventory.Session::userName).distinct()
                .filter(u -> inventory.sessionsOfUser(u).stream().noneMatch(x -> pool.equals(x.poolId())))
                .limit(3).toList();
        assertThat(users).hasSize(3);
        List<Target> targets = new ArrayList<>();
        users.forEach(u -> targets.add(Target.user(u)));
        targets.add(Target.desktopPool(pool));

        JobReport report = run(notifier.send(MAINTENANCE, targets));

        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        for (String user : users) {
            List<String> found = notifier.records(RecordQuery.builder().jobId(report.jobId())
                    .target(Target.user(user)).limit(1000).build()).items().stream()
                    .map(r -> r.target().value()).toList();
            assertThat(found).as("records found by the user target %s", user).isNotEmpty()
                    .isSubsetOf(ids(inventory.sessionsOfUser(user)));
        }
        List<String> ofPool = notifier.records(RecordQuery.builder().jobId(report.jobId())
                .target(Target.desktopPool(pool)).limit(1000).build()).items().stream()
                .map(r -> r.target().value()).toList();
        assertThat(ofPool).as("records found by the pool target").isNotEmpty();
        assertThat(inventory.sessions().stream().filter(s -> pool.equals(s.poolId())).map(Inventory.Session::id))
                .containsAll(ofPool);
    }

    @Test
    void aTokenThatExpiresInTheMiddleOfAJobIsRefreshedWithoutLosingOrRepeatingABatch() throws Exception {
        Inventory inventory = Inventory.builder().seed(31).desktops(2_200).connectedFraction(1.0)
                .disconnectedFraction(0.0).build();
        HorizonEmulator emulator = emulator(inventory, b -> b.accessTokenMaxUses(7));
        Notifier notifier = notifier(emulator);
        List<String> ids = ids(inventory.sessions()).subList(0, 2_000);

        JobReport report = run(notifier.send(MAINTENANCE, sessionTargets(ids), SendOptions.defaults()));

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(2_000);
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids);
        assertThat(emulator.journal().targetsShownMoreThanOnce()).isEmpty();
        assertThat(emulator.journal().requestCount(Route.HORIZON_REFRESH)).isGreaterThanOrEqualTo(2);
        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
    }

    @Test
    void aWrongPasswordFailsTheJobFastWithAnAuthenticationError() throws Exception {
        Inventory inventory = Inventory.builder().seed(32).desktops(600).connectedFraction(1.0)
                .disconnectedFraction(0.0).build();
        HorizonEmulator emulator = emulator(inventory, b -> b);
        Notifier notifier = notifier(transport(emulator.baseUri()).password("not-the-password".toCharArray()).build());
        List<String> ids = ids(inventory.sessions()).subList(0, 500);

        long started = System.nanoTime();
        NotificationJob job = notifier.send(MAINTENANCE, sessionTargets(ids), SendOptions.defaults());
        JobReport report = run(job);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(report.status()).isEqualTo(JobStatus.FAILED);
        assertThat(report.failure()).containsInstanceOf(AuthenticationException.class);
        assertThat(report.count(Outcome.DELIVERED)).isZero();
        assertThat(records(notifier, job, Outcome.FAILED)).hasSize(500)
                .allSatisfy(r -> assertThat(r.errorCode()).contains("HTTP_401"));
        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
        assertThat(emulator.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isZero();
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void perSessionFailuresLandInTheRecordsWithHorizonsStatusCode() throws Exception {
        Inventory inventory = Inventory.builder().seed(33).desktops(400).connectedFraction(1.0)
                .disconnectedFraction(0.0).build();
        HorizonEmulator emulator = emulator(inventory, b -> b);
        Notifier notifier = notifier(emulator);
        List<String> ids = ids(inventory.sessions()).subList(0, 300);
        List<String> failing = List.of(ids.get(3), ids.get(150), ids.get(299));
        emulator.faults().failTargets(failing);

        NotificationJob job = notifier.send(MAINTENANCE, sessionTargets(ids), SendOptions.defaults());
        JobReport report = run(job);

        assertThat(report.status()).isEqualTo(JobStatus.PARTIALLY_SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(297);
        List<DeliveryRecord> failed = records(notifier, job, Outcome.FAILED);
        assertThat(failed).extracting(r -> r.target().value()).containsExactlyInAnyOrderElementsOf(failing);
        assertThat(failed).allSatisfy(r -> {
            assertThat(r.errorCode()).contains("HTTP_400");
            assertThat(r.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("Failed to send message"));
            assertThat(r.provider()).isEqualTo("horizon");
        });
        assertThat(emulator.journal().shownTargets()).hasSize(297).doesNotContainKeys(failing.toArray(String[]::new));
    }

    @Test
    void onlyConnectedSkipsDisconnectedSessionsAndAnUnknownUserFailsInTheRecords() throws Exception {
        Inventory inventory = Inventory.builder().seed(34).desktops(200).pools(2).pooledFraction(1.0).build();
        HorizonEmulator emulator = emulator(inventory, b -> b);
        Notifier notifier = notifier(emulator);
        String pool = inventory.pools().get(0).id();
        List<Inventory.Session> inPool = inventory.sessionsInPool(pool);
        List<String> connected = ids(inPool.stream().filter(s -> s.state() == Inventory.SessionState.CONNECTED).toList());
        List<String> disconnected = ids(inPool.stream()
                .filter(s -> s.state() != Inventory.SessionState.CONNECTED).toList());

        NotificationJob job = notifier.send(MAINTENANCE, List.of(Target.desktopPool(pool), Target.user("ghost")),
                SendOptions.builder().onlyConnected(true).build());
        JobReport report = run(job);

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(connected.size());
        assertThat(records(notifier, job, Outcome.SKIPPED)).extracting(r -> r.target().value())
                .containsExactlyInAnyOrderElementsOf(disconnected);
        assertThat(records(notifier, job, Outcome.SKIPPED))
                .allSatisfy(r -> assertThat(r.errorCode()).contains(HorizonTransport.NOT_CONNECTED));
        assertThat(records(notifier, job, Outcome.FAILED)).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo(Target.user("ghost"));
            assertThat(r.errorCode()).contains(HorizonTransport.UNKNOWN_USER);
        });
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(connected);
    }

    @Test
    void pagingOverTwoThousandFiveHundredSessionsReadsEveryPage() throws Exception {
        Inventory inventory = Inventory.builder().seed(35).desktops(2_600).pools(1).pooledFraction(1.0)
                .connectedFraction(1.0).disconnectedFraction(0.0).users(400).build();
        HorizonEmulator emulator = emulator(inventory, b -> b);
        Notifier notifier = notifier(emulator);
        String pool = inventory.pools().get(0).id();

        JobReport report = run(notifier.send(MAINTENANCE, List.of(Target.desktopPool(pool)),
                SendOptions.builder().onlyConnected(true).build()));

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(2_600);
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids(inventory.sessions()));
        List<RecordedRequest> pages = emulator.journal().requests(Route.HORIZON_SESSIONS);
        assertThat(pages).hasSize(6);
        for (int page = 1; page <= 6; page++) {
            String suffix = "page=" + page;
            assertThat(pages).anySatisfy(r -> assertThat(r.query()).endsWith(suffix).contains("size=500"));
        }
    }

    @Test
    void aThrottledBatchIsRetriedAfterHorizonsRetryAfterAndThenDelivered() throws Exception {
        Inventory inventory = Inventory.builder().seed(36).desktops(300).connectedFraction(1.0)
                .disconnectedFraction(0.0).build();
        HorizonEmulator emulator = emulator(inventory, b -> b);
        Notifier notifier = notifier(emulator);
        List<String> ids = ids(inventory.sessions()).subList(0, 250);
        emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.throttled(Duration.ofSeconds(1)), Trigger.next(1));

        long started = System.nanoTime();
        JobReport report = run(notifier.send(MAINTENANCE, sessionTargets(ids), SendOptions.defaults()));

        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(250);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(emulator.faults().strikes(Route.HORIZON_SEND_MESSAGE)).isEqualTo(1);
        assertThat(emulator.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isEqualTo(3 + 1);
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids);
        assertThat(emulator.journal().targetsShownMoreThanOnce()).isEmpty();
    }

    @Test
    void concurrentBatchesShareOneLogin() throws Exception {
        Inventory inventory = Inventory.builder().seed(37).desktops(1_200).connectedFraction(1.0)
                .disconnectedFraction(0.0).build();
        HorizonEmulator emulator = emulator(inventory, b -> b);
        Notifier notifier = notifier(transport(emulator.baseUri()).maxSessionsPerCall(25).build());
        List<String> ids = ids(inventory.sessions()).subList(0, 1_000);

        JobReport report = run(notifier.send(MAINTENANCE, sessionTargets(ids), SendOptions.defaults()));

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(1_000);
        assertThat(emulator.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isEqualTo(40);
        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
    }

    @Test
    void noPasswordOrTokenAppearsInLogLinesRecordsReportsOrExceptions() throws Exception {
        List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.desknotify");
        java.util.logging.Level previous = logger.getLevel();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            private final java.util.logging.SimpleFormatter formatter = new java.util.logging.SimpleFormatter();

            @Override
            public void publish(java.util.logging.LogRecord record) {
                shown.add(formatter.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(java.util.logging.Level.ALL);
        logger.setLevel(java.util.logging.Level.ALL);
        logger.addHandler(capture);
        Set<String> secrets = new HashSet<>(List.of(PASSWORD, "Wr0ng-but-secret-too"));
        try {
            Inventory inventory = Inventory.builder().seed(38).desktops(400).pools(2).build();
            HorizonEmulator emulator = emulator(inventory, b -> b.accessTokenMaxUses(2));
            HorizonTransport good = transport(emulator.baseUri()).maxSessionsPerCall(20).build();
            shown.add(good.toString());
            Notifier notifier = notifier(good);
            emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.throttled(Duration.ZERO), Trigger.next(1));
            emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.serverError().afterProcessing(), Trigger.next(1));
            emulator.faults().failTargetsWithProbability(0.05);
            List<Target> targets = new ArrayList<>(sessionTargets(ids(inventory.sessions()).subList(0, 100)));
            targets.add(Target.desktopPool(inventory.pools().get(0).id()));
            targets.add(Target.user("ghost"));
            NotificationJob job = notifier.send(MAINTENANCE, targets, SendOptions.builder().onlyConnected(true).build());
            shown.add(run(job).toString());
            for (Outcome o : Outcome.values()) {
                records(notifier, job, o).forEach(r -> shown.add(r.toString() + r.errorMessage().orElse("")));
            }

            HorizonTransport wrong = transport(emulator.baseUri()).password("Wr0ng-but-secret-too".toCharArray())
                    .build();
            shown.add(wrong.toString());
            Notifier refused = notifier(wrong);
            NotificationJob failed = refused.send(MAINTENANCE, sessionTargets(ids(inventory.sessions()).subList(0, 10)),
                    SendOptions.defaults());
            JobReport report = run(failed);
            shown.add(report.toString());
            report.failure().ifPresent(f -> {
                for (Throwable t = f; t != null; t = t.getCause()) {
                    shown.add(t.toString());
                }
            });
            records(refused, failed, Outcome.FAILED).forEach(r -> shown.add(r.toString() + r.errorMessage().orElse("")));

            notifier.close();
            refused.close();
            for (RecordedRequest r : emulator.journal().requests()) {
                String auth = r.header("Authorization");
                if (auth != null && auth.startsWith("Bearer ")) {
                    secrets.add(auth.substring(7));
                }
                if (r.route() == Route.HORIZON_REFRESH || r.route() == Route.HORIZON_LOGOUT) {
                    secrets.add(jakarta.json.Json.createReader(new java.io.StringReader(r.bodyText())).readObject()
                            .getString("refresh_token"));
                }
            }
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(previous);
        }

        assertThat(secrets).as("password and tokens").hasSizeGreaterThan(5);
        assertThat(shown).hasSizeGreaterThan(50);
        for (String line : shown) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret);
            }
        }
    }
}
