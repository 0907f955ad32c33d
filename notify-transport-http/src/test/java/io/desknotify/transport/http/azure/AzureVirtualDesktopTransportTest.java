package io.desknotify.transport.http.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.ShownNotification;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator;
import io.desknotify.transport.http.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AzureVirtualDesktopTransportTest {

    static final Inventory INVENTORY = Inventory.builder().seed(41).desktops(60).pools(2).users(30).build();
    static final String CLIENT = "0f1e2d3c-4b5a-4968-8776-655443322110";
    static final String SECRET = "Xy9~very.secret_value";

    AzureVirtualDesktopEmulator avd;
    AzureVirtualDesktopTransport transport;

    @BeforeEach
    void start() {
        avd = AzureVirtualDesktopEmulator.builder().inventory(INVENTORY).client(CLIENT, SECRET).pageSize(4)
                .threads(8).start();
        transport = builder(avd).build();
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        avd.close();
        assertThat(avd.journal().contractViolations()).isEmpty();
    }

    static AzureVirtualDesktopTransport.Builder builder(AzureVirtualDesktopEmulator e) {
        return AzureVirtualDesktopTransport.builder().baseUri(e.baseUri()).loginUri(e.baseUri())
                .tenantId(e.tenantId()).clientId(CLIENT).clientSecret(SECRET.toCharArray())
                .subscriptionId(e.subscriptionId()).resourceGroup(e.resourceGroup())
                .hostPools(e.hostPoolNames());
    }

    static Notification note(String title) {
        Notification.Builder b = Notification.builder().message("Maintenance at 22:00").severity(Severity.WARNING);
        return (title == null ? b : b.title(title)).build();
    }

    BatchResult deliver(String sessionTarget, Notification n) {
        return transport.deliver(new Batch("job", TargetKind.SESSION, List.of(Target.session(sessionTarget)), n, 1))
                .toCompletableFuture().join();
    }

    TransportException failure(String sessionTarget) {
        Throwable t = catchThrowable(() -> deliver(sessionTarget, note(null)));
        assertThat(t).isInstanceOf(CompletionException.class);
        return (TransportException) t.getCause();
    }

    Resolution resolve(boolean onlyConnected, Target... targets) {
        return transport.resolve(new ResolveRequest("job", List.of(targets), onlyConnected)).toCompletableFuture()
                .join();
    }

    String session(Inventory.SessionState state) {
        return avd.inventory().sessions().stream().filter(s -> s.state() == state).map(avd::sessionTargetId)
                .findFirst().orElseThrow();
    }

    static Set<String> values(List<Target> targets) {
        return targets.stream().map(Target::value).collect(Collectors.toSet());
    }

    @Test
    void sendsTheTitleAsMessageTitleAndTheSeverityInFrontOfTheBody() {
        String target = session(Inventory.SessionState.CONNECTED);
        BatchResult r = deliver(target, note("Maintenance"));
        assertThat(r.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(r.requestId()).isPresent();
        ShownNotification shown = avd.journal().shownOn(target).get(0);
        assertThat(shown.title()).isEqualTo("Maintenance");
        assertThat(shown.text()).isEqualTo("[WARNING] Maintenance at 22:00");
        assertThat(transport.capabilities().titleSupport())
                .isEqualTo(io.desknotify.api.spi.TransportCapabilities.TitleSupport.NATIVE);
    }

    @Test
    void leavesMessageTitleOutWithoutATitleAndDropsTheSeverityWhenSoConfigured() {
        transport.close();
        transport = builder(avd).severity(io.desknotify.api.spi.TransportCapabilities.SeveritySupport.DROPPED)
                .build();
        String target = session(Inventory.SessionState.CONNECTED);
        deliver(target, note(null));
        ShownNotification shown = avd.journal().shownOn(target).get(0);
        assertThat(shown.title()).isNull();
        assertThat(shown.text()).isEqualTo("Maintenance at 22:00");
        String body = new String(avd.journal().requests(Route.AVD_SEND_MESSAGE).get(0).body());
        assertThat(body).doesNotContain("messageTitle");
    }

    @Test
    void resolvesAHostPoolToAllItsSessionsOverSeveralPages() {
        Inventory.Pool pool = avd.inventory().pools().get(0);
        Resolution r = resolve(false, Target.desktopPool(avd.hostPoolName(pool)));
        Set<String> expected = avd.inventory().sessionsInPool(pool.id()).stream().map(avd::sessionTargetId)
                .collect(Collectors.toSet());
        assertThat(expected.size()).isGreaterThan(4);
        assertThat(values(r.deliverable())).isEqualTo(expected);
        assertThat(r.sources()).allMatch(t -> t.kind() == TargetKind.DESKTOP_POOL);
        assertThat(avd.journal().requestCount(Route.AVD_HOST_POOL_SESSIONS)).isGreaterThan(1);
    }

    @Test
    void keepsOnlyActiveSessionsWhenOnlyConnectedTargetsAreWanted() {
        Inventory.Pool pool = avd.inventory().pools().get(0);
        String disconnected = session(Inventory.SessionState.DISCONNECTED);
        String connected = session(Inventory.SessionState.CONNECTED);
        Resolution r = resolve(true, Target.desktopPool(avd.hostPoolName(pool)), Target.session(disconnected),
                Target.session(connected));
        Set<String> active = new java.util.HashSet<>(avd.inventory().sessionsInPool(pool.id()).stream()
                .filter(s -> s.state() == Inventory.SessionState.CONNECTED).map(avd::sessionTargetId).toList());
        active.add(connected);
        assertThat(values(r.deliverable())).isEqualTo(active);
        assertThat(r.settled()).anySatisfy(s -> {
            assertThat(s.target().value()).isEqualTo(disconnected);
            assertThat(s.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(s.errorCode()).isEqualTo(AzureVirtualDesktopTransport.NOT_CONNECTED);
        });
    }

    @Test
    void resolvesAFewUsersWithAFilterPerUserAndManyWithOneListingPerHostPool() {
        List<Inventory.User> users = avd.inventory().users();
        List<Target> few = users.subList(0, 3).stream().map(u -> (Target) Target.user(avd.userPrincipalName(u.name())))
                .toList();
        Resolution r = resolve(false, few.toArray(Target[]::new));
        Set<String> expected = users.subList(0, 3).stream().flatMap(u -> avd.inventory().sessionsOfUser(u.name())
                .stream()).map(avd::sessionTargetId).collect(Collectors.toSet());
        assertThat(values(r.deliverable())).isEqualTo(expected);
        assertThat(avd.journal().requests(Route.AVD_HOST_POOL_SESSIONS))
                .allSatisfy(q -> assertThat(String.valueOf(q.query())).contains("$filter=userPrincipalName"));

        avd.journal().clear();
        List<Target> many = users.stream().map(u -> (Target) Target.user(avd.userPrincipalName(u.name()).toUpperCase()))
                .toList();
        Resolution all = resolve(false, many.toArray(Target[]::new));
        assertThat(values(all.deliverable())).isEqualTo(avd.inventory().sessions().stream().map(avd::sessionTargetId)
                .collect(Collectors.toSet()));
        assertThat(avd.journal().requests(Route.AVD_HOST_POOL_SESSIONS))
                .noneSatisfy(q -> assertThat(String.valueOf(q.query())).contains("$filter"));
        assertThat(all.settled()).allSatisfy(s -> assertThat(s.errorCode())
                .isEqualTo(AzureVirtualDesktopTransport.NO_SESSIONS));
    }

    @Test
    void anUnknownHostPoolOrSessionIsFailedWithAzuresCodeAndStatus() {
        Resolution r = resolve(false, Target.desktopPool("no-such-pool"));
        assertThat(r.settled()).singleElement().satisfies(s -> assertThat(s.errorCode())
                .isEqualTo(AzureVirtualDesktopTransport.UNKNOWN_HOST_POOL));
        String[] p = session(Inventory.SessionState.CONNECTED).split("/");
        TransportException te = failure(p[0] + "/" + p[1] + "/999");
        assertThat(te.httpStatus()).isEqualTo(404);
        assertThat(te.errorCode()).isEqualTo("404");
        assertThat(te.retryability()).isEqualTo(TransportException.Retryability.FATAL);
    }

    @Test
    void renewsAnExpiredTokenOnceAndRepeatsTheRequest() {
        String target = session(Inventory.SessionState.CONNECTED);
        deliver(target, note(null));
        avd.expireAccessTokens();
        deliver(target, note(null));
        assertThat(avd.journal().shownCount(target)).isEqualTo(2);
        assertThat(avd.journal().requestCount(Route.AVD_TOKEN)).isEqualTo(2);
        assertThat(avd.journal().requestCount(Route.AVD_SEND_MESSAGE)).isEqualTo(3);
    }

    @Test
    void aRefusedTokenAfterRenewalIsAnAuthenticationFailure() {
        avd.faults().inject(Route.AVD_SEND_MESSAGE, Fault.unauthorized(), Trigger.always());
        TransportException te = failure(session(Inventory.SessionState.CONNECTED));
        assertThat(te).isInstanceOf(AuthenticationException.class);
        assertThat(te.httpStatus()).isEqualTo(401);
        assertThat(te.errorCode()).isEqualTo("ExpiredAuthenticationToken");
        assertThat(avd.journal().requestCount(Route.AVD_SEND_MESSAGE)).isEqualTo(2);
    }

    @Test
    void aWrongSecretIsAnAuthenticationFailureWithEntrasCodeAndNoSecret() {
        transport.close();
        transport = builder(avd).clientSecret("wrong-secret".toCharArray()).build();
        TransportException te = failure(session(Inventory.SessionState.CONNECTED));
        assertThat(te).isInstanceOf(AuthenticationException.class);
        assertThat(te.errorCode()).isEqualTo("invalid_client");
        assertThat(te.getMessage()).contains("AADSTS7000215").doesNotContain("wrong-secret");
        assertThat(avd.journal().requestCount(Route.AVD_SEND_MESSAGE)).isZero();
    }

    @Test
    void aThrottledSendIsRetryableAfterTheRetryAfterAzureNames() {
        avd.faults().inject(Route.AVD_SEND_MESSAGE, Fault.throttled(Duration.ofSeconds(7)), Trigger.next(1));
        TransportException te = failure(session(Inventory.SessionState.CONNECTED));
        assertThat(te.retryability()).isEqualTo(TransportException.Retryability.RETRYABLE);
        assertThat(te.throttled()).isTrue();
        assertThat(te.retryAfter()).hasValue(Duration.ofSeconds(7));
        assertThat(te.httpStatus()).isEqualTo(429);
    }

    @Test
    void aServerErrorAfterSendingIsAmbiguous() {
        avd.faults().inject(Route.AVD_SEND_MESSAGE, Fault.serverError(), Trigger.next(1));
        TransportException te = failure(session(Inventory.SessionState.CONNECTED));
        assertThat(te.retryability()).isEqualTo(TransportException.Retryability.AMBIGUOUS);
    }

    @Test
    void readsAreRetriedOnATransientFailure() {
        avd.faults().inject(Route.AVD_HOST_POOL_SESSIONS, Fault.serverError(), Trigger.next(1));
        Resolution r = resolve(false, Target.desktopPool(avd.hostPoolNames().get(0)));
        assertThat(r.deliverable()).isNotEmpty();
        assertThat(r.settled()).isEmpty();
    }

    @Test
    void takesTokensFromAUserSuppliedSourceInsteadOfClientCredentials() {
        transport.close();
        AtomicInteger fetched = new AtomicInteger();
        String token = fetchToken();
        transport = AzureVirtualDesktopTransport.builder().baseUri(avd.baseUri())
                .subscriptionId(avd.subscriptionId()).resourceGroup(avd.resourceGroup())
                .tokenSource(() -> {
                    fetched.incrementAndGet();
                    return java.util.concurrent.CompletableFuture.completedFuture(
                            new AccessToken(token, Instant.now().plusSeconds(3000)));
                }).build();
        String target = session(Inventory.SessionState.CONNECTED);
        deliver(target, note(null));
        deliver(target, note(null));
        assertThat(fetched).hasValue(1);
        assertThat(avd.journal().shownCount(target)).isEqualTo(2);
    }

    private String fetchToken() {
        AzureVirtualDesktopTransport helper = builder(avd).build();
        try {
            // a token of the emulator's, fetched by a transport with client credentials
            List<String> seen = new ArrayList<>();
            new EntraClientCredentials(new AvdHttp(new io.desknotify.transport.http.internal.HttpSettings("t",
                    avd.baseUri(), Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 20,
                    io.desknotify.transport.http.internal.ThrottlePause.NONE, null, null, "t-")), avd.baseUri(),
                    avd.tenantId(), CLIENT, SECRET::toCharArray, java.time.Clock.systemUTC()).fetch()
                    .thenAccept(t -> seen.add(t.value())).toCompletableFuture().join();
            return seen.get(0);
        } finally {
            helper.close();
        }
    }

    @Test
    void refusesSessionIdsOfAnotherFormOrOutsideThePathLimits() {
        assertThat(transport.targetIdProblem(Target.session("pool-01/host.example/3"))).isEmpty();
        assertThat(transport.targetIdProblem(Target.session("3"))).isPresent();
        assertThat(transport.targetIdProblem(Target.session("ab/host.example/3"))).isPresent();
        assertThat(transport.targetIdProblem(Target.session("pool-01/" + "h".repeat(49) + "/3"))).isPresent();
        assertThat(transport.targetIdProblem(Target.session("pool-01/host.example/.."))).isPresent();
        assertThat(transport.targetIdProblem(Target.session("pool-01/host.example/" + "1".repeat(25)))).isPresent();
        assertThat(transport.targetIdProblem(Target.session("pool-01/host.example/3/4"))).isPresent();
        assertThat(transport.targetIdProblem(Target.desktopPool("pool#1"))).isPresent();
        assertThat(transport.targetIdProblem(Target.user("o'brien@contoso.com"))).isEmpty();
    }

    @Test
    void aUserWithAQuoteIsLookedUpWithTheQuoteDoubled() {
        Resolution r = resolve(false, Target.user("o'brien@desknotify.example"));
        assertThat(r.settled()).singleElement().satisfies(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(s.errorCode()).isEqualTo(AzureVirtualDesktopTransport.NO_SESSIONS);
        });
    }

    @Test
    void checksHealthWithATokenAndOneRead() {
        transport.checkHealth().toCompletableFuture().join();
        assertThat(avd.journal().requestCount(Route.AVD_SESSION_HOSTS)).isEqualTo(1);
    }

    static TargetResult only(List<TargetResult> r) {
        assertThat(r).hasSize(1);
        return r.get(0);
    }
}
