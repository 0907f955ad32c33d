package io.desknotify.transport.http.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.Outcome;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.core.Notifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hostile provider, end to end through the {@link Notifier} for both providers: oversized answers are refused
 * without being read whole, deeply nested JSON is refused, redirects are not followed (a second loopback server
 * proves that nothing, credentials included, reaches another host), and a 200 of an unexpected shape ends in
 * records with a clear reason instead of a crash. The transport unit tests check the single exchanges; these
 * check the job: every target ends in exactly one record, and no secret shows anywhere.
 */
class HostileProviderTest {
    private static final int TARGETS = 250;
    private final OutputCapture capture = new OutputCapture();
    private HostileServer hostile;
    private HostileServer elsewhere;

    @BeforeEach
    void start() throws Exception {
        capture.start();
        hostile = new HostileServer();
        elsewhere = new HostileServer();
    }

    @AfterEach
    void stop() {
        capture.stop();
        hostile.close();
        elsewhere.close();
    }

    /** Runs one job against the hostile server; checks one record per target and scans the output. */
    private List<DeliveryRecord> run(Rig.Kind kind, Consumer<Rig.Settings> settings) throws Exception {
        Transport transport = kind.transport(hostile.uri(), settings);
        capture.text(transport);
        List<Target> targets = MadeUpTargets.of(kind, TARGETS);
        List<DeliveryRecord> records;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Notifier notifier = Notifier.builder().transport(transport).retry(FaultMatrixTest.FAST)
                .jobPolling(Duration.ofMillis(20), Duration.ofSeconds(5)).closeTimeout(Duration.ofSeconds(2))
                .listener(capture).meterRegistry(meters).build()) {
            JobReport report = notifier.send(FaultMatrixTest.MAINTENANCE, targets).completion()
                    .get(30, TimeUnit.SECONDS);
            capture.report(report);
            records = notifier.records(RecordQuery.builder().jobId(report.jobId()).limit(RecordQuery.MAX_LIMIT)
                    .build()).items();
            assertThat(report.targets()).isEqualTo(TARGETS);
        }
        capture.records(records);
        capture.meters(meters);
        Set<String> ids = new HashSet<>();
        records.forEach(r -> assertThat(ids.add(r.target().value())).as("one record for %s", r.target()).isTrue());
        assertThat(ids).hasSize(TARGETS);
        Set<String> secrets = new LinkedHashSet<>(List.of(Rig.HUAWEI_AK, Rig.HUAWEI_SK, Rig.HUAWEI_IAM_TOKEN,
                Rig.HORIZON_PASSWORD));
        secrets.addAll(hostile.tokensHandedOut);
        capture.assertNoneOf(secrets);
        return records;
    }

    private static void allUnknownSaying(List<DeliveryRecord> records, String code, String reason) {
        for (DeliveryRecord r : records) {
            assertThat(r.outcome()).as("a 2xx answer: the provider may have acted").isEqualTo(Outcome.UNKNOWN);
            assertThat(r.errorCode()).hasValue(code);
            assertThat(r.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains(reason));
            assertThat(r.attempts()).as("never retried: the answer would be the same").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void anAnswerAnnouncedLargerThanTheDefaultCapIsRefusedUnread(Rig.Kind kind) throws Exception {
        hostile.answering(HostileServer.huge(64L << 20, true));

        List<DeliveryRecord> records = run(kind, s -> { });

        allUnknownSaying(records, kind == Rig.Kind.HUAWEI ? "RESPONSE_TOO_LARGE" : "HTTP_200",
                "limit is 1048576 bytes");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(hostile.clientHungUp);
        assertThat(hostile.bodyBytesWritten.get()).as("bytes the provider got to write of 64 MiB")
                .isLessThan(16L << 20);
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void aStreamedAnswerGrowingPastTheCapIsCutOffWithoutReadingItAll(Rig.Kind kind) throws Exception {
        hostile.answering(HostileServer.huge(64L << 20, false));

        List<DeliveryRecord> records = run(kind, s -> s.maxResponseBytes = 64 * 1024);

        allUnknownSaying(records, kind == Rig.Kind.HUAWEI ? "RESPONSE_TOO_LARGE" : "HTTP_200",
                "limit is 65536 bytes");
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(hostile.clientHungUp);
        assertThat(hostile.bodyBytesWritten.get()).isLessThan(16L << 20);
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void deeplyNestedJsonIsRefusedWithoutACrash(Rig.Kind kind) throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        hostile.answering((ex, s) -> HostileServer.respond(ex, 200,
                kind == Rig.Kind.HUAWEI ? "{\"job_id\":" + deep + "}" : deep));

        List<DeliveryRecord> records = run(kind, s -> { });

        allUnknownSaying(records, kind == Rig.Kind.HUAWEI ? "UNEXPECTED_ANSWER" : "UNEXPECTED_RESPONSE",
                "nested deeper than 32");
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void aRedirectIsNotFollowedAndNothingReachesTheOtherHost(Rig.Kind kind) throws Exception {
        hostile.redirectEverything = elsewhere.uri();

        List<DeliveryRecord> records = run(kind, s -> { });

        assertThat(elsewhere.paths()).as("requests that reached the other host").isEmpty();
        assertThat(hostile.paths()).isNotEmpty();
        for (DeliveryRecord r : records) {
            assertThat(r.outcome()).as("a 307 is no acceptance").isEqualTo(Outcome.FAILED);
            assertThat(r.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("307"));
        }
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void a200OfAnUnexpectedShapeIsARecordWithAClearReasonNotACrash(Rig.Kind kind) throws Exception {
        hostile.answering((ex, s) -> HostileServer.respond(ex, 200,
                kind == Rig.Kind.HUAWEI ? "{\"jobId\":\"7\"}" : "{\"status\":\"ok\"}"));

        List<DeliveryRecord> records = run(kind, s -> { });

        allUnknownSaying(records, kind == Rig.Kind.HUAWEI ? "UNEXPECTED_ANSWER" : "UNEXPECTED_RESPONSE",
                kind == Rig.Kind.HUAWEI ? "no job_id" : "expected an array");
    }
}
