package io.desknotify.transport.http.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ProviderJobPoll;
import io.desknotify.api.spi.ProviderJobStatus;
import io.desknotify.api.spi.ProviderRecord;
import io.desknotify.api.spi.ProviderRecordQuery;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.huawei.HuaweiErrorCode;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport alone against the testkit's Huawei Workspace emulator over loopback HTTP. */
class HuaweiWorkspaceTransportEmulatorTest {
    private static final String AK = "AK-EMU";
    private static final String SK = "sk-emulator-secret";
    private static final Notification TEXT = Notification.builder().message("Maintenance in 15 minutes").build();

    private static HuaweiWorkspaceEmulator emulator;
    private static Inventory inventory;
    private static HuaweiWorkspaceTransport transport;

    @BeforeAll
    static void start() {
        inventory = Inventory.builder().seed(11).desktops(300).pools(3).users(120).connectedFraction(0.5)
                .disconnectedFraction(0.3).build();
        emulator = HuaweiWorkspaceEmulator.builder().inventory(inventory).credentials(AK, SK)
                .generatedNotificationRecords(230).start();
        transport = HuaweiWorkspaceTransport.builder().endpoint(emulator.baseUri()).projectId(emulator.projectId())
                .accessKey(AK).secretKey(SK.toCharArray()).pageSize(37)
                .readRetry(3, Duration.ofMillis(10), Duration.ofSeconds(1)).build();
    }

    @AfterAll
    static void stop() {
        transport.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.faults().clear();
        emulator.journal().clear();
    }

    @AfterEach
    void everyRequestKeptInsideThePublishedContract() {
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void signedDeliveryIsAcceptedShownOnceAndItsJobFoldsFailedSubJobs() throws Exception {
        List<String> ids = inventory.desktopIds().subList(0, 5);
        emulator.faults().failTarget(ids.get(1));
        List<Target> targets = ids.stream().map(Target::desktop).map(Target.class::cast).toList();

        BatchResult accepted = await(transport.deliver(new Batch("j", TargetKind.DESKTOP, targets, TEXT, 1)));
        ProviderJobStatus job = await(transport.pollJob(new ProviderJobPoll(accepted.providerJobId().orElseThrow(),
                targets, 1)));

        assertThat(accepted.requestId()).isPresent();
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids.get(0), ids.get(2), ids.get(3), ids.get(4));
        assertThat(job.finished()).isTrue();
        assertThat(job.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(job.perTarget()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo(Target.desktop(ids.get(1)));
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.errorCode()).isEqualTo(HuaweiErrorCode.SEND_FAILED.defaultCode());
        });
    }

    @Test
    void aWrongSecretKeyFailsWithAnAuthenticationErrorAfterOneRequest() throws Exception {
        try (HuaweiWorkspaceTransport wrong = HuaweiWorkspaceTransport.builder().endpoint(emulator.baseUri())
                .projectId(emulator.projectId()).accessKey(AK).secretKey("not-the-secret".toCharArray()).build()) {
            Throwable t = failure(wrong.resolve(new ResolveRequest("j", List.of(Target.user("user00001")), false)));

            assertThat(t).isInstanceOf(AuthenticationException.class);
            assertThat(((AuthenticationException) t).errorCode()).isEqualTo("APIG.0301");
            assertThat(t.getMessage()).doesNotContain("not-the-secret");
            assertThat(emulator.journal().requests()).hasSize(1);
        }
    }

    @Test
    void signaturesOverQueriesAndPathsNeedingPercentEncodingAreAccepted() throws Exception {
        Resolution r = await(transport.resolve(new ResolveRequest("j",
                List.of(Target.user("zhang san*"), Target.user("张三~x"), Target.user("user00002")), false)));
        Throwable pool = failure(transport.deliver(new Batch("j", TargetKind.DESKTOP_POOL,
                List.of(Target.desktopPool("no-such_pool.~")), TEXT, 1)));

        assertThat(r.settled()).extracting(s -> s.target().value()).containsExactlyInAnyOrder("zhang san*", "张三~x");
        assertThat(r.deliverable()).isNotEmpty();
        assertThat(pool).isInstanceOf(TransportException.class).isNotInstanceOf(AuthenticationException.class);
        assertThat(((TransportException) pool).errorCode()).isEqualTo(HuaweiErrorCode.POOL_NOT_FOUND.defaultCode());
        assertThat(((TransportException) pool).retryability()).isEqualTo(Retryability.FATAL);
        assertThat(emulator.journal().requests(Route.HUAWEI_SEND_POOL)).singleElement()
                .satisfies(q -> assertThat(q.path()).endsWith("/desktop-pools/no-such_pool.~/notifications"));
    }

    @Test
    void aPoolIdNoPathCanCarryIsRefusedBeforeAnythingIsSignedOrSent() throws Exception {
        for (String id : List.of(".", "..", "a/b", "a b", "a%2Fb", "ä", "x?y", "x#y")) {
            Throwable t = failure(transport.deliver(new Batch("j", TargetKind.DESKTOP_POOL,
                    List.of(Target.desktopPool(id)), TEXT, 1)));
            assertThat(t).as(id).isInstanceOf(TransportException.class)
                    .isNotInstanceOf(AuthenticationException.class);
            assertThat(((TransportException) t).errorCode()).as(id).isEqualTo("INVALID_TARGET_ID");
            assertThat(((TransportException) t).retryability()).as(id).isEqualTo(Retryability.FATAL);
            assertThat(t.getMessage()).as(id).contains("desktop pool id").contains("nothing was sent");
        }
        assertThat(emulator.journal().requests()).as("requests sent").isEmpty();
    }

    @Test
    void repeatedUserNamesAreSentAndSignedInTheCallersOrderAndAcceptedInAnyOrder() throws Exception {
        List<String> names = inventory.users().stream().limit(6).map(Inventory.User::name).toList();
        List<String> reversed = new ArrayList<>(names);
        java.util.Collections.reverse(reversed);
        List<List<String>> orders = List.of(names, reversed, List.of(names.get(3), names.get(0),
                names.get(5), names.get(1), names.get(4), names.get(2)));
        for (List<String> order : orders) {
            emulator.journal().clear();
            Resolution r = await(transport.resolve(new ResolveRequest("j",
                    order.stream().map(n -> (Target) Target.user(n)).toList(), false)));
            assertThat(r.settled()).as("every user resolved, no 401").isEmpty();
            String query = emulator.journal().requests(Route.HUAWEI_CONNECT_DESKTOPS).get(0).query();
            assertThat(java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith("user_names="))
                    .map(p -> p.substring("user_names=".length())).toList()).isEqualTo(order);
        }
    }

    @Test
    void aSecretKeySupplierThatThrowsSendsNothingAndIsNotAmbiguous() throws Exception {
        try (HuaweiWorkspaceTransport t = HuaweiWorkspaceTransport.builder().endpoint(emulator.baseUri())
                .projectId(emulator.projectId()).accessKey(AK).secretKey(() -> {
                    throw new IllegalStateException("vault down");
                }).build()) {
            Throwable f = failure(t.deliver(new Batch("j", TargetKind.DESKTOP,
                    List.of(Target.desktop(inventory.desktopIds().get(0))), TEXT, 1)));
            assertThat(f).isInstanceOf(AuthenticationException.class).hasMessageContaining("not sent");
            assertThat(((TransportException) f).retryability()).isNotEqualTo(Retryability.AMBIGUOUS);
        }
        assertThat(emulator.journal().requests()).isEmpty();
    }

    @Test
    void aJobIdNoPathCanCarryIsNotPolled() throws Exception {
        List<Target> targets = List.of(Target.desktop(inventory.desktopIds().get(0)));
        Throwable t = failure(transport.pollJob(new ProviderJobPoll("../desktops", targets, 1)));
        assertThat(((TransportException) t).errorCode()).isEqualTo("INVALID_JOB_ID");
        assertThat(emulator.journal().requests()).isEmpty();
    }

    @Test
    void usersResolveToTheirDesktopsAcrossChunksAndPagesAndOnlyConnectedSkipsTheRest() throws Exception {
        // 120 users: two user_names chunks (100 + 20); page size 37 forces several pages per chunk
        List<Target> users = new ArrayList<>();
        inventory.users().forEach(u -> users.add(Target.user(u.name()).via("huawei-workspace")));
        users.add(Target.user("nobody"));

        Resolution r = await(transport.resolve(new ResolveRequest("j", users, true)));

        Set<String> connected = new HashSet<>(inventory.connectedDesktopIds());
        Set<String> others = inventory.desktops().stream().map(Inventory.Desktop::id)
                .filter(id -> !connected.contains(id)).collect(Collectors.toSet());
        assertThat(r.deliverable()).extracting(Target::value).containsExactlyInAnyOrderElementsOf(connected);
        assertThat(r.deliverable()).allSatisfy(t -> {
            assertThat(t.kind()).isEqualTo(TargetKind.DESKTOP);
            assertThat(t.provider()).isEqualTo("huawei-workspace");
        });
        assertThat(r.settled()).filteredOn(s -> s.outcome() == Outcome.SKIPPED).extracting(s -> s.target().value())
                .containsExactlyInAnyOrderElementsOf(others);
        assertThat(r.settled()).filteredOn(s -> s.outcome() == Outcome.FAILED).singleElement()
                .isEqualTo(TargetResult.failed(Target.user("nobody"), "USER_HAS_NO_DESKTOP",
                        "user 'nobody' has no desktop in project " + emulator.projectId()));
        assertThat(emulator.journal().requests(Route.HUAWEI_CONNECT_DESKTOPS))
                .allSatisfy(q -> assertThat(q.query().split("user_names=", -1).length - 1).isLessThanOrEqualTo(100))
                .hasSizeGreaterThan(2);
    }

    @Test
    void desktopsGivenDirectlyAreFilteredByOneQueryOfConnectedDesktops() throws Exception {
        List<Target> desktops = inventory.desktopIds().subList(0, 60).stream().map(Target::desktop)
                .map(Target.class::cast).toList();

        Resolution r = await(transport.resolve(new ResolveRequest("j", desktops, true)));

        Set<String> connected = new HashSet<>(inventory.connectedDesktopIds());
        assertThat(r.deliverable()).extracting(Target::value)
                .containsExactlyInAnyOrderElementsOf(desktops.stream().map(Target::value).filter(connected::contains)
                        .toList());
        assertThat(r.settled()).extracting(TargetResult::target).containsExactlyInAnyOrderElementsOf(
                desktops.stream().filter(t -> !connected.contains(t.value())).toList());
        assertThat(r.settled()).allSatisfy(s -> assertThat(s.errorCode()).isEqualTo("NOT_CONNECTED"));
        assertThat(emulator.journal().requests(Route.HUAWEI_CONNECT_DESKTOPS))
                .allSatisfy(q -> assertThat(q.query()).contains("connect_status=CONNECTED"));
    }

    @Test
    void withoutOnlyConnectedDesktopsAndPoolsPassThroughUnqueried() throws Exception {
        List<Target> targets = List.of(Target.desktop("d-1"), Target.desktopPool(inventory.pools().get(0).id()));

        Resolution r = await(transport.resolve(new ResolveRequest("j", targets, false)));

        assertThat(r.deliverable()).containsExactlyElementsOf(targets);
        assertThat(r.settled()).isEmpty();
        assertThat(emulator.journal().requests()).isEmpty();
    }

    @Test
    void resolutionRetriesATransientFailureOfAnIdempotentRead() throws Exception {
        emulator.faults().inject(Route.HUAWEI_CONNECT_DESKTOPS, Fault.serverError(), Trigger.next(1));
        emulator.faults().inject(Route.HUAWEI_CONNECT_DESKTOPS, Fault.connectionReset(), Trigger.next(1));

        Resolution r = await(transport.resolve(new ResolveRequest("j", List.of(Target.user("user00001")), false)));

        assertThat(r.deliverable()).extracting(Target::value).containsExactlyInAnyOrderElementsOf(
                inventory.desktopsOfUser("user00001").stream().map(Inventory.Desktop::id).toList());
    }

    @Test
    void aTimeoutAfterTheEmulatorActedIsAmbiguousAndTheDesktopWasShownOnce() throws Exception {
        try (HuaweiWorkspaceTransport impatient = HuaweiWorkspaceTransport.builder().endpoint(emulator.baseUri())
                .projectId(emulator.projectId()).accessKey(AK).secretKey(SK.toCharArray())
                .requestTimeout(Duration.ofMillis(300)).build()) {
            emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.latency(Duration.ofSeconds(2))
                    .afterProcessing(), Trigger.next(1));
            String id = inventory.desktopIds().get(0);

            Throwable t = failure(impatient.deliver(new Batch("j", TargetKind.DESKTOP, List.of(Target.desktop(id)),
                    TEXT, 1)));

            assertThat(t).isInstanceOf(TransportException.class);
            assertThat(((TransportException) t).retryability()).isEqualTo(Retryability.AMBIGUOUS);
            assertThat(emulator.journal().shownCount(id)).isEqualTo(1);
        }
    }

    private TransportException deliveryFailure(String desktopId) throws Exception {
        Throwable t = failure(transport.deliver(new Batch("j", TargetKind.DESKTOP, List.of(Target.desktop(desktopId)),
                TEXT, 1)));
        assertThat(t).isInstanceOf(TransportException.class);
        return (TransportException) t;
    }

    @Test
    void aConnectionResetWhileAwaitingTheAnswerIsAmbiguous() throws Exception {
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.connectionReset().afterProcessing(),
                Trigger.next(1));
        String id = inventory.desktopIds().get(1);

        TransportException e = deliveryFailure(id);

        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(e.httpStatus()).isZero();
        assertThat(emulator.journal().shownCount(id)).isEqualTo(1);
    }

    @Test
    void aBodyCutOffHalfWayIsAmbiguous() throws Exception {
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.truncatedBody().afterProcessing(),
                Trigger.next(1));

        assertThat(deliveryFailure(inventory.desktopIds().get(2)).retryability()).isEqualTo(Retryability.AMBIGUOUS);
    }

    @Test
    void aMalformedAnswerToAnAcceptedSendIsAmbiguousBecauseTheMessageMayBeShown() throws Exception {
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.malformedJson().afterProcessing(),
                Trigger.next(1));

        TransportException e = deliveryFailure(inventory.desktopIds().get(3));

        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(emulator.journal().totalShown()).isEqualTo(1);
        assertThat(e.errorCode()).isEqualTo("UNEXPECTED_ANSWER");
        assertThat(e.requestId()).isNotNull();
    }

    @Test
    void aSlowBodyWithinTheRequestTimeoutIsReadWhole() throws Exception {
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.slowBody(Duration.ofMillis(300)).afterProcessing(),
                Trigger.next(1));

        BatchResult r = await(transport.deliver(new Batch("j", TargetKind.DESKTOP,
                List.of(Target.desktop(inventory.desktopIds().get(4))), TEXT, 1)));

        assertThat(r.providerJobId()).isPresent();
    }

    @Test
    void aThrottledSendWithoutRetryAfterCarriesHuaweisAdvisedPauseOfTwoToFiveSeconds() throws Exception {
        emulator.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.throttled(Duration.ofSeconds(2)), Trigger.next(1));

        TransportException e = deliveryFailure(inventory.desktopIds().get(5));

        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.throttled()).isTrue();
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
        assertThat(e.errorCode()).isEqualTo("APIG.0308");
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void aThrottledJobPollReachesTheCallerWithItsRetryAfterAndIsNotRetriedByTheTransport() throws Exception {
        List<Target> targets = List.of(Target.desktop(inventory.desktopIds().get(6)));
        BatchResult accepted = await(transport.deliver(new Batch("j", TargetKind.DESKTOP, targets, TEXT, 1)));
        ProviderJobPoll poll = new ProviderJobPoll(accepted.providerJobId().orElseThrow(), targets, 1);
        emulator.faults().inject(Route.HUAWEI_JOB, Fault.throttled(Duration.ofSeconds(1)), Trigger.next(1));

        Throwable t = failure(transport.pollJob(poll));

        assertThat(t).isInstanceOf(TransportException.class);
        TransportException e = (TransportException) t;
        assertThat(e.throttled()).isTrue();
        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        // the emulator, like Workspace, sends no Retry-After: the transport's default pause stands in for it
        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(2),
                Duration.ofSeconds(5)));
        assertThat(e.errorCode()).isEqualTo("APIG.0308");
        assertThat(emulator.faults().strikes(Route.HUAWEI_JOB)).isEqualTo(1);
        assertThat(emulator.journal().requests(Route.HUAWEI_JOB)).as("polls sent").hasSize(1);
        // the caller retries when its pacer allows: the next poll is answered
        assertThat(await(transport.pollJob(poll)).finished()).isTrue();
        assertThat(emulator.journal().requests(Route.HUAWEI_JOB)).hasSize(2);
    }

    @Test
    void blockingRecordsPagedThroughReturnEveryRecordOnceNewestFirst() throws Exception {
        for (TargetKind scope : List.of(TargetKind.DESKTOP, TargetKind.DESKTOP_POOL)) {
            List<ProviderRecord> all = new ArrayList<>();
            Page<ProviderRecord> page;
            long offset = 0;
            do {
                page = await(transport.queryProviderRecords(ProviderRecordQuery.builder(scope).offset(offset)
                        .limit(40).build()));
                all.addAll(page.items());
                offset += page.items().size();
            } while (page.hasNext());

            assertThat(all).hasSize((int) page.total()).doesNotHaveDuplicates();
            assertThat(all).extracting(ProviderRecord::time).isSortedAccordingTo((a, b) -> b.compareTo(a));
            assertThat(all).allSatisfy(rec -> {
                assertThat(rec.scope()).isEqualTo(scope);
                assertThat(rec.targetName()).isNotNull();
                assertThat(rec.channel()).isIn("EMAIL", "SMS");
            });
        }
    }

    @Test
    void tokenAuthIsAcceptedByTheEmulator() throws Exception {
        try (HuaweiWorkspaceEmulator tokenOnly = HuaweiWorkspaceEmulator.builder().inventory(inventory)
                .authToken("tok-123").start();
             HuaweiWorkspaceTransport t = HuaweiWorkspaceTransport.builder().endpoint(tokenOnly.baseUri())
                .projectId(tokenOnly.projectId()).authToken(() -> "tok-123").build()) {
            await(t.checkHealth());
            assertThat(tokenOnly.journal().requests()).singleElement()
                    .satisfies(q -> assertThat(q.header("x-auth-token")).isEqualTo("tok-123"));
        }
    }
}
