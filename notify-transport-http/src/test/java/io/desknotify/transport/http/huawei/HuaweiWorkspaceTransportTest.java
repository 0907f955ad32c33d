package io.desknotify.transport.http.huawei;

import static io.desknotify.transport.http.huawei.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.Severity;
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
import io.desknotify.api.spi.TransportCapabilities.SeveritySupport;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transport against a scripted loopback server: request shapes, signing, answers and every error path. */
class HuaweiWorkspaceTransportTest {
    private static final String AK = "AK-UNIT";
    private static final String SK = "sk-unit-VERY-secret";
    private static final String PROJECT = "proj-1";
    private static final Instant NOW = Instant.parse("2026-11-23T06:30:00Z");
    private static final Notification MAINTENANCE = Notification.builder().message("Maintenance at 22:00")
            .severity(Severity.WARNING).build();

    private StubServer stub;
    private HuaweiWorkspaceTransport transport;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServer();
        transport = transport(b -> { });
    }

    @AfterEach
    void stop() {
        transport.close();
        stub.close();
    }

    private HuaweiWorkspaceTransport transport(Consumer<HuaweiWorkspaceTransport.Builder> custom) {
        HuaweiWorkspaceTransport.Builder b = HuaweiWorkspaceTransport.builder()
                .endpoint(stub.uri()).projectId(PROJECT).accessKey(AK).secretKey(SK.toCharArray())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .requestTimeout(Duration.ofSeconds(5))
                .readRetry(3, Duration.ofMillis(10), Duration.ofSeconds(1));
        custom.accept(b);
        return b.build();
    }

    private static Batch desktops(String... ids) {
        return new Batch("job-1", TargetKind.DESKTOP, java.util.Arrays.stream(ids).map(Target::desktop)
                .map(Target.class::cast).toList(), MAINTENANCE, 1);
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletionStage<?> stage) throws InterruptedException, TimeoutException {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        return fail("expected the stage to fail");
    }

    private static TransportException transportFailure(CompletionStage<?> stage) throws Exception {
        Throwable t = failure(stage);
        assertThat(t).isInstanceOf(TransportException.class);
        TransportException e = (TransportException) t;
        assertThat(e.getMessage()).doesNotContain(SK);
        return e;
    }

    // ---- delivery

    @Test
    void deliveringDesktopsPostsTheirIdsAndTextAndReturnsTheWorkspaceJobAsAccepted() throws Exception {
        stub.then(json(200, "{\"job_id\":\"job-42\"}"));

        BatchResult result = await(transport.deliver(desktops("d-1", "d-2")));

        assertThat(result.defaultOutcome()).isEqualTo(Outcome.PENDING);
        assertThat(result.providerJobId()).contains("job-42");
        assertThat(result.requestId()).contains("req-200");
        StubServer.Received r = stub.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawPath()).isEqualTo("/v2/proj-1/desktops/notifications");
        assertThat(r.body()).isEqualTo("{\"desktop_ids\":[\"d-1\",\"d-2\"],\"notifications\":\"Maintenance at 22:00\"}");
        assertThat(r.header("X-Project-Id")).isEqualTo(PROJECT);
        assertThat(r.header("X-Sdk-Date")).isEqualTo("20261123T063000Z");
        assertThat(r.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
    }

    @Test
    void signatureOnTheWireEqualsOneComputedIndependentlyFromTheRequestAsReceived() throws Exception {
        stub.then(json(200, "{\"job_id\":\"job-42\"}"));

        await(transport.deliver(desktops("d-1")));

        StubServer.Received r = stub.requests().get(0);
        String canonical = "POST\n/v2/proj-1/desktops/notifications/\n\n"
                + "content-type:application/json;charset=UTF-8\n"
                + "host:127.0.0.1:" + stub.port() + "\n"
                + "x-project-id:proj-1\n"
                + "x-sdk-date:20261123T063000Z\n\n"
                + "content-type;host;x-project-id;x-sdk-date\n" + sha256(r.body());
        String toSign = "SDK-HMAC-SHA256\n20261123T063000Z\n" + sha256(canonical);
        assertThat(r.header("Host")).isEqualTo("127.0.0.1:" + stub.port());
        assertThat(r.header("Authorization")).isEqualTo("SDK-HMAC-SHA256 Access=AK-UNIT, "
                + "SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=" + hmac(SK, toSign));
    }

    @Test
    void securityTokenOfTemporaryKeysIsSentAndSigned() throws Exception {
        try (HuaweiWorkspaceTransport t = transport(b -> b.securityToken("sts-token-123".toCharArray()))) {
            stub.then(json(200, "{\"total_count\":0,\"desktops\":[]}"));

            await(t.checkHealth());

            StubServer.Received r = stub.requests().get(0);
            assertThat(r.header("X-Security-Token")).isEqualTo("sts-token-123");
            assertThat(r.header("Authorization")).contains("SignedHeaders=host;x-project-id;x-sdk-date;x-security-token");
            assertThat(t.toString()).doesNotContain("sts-token-123");
        }
    }

    @Test
    void aSecretKeySupplierIsAskedPerRequestAndItsArrayIsNeverCleared() throws Exception {
        char[] shared = SK.toCharArray();
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (HuaweiWorkspaceTransport t = transport(b -> b.secretKey(() -> {
            asked.incrementAndGet();
            return shared;
        }))) {
            stub.then(json(200, "{\"job_id\":\"a\"}")).then(json(200, "{\"job_id\":\"b\"}"));

            await(t.deliver(desktops("d-1")));
            await(t.deliver(desktops("d-1")));

            assertThat(asked).hasValue(2);
            assertThat(new String(shared)).isEqualTo(SK);
            assertThat(stub.requests().get(0).header("Authorization"))
                    .isEqualTo(stub.requests().get(1).header("Authorization"));
        }
    }

    @Test
    void deliveringAPoolPostsToThePoolPathWithItsIdAsGivenNotNormalised() throws Exception {
        stub.then(json(200, "{\"job_id\":\"job-pool\"}"));

        BatchResult result = await(transport.deliver(new Batch("job-1", TargetKind.DESKTOP_POOL,
                List.of(Target.desktopPool("Pool-a.b_c~..d")), MAINTENANCE, 1)));

        assertThat(result.providerJobId()).contains("job-pool");
        StubServer.Received r = stub.requests().get(0);
        assertThat(r.rawPath()).isEqualTo("/v2/proj-1/desktop-pools/Pool-a.b_c~..d/notifications");
        assertThat(r.body()).isEqualTo("{\"notifications\":\"Maintenance at 22:00\"}");
    }

    @Test
    void prefixedSeverityIsWrittenInFrontOfTheTextAndShortensTheDeclaredLimit() throws Exception {
        try (HuaweiWorkspaceTransport t = transport(b -> b.severity(SeveritySupport.PREFIXED).maxMessageLength(100))) {
            stub.then(json(200, "{\"job_id\":\"j\"}"));

            await(t.deliver(desktops("d-1")));

            assertThat(stub.requests().get(0).body()).contains("\"notifications\":\"[WARNING] Maintenance at 22:00\"");
            assertThat(t.capabilities().severitySupport()).isEqualTo(SeveritySupport.PREFIXED);
            assertThat(t.capabilities().maxMessageLength()).isEqualTo(90);
        }
    }

    @Test
    void droppedSeveritySendsTheTextAlone() throws Exception {
        stub.then(json(200, "{\"job_id\":\"j\"}"));

        await(transport.deliver(desktops("d-1")));

        assertThat(stub.requests().get(0).body()).contains("\"notifications\":\"Maintenance at 22:00\"");
        assertThat(transport.capabilities().maxMessageLength()).isEqualTo(1024);
    }

    @Test
    void tokenAuthSendsXAuthTokenFromTheSupplierAndNoSignature() throws Exception {
        try (HuaweiWorkspaceTransport t = HuaweiWorkspaceTransport.builder().endpoint(stub.uri()).projectId(PROJECT)
                .authTokenAsync(() -> java.util.concurrent.CompletableFuture.completedFuture("iam-token-abc"))
                .build()) {
            stub.then(json(200, "{\"job_id\":\"j\"}"));

            await(t.deliver(desktops("d-1")));

            StubServer.Received r = stub.requests().get(0);
            assertThat(r.header("X-Auth-Token")).isEqualTo("iam-token-abc");
            assertThat(r.header("Authorization")).isNull();
            assertThat(t.toString()).doesNotContain("iam-token-abc");
        }
    }

    @Test
    void aFailingTokenSupplierFailsRetryablyWithoutSendingAnything() throws Exception {
        try (HuaweiWorkspaceTransport t = HuaweiWorkspaceTransport.builder().endpoint(stub.uri()).projectId(PROJECT)
                .authToken(() -> {
                    throw new IllegalStateException("IAM down");
                }).build()) {
            TransportException e = transportFailure(t.deliver(desktops("d-1")));

            assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
            assertThat(stub.requests()).isEmpty();
        }
    }

    @Test
    void aBlankTokenIsAnAuthenticationErrorWithoutSendingAnything() throws Exception {
        try (HuaweiWorkspaceTransport t = HuaweiWorkspaceTransport.builder().endpoint(stub.uri()).projectId(PROJECT)
                .authToken(() -> " ").build()) {
            assertThat(failure(t.deliver(desktops("d-1")))).isInstanceOf(AuthenticationException.class);
            assertThat(stub.requests()).isEmpty();
        }
    }

    @Test
    void theGivenExecutorRunsTheHttpClientsWork() throws Exception {
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (HuaweiWorkspaceTransport t = transport(b -> b.executor(r -> {
            tasks.incrementAndGet();
            pool.execute(r);
        }))) {
            stub.then(json(200, "{\"job_id\":\"j\"}"));

            await(t.deliver(desktops("d-1")));

            assertThat(tasks.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTextLongerThanTheLimitIsRefusedBeforeSending() throws Exception {
        try (HuaweiWorkspaceTransport t = transport(b -> b.maxMessageLength(5))) {
            TransportException e = transportFailure(t.deliver(desktops("d-1")));

            assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
            assertThat(e.errorCode()).isEqualTo("MESSAGE_TOO_LONG");
            assertThat(stub.requests()).isEmpty();
        }
    }

    // ---- errors

    @Test
    void http429IsRetryableThrottledWithRetryAfterSecondsErrorCodeAndRequestId() throws Exception {
        stub.then(json(429, "{\"error_code\":\"APIG.0308\",\"error_msg\":\"over ratelimit\"}", "Retry-After", "3"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.throttled()).isTrue();
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(e.errorCode()).isEqualTo("APIG.0308");
        assertThat(e.requestId()).isEqualTo("req-429");
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(e.getMessage()).contains("over ratelimit").contains("req-429");
    }

    @Test
    void retryAfterAsAnHttpDateIsReadAgainstTheClock() throws Exception {
        stub.then(json(429, "{}", "Retry-After", "Mon, 23 Nov 2026 06:30:07 GMT"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void gatewayThrottlingCodeMakesAnyStatusThrottled() throws Exception {
        stub.then(json(400, "{\"error_code\":\"APIGW.0308\",\"error_msg\":\"throttled\"}"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(e.throttled()).isTrue();
    }

    @Test
    void http401IsAnAuthenticationErrorAndAGetIsNotRetried() throws Exception {
        stub.otherwise(json(401, "{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication "
                + "information\",\"encoded_authorization_message\":\"xyz\"}"));

        Throwable t = failure(transport.pollJob(new ProviderJobPoll("job-1", List.of(Target.desktop("d")), 1)));

        assertThat(t).isInstanceOf(AuthenticationException.class);
        AuthenticationException e = (AuthenticationException) t;
        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.errorCode()).isEqualTo("APIG.0301");
        assertThat(e.requestId()).isEqualTo("req-401");
        assertThat(e.getMessage()).contains("encoded_authorization_message").doesNotContain(SK);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void http403IsAnAuthenticationError() throws Exception {
        stub.then(json(403, "{\"error_code\":\"WKS.0403\",\"error_msg\":\"No permission\"}"));

        assertThat(failure(transport.deliver(desktops("d-1")))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void http500AfterAPostIsAmbiguous() throws Exception {
        stub.then(json(500, "{\"error_code\":\"WKS.0999\",\"error_msg\":\"Internal\"}"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(e.errorCode()).isEqualTo("WKS.0999");
    }

    @Test
    void http503WithRetryAfterIsRetryableAndWithoutItAmbiguous() throws Exception {
        stub.then(json(503, "{\"error_code\":\"APIG.0201\"}", "Retry-After", "1"))
                .then(json(503, "{\"error_code\":\"APIG.0201\"}"));

        TransportException with = transportFailure(transport.deliver(desktops("d-1")));
        TransportException without = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(with.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(with.retryAfter()).contains(Duration.ofSeconds(1));
        assertThat(with.throttled()).isFalse();
        assertThat(without.retryability()).isEqualTo(Retryability.AMBIGUOUS);
    }

    @Test
    void otherClientErrorsAreFatalWithTheProviderCodeAndMessage() throws Exception {
        stub.then(json(404, "{\"error_code\":\"WKS.0005\",\"error_msg\":\"The desktop pool does not exist.\","
                + "\"error_detail\":\"pool p-9\"}"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.errorCode()).isEqualTo("WKS.0005");
        assertThat(e.getMessage()).contains("HTTP 404").contains("does not exist").contains("pool p-9");
    }

    @Test
    void anErrorWithoutAJsonBodyIsStillClassifiedByStatus() throws Exception {
        stub.then(json(502, "<html>bad gateway</html>"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(e.errorCode()).isNull();
    }

    @Test
    void aRedirectIsNeverFollowed() throws Exception {
        stub.then(json(302, "", "Location", "http://127.0.0.1:1/elsewhere"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.retryability()).isEqualTo(Retryability.FATAL);
        assertThat(e.httpStatus()).isEqualTo(302);
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void a200WithoutJobIdIsAnAmbiguousUnexpectedAnswerBecauseTheSendWasAccepted() throws Exception {
        stub.then(json(200, "{\"jobId\":\"camelCase\"}"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(e.errorCode()).isEqualTo("UNEXPECTED_ANSWER");
        assertThat(e.getMessage()).contains("no job_id").contains("req-200");
    }

    @Test
    void a200ThatIsNotJsonOrNotAnObjectIsAnUnexpectedAnswer() throws Exception {
        stub.then(json(200, "this is not json")).then(json(200, "[1,2]"));

        assertThat(transportFailure(transport.deliver(desktops("d-1"))).getMessage()).contains("not valid JSON");
        assertThat(transportFailure(transport.deliver(desktops("d-1"))).getMessage()).contains("expected a JSON object");
    }

    @Test
    void aBodyAnnouncedLargerThanTheCapIsRefused() throws Exception {
        String big = "{\"job_id\":\"" + "x".repeat(4000) + "\"}";
        try (HuaweiWorkspaceTransport t = transport(b -> b.maxResponseBytes(1024))) {
            stub.then(json(200, big));

            TransportException e = transportFailure(t.deliver(desktops("d-1")));

            assertThat(e.errorCode()).isEqualTo("RESPONSE_TOO_LARGE");
            assertThat(e.getMessage()).contains("limit is 1024 bytes");
        }
    }

    @Test
    void aStreamedBodyGrowingPastTheCapIsRefusedWithoutReadingItAll() throws Exception {
        stub.then(StubServer.chunked(64 << 20));

        TransportException e = transportFailure(transport.pollJob(
                new ProviderJobPoll("job-1", List.of(Target.desktop("d")), 1)));

        assertThat(e.errorCode()).isEqualTo("RESPONSE_TOO_LARGE");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void deeplyNestedJsonIsRefused() throws Exception {
        stub.then(json(200, "{\"job_id\":" + "[".repeat(500) + "]".repeat(500) + "}"));

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.errorCode()).isEqualTo("UNEXPECTED_ANSWER");
        assertThat(e.getMessage()).contains("nested deeper");
    }

    @Test
    void aRefusedConnectionIsRetryable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (HuaweiWorkspaceTransport t = HuaweiWorkspaceTransport.builder()
                .endpoint(URI.create("http://127.0.0.1:" + closedPort)).projectId(PROJECT).accessKey(AK)
                .secretKey(SK.toCharArray()).build()) {
            TransportException e = transportFailure(t.deliver(desktops("d-1")));

            assertThat(e.retryability()).isEqualTo(Retryability.RETRYABLE);
            assertThat(e.httpStatus()).isZero();
            assertThat(e.getMessage()).contains("before the request was sent");
        }
    }

    @Test
    void resolutionReadsAreRetriedOnTransientFailuresUpToTheLimit() throws Exception {
        stub.then(json(500, "{}")).then(json(429, "{}", "Retry-After", "0"))
                .then(json(200, "{\"desktops\":[],\"total_count\":0}"));
        ResolveRequest user = new ResolveRequest("job-1", List.of(Target.user("u")), false);

        Resolution r = await(transport.resolve(user));

        assertThat(r.settled()).singleElement()
                .satisfies(s -> assertThat(s.errorCode()).isEqualTo("USER_HAS_NO_DESKTOP"));
        assertThat(stub.requests()).hasSize(3);

        stub.otherwise(json(500, "{}"));
        TransportException e = transportFailure(transport.resolve(user));
        assertThat(e.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(stub.requests()).hasSize(6);
    }

    @Test
    void aJobPollIsSentOncePerCallSoItsThrottlingAnswerReachesTheCaller() throws Exception {
        // Retry-After 0 and a 500 are both within the read retry, which would repeat any other GET
        stub.then(json(429, "{\"error_code\":\"APIG.0308\",\"error_msg\":\"over ratelimit\"}", "Retry-After", "0"))
                .then(json(500, "{}")).then(json(200, "{\"id\":\"job-1\",\"status\":\"RUNNING\"}"));
        ProviderJobPoll poll = new ProviderJobPoll("job-1", List.of(Target.desktop("d")), 1);

        TransportException throttled = transportFailure(transport.pollJob(poll));
        assertThat(stub.requests()).hasSize(1);
        TransportException serverError = transportFailure(transport.pollJob(poll));
        assertThat(stub.requests()).hasSize(2);
        ProviderJobStatus running = await(transport.pollJob(poll));

        assertThat(throttled.throttled()).isTrue();
        assertThat(throttled.retryability()).isEqualTo(Retryability.RETRYABLE);
        assertThat(throttled.retryAfter()).contains(Duration.ZERO);
        assertThat(throttled.errorCode()).isEqualTo("APIG.0308");
        assertThat(serverError.retryability()).isEqualTo(Retryability.AMBIGUOUS);
        assertThat(running.finished()).isFalse();
        assertThat(stub.requests()).hasSize(3);
    }

    @Test
    void deliveriesAreNeverRetriedByTheTransport() throws Exception {
        stub.then(json(500, "{}"));

        transportFailure(transport.deliver(desktops("d-1")));

        assertThat(stub.requests()).hasSize(1);
    }

    // ---- jobs

    @Test
    void initWaitingAndRunningJobsAreStillRunning() throws Exception {
        for (String status : List.of("INIT", "WAITING", "RUNNING")) {
            stub.then(json(200, "{\"id\":\"j\",\"status\":\"" + status + "\"}"));
            assertThat(await(transport.pollJob(new ProviderJobPoll("j", List.of(Target.desktop("d")), 1)))
                    .finished()).isFalse();
        }
        assertThat(stub.requests().get(0).rawPath()).isEqualTo("/v2/proj-1/workspace-jobs/j");
    }

    @Test
    void aFinishedJobFoldsSubJobsIntoPerDesktopOutcomesWithTheirErrors() throws Exception {
        stub.then(json(200, "{\"id\":\"j\",\"status\":\"FAILED\",\"job_error_code\":\"WKS.0500\","
                + "\"fail_reason\":\"1 of 3 failed\",\"sub_jobs_total\":3,\"sub_jobs\":["
                + "{\"id\":\"s1\",\"status\":\"SUCCESS\",\"entities\":{\"desktop_id\":\"d-1\"}},"
                + "{\"id\":\"s2\",\"status\":\"FAILED\",\"error_code\":\"WKS.0004\",\"fail_reason\":\"no such desktop\","
                + "\"entities\":{\"desktop_id\":\"d-2\"}},"
                + "{\"id\":\"s3\",\"status\":\"SUCCESS\",\"error_code\":null,\"entities\":{\"desktop_id\":\"d-3\"}}]}"));
        List<Target> targets = List.of(Target.desktop("d-1"), Target.desktop("d-2"), Target.desktop("d-3"),
                Target.desktop("d-4"));

        ProviderJobStatus s = await(transport.pollJob(new ProviderJobPoll("j", targets, 1)));

        assertThat(s.finished()).isTrue();
        assertThat(s.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(s.perTarget()).containsExactly(
                TargetResult.failed(Target.desktop("d-2"), "WKS.0004", "no such desktop"),
                TargetResult.failed(Target.desktop("d-4"), "WKS.0500", "1 of 3 failed"));
    }

    @Test
    void aSuccessfulJobDeliversEveryDesktop() throws Exception {
        stub.then(json(200, "{\"id\":\"j\",\"status\":\"SUCCESS\",\"sub_jobs\":[]}"));

        ProviderJobStatus s = await(transport.pollJob(new ProviderJobPoll("j", List.of(Target.desktop("d-1")), 1)));

        assertThat(s.finished()).isTrue();
        assertThat(s.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(s.perTarget()).isEmpty();
    }

    @Test
    void aPoolTakesTheOutcomeOfTheJobItself() throws Exception {
        stub.then(json(200, "{\"id\":\"j\",\"status\":\"FAILED\",\"job_error_code\":\"WKS.0009\","
                + "\"fail_reason\":\"pool busy\",\"sub_jobs\":[{\"status\":\"SUCCESS\",\"entities\":{\"desktop_id\":\"x\"}}]}"))
                .then(json(200, "{\"id\":\"j\",\"status\":\"SUCCESS\",\"sub_jobs\":[{\"status\":\"FAILED\","
                        + "\"entities\":{\"desktop_id\":\"x\"}}]}"));
        Target pool = Target.desktopPool("p-1");

        ProviderJobStatus failed = await(transport.pollJob(new ProviderJobPoll("j", List.of(pool), 1)));
        ProviderJobStatus succeeded = await(transport.pollJob(new ProviderJobPoll("j", List.of(pool), 1)));

        assertThat(failed.perTarget()).containsExactly(TargetResult.failed(pool, "WKS.0009", "pool busy"));
        assertThat(succeeded.perTarget()).isEmpty();
        assertThat(succeeded.defaultOutcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void anUnknownJobStatusOrMissingStatusIsAFatalUnexpectedAnswer() throws Exception {
        stub.then(json(200, "{\"id\":\"j\",\"status\":\"EXPLODED\"}")).then(json(200, "{\"id\":\"j\"}"));
        ProviderJobPoll poll = new ProviderJobPoll("j", List.of(Target.desktop("d")), 1);

        assertThat(transportFailure(transport.pollJob(poll)).getMessage()).contains("unknown job status 'EXPLODED'");
        assertThat(transportFailure(transport.pollJob(poll)).getMessage()).contains("no status");
    }

    // ---- records, health, lifecycle

    @Test
    void providerRecordQueriesSendEveryFilterAndMapTheRecords() throws Exception {
        stub.then(json(200, "{\"total_count\":7,\"notification_records\":[{\"project_id\":\"proj-1\","
                + "\"type\":\"SMS\",\"user_name\":\"lisi\",\"desktop_pool_name\":\"desktopPool\",\"result\":\"FAIL\","
                + "\"error_message\":\"violates laws\",\"operate_time\":\"2025-09-15T01:40:23.584Z\"}]}"));

        Page<ProviderRecord> page = await(transport.queryProviderRecords(ProviderRecordQuery
                .builder(TargetKind.DESKTOP_POOL).targetName("desktopPool").userName("lisi").channel("SMS")
                .offset(5).limit(2).newestFirst(false).build()));

        StubServer.Received r = stub.requests().get(0);
        assertThat(r.rawPath()).isEqualTo("/v2/proj-1/users/notification-records");
        assertThat(r.rawQuery()).isEqualTo("desktop_pool_name=desktopPool&limit=2&offset=5&query_type=DESKTOP_POOL"
                + "&sort_field=operate_time&sort_type=ASC&type=SMS&user_name=lisi");
        assertThat(page.total()).isEqualTo(7);
        assertThat(page.offset()).isEqualTo(5);
        assertThat(page.items()).singleElement().satisfies(rec -> {
            assertThat(rec.provider()).isEqualTo("huawei-workspace");
            assertThat(rec.scope()).isEqualTo(TargetKind.DESKTOP_POOL);
            assertThat(rec.targetName()).isEqualTo("desktopPool");
            assertThat(rec.userName()).isEqualTo("lisi");
            assertThat(rec.channel()).isEqualTo("SMS");
            assertThat(rec.time()).isEqualTo(Instant.parse("2025-09-15T01:40:23.584Z"));
            assertThat(rec.content()).isEqualTo("violates laws");
            assertThat(rec.attributes()).containsEntry("result", "FAIL").containsEntry("project_id", "proj-1");
        });
    }

    @Test
    void healthCheckIsOneAuthenticatedGetOfOneDesktop() throws Exception {
        stub.then(json(200, "{\"total_count\":1,\"desktops\":[]}"));

        await(transport.checkHealth());

        StubServer.Received r = stub.requests().get(0);
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.rawPath()).isEqualTo("/v2/proj-1/connect-desktops");
        assertThat(r.rawQuery()).isEqualTo("limit=1&offset=0");
        assertThat(r.header("Authorization")).startsWith("SDK-HMAC-SHA256 Access=AK-UNIT");
    }

    @Test
    void aClosedTransportRefusesWork() throws Exception {
        transport.close();
        transport.close();

        TransportException e = transportFailure(transport.deliver(desktops("d-1")));

        assertThat(e.errorCode()).isEqualTo("TRANSPORT_CLOSED");
        assertThat(stub.requests()).isEmpty();
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hmac(String key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
