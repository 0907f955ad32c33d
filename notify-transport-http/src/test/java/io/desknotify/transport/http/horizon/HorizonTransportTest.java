package io.desknotify.transport.http.horizon;

import static io.desknotify.transport.http.horizon.HorizonTestSupport.DOMAIN;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.PASSWORD;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.USER;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.await;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.batch;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.failure;
import static io.desknotify.transport.http.horizon.HorizonTestSupport.transport;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Outcome;
import io.desknotify.api.Severity;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.horizon.HorizonErrorStyle;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HorizonTransportTest {
    static Inventory inventory;
    static HorizonEmulator emulator;
    HorizonTransport transport;

    @BeforeAll
    static void start() {
        inventory = Inventory.builder().seed(11).desktops(120).pools(3).build();
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

    @org.junit.jupiter.api.AfterEach
    void closeTransport() {
        transport.close();
    }

    List<String> sessions(int n) {
        return inventory.sessions().stream().limit(n).map(Inventory.Session::id).toList();
    }

    @Test
    void deliverSendsOneCallWithMessageTypeAndReportsEverySessionDelivered() {
        List<String> ids = sessions(5);

        BatchResult result = await(transport.deliver(batch(ids, Severity.ERROR)));

        assertThat(result.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(result.perTarget()).isEmpty();
        assertThat(result.requestId()).isPresent();
        assertThat(emulator.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isEqualTo(1);
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids);
        assertThat(emulator.journal().shown()).allSatisfy(s -> assertThat(s.toString()).contains("ERROR"));
        RecordedRequest send = emulator.journal().requests(Route.HORIZON_SEND_MESSAGE).get(0);
        assertThat(send.header("Authorization")).startsWith("Bearer ");
        assertThat(send.header("Content-Type")).startsWith("application/json");
    }

    @Test
    void sessionsRejectedByHorizonAreFailedWithTheirStatusCodeAndTheOthersDelivered() {
        List<String> ids = new ArrayList<>(sessions(4));
        emulator.faults().failTarget(ids.get(1));
        ids.add("no-such-session");

        BatchResult result = await(transport.deliver(batch(ids)));

        assertThat(result.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(result.perTarget()).extracting(r -> r.target().value(), TargetResult::outcome,
                        TargetResult::errorCode)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ids.get(1), Outcome.FAILED, "HTTP_400"),
                        org.assertj.core.groups.Tuple.tuple("no-such-session", Outcome.FAILED, "HTTP_404"));
        assertThat(result.perTarget()).allSatisfy(r -> assertThat(r.errorMessage()).isNotBlank());
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids.get(0), ids.get(2), ids.get(3));
    }

    @Test
    void concurrentBatchesShareOneLogin() {
        List<String> ids = sessions(40);
        List<CompletableFuture<BatchResult>> all = IntStream.range(0, 20)
                .mapToObj(i -> transport.deliver(batch(ids.subList(i * 2, i * 2 + 2))).toCompletableFuture())
                .toList();

        all.forEach(HorizonTestSupport::await);

        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
        assertThat(emulator.journal().totalShown()).isEqualTo(40);
    }

    @Test
    void expiredAccessTokenIsRefreshedOnceAndTheBatchRepeatedWithoutDuplicates() {
        List<String> ids = sessions(10);
        await(transport.deliver(batch(ids.subList(0, 2))));
        emulator.expireAccessTokens();

        List<CompletableFuture<BatchResult>> all = IntStream.range(1, 5)
                .mapToObj(i -> transport.deliver(batch(ids.subList(i * 2, i * 2 + 2))).toCompletableFuture())
                .toList();
        all.forEach(HorizonTestSupport::await);

        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
        assertThat(emulator.journal().requestCount(Route.HORIZON_REFRESH)).isEqualTo(1);
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(ids);
        assertThat(emulator.journal().targetsShownMoreThanOnce()).isEmpty();
    }

    @Test
    void tokensWornOutByConcurrentBatchesAreRenewedWithoutFailingOrRepeatingABatch() {
        try (HorizonEmulator stingy = HorizonEmulator.builder().inventory(inventory).login(DOMAIN, USER, PASSWORD)
                .accessTokenMaxUses(10).start()) {
            HorizonTransport t = transport(stingy.baseUri()).build();
            try {
                List<String> ids = sessions(48);
                List<CompletableFuture<BatchResult>> all = IntStream.range(0, 24)
                        .mapToObj(i -> t.deliver(batch(ids.subList(i * 2, i * 2 + 2))).toCompletableFuture())
                        .toList();

                all.forEach(f -> assertThat(await(f).perTarget()).isEmpty());

                assertThat(stingy.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
                assertThat(stingy.journal().requestCount(Route.HORIZON_REFRESH)).isGreaterThanOrEqualTo(2);
                assertThat(stingy.journal().shownTargets()).containsOnlyKeys(ids);
                assertThat(stingy.journal().targetsShownMoreThanOnce()).isEmpty();
            } finally {
                t.close();
            }
        }
    }

    @Test
    void whenTheRefreshIsRefusedTheTransportLogsInAgainOnce() {
        await(transport.deliver(batch(sessions(1))));
        emulator.expireAccessTokens();
        emulator.faults().inject(Route.HORIZON_REFRESH, Fault.unauthorized(), Trigger.always());

        BatchResult r = await(transport.deliver(batch(sessions(2).subList(1, 2))));

        assertThat(r.perTarget()).isEmpty();
        assertThat(emulator.journal().requestCount(Route.HORIZON_REFRESH)).isEqualTo(1);
        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(2);
    }

    @Test
    void aRequestStillRefusedAfterRenewalFailsWithAuthenticationExceptionAndIsNotRepeatedFurther() {
        emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.unauthorized(), Trigger.always());

        TransportException e = failure(transport.deliver(batch(sessions(1))));

        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(emulator.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isEqualTo(2);
        assertThat(emulator.journal().requestCount(Route.HORIZON_REFRESH)).isEqualTo(1);
    }

    @Test
    void wrongPasswordFailsFastWithAuthenticationExceptionAndIsNotTriedAgainDuringTheHold() {
        HorizonTransport wrong = transport(emulator.baseUri()).password("nope".toCharArray()).build();
        try {
            TransportException first = failure(wrong.deliver(batch(sessions(1))));
            TransportException second = failure(wrong.deliver(batch(sessions(1))));

            assertThat(first).isInstanceOf(AuthenticationException.class);
            assertThat(first.httpStatus()).isEqualTo(401);
            assertThat(first.errorCode()).isNull(); // Horizon publishes no error keys; the emulator sends none
            assertThat(first.getMessage()).contains(DOMAIN + "\\" + USER).doesNotContain("nope");
            assertThat(second).isInstanceOf(AuthenticationException.class);
            assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
            assertThat(emulator.journal().requestCount(Route.HORIZON_SEND_MESSAGE)).isZero();
        } finally {
            wrong.close();
        }
    }

    @Test
    void withoutAHoldARejectedLoginIsTriedAgainAtTheNextRequest() {
        HorizonTransport wrong = transport(emulator.baseUri()).password("nope".toCharArray())
                .loginFailureHold(Duration.ZERO).build();
        try {
            failure(wrong.deliver(batch(sessions(1))));
            failure(wrong.deliver(batch(sessions(1))));
            assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(2);
        } finally {
            wrong.close();
        }
    }

    @Test
    void passwordSupplierIsAskedAtEachLoginAndItsArrayCleared() {
        List<char[]> handedOut = new ArrayList<>();
        HorizonTransport t = transport(emulator.baseUri()).password(() -> {
            char[] pw = PASSWORD.toCharArray();
            handedOut.add(pw);
            return pw;
        }).build();
        try {
            await(t.deliver(batch(sessions(1))));
            assertThat(handedOut).hasSize(1);
            assertThat(new String(handedOut.get(0))).isEqualTo("\0".repeat(PASSWORD.length()));
        } finally {
            t.close();
        }
    }

    @Test
    void throttlingIsRetryableAndCarriesHorizonsRetryAfter() {
        emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.throttled(Duration.ofSeconds(7)), Trigger.next(1));

        TransportException e = failure(transport.deliver(batch(sessions(2))));

        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.throttled()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.errorCode()).isEqualTo("common.api-throttle-limit.exceeded.error");
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void serverErrorAfterSendingIsAmbiguous() {
        emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.serverError().afterProcessing(), Trigger.next(1));

        TransportException e = failure(transport.deliver(batch(sessions(2))));

        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.requestId()).isNotBlank();
    }

    @Test
    void serviceUnavailableWithRetryAfterIsRetryable() {
        emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.serviceUnavailable(Duration.ofSeconds(2)),
                Trigger.next(1));

        TransportException e = failure(transport.deliver(batch(sessions(2))));

        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(e.throttled()).isFalse();
    }

    @Test
    void aBrokenConnectionAfterSendingIsAmbiguous() {
        emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.connectionReset().afterProcessing(),
                Trigger.next(1));

        TransportException e = failure(transport.deliver(batch(sessions(2))));

        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(e.httpStatus()).isZero();
    }

    @Test
    void aTruncatedAnswerIsAmbiguous() {
        emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.truncatedBody().afterProcessing(),
                Trigger.next(1));

        TransportException e = failure(transport.deliver(batch(sessions(2))));

        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
    }

    @Test
    void noAnswerWithinTheRequestTimeoutIsAmbiguous() {
        HorizonTransport impatient = transport(emulator.baseUri()).requestTimeout(Duration.ofSeconds(1)).build();
        try {
            await(impatient.checkHealth());
            emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.latency(Duration.ofSeconds(3)).afterProcessing(),
                    Trigger.next(1));

            TransportException e = failure(impatient.deliver(batch(sessions(1))));

            assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
            assertThat(e.getMessage()).contains("timeout");
        } finally {
            impatient.close();
        }
    }

    @Test
    void aMalformedOkAnswerIsFatalWithAClearMessage() {
        emulator.faults().inject(Route.HORIZON_SEND_MESSAGE, Fault.malformedJson(), Trigger.next(1));

        TransportException e = failure(transport.deliver(batch(sessions(2))));

        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.errorCode()).isEqualTo("UNEXPECTED_RESPONSE");
        assertThat(e.getMessage()).contains("send-message", "unexpected body");
    }

    @Test
    void refusedConnectionIsRetryable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = s.getLocalPort();
        }
        HorizonTransport nowhere = transport(URI.create("http://127.0.0.1:" + port)).build();
        try {
            TransportException e = failure(nowhere.deliver(batch(List.of("s-1"))));

            assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
            assertThat(e).isNotInstanceOf(AuthenticationException.class);
        } finally {
            nowhere.close();
        }
    }

    @ParameterizedTest
    @EnumSource(HorizonErrorStyle.class)
    void everyErrorBodyShapeGivesAFatalErrorWithHorizonsText(HorizonErrorStyle style) {
        try (HorizonEmulator strict = HorizonEmulator.builder().inventory(inventory).login(DOMAIN, USER, PASSWORD)
                .errorStyle(style).maxIdsPerCall(2).start()) {
            HorizonTransport t = transport(strict.baseUri()).build();
            try {
                TransportException e = failure(t.deliver(batch(sessions(3))));

                assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
                assertThat(e.httpStatus()).isEqualTo(400);
                assertThat(e.getMessage()).contains("session_ids must not contain more than 2 items.");
                assertThat(e.errorCode()).isNull();
            } finally {
                t.close();
            }
        }
    }

    @Test
    void aBatchOfAnotherKindOrWithAnOverlongMessageIsRefusedBeforeAnythingIsSent() {
        io.desknotify.api.Notification longMessage = io.desknotify.api.Notification.builder()
                .message("x".repeat(1025)).build();
        TransportException tooLong = failure(transport.deliver(new io.desknotify.api.spi.Batch("j",
                io.desknotify.api.TargetKind.SESSION, List.of(io.desknotify.api.Target.session("s")), longMessage, 1)));
        TransportException desktops = failure(transport.deliver(new io.desknotify.api.spi.Batch("j",
                io.desknotify.api.TargetKind.DESKTOP, List.of(io.desknotify.api.Target.desktop("d")),
                HorizonTestSupport.notification(Severity.INFO), 1)));

        assertThat(tooLong.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(tooLong.errorCode()).isEqualTo("MESSAGE_TOO_LONG");
        assertThat(desktops.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(desktops.errorCode()).isEqualTo(HorizonTransport.UNSUPPORTED_TARGET);
        assertThat(emulator.journal().requests()).isEmpty();
    }

    @Test
    void checkHealthLogsInAndReadsOneSession() {
        await(transport.checkHealth());

        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
        RecordedRequest get = emulator.journal().requests(Route.HORIZON_SESSIONS).get(0);
        assertThat(get.query()).contains("size=1");
    }

    @Test
    void closeLogsOutWithTheRefreshTokenAndLaterRequestsFailFatally() {
        await(transport.deliver(batch(sessions(1))));

        transport.close();
        transport.close();

        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGOUT)).isEqualTo(1);
        assertThat(emulator.journal().requests(Route.HORIZON_LOGOUT).get(0).bodyText()).contains("refresh_token");
        TransportException e = failure(transport.deliver(batch(sessions(1))));
        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.getMessage()).contains("closed");
    }

    @Test
    void closeDuringALoginWaitsForItAndLogsThatSessionOut() {
        emulator.faults().inject(Route.HORIZON_LOGIN, Fault.latency(Duration.ofMillis(300)), Trigger.next(1));
        CompletableFuture<BatchResult> inFlight = transport.deliver(batch(sessions(1))).toCompletableFuture();

        transport.close();

        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGIN)).isEqualTo(1);
        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGOUT)).isEqualTo(1);
        // the batch raced the logout: it was delivered or refused as closed, but it did not hang
        assertThat(inFlight.handle((r, e) -> "settled")).succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void closeWithoutAnyLoginSendsNoLogout() {
        transport.close();

        assertThat(emulator.journal().requestCount(Route.HORIZON_LOGOUT)).isZero();
    }

    @Test
    void aGivenExecutorRunsTheExchangesAndIsLeftRunningAtClose() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        AtomicInteger tasks = new AtomicInteger();
        try {
            HorizonTransport own = transport(emulator.baseUri()).executor(r -> {
                tasks.incrementAndGet();
                pool.execute(r);
            }).build();

            await(own.deliver(batch(sessions(2))));
            own.close();

            assertThat(tasks.get()).as("login, send-message and logout, and the HTTP client's own tasks")
                    .isGreaterThanOrEqualTo(3);
            assertThat(pool.isShutdown()).isFalse();
            assertThat(emulator.journal().requestCount(Route.HORIZON_LOGOUT)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
