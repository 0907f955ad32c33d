package io.desknotify.transport.http.citrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.ShownNotification;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.citrix.CitrixDaasEmulator;
import io.desknotify.testkit.citrix.CitrixErrorShape;
import io.desknotify.transport.http.AccessToken;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Citrix DaaS transport against the Citrix emulator over loopback HTTP. */
class CitrixDaasTransportTest {
    static final String CUSTOMER = "acme1234";
    static final String CLIENT = "client-7f3a";
    static final String SECRET = "Sup3r+Secret/=&value";
    static final Inventory INVENTORY = Inventory.builder().seed(21).desktops(120).pools(3).users(40).build();

    private final List<AutoCloseable> open = new ArrayList<>();
    private CitrixDaasEmulator emulator;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private CitrixDaasEmulator emulator(UnaryOperator<CitrixDaasEmulator.Builder> tweak) {
        emulator = tweak.apply(CitrixDaasEmulator.builder().inventory(INVENTORY).customerId(CUSTOMER)
                .apiClient(CLIENT, SECRET)).start();
        open.add(emulator);
        return emulator;
    }

    private CitrixDaasTransport transport(UnaryOperator<CitrixDaasTransport.Builder> tweak) {
        CitrixDaasTransport t = tweak.apply(CitrixDaasTransport.builder().baseUri(emulator.baseUri())
                .customerId(CUSTOMER).clientId(CLIENT).clientSecret(SECRET.toCharArray())
                .requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2))).build();
        open.add(t);
        return t;
    }

    private CitrixDaasTransport transport() {
        return transport(b -> b.siteId(emulator.siteId()));
    }

    static Notification notification(Severity severity, String title) {
        Notification.Builder b = Notification.builder().message("Maintenance in 15 minutes, please save your work")
                .severity(severity);
        return title == null ? b.build() : b.title(title).build();
    }

    static Batch batch(String sessionId, Notification n) {
        return new Batch("job-1", TargetKind.SESSION, List.of(Target.session(sessionId)), n, 1);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success but failed with " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    static TransportException failure(CompletionStage<?> stage) {
        try {
            Object v = stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
            return fail("expected a failure but got " + v);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TransportException.class);
            return (TransportException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    static Inventory.Session connected() {
        return INVENTORY.sessions().stream().filter(s -> s.state() == Inventory.SessionState.CONNECTED).findFirst()
                .orElseThrow();
    }

    private void assertNoViolations() {
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    // ---- sending

    @Test
    void sendsTitleTextAndStyleToOneSessionWithTheCitrixHeaders() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        String id = connected().id();

        BatchResult r = await(t.deliver(batch(id, notification(Severity.WARNING, "IT department"))));

        assertThat(r.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(r.perTarget()).isEmpty();
        assertThat(r.requestId()).isPresent();
        ShownNotification shown = emulator.journal().shownOn(id).get(0);
        assertThat(shown.title()).isEqualTo("IT department");
        assertThat(shown.text()).isEqualTo("Maintenance in 15 minutes, please save your work");
        assertThat(shown.messageType()).isEqualTo("Exclamation");
        RecordedRequest send = emulator.journal().requests(Route.CITRIX_SEND_MESSAGE).get(0);
        assertThat(send.header("authorization")).startsWith("CwsAuth Bearer=");
        assertThat(send.header("citrix-customerid")).isEqualTo(CUSTOMER);
        assertThat(send.header("citrix-instanceid")).isEqualTo(emulator.siteId());
        assertThat(send.query()).isEmpty();
        assertNoViolations();
    }

    @Test
    void mapsEachSeverityToItsStyleAndLeavesTheTitleOutWhenThereIsNone() {
        emulator(b -> b);
        CitrixDaasTransport t = transport(b -> b.siteId(emulator.siteId()).style(Severity.INFO, "Question"));
        List<Inventory.Session> sessions = INVENTORY.sessions().subList(0, 3);
        Severity[] severities = {Severity.INFO, Severity.WARNING, Severity.ERROR};
        for (int i = 0; i < 3; i++) {
            await(t.deliver(batch(sessions.get(i).id(), notification(severities[i], null))));
        }
        assertThat(sessions.stream().map(s -> emulator.journal().shownOn(s.id()).get(0).messageType()))
                .containsExactly("Question", "Exclamation", "Critical");
        assertThat(emulator.journal().shown()).allSatisfy(s -> assertThat(s.title()).isNull());
        assertNoViolations();
    }

    @Test
    void anUnknownSessionIsFailedWithCitrixsErrorIdInEitherErrorShape() {
        for (CitrixErrorShape shape : CitrixErrorShape.values()) {
            emulator(b -> b.errorShape(shape));
            CitrixDaasTransport t = transport();
            BatchResult r = await(t.deliver(batch("00000000-0000-4000-8000-000000000001",
                    notification(Severity.INFO, null))));
            TargetResult tr = r.perTarget().get(0);
            assertThat(tr.outcome()).as(shape.name()).isEqualTo(Outcome.FAILED);
            assertThat(tr.errorCode()).as(shape.name()).isEqualTo("SessionNotFound");
            assertThat(tr.errorMessage()).contains("404");
            assertNoViolations();
        }
    }

    @Test
    void aFailedShowIsAFatalFailureCarryingCitrixsCodeAndStatus() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        String id = connected().id();
        emulator.faults().failTarget(id);
        TransportException e = failure(t.deliver(batch(id, notification(Severity.INFO, null))));
        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.errorCode()).isEqualTo("SendMessageFailed");
        assertThat(e.requestId()).isNotNull();
    }

    @Test
    void refusesSessionIdsThatWouldChangeThePath() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        for (String bad : List.of("..", ".", "a/b", "x?y", "a%2Fb", "with space")) {
            assertThat(t.targetIdProblem(Target.session(bad))).as(bad).isPresent();
        }
        assertThat(t.targetIdProblem(Target.session(connected().id()))).isEmpty();
        assertThat(t.targetIdProblem(Target.user("DOMAIN\\some one"))).isEmpty();
        assertThat(failure(t.deliver(batch("a/b", notification(Severity.INFO, null)))).errorCode())
                .isEqualTo("INVALID_TARGET_ID");
        assertThat(emulator.journal().requests()).isEmpty();
    }

    // ---- tokens

    @Test
    void anExpiredTokenIsRenewedOnceAndTheSendRepeatedWithoutShowingTwice() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        List<Inventory.Session> s = INVENTORY.sessions().subList(0, 2);
        await(t.deliver(batch(s.get(0).id(), notification(Severity.INFO, null))));
        emulator.expireAccessTokens();
        await(t.deliver(batch(s.get(1).id(), notification(Severity.INFO, null))));
        assertThat(emulator.journal().requestCount(Route.CITRIX_TOKEN)).isEqualTo(2);
        assertThat(emulator.journal().requestCount(Route.CITRIX_SEND_MESSAGE)).isEqualTo(3);
        assertThat(emulator.journal().shownCount(s.get(1).id())).isEqualTo(1);
        assertNoViolations();
    }

    @Test
    void readsExpiresInAsANumberToo() {
        emulator(b -> b.expiresInAsString(false));
        CitrixDaasTransport t = transport();
        await(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(emulator.journal().totalShown()).isEqualTo(1);
    }

    @Test
    void rejectedCredentialsAreAnAuthenticationFailureThatShowsNoSecret() {
        emulator(b -> b);
        CitrixDaasTransport t = transport(b -> b.siteId(emulator.siteId()).clientSecret("wrong-secret".toCharArray()));
        TransportException e = failure(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.errorCode()).isEqualTo("invalid_client");
        assertThat(e.getMessage()).doesNotContain("wrong-secret").doesNotContain(SECRET);
        assertThat(t.toString()).doesNotContain(SECRET);
        assertThat(emulator.journal().requestCount(Route.CITRIX_SEND_MESSAGE)).isZero();
    }

    @Test
    void aTokenSourceOfTheCallersIsSentWithTheCwsAuthScheme() {
        emulator(b -> b.acceptPlainBearer(false));
        // a token the emulator issued, handed over by the caller's own source
        CitrixDaasTransport issuer = transport();
        await(issuer.checkHealth());
        String token = emulator.journal().requests(Route.CITRIX_SESSIONS).get(0).header("authorization")
                .substring("CwsAuth Bearer=".length());
        AtomicInteger fetches = new AtomicInteger();
        CitrixDaasTransport t = CitrixDaasTransport.builder().baseUri(emulator.baseUri()).customerId(CUSTOMER)
                .siteId(emulator.siteId()).tokenSource(() -> {
                    fetches.incrementAndGet();
                    return CompletableFuture.completedFuture(new AccessToken(token, Instant.now().plusSeconds(600)));
                }).build();
        open.add(t);
        await(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(fetches).hasValue(1);
        assertThat(emulator.journal().requestCount(Route.CITRIX_TOKEN)).isEqualTo(1);
        assertNoViolations();
    }

    // ---- throttling and server errors

    @Test
    void a429WithRetryAfterIsRetryableAndThrottledWithThatDelay() {
        emulator(b -> b.retryAfterHeader(true));
        CitrixDaasTransport t = transport();
        emulator.faults().inject(Route.CITRIX_SEND_MESSAGE, Fault.throttled(Duration.ofSeconds(3)), Trigger.next(1));
        TransportException e = failure(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.throttled()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void a429WithoutRetryAfterGetsTheThrottlePause() {
        emulator(b -> b);
        CitrixDaasTransport t = transport(b -> b.siteId(emulator.siteId())
                .throttlePause(Duration.ofMillis(700), Duration.ofMillis(700)));
        emulator.faults().inject(Route.CITRIX_SEND_MESSAGE, Fault.throttled(Duration.ofSeconds(3)), Trigger.next(1));
        TransportException e = failure(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(e.throttled()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofMillis(700));
    }

    @Test
    void aServerErrorAfterProcessingIsAmbiguous() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        emulator.faults().inject(Route.CITRIX_SEND_MESSAGE, Fault.serverError().afterProcessing(), Trigger.next(1));
        TransportException e = failure(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(e.errorCode()).isEqualTo("InternalServerError");
    }

    @Test
    void a503WithoutRetryAfterIsRetryableSinceCitrixDocumentsItAsNotProcessed() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        emulator.faults().inject(Route.CITRIX_SEND_MESSAGE, Fault.serviceUnavailable(Duration.ofSeconds(2)),
                Trigger.next(1));
        TransportException e = failure(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.httpStatus()).isEqualTo(503);
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void a401IsRepeatedWithRenewedTokensAtMostFourSendsThenIsAnAuthenticationFailure() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        emulator.faults().inject(Route.CITRIX_SEND_MESSAGE, Fault.unauthorized(), Trigger.always());
        TransportException e = failure(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(emulator.journal().requestCount(Route.CITRIX_SEND_MESSAGE)).isEqualTo(4);
        assertThat(emulator.journal().requestCount(Route.CITRIX_TOKEN)).isEqualTo(4);
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void aTooDeeplyNestedAnswerIsNamedAsSuch() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        emulator.faults().inject(Route.CITRIX_SEND_MESSAGE, Fault.malformedJson().afterProcessing(), Trigger.next(1));
        TransportException e = failure(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(e.errorCode()).isEqualTo("UNEXPECTED_RESPONSE");
        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.getMessage()).contains("not valid JSON");
    }

    // ---- site

    @Test
    void readsTheSiteOnceFromMeWhenNoneIsConfigured() {
        emulator(b -> b);
        CitrixDaasTransport t = transport(b -> b);
        await(t.deliver(batch(INVENTORY.sessions().get(0).id(), notification(Severity.INFO, null))));
        await(t.deliver(batch(INVENTORY.sessions().get(1).id(), notification(Severity.INFO, null))));
        assertThat(emulator.journal().requestCount(Route.CITRIX_ME)).isEqualTo(1);
        assertThat(emulator.journal().requests(Route.CITRIX_ME).get(0).header("citrix-instanceid")).isNull();
        assertThat(emulator.journal().totalShown()).isEqualTo(2);
        assertNoViolations();
    }

    @Test
    void refusesToGuessAmongSeveralSites() {
        emulator(b -> b.otherSite("second-site"));
        CitrixDaasTransport t = transport(b -> b);
        TransportException e = failure(t.deliver(batch(connected().id(), notification(Severity.INFO, null))));
        assertThat(e.errorCode()).isEqualTo(CitrixDaasTransport.SITE_AMBIGUOUS);
        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.getMessage()).contains("site-id");
        assertThat(emulator.journal().requestCount(Route.CITRIX_SEND_MESSAGE)).isZero();
    }

    // ---- resolution

    private Resolution resolve(CitrixDaasTransport t, boolean onlyConnected, Target... targets) {
        return await(t.resolve(new ResolveRequest("job-1", List.of(targets), onlyConnected)));
    }

    private static Set<String> values(List<Target> targets) {
        return targets.stream().map(Target::value).collect(Collectors.toSet());
    }

    @Test
    void resolvesAUserByDomainNameAndByPrincipalName() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        Inventory.User user = INVENTORY.user(connected().userName()).orElseThrow();
        Set<String> expected = INVENTORY.sessionsOfUser(user.name()).stream().map(Inventory.Session::id)
                .collect(Collectors.toSet());
        Resolution byName = resolve(t, false, Target.user(CitrixDaasEmulator.samName(user)));
        assertThat(values(byName.deliverable())).isEqualTo(expected);
        Resolution byUpn = resolve(t, false, Target.user(CitrixDaasEmulator.principalName(user)));
        assertThat(values(byUpn.deliverable())).isEqualTo(expected);
        assertThat(byUpn.sources()).allSatisfy(s -> assertThat(s.kind()).isEqualTo(TargetKind.USER));
        assertNoViolations();
    }

    @Test
    void resolvesADeliveryGroupByNameOrIdOverSeveralPages() {
        emulator(b -> b);
        CitrixDaasTransport t = transport(b -> b.siteId(emulator.siteId()).pageSize(7));
        Inventory.Pool pool = INVENTORY.pools().get(0);
        Set<String> expected = INVENTORY.sessionsInPool(pool.id()).stream().map(Inventory.Session::id)
                .collect(Collectors.toSet());
        assertThat(expected.size()).isGreaterThan(14);
        assertThat(values(resolve(t, false, Target.desktopPool(pool.name())).deliverable())).isEqualTo(expected);
        int pages = emulator.journal().requestCount(Route.CITRIX_SEARCH_SESSIONS);
        assertThat(pages).isEqualTo((expected.size() + 6) / 7);
        assertThat(values(resolve(t, false, Target.desktopPool(pool.id())).deliverable())).isEqualTo(expected);
        assertThat(emulator.journal().requests(Route.CITRIX_SEARCH_SESSIONS).get(1).query())
                .contains("limit=7").contains("continuationToken=");
        assertNoViolations();
    }

    @Test
    void onlyConnectedKeepsActiveSessionsAndSkipsTheOthers() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        Inventory.Pool pool = INVENTORY.pools().get(1);
        List<Inventory.Session> inPool = INVENTORY.sessionsInPool(pool.id());
        Set<String> active = inPool.stream().filter(s -> s.state() == Inventory.SessionState.CONNECTED)
                .map(Inventory.Session::id).collect(Collectors.toSet());
        assertThat(active).isNotEmpty().hasSizeLessThan(inPool.size());
        Resolution r = resolve(t, true, Target.desktopPool(pool.id()));
        assertThat(values(r.deliverable())).isEqualTo(active);
        assertThat(r.settled()).hasSize(inPool.size() - active.size()).allSatisfy(s -> {
            assertThat(s.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(s.errorCode()).isEqualTo(CitrixDaasTransport.NOT_CONNECTED);
        });
    }

    @Test
    void onlyConnectedLooksSessionTargetsUp() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        Inventory.Session on = connected();
        Inventory.Session off = INVENTORY.sessions().stream()
                .filter(s -> s.state() == Inventory.SessionState.DISCONNECTED).findFirst().orElseThrow();
        Resolution r = resolve(t, true, Target.session(on.id()), Target.session(off.id()),
                Target.session("00000000-0000-4000-8000-00000000dead"));
        assertThat(values(r.deliverable())).containsExactly(on.id());
        assertThat(r.settled()).extracting(TargetResult::errorCode).containsExactlyInAnyOrder(
                CitrixDaasTransport.NOT_CONNECTED, CitrixDaasTransport.SESSION_NOT_FOUND);
        assertThat(emulator.journal().requestCount(Route.CITRIX_SESSION)).isEqualTo(3);
        assertNoViolations();
    }

    @Test
    void aUserOrGroupWithoutSessionsIsSkipped() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        Resolution r = resolve(t, false, Target.user("DESKNOTIFY\\nobody"), Target.desktopPool("no such group"));
        assertThat(r.deliverable()).isEmpty();
        assertThat(r.settled()).extracting(TargetResult::errorCode).containsOnly(CitrixDaasTransport.NO_SESSIONS);
    }

    @Test
    void aSearchThatKeepsFailingFailsOnlyItsTargets() {
        emulator(b -> b);
        CitrixDaasTransport t = transport(b -> b.siteId(emulator.siteId()).readAttempts(2));
        emulator.faults().inject(Route.CITRIX_SEARCH_SESSIONS, Fault.serviceUnavailable(Duration.ofMillis(10)),
                Trigger.always());
        Resolution r = resolve(t, false, Target.desktopPool(INVENTORY.pools().get(0).id()),
                Target.session(connected().id()));
        assertThat(values(r.deliverable())).containsExactly(connected().id());
        assertThat(r.settled()).singleElement().satisfies(s ->
                assertThat(s.errorCode()).isEqualTo(CitrixDaasTransport.RESOLUTION_FAILED));
        assertThat(emulator.journal().requestCount(Route.CITRIX_SEARCH_SESSIONS)).isEqualTo(2);
    }

    @Test
    void healthCheckListsOneSession() {
        emulator(b -> b);
        CitrixDaasTransport t = transport();
        await(t.checkHealth());
        assertThat(emulator.journal().requests(Route.CITRIX_SESSIONS).get(0).query()).isEqualTo("limit=1");
    }
}
