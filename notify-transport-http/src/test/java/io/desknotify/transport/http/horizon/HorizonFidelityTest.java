package io.desknotify.transport.http.horizon;

import static io.desknotify.transport.http.horizon.HorizonTestSupport.DOMAIN;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.PASSWORD;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.USER;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.await;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.transport;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.Resolution;
import io.desknotify.core.Notifier;
import io.desknotify.core.RetrySettings;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.horizon.HorizonEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Horizon transport keeps to the published contract for any inventory size (the strict emulator journals
 * every request outside it), reaches Cloud Pod Architecture federations, and records only what is true.
 */
class HorizonFidelityTest {
    private static final Notification MESSAGE = Notification.builder().message("Maintenance at 22:00")
            .severity(Severity.INFO).build();

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

    private <T extends AutoCloseable> T keep(T t) {
        open.add(t);
        return t;
    }

    private Notifier notifier(HorizonTransport transport) {
        return keep(Notifier.builder().transport(transport).retry(RetrySettings.custom().maxAttempts(3)
                .initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200)).build()).build());
    }

    private static JobReport run(NotificationJob job) throws Exception {
        return job.completion().get(60, TimeUnit.SECONDS);
    }

    private static List<DeliveryRecord> records(Notifier n, NotificationJob job) {
        return n.records(RecordQuery.builder().jobId(job.id()).offset(0).limit(1000).build()).items();
    }

    private static Set<String> ids(List<Inventory.Session> sessions) {
        return sessions.stream().map(Inventory.Session::id).collect(Collectors.toSet());
    }

    @Test
    void threeHundredUsersOfOneDomainResolveWithinTheOrRule() {
        Inventory inventory = Inventory.builder().seed(41).desktops(600).pools(2).users(300).build();
        HorizonEmulator e = emulator(inventory, b -> b);
        HorizonTransport t = keep(transport(e.baseUri()).build());
        List<Target> users = inventory.users().stream().map(u -> (Target) Target.user(u.name())).toList();

        Resolution r = await(t.resolve(new ResolveRequest("job-1", users, false)));

        assertThat(r.deliverable()).extracting(Target::value).containsExactlyInAnyOrderElementsOf(
                ids(inventory.sessions()));
        assertThat(e.journal().contractViolations()).isEmpty();
        assertThat(e.journal().requestCount(Route.HORIZON_AD_USERS)).isEqualTo(300);
    }

    @Test
    void usersOfTwoDomainsResolveWithinTheOrRule() {
        Inventory corp = Inventory.builder().seed(42).desktops(40).users(20).domain(DOMAIN).build();
        Inventory east = Inventory.builder().seed(43).desktops(40).users(20).domain("EAST").build();
        HorizonEmulator e = emulator(corp, b -> b.addInventory(east));
        HorizonTransport t = keep(transport(e.baseUri()).build());
        List<Target> users = Stream.concat(
                corp.users().stream().map(u -> (Target) Target.user(u.name())),
                east.users().stream().map(u -> (Target) Target.user("EAST\\" + u.name()))).toList();

        Resolution r = await(t.resolve(new ResolveRequest("job-1", users, false)));

        Set<String> expected = ids(corp.sessions());
        expected.addAll(ids(east.sessions()));
        assertThat(r.deliverable()).extracting(Target::value).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.settled()).isEmpty();
        assertThat(e.journal().contractViolations()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sessionsArePagedToTheEndWithAndWithoutHasMoreRecords(boolean header) {
        Inventory inventory = Inventory.builder().seed(44).desktops(100).pools(1).pooledFraction(1.0)
                .connectedFraction(0.5).disconnectedFraction(0.5).build();
        HorizonEmulator e = emulator(inventory, b -> b.hasMoreRecordsHeader(header));
        HorizonTransport t = keep(transport(e.baseUri()).pageSize(7).build());
        String pool = inventory.pools().get(0).id();

        Resolution r = await(t.resolve(new ResolveRequest("job-1", List.of(Target.desktopPool(pool)), false)));

        assertThat(r.deliverable()).extracting(Target::value)
                .containsExactlyInAnyOrderElementsOf(ids(inventory.sessionsInPool(pool)));
        int n = inventory.sessionsInPool(pool).size();
        // a full page asks for the next one; a short (or, after a full last page, an empty) page ends the listing
        assertThat(e.journal().requestCount(Route.HORIZON_SESSIONS)).isEqualTo(n / 7 + 1);
        assertThat(e.journal().contractViolations()).isEmpty();
    }

    @Test
    void aSendWithGlobalSessionsReachesTheUsersSessionsInThreePods() throws Exception {
        Inventory local = Inventory.builder().seed(45).desktops(30).users(10).connectedFraction(1.0)
                .disconnectedFraction(0.0).build();
        Inventory east = Inventory.builder().seed(46).desktops(30).users(10).connectedFraction(1.0)
                .disconnectedFraction(0.0).domain("EAST").build();
        Inventory west = Inventory.builder().seed(47).desktops(30).users(10).connectedFraction(1.0)
                .disconnectedFraction(0.0).domain("WEST").build();
        HorizonEmulator e = emulator(local, b -> b.localPodId("pod-a").pod("pod-b", east).pod("pod-c", west));
        Notifier notifier = notifier(transport(e.baseUri()).globalSessions(true).build());
        List<Target> targets = new ArrayList<>();
        local.users().forEach(u -> targets.add(Target.user(u.name())));
        east.users().forEach(u -> targets.add(Target.user("EAST\\" + u.name())));
        west.users().forEach(u -> targets.add(Target.user(u.name() + "@WEST")));
        Set<String> all = ids(local.sessions());
        all.addAll(ids(east.sessions()));
        all.addAll(ids(west.sessions()));

        NotificationJob job = notifier.send(MESSAGE, targets, SendOptions.builder().onlyConnected(true).build());
        JobReport report = run(job);

        assertThat(e.journal().shownTargets()).containsOnlyKeys(all);
        assertThat(e.journal().targetsShownMoreThanOnce()).isEmpty();
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(all.size());
        assertThat(records(notifier, job)).extracting(rec -> rec.target().value())
                .allSatisfy(v -> assertThat(v).matches(".+@pod-[abc]"));
        assertThat(e.journal().requestCount(Route.HORIZON_GLOBAL_SEND_MESSAGE)).isPositive();
        assertThat(e.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isZero();
        assertThat(e.journal().contractViolations()).isEmpty();
    }

    @Test
    void aBatchOfLocalAndGlobalSessionsIsSentWithOneCallOfEachKind() {
        Inventory local = Inventory.builder().seed(48).desktops(10).connectedFraction(1.0).disconnectedFraction(0.0)
                .build();
        Inventory east = Inventory.builder().seed(49).desktops(10).connectedFraction(1.0).disconnectedFraction(0.0)
                .build();
        HorizonEmulator e = emulator(local, b -> b.pod("pod-b", east));
        HorizonTransport t = keep(transport(e.baseUri()).globalSessions(true).build());
        List<String> values = List.of(local.sessions().get(0).id(), east.sessions().get(0).id() + "@pod-b",
                "gone@pod-b");

        var result = await(t.deliver(HorizonTestSupport.batch(values)));

        assertThat(result.perTarget()).extracting(r -> r.target().value(), r -> r.outcome(), r -> r.errorCode())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gone@pod-b", Outcome.FAILED, "HTTP_404"));
        assertThat(e.journal().shownTargets()).containsOnlyKeys(local.sessions().get(0).id(),
                east.sessions().get(0).id());
        assertThat(e.journal().requestCount(Route.HORIZON_GLOBAL_SEND_MESSAGE)).isEqualTo(1);
        assertThat(e.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isEqualTo(1);
        assertThat(e.journal().contractViolations()).isEmpty();
    }

    @Test
    void globalSessionsWithoutCloudPodArchitectureFailUserTargetsWithTheConflict() throws Exception {
        Inventory inventory = Inventory.builder().seed(50).desktops(20).build();
        HorizonEmulator e = emulator(inventory, b -> b);
        Notifier notifier = notifier(transport(e.baseUri()).globalSessions(true).build());

        NotificationJob job = notifier.send(MESSAGE, List.of(Target.user(inventory.users().get(0).name())),
                SendOptions.defaults());
        run(job);

        assertThat(records(notifier, job)).singleElement().satisfies(rec -> {
            assertThat(rec.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(rec.errorCode()).contains(HorizonTransport.CPA_NOT_INITIALIZED);
            assertThat(rec.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("409", "CPA"));
        });
        assertThat(e.journal().totalShown()).isZero();
        assertThat(e.journal().contractViolations()).isEmpty();
    }

    @Test
    void aLoginAnswered200WithoutTokensFailsTheTargetsBecauseNothingCanHaveBeenSent() throws Exception {
        try (HorizonStub stub = new HorizonStub()) {
            stub.answer("/rest/login", HorizonStub.Answer.json(200, "{\"hello\":\"world\"}"));
            Notifier notifier = notifier(transport(stub.baseUri()).build());

            NotificationJob job = notifier.send(MESSAGE, List.of(Target.session("s-1"), Target.session("s-2")),
                    SendOptions.defaults());
            run(job);

            assertThat(records(notifier, job)).hasSize(2).allSatisfy(rec -> {
                assertThat(rec.outcome()).isEqualTo(Outcome.FAILED);
                assertThat(rec.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("not sent"));
            });
        }
    }
}
