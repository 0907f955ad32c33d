package io.desknotify.transport.http.horizon;

import static io.desknotify.transport.http.horizon.HorizonTestSupport.DOMAIN;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.PASSWORD;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.USER;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.await;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.failure;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.transport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Inventory.SessionState;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.horizon.HorizonEmulator;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HorizonResolveTest {
    static Inventory inventory;
    static HorizonEmulator emulator;
    HorizonTransport transport;

    @BeforeAll
    static void start() {
        inventory = Inventory.builder().seed(21).desktops(300).pools(3).users(100).build();
        emulator = HorizonEmulator.builder().inventory(inventory).login(DOMAIN, USER, PASSWORD).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.journal().clear();
        emulator.faults().clear();
        transport = transport(emulator.baseUri()).build();
    }

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    Resolution resolve(boolean onlyConnected, Target... targets) {
        return await(transport.resolve(new ResolveRequest("job-1", List.of(targets), onlyConnected)));
    }

    static List<String> values(List<Target> targets) {
        return targets.stream().map(Target::value).toList();
    }

    static List<String> ids(List<Inventory.Session> sessions) {
        return sessions.stream().map(Inventory.Session::id).toList();
    }

    @Test
    void aDesktopPoolResolvesToEverySessionOfThePool() {
        Inventory.Pool pool = inventory.pools().get(0);

        Resolution r = resolve(false, Target.desktopPool(pool.id()));

        assertThat(values(r.deliverable())).containsExactlyInAnyOrderElementsOf(ids(inventory.sessionsInPool(pool.id())));
        assertThat(r.deliverable()).allSatisfy(t -> assertThat(t.kind()).isEqualTo(TargetKind.SESSION));
        assertThat(r.settled()).isEmpty();
    }

    @Test
    void onlyConnectedKeepsConnectedSessionsAndSkipsTheOthersAsNotConnected() {
        Inventory.Pool pool = inventory.pools().get(1);
        List<Inventory.Session> all = inventory.sessionsInPool(pool.id());
        List<String> connected = ids(all.stream().filter(s -> s.state() == SessionState.CONNECTED).toList());
        List<String> others = ids(all.stream().filter(s -> s.state() != SessionState.CONNECTED).toList());
        assertThat(others).isNotEmpty();

        Resolution r = resolve(true, Target.desktopPool(pool.id()));

        assertThat(values(r.deliverable())).containsExactlyInAnyOrderElementsOf(connected);
        assertThat(r.settled()).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(s.errorCode()).isEqualTo(HorizonTransport.NOT_CONNECTED);
            assertThat(s.target().kind()).isEqualTo(TargetKind.SESSION);
        });
        assertThat(r.settled()).extracting(s -> s.target().value()).containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void aUserNamedPlainlyWithDomainBackslashOrWithAtDomainResolvesToTheirSessions() {
        Inventory.User user = inventory.users().stream()
                .filter(u -> inventory.sessionsOfUser(u.name()).size() >= 2).findFirst().orElseThrow();
        List<String> expected = ids(inventory.sessionsOfUser(user.name()));

        for (String name : List.of(user.name(), DOMAIN + "\\" + user.name(), user.name() + "@" + DOMAIN)) {
            Resolution r = resolve(false, Target.user(name));

            assertThat(values(r.deliverable())).as(name).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(r.settled()).as(name).isEmpty();
        }
        RecordedRequest lookup = emulator.journal().requests(Route.HORIZON_AD_USERS).get(0);
        assertThat(lookup.query()).contains("group_only=false");
    }

    @Test
    void manyUsersAreResolvedWithOneDirectoryLookupEachAndOrFilteredSessionReads() {
        List<Target> targets = new ArrayList<>();
        inventory.users().stream().limit(90).forEach(u -> targets.add(Target.user(u.name())));
        targets.add(Target.user("nobody-" + 1));
        targets.add(Target.user(DOMAIN + "\\" + inventory.users().get(0).name().toUpperCase(java.util.Locale.ROOT)));
        List<String> expected = inventory.users().stream().limit(90)
                .flatMap(u -> inventory.sessionsOfUser(u.name()).stream()).map(Inventory.Session::id).toList();

        Resolution r = await(transport.resolve(new ResolveRequest("job-1", targets, false)));

        assertThat(values(r.deliverable())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.settled()).filteredOn(s -> s.outcome() == Outcome.FAILED)
                .extracting(s -> s.target().value(), TargetResult::errorCode)
                .containsExactly(tuple("nobody-1", HorizonTransport.UNKNOWN_USER));
        // an Or may not nest login names (ADUserOrGroupSummary): one lookup per distinct user (the upper-case name
        // is the same user), and the sessions of 90 SIDs in Or-filters of SID_CHUNK
        assertThat(emulator.journal().requestCount(Route.HORIZON_AD_USERS)).isEqualTo(91);
        assertThat(emulator.journal().requestCount(Route.HORIZON_SESSIONS))
                .isEqualTo((90 + HorizonResolver.SID_CHUNK - 1) / HorizonResolver.SID_CHUNK);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void anUnknownUserFailsWithUnknownUser() {
        Resolution r = resolve(false, Target.user("nobody"));

        assertThat(r.deliverable()).isEmpty();
        assertThat(r.settled()).extracting(TargetResult::outcome, TargetResult::errorCode)
                .containsExactly(tuple(Outcome.FAILED, HorizonTransport.UNKNOWN_USER));
        assertThat(r.settled().get(0).errorMessage()).contains("nobody", DOMAIN);
    }

    @Test
    void plainUserNamesAreLookedUpInTheUserDomainWhenOneIsSet() {
        HorizonTransport other = transport(emulator.baseUri()).userDomain("ELSEWHERE").build();
        try {
            Inventory.User user = inventory.users().get(0);
            Resolution r = await(other.resolve(new ResolveRequest("job-1", List.of(Target.user(user.name())), false)));

            assertThat(r.settled()).extracting(TargetResult::errorCode).containsExactly(HorizonTransport.UNKNOWN_USER);
            assertThat(r.settled().get(0).errorMessage()).contains("ELSEWHERE");
        } finally {
            other.close();
        }
    }

    @Test
    void aPoolWithoutSessionsIsSkippedWithNoSessions() {
        Resolution r = resolve(true, Target.desktopPool("11111111-2222-3333-4444-555555555555"));

        assertThat(r.deliverable()).isEmpty();
        assertThat(r.settled()).extracting(TargetResult::outcome, TargetResult::errorCode)
                .containsExactly(tuple(Outcome.SKIPPED, HorizonTransport.NO_SESSIONS));
    }

    @Test
    void aUserWithoutConnectedSessionsIsSkippedAndSoAreTheirSessions() {
        Inventory.User user = inventory.users().stream().filter(u -> {
            List<Inventory.Session> s = inventory.sessionsOfUser(u.name());
            return !s.isEmpty() && s.stream().noneMatch(x -> x.state() == SessionState.CONNECTED);
        }).findFirst().orElseThrow();

        Resolution r = resolve(true, Target.user(user.name()));

        assertThat(r.deliverable()).isEmpty();
        Map<TargetKind, List<String>> codes = r.settled().stream().collect(Collectors.groupingBy(
                s -> s.target().kind(), Collectors.mapping(TargetResult::errorCode, Collectors.toList())));
        assertThat(codes.get(TargetKind.USER)).containsExactly(HorizonTransport.NO_CONNECTED_SESSIONS);
        assertThat(codes.get(TargetKind.SESSION)).hasSize(inventory.sessionsOfUser(user.name()).size())
                .containsOnly(HorizonTransport.NOT_CONNECTED);
    }

    @Test
    void directSessionsAreLookedUpInChunksWhenOnlyConnectedAreWanted() {
        List<Target> targets = new ArrayList<>();
        inventory.sessions().stream().limit(90).forEach(s -> targets.add(Target.session(s.id())));
        targets.add(Target.session("gone-session"));
        List<String> connected = ids(inventory.sessions().stream().limit(90)
                .filter(s -> s.state() == SessionState.CONNECTED).toList());

        Resolution r = await(transport.resolve(new ResolveRequest("job-1", targets, true)));

        assertThat(values(r.deliverable())).containsExactlyInAnyOrderElementsOf(connected);
        assertThat(r.settled()).filteredOn(s -> s.target().value().equals("gone-session"))
                .extracting(TargetResult::outcome, TargetResult::errorCode)
                .containsExactly(tuple(Outcome.FAILED, HorizonTransport.SESSION_NOT_FOUND));
        assertThat(r.settled()).filteredOn(s -> s.target().value().equals("gone-session"))
                .singleElement().satisfies(s -> assertThat(s.errorMessage()).contains("not found"));
        assertThat(r.settled()).hasSize(91 - connected.size());
        assertThat(emulator.journal().requestCount(Route.HORIZON_SESSIONS))
                .isEqualTo((91 + HorizonResolver.LOOKUP_CHUNK - 1) / HorizonResolver.LOOKUP_CHUNK);
    }

    @Test
    void directSessionsPassUnlookedWhenAllAreWanted() {
        Resolution r = resolve(false, Target.session("a"), Target.session("b"));

        assertThat(values(r.deliverable())).containsExactly("a", "b");
        assertThat(emulator.journal().requestCount(Route.HORIZON_SESSIONS)).isZero();
    }

    @Test
    void aSessionReachedThroughBothItsPoolAndItsUserIsListedOnce() {
        Inventory.Session s = inventory.sessions().stream().filter(x -> x.poolId() != null).findFirst().orElseThrow();

        Resolution r = resolve(false, Target.desktopPool(s.poolId()), Target.user(s.userName()));

        assertThat(values(r.deliverable())).doesNotHaveDuplicates().contains(s.id());
    }

    @Test
    void resolvedSessionsKeepTheProviderNameTheirPoolWasRoutedBy() {
        Inventory.Pool pool = inventory.pools().get(0);

        Resolution r = resolve(false, Target.desktopPool(pool.id()).via("horizon-eu"));

        assertThat(r.deliverable()).isNotEmpty().allSatisfy(t -> assertThat(t.provider()).isEqualTo("horizon-eu"));
    }

    @Test
    void theFilterIsPercentEncodedSoThatSpecialCharactersReachHorizonIntact() {
        String login = "o'brien & co+x=1%20#?é\"";
        Resolution r = resolve(false, Target.user("Dom Ain\\" + login));

        // The emulator understood the filter (a broken one is a 400, which would be RESOLUTION_FAILED).
        assertThat(r.settled()).extracting(TargetResult::errorCode).containsExactly(HorizonTransport.UNKNOWN_USER);
        String query = emulator.journal().requests(Route.HORIZON_AD_USERS).get(0).query();
        assertThat(query).doesNotContain(" ", "+", "\"", "#");
        String filter = query.substring(query.indexOf("filter=") + "filter=".length()).split("&")[0];
        JsonObject json = jakarta.json.Json.createReader(new StringReader(
                URLDecoder.decode(filter, StandardCharsets.UTF_8))).readObject();
        assertThat(json.getString("type")).isEqualTo("And");
        assertThat(json.getJsonArray("filters").getJsonObject(0).getString("value")).isEqualTo(login);
        assertThat(json.getJsonArray("filters").getJsonObject(1).getString("value")).isEqualTo("Dom Ain");
    }

    @Test
    void transientFailuresOfReadsAreRetriedInsideTheTransport() {
        emulator.faults().inject(Route.HORIZON_SESSIONS, Fault.serverError(), Trigger.next(2));
        Inventory.Pool pool = inventory.pools().get(0);

        Resolution r = resolve(false, Target.desktopPool(pool.id()));

        assertThat(r.deliverable()).hasSize(inventory.sessionsInPool(pool.id()).size());
        assertThat(emulator.journal().requestCount(Route.HORIZON_SESSIONS)).isEqualTo(3);
    }

    @Test
    void aThrottledReadIsRetriedAfterItsRetryAfter() {
        emulator.faults().inject(Route.HORIZON_SESSIONS, Fault.throttled(Duration.ZERO), Trigger.next(1));
        Inventory.Pool pool = inventory.pools().get(1);

        Resolution r = resolve(false, Target.desktopPool(pool.id()));

        assertThat(r.deliverable()).hasSize(inventory.sessionsInPool(pool.id()).size());
        assertThat(emulator.journal().requestCount(Route.HORIZON_SESSIONS)).isEqualTo(2);
    }

    @Test
    void aLookupThatKeepsFailingFailsOnlyItsOwnTarget() {
        emulator.faults().inject(Route.HORIZON_AD_USERS, Fault.serverError(), Trigger.always());
        Inventory.Pool pool = inventory.pools().get(2);

        Resolution r = resolve(false, Target.desktopPool(pool.id()), Target.user(inventory.users().get(0).name()));

        assertThat(r.deliverable()).hasSize(inventory.sessionsInPool(pool.id()).size());
        assertThat(r.settled()).extracting(s -> s.target().kind(), TargetResult::outcome, TargetResult::errorCode)
                .containsExactly(tuple(TargetKind.USER, Outcome.FAILED, HorizonTransport.RESOLUTION_FAILED));
        assertThat(emulator.journal().requestCount(Route.HORIZON_AD_USERS)).isEqualTo(3);
    }

    @Test
    void rejectedCredentialsFailTheWholeResolution() {
        HorizonTransport wrong = transport(emulator.baseUri()).password("wrong".toCharArray()).build();
        try {
            assertThat(failure(wrong.resolve(new ResolveRequest("job-1",
                    List.of(Target.desktopPool(inventory.pools().get(0).id())), false))))
                    .isInstanceOf(AuthenticationException.class);
        } finally {
            wrong.close();
        }
    }

    @Test
    void desktopsAreFailedAsUnsupported() {
        Resolution r = resolve(true, Target.desktop("machine-1"));

        assertThat(r.settled()).extracting(TargetResult::outcome, TargetResult::errorCode)
                .containsExactly(tuple(Outcome.FAILED, HorizonTransport.UNSUPPORTED_TARGET));
    }

    @Test
    void everyPageIsReadWhileHorizonSaysThereAreMoreRecords() {
        Inventory big = Inventory.builder().seed(3).desktops(2_600).pools(1).pooledFraction(1.0)
                .connectedFraction(1.0).disconnectedFraction(0.0).users(500).build();
        try (HorizonEmulator e = HorizonEmulator.builder().inventory(big).login(DOMAIN, USER, PASSWORD).start()) {
            HorizonTransport t = transport(e.baseUri()).pageSize(1000).build();
            try {
                String pool = big.pools().get(0).id();
                assertThat(big.sessionsInPool(pool)).hasSizeGreaterThan(2_500);

                Resolution r = await(t.resolve(new ResolveRequest("job-1", List.of(Target.desktopPool(pool)), true)));

                assertThat(values(r.deliverable())).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(ids(big.sessionsInPool(pool)));
                assertThat(e.journal().requests(Route.HORIZON_SESSIONS)).extracting(RecordedRequest::query)
                        .allSatisfy(q -> assertThat(q).contains("size=1000"))
                        .anySatisfy(q -> assertThat(q).endsWith("page=1"))
                        .anySatisfy(q -> assertThat(q).endsWith("page=2"))
                        .anySatisfy(q -> assertThat(q).endsWith("page=3"))
                        .hasSize(3);
            } finally {
                t.close();
            }
        }
    }

    @Test
    void lookupsThatCompleteAtOnceAreFollowedInALoopOnTheCallersThreadWithoutDeepStacks() {
        Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
        AtomicInteger ran = new AtomicInteger();
        List<Supplier<CompletableFuture<Void>>> tasks = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            tasks.add(() -> {
                ran.incrementAndGet();
                ranOn.add(Thread.currentThread());
                return CompletableFuture.completedFuture(null);
            });
        }

        CompletableFuture<Void> all = HorizonResolver.runBounded(tasks, 4);

        assertThat(all).isCompleted();
        assertThat(ran.get()).isEqualTo(100_000);
        assertThat(ranOn).containsExactly(Thread.currentThread());
    }

    @Test
    void boundedLookupsKeepAtMostTheirParallelismInFlightAndTheWholeFailsWhenOneFails() {
        List<CompletableFuture<Void>> started = new CopyOnWriteArrayList<>();
        List<Supplier<CompletableFuture<Void>>> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tasks.add(() -> {
                CompletableFuture<Void> f = new CompletableFuture<>();
                started.add(f);
                return f;
            });
        }

        CompletableFuture<Void> all = HorizonResolver.runBounded(tasks, 4);
        assertThat(started).as("in flight at first").hasSize(4);
        started.get(0).complete(null);
        assertThat(started).as("one more after one ended").hasSize(5);
        started.get(1).completeExceptionally(new IllegalStateException("lookup failed"));
        assertThat(started).as("a failed lookup's worker stops").hasSize(5);
        for (int i = 2; i < started.size(); i++) {
            started.get(i).complete(null);
        }

        assertThat(started).as("the other workers ran the rest").hasSize(10);
        assertThat(all).isCompletedExceptionally();
    }
}
