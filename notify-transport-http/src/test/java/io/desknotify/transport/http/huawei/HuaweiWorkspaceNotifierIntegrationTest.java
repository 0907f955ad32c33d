package io.desknotify.transport.http.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.NotifyListener;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.ProviderRecord;
import io.desknotify.api.spi.ProviderRecordQuery;
import io.desknotify.core.Notifier;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.core.RetrySettings;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Acceptance tests of issue #4: the Huawei Workspace transport driven by the {@link Notifier} against the testkit
 * emulator over real loopback HTTP. Every test also checks that no secret reached a log line, a record or an
 * exception message.
 */
class HuaweiWorkspaceNotifierIntegrationTest {
    private static final String AK = "AK-INTEGRATION";
    private static final String SK = "sk-INTEGRATION-do-not-print-7f3a";
    private static final Notification MAINTENANCE = Notification.builder()
            .message("Maintenance in 15 minutes, please save your work").severity(Severity.WARNING).build();

    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Logger desknotifyLogger = Logger.getLogger("io.desknotify");
    private final Handler logCapture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logLines.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<HuaweiWorkspaceEmulator> emulators = new ArrayList<>();
    private final List<Throwable> failuresSeen = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        previousLevel = desknotifyLogger.getLevel();
        desknotifyLogger.setLevel(Level.ALL);
        logCapture.setLevel(Level.ALL);
        desknotifyLogger.addHandler(logCapture);
    }

    @AfterEach
    void noSecretAnywhereThenRelease() throws Exception {
        try {
            for (HuaweiWorkspaceEmulator e : emulators) {
                assertThat(e.journal().contractViolations()).as("requests outside the published API").isEmpty();
            }
            for (String line : logLines) {
                assertThat(line).doesNotContain(SK);
            }
            for (Throwable t : failuresSeen) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    assertThat(String.valueOf(c.getMessage())).doesNotContain(SK);
                    assertThat(c.toString()).doesNotContain(SK);
                }
            }
        } finally {
            desknotifyLogger.removeHandler(logCapture);
            desknotifyLogger.setLevel(previousLevel);
            for (int i = closeables.size() - 1; i >= 0; i--) {
                closeables.get(i).close();
            }
        }
    }

    private HuaweiWorkspaceEmulator emulator(Inventory inventory, Consumer<HuaweiWorkspaceEmulator.Builder> custom) {
        HuaweiWorkspaceEmulator.Builder b = HuaweiWorkspaceEmulator.builder().inventory(inventory).credentials(AK, SK);
        custom.accept(b);
        HuaweiWorkspaceEmulator e = b.start();
        closeables.add(e);
        emulators.add(e);
        return e;
    }

    private Notifier notifier(HuaweiWorkspaceEmulator emulator, Consumer<HuaweiWorkspaceTransport.Builder> transport,
            Consumer<Notifier.Builder> custom) {
        HuaweiWorkspaceTransport.Builder t = HuaweiWorkspaceTransport.builder().endpoint(emulator.baseUri())
                .projectId(emulator.projectId()).accessKey(AK).secretKey(SK.toCharArray())
                .requestTimeout(Duration.ofSeconds(5))
                .readRetry(3, Duration.ofMillis(20), Duration.ofSeconds(2));
        transport.accept(t);
        HuaweiWorkspaceTransport built = t.build();
        assertThat(built.toString()).doesNotContain(SK);
        Notifier.Builder b = Notifier.builder().transport(built)
                .retry(RetrySettings.custom().maxAttempts(4).initialBackoff(Duration.ofMillis(50))
                        .maxBackoff(Duration.ofSeconds(2)).build())
                .rateLimit(RateLimitSettings.perSecond(1000))
                .maxConcurrentBatches(8)
                .jobPolling(Duration.ofMillis(20), Duration.ofSeconds(30))
                .closeTimeout(Duration.ofSeconds(5));
        custom.accept(b);
        Notifier n = b.build();
        closeables.add(n);
        return n;
    }

    private Notifier notifier(HuaweiWorkspaceEmulator emulator) {
        return notifier(emulator, t -> { }, n -> { });
    }

    private JobReport complete(NotificationJob job) throws Exception {
        JobReport report = job.completion().get(60, TimeUnit.SECONDS);
        report.failure().ifPresent(failuresSeen::add);
        return report;
    }

    /** Every record of the job, read page by page. */
    private List<DeliveryRecord> records(Notifier notifier, String jobId) {
        List<DeliveryRecord> all = new ArrayList<>();
        Page<DeliveryRecord> page;
        long offset = 0;
        do {
            page = notifier.records(RecordQuery.builder().jobId(jobId).offset(offset).limit(2000).build());
            all.addAll(page.items());
            offset += page.items().size();
        } while (page.hasNext() && !page.items().isEmpty());
        for (DeliveryRecord r : all) {
            r.errorMessage().ifPresent(m -> assertThat(m).doesNotContain(SK));
        }
        return all;
    }

    private static Map<Target, DeliveryRecord> byTarget(List<DeliveryRecord> records) {
        Map<Target, DeliveryRecord> map = new HashMap<>();
        for (DeliveryRecord r : records) {
            assertThat(map.put(withoutProvider(r.target()), r)).as("second record of %s", r.target()).isNull();
        }
        return map;
    }

    private static Target withoutProvider(Target t) {
        return Target.of(t.kind(), t.value(), null);
    }

    private static List<Target> desktops(List<String> ids) {
        return ids.stream().map(Target::desktop).map(Target.class::cast).toList();
    }

    @Test
    void fiveThousandDesktopsAndThreePoolsAreDeliveredAndEveryDesktopIsShownTheMessageExactlyOnce()
            throws Exception {
        // 5,600 desktops, 10% of them in 3 pools: the 5,040 others are targeted one by one, the pools as pools
        Inventory inventory = Inventory.builder().seed(4).desktops(5600).pools(3).pooledFraction(0.1).users(2000)
                .build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> e.jobPolls(1));
        Notifier notifier = notifier(emulator);
        List<Target> targets = new ArrayList<>();
        inventory.desktops().stream().filter(d -> d.poolId() == null).map(d -> Target.desktop(d.id()))
                .forEach(targets::add);
        assertThat(targets).hasSizeGreaterThanOrEqualTo(5000);
        inventory.pools().forEach(p -> targets.add(Target.desktopPool(p.id())));

        NotificationJob job = notifier.send(MAINTENANCE, targets);
        JobReport report = complete(job);

        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(targets.size());
        assertThat(emulator.journal().shownTargets()).hasSize(inventory.desktops().size())
                .allSatisfy((id, count) -> assertThat(count).as("times shown on %s", id).isEqualTo(1));
        assertThat(emulator.journal().shown()).allSatisfy(s -> assertThat(s.text()).isEqualTo(MAINTENANCE.message()));
        assertThat(emulator.journal().requests(Route.HUAWEI_SEND_DESKTOPS))
                .hasSize((targets.size() - 3 + 99) / 100)
                .allSatisfy(r -> assertThat(r.header("authorization")).startsWith("SDK-HMAC-SHA256 Access=" + AK));
        assertThat(emulator.journal().requests(Route.HUAWEI_SEND_POOL)).hasSize(3);
        Map<Target, DeliveryRecord> records = byTarget(records(notifier, job.id()));
        assertThat(records.keySet()).containsExactlyInAnyOrderElementsOf(targets);
        assertThat(records.values()).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(r.providerJobId()).isPresent();
            assertThat(r.requestId()).isPresent();
        });
    }

    @Test
    void signedRequestsAreAcceptedByTheEmulatorForEveryRoute() throws Exception {
        Inventory inventory = Inventory.builder().seed(5).desktops(150).pools(1).users(50).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> { });
        Notifier notifier = notifier(emulator);
        List<Target> targets = List.of(Target.user(inventory.users().get(0).name()),
                Target.desktop(inventory.desktopIds().get(0)), Target.desktopPool(inventory.pools().get(0).id()));

        JobReport report = complete(notifier.send(MAINTENANCE, targets,
                SendOptions.builder().onlyConnected(true).build()));
        notifier.checkHealth("huawei-workspace").toCompletableFuture().get(10, TimeUnit.SECONDS);
        notifier.providerRecords("huawei-workspace", ProviderRecordQuery.builder(TargetKind.DESKTOP).build())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(report.count(Outcome.FAILED)).isZero();
        assertThat(report.count(Outcome.UNKNOWN)).isZero();
        Set<Route> routes = emulator.journal().requests().stream().map(RecordedRequest::route)
                .collect(Collectors.toSet());
        assertThat(routes).containsExactlyInAnyOrder(Route.HUAWEI_CONNECT_DESKTOPS, Route.HUAWEI_LIST_DESKTOPS,
                Route.HUAWEI_SEND_DESKTOPS, Route.HUAWEI_SEND_POOL, Route.HUAWEI_JOB,
                Route.HUAWEI_NOTIFICATION_RECORDS);
    }

    @Test
    void aThrottledSendWithRetryAfterIsRetriedAfterTheDelayAndThenSucceeds() throws Exception {
        Inventory inventory = Inventory.builder().seed(6).desktops(80).pools(0).users(20).build();
        // Workspace sends no Retry-After; the emulator's named deviation adds one to test that it is honoured
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> e.throttleRetryAfter(true));
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.throttled(Duration.ofSeconds(1)), Trigger.next(1));
        Notifier notifier = notifier(emulator);

        NotificationJob job = notifier.send(MAINTENANCE, desktops(inventory.desktopIds()));
        JobReport report = complete(job);

        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(80);
        List<RecordedRequest> sends = emulator.journal().requests(Route.HUAWEI_SEND_DESKTOPS);
        assertThat(sends).hasSize(2);
        assertThat(Duration.between(sends.get(0).time(), sends.get(1).time()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(emulator.journal().targetsShownMoreThanOnce()).isEmpty();
        assertThat(emulator.journal().totalShown()).isEqualTo(80);
        assertThat(records(notifier, job.id())).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(2));
    }

    @Test
    void aThrottledJobPollWithoutRetryHeaderReachesThePacerWithTheThrottlePauseWhichItWaitsBeforePollingAgain()
            throws Exception {
        Inventory inventory = Inventory.builder().seed(7).desktops(80).pools(0).users(20).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> { });
        emulator.faults().inject(Route.HUAWEI_JOB, Fault.throttled(Duration.ofSeconds(1)), Trigger.next(1));
        List<Duration> throttled = new CopyOnWriteArrayList<>();
        // a fixed pause of 1 s instead of the default 2 to 5 s keeps the test short
        Notifier notifier = notifier(emulator, t -> t.throttlePause(Duration.ofSeconds(1), Duration.ofSeconds(1)),
                n -> n.listener(new NotifyListener() {
            @Override
            public void throttled(String provider, Duration retryAfter) {
                throttled.add(retryAfter);
            }
        }));

        JobReport report = complete(notifier.send(MAINTENANCE, desktops(inventory.desktopIds())));

        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(80);
        assertThat(throttled).as("throttling answers the notifier saw").containsExactly(Duration.ofSeconds(1));
        List<RecordedRequest> polls = emulator.journal().requests(Route.HUAWEI_JOB);
        assertThat(polls).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.between(polls.get(0).time(), polls.get(1).time())).as("wait before the second poll")
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void aStormOf503sAnd500sLeavesEveryTargetWithExactlyOneRecordAndNobodyShownTwice() throws Exception {
        Inventory inventory = Inventory.builder().seed(7).desktops(3000).pools(0).users(300).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> e.seed(99));
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.serviceUnavailable(Duration.ZERO),
                Trigger.withProbability(0.5));
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.serverError().afterProcessing(),
                Trigger.withProbability(0.3));
        emulator.faults().inject(Route.HUAWEI_JOB, Fault.serviceUnavailable(Duration.ZERO),
                Trigger.withProbability(0.3));
        Notifier notifier = notifier(emulator);
        List<Target> targets = desktops(inventory.desktopIds());

        NotificationJob job = notifier.send(MAINTENANCE, targets);
        JobReport report = complete(job);

        Map<Target, DeliveryRecord> records = byTarget(records(notifier, job.id()));
        assertThat(records.keySet()).containsExactlyInAnyOrderElementsOf(targets);
        assertThat(report.counts().total()).isEqualTo(targets.size());
        assertThat(emulator.journal().targetsShownMoreThanOnce()).isEmpty();
        assertThat(emulator.faults().strikes(Route.HUAWEI_SEND_DESKTOPS)).isPositive();
        for (DeliveryRecord r : records.values()) {
            int shown = emulator.journal().shownCount(r.target().value());
            switch (r.outcome()) {
                case DELIVERED -> assertThat(shown).as("delivered %s", r.target()).isEqualTo(1);
                case FAILED -> assertThat(shown).as("failed %s", r.target()).isZero();
                case UNKNOWN -> assertThat(shown).as("unknown %s", r.target()).isLessThanOrEqualTo(1);
                default -> throw new AssertionError("unexpected outcome " + r);
            }
        }
        assertThat(report.count(Outcome.DELIVERED)).isPositive();
        assertThat(report.count(Outcome.UNKNOWN)).isPositive();
    }

    @Test
    void aReadTimeoutAfterTheRequestWasSentGivesUnknownAndNoDuplicate() throws Exception {
        Inventory inventory = Inventory.builder().seed(8).desktops(200).pools(0).users(50).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> { });
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.latency(Duration.ofSeconds(4)).afterProcessing(),
                Trigger.next(1));
        Notifier notifier = notifier(emulator, t -> t.requestTimeout(Duration.ofSeconds(1)),
                n -> n.maxConcurrentBatches(1));

        NotificationJob job = notifier.send(MAINTENANCE, desktops(inventory.desktopIds()));
        JobReport report = complete(job);

        assertThat(report.count(Outcome.UNKNOWN)).isEqualTo(100);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(100);
        assertThat(emulator.journal().requests(Route.HUAWEI_SEND_DESKTOPS)).hasSize(2);
        assertThat(emulator.journal().targetsShownMoreThanOnce()).isEmpty();
        assertThat(emulator.journal().totalShown()).isEqualTo(200);
        assertThat(records(notifier, job.id())).filteredOn(r -> r.outcome() == Outcome.UNKNOWN)
                .hasSize(100).allSatisfy(r -> assertThat(r.errorMessage()).hasValueSatisfying(
                        m -> assertThat(m).contains("may have acted")));
    }

    @Test
    void badCredentialsGiveAnAuthenticationErrorAfterOneRequest() throws Exception {
        Inventory inventory = Inventory.builder().seed(9).desktops(60).pools(0).users(20).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> { });
        Notifier notifier = notifier(emulator, t -> t.secretKey("wrong-secret".toCharArray()), n -> { });

        NotificationJob job = notifier.send(MAINTENANCE, desktops(inventory.desktopIds()));
        JobReport report = complete(job);

        assertThat(emulator.journal().requests()).hasSize(1);
        assertThat(emulator.journal().totalShown()).isZero();
        assertThat(report.status()).isEqualTo(JobStatus.FAILED);
        assertThat(report.count(Outcome.FAILED)).isEqualTo(60);
        assertThat(records(notifier, job.id())).allSatisfy(r -> {
            assertThat(r.errorCode()).contains("APIG.0301");
            assertThat(r.attempts()).isEqualTo(1);
        });
    }

    @Test
    void aPoolIdThePathCannotCarryRefusesTheWholeSendNamingTheTargetAndNothingLeaves() {
        Inventory inventory = Inventory.builder().seed(13).desktops(10).pools(1).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> { });
        Notifier notifier = notifier(emulator);
        for (String bad : List.of(".", "..", "a/b", "%2e%2e")) {
            List<Target> targets = List.of(Target.desktop(inventory.desktopIds().get(0)),
                    Target.desktopPool(inventory.pools().get(0).id()), Target.desktopPool(bad));

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifier.send(MAINTENANCE, targets))
                    .isInstanceOf(io.desknotify.api.InvalidRequestException.class)
                    .satisfies(e -> assertThat(((io.desknotify.api.InvalidRequestException) e).field())
                            .isEqualTo("targets[2].id"))
                    .hasMessageContaining("nothing was sent");
        }
        assertThat(emulator.journal().requests()).as("not a single request left").isEmpty();
    }

    @Test
    void eachUsersRecordsAreFoundByTheUserTargetWhenSeveralUsersAreSentAtOnce() throws Exception {
        Inventory inventory = Inventory.builder().seed(12).desktops(60).pools(0).users(20).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> { });
        Notifier notifier = notifier(emulator);
        List<String> users = inventory.desktops().stream().map(Inventory.Desktop::userName).distinct().limit(3)
                .toList();

        JobReport report = complete(notifier.send(MAINTENANCE, users.stream().map(u -> (Target) Target.user(u))
                .toList()));

        for (String user : users) {
            List<String> found = notifier.records(RecordQuery.builder().jobId(report.jobId())
                    .target(Target.user(user)).limit(1000).build()).items().stream()
                    .map(r -> r.target().value()).toList();
            assertThat(found).as("records found by the user target %s", user)
                    .containsExactlyInAnyOrderElementsOf(inventory.desktopsOfUser(user).stream()
                            .map(Inventory.Desktop::id).toList());
        }
    }

    @Test
    void onlyConnectedSkipsExactlyTheDisconnectedDesktopsGivenDirectlyOrThroughTheirUsers() throws Exception {
        // one user per desktop, so the desktops given directly and those reached through users are disjoint
        Inventory inventory = Inventory.builder().seed(10).desktops(600).pools(0).users(600)
                .connectedFraction(0.5).disconnectedFraction(0.3).unregisteredFraction(0.1).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> { });
        Notifier notifier = notifier(emulator, t -> t.pageSize(128), n -> { });
        // the first 300 desktops directly, the owners of the others as users
        List<Inventory.Desktop> direct = inventory.desktops().subList(0, 300);
        Set<String> directIds = direct.stream().map(Inventory.Desktop::id).collect(Collectors.toSet());
        List<Target> targets = new ArrayList<>(desktops(List.copyOf(directIds)));
        Set<String> usersOfOthers = inventory.desktops().subList(300, 600).stream().map(Inventory.Desktop::userName)
                .collect(Collectors.toSet());
        usersOfOthers.forEach(u -> targets.add(Target.user(u)));
        Set<String> reached = new HashSet<>(directIds);
        usersOfOthers.forEach(u -> inventory.desktopsOfUser(u).forEach(d -> reached.add(d.id())));
        Set<String> connected = reached.stream().filter(id -> inventory.desktop(id).orElseThrow().connected())
                .collect(Collectors.toSet());

        NotificationJob job = notifier.send(MAINTENANCE, targets, SendOptions.builder().onlyConnected(true).build());
        JobReport report = complete(job);

        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(connected)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        List<DeliveryRecord> records = records(notifier, job.id());
        assertThat(records).filteredOn(r -> r.outcome() == Outcome.SKIPPED).extracting(r -> r.target().value())
                .containsExactlyInAnyOrderElementsOf(reached.stream().filter(id -> !connected.contains(id)).toList());
        assertThat(records).filteredOn(r -> r.outcome() == Outcome.DELIVERED).extracting(r -> r.target().value())
                .containsExactlyInAnyOrderElementsOf(connected);
        assertThat(report.count(Outcome.SKIPPED)).isEqualTo(reached.size() - connected.size());
    }

    @Test
    void onlyConnectedOverTwelveThousandDesktopsIsCorrectAndKeepsInsideTheQueryBounds() throws Exception {
        // 3,600 connected desktops: a scan of connect_status=CONNECTED by offset would pass the documented 2,000
        Inventory inventory = Inventory.builder().seed(12).desktops(12_000).pools(0).users(3_000)
                .connectedFraction(0.3).disconnectedFraction(0.4).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> e.journalDetails(false));
        Notifier notifier = notifier(emulator);
        Set<String> connected = Set.copyOf(inventory.connectedDesktopIds());
        assertThat(connected.size()).isGreaterThan(3_000);

        NotificationJob direct = notifier.send(MAINTENANCE, desktops(inventory.desktopIds()),
                SendOptions.builder().onlyConnected(true).build());
        JobReport byDesktop = complete(direct);
        NotificationJob viaUsers = notifier.send(MAINTENANCE,
                inventory.users().stream().map(u -> (Target) Target.user(u.name())).toList(),
                SendOptions.builder().onlyConnected(true).build());
        JobReport byUser = complete(viaUsers);

        for (JobReport report : List.of(byDesktop, byUser)) {
            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(connected.size());
            assertThat(report.count(Outcome.SKIPPED)).isEqualTo(12_000 - connected.size());
            assertThat(report.count(Outcome.FAILED)).isZero();
            assertThat(report.count(Outcome.UNKNOWN)).isZero();
        }
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(connected)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(2));
        assertThat(records(notifier, direct.id())).filteredOn(r -> r.outcome() == Outcome.SKIPPED)
                .allSatisfy(r -> assertThat(r.errorCode()).contains("NOT_CONNECTED"))
                .extracting(r -> r.target().value()).doesNotContainAnyElementsOf(connected);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void aUserWithMoreDesktopsThanTheBoundedQueryCanListIsFailedSayingSoAndNothingIsGuessed() throws Exception {
        // two users with 6,000 desktops each: connect-desktops reaches at most offset 2,000 + one page
        Inventory inventory = Inventory.builder().seed(13).desktops(12_000).pools(0).users(2)
                .connectedFraction(0.5).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> e.journalDetails(false));
        Notifier notifier = notifier(emulator);

        NotificationJob job = notifier.send(MAINTENANCE, inventory.users().stream()
                .map(u -> (Target) Target.user(u.name())).toList(), SendOptions.builder().onlyConnected(true).build());
        JobReport report = complete(job);

        assertThat(report.count(Outcome.FAILED)).isEqualTo(2);
        assertThat(records(notifier, job.id())).allSatisfy(r -> {
            assertThat(r.errorCode()).contains("TOO_MANY_DESKTOPS");
            assertThat(r.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("documented bounds"));
        });
        assertThat(emulator.journal().totalShown()).isZero();
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void onlyConnectedRecordsADesktopTheProviderDoesNotKnowAsNotFoundNotAsNotConnected() throws Exception {
        Inventory inventory = Inventory.builder().seed(14).desktops(50).pools(0).users(10).connectedFraction(1.0)
                .disconnectedFraction(0).unregisteredFraction(0)
                .build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> { });
        Notifier notifier = notifier(emulator);
        Target unknown = Target.desktop("no-such-desktop");
        Target known = Target.desktop(inventory.desktopIds().get(0));

        NotificationJob job = notifier.send(MAINTENANCE, List.of(known, unknown),
                SendOptions.builder().onlyConnected(true).build());
        complete(job);

        Map<Target, DeliveryRecord> records = byTarget(records(notifier, job.id()));
        assertThat(records.get(known).outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(records.get(unknown).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(records.get(unknown).errorCode()).contains("DESKTOP_NOT_FOUND");
        assertThat(records.get(unknown).errorMessage()).hasValueSatisfying(m ->
                assertThat(m).contains("no-such-desktop").contains("not found"));
    }

    @Test
    void blockingRecordsPagedThroughTheNotifierReturnEveryRecordOnce() throws Exception {
        Inventory inventory = Inventory.builder().seed(12).desktops(300).pools(4).users(100).build();
        HuaweiWorkspaceEmulator emulator = emulator(inventory, e -> e.generatedNotificationRecords(1234));
        Notifier notifier = notifier(emulator);
        List<ProviderRecord> all = new ArrayList<>();
        for (TargetKind scope : List.of(TargetKind.DESKTOP, TargetKind.DESKTOP_POOL)) {
            long offset = 0;
            Page<ProviderRecord> page;
            do {
                page = notifier.providerRecords("huawei-workspace", ProviderRecordQuery.builder(scope)
                        .offset(offset).limit(97).newestFirst(false).build())
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
                all.addAll(page.items());
                offset += page.items().size();
            } while (page.hasNext());
        }

        assertThat(all).hasSize(1234).doesNotHaveDuplicates();
        assertThat(emulator.journal().requests(Route.HUAWEI_NOTIFICATION_RECORDS))
                .allSatisfy(r -> assertThat(r.query()).contains("sort_type=ASC").contains("limit=97"));
    }
}
