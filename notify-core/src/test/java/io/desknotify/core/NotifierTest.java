package io.desknotify.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.ConfigurationException;
import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.InvalidRequestException;
import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.core.inmemory.InMemoryTransport;
import io.desknotify.core.metrics.MicrometerNotifyListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotifierTest {
    private static final Notification MAINTENANCE = Notification.builder()
            .message("Maintenance at 22:00, please save your work").severity(Severity.WARNING).build();
    private static final RetrySettings FAST_RETRY = RetrySettings.custom().maxAttempts(4)
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

    private final List<Notifier> notifiers = new ArrayList<>();

    @AfterEach
    void closeNotifiers() {
        notifiers.forEach(Notifier::close);
    }

    private Notifier notifier(InMemoryTransport transport) {
        return track(Notifier.builder().transport(transport).retry(FAST_RETRY).build());
    }

    private Notifier track(Notifier n) {
        notifiers.add(n);
        return n;
    }

    private static List<Target> desktops(int n) {
        return IntStream.range(0, n).mapToObj(i -> (Target) Target.desktop("desktop-" + i)).toList();
    }

    private static JobReport await(NotificationJob job) throws Exception {
        return job.completion().get(20, TimeUnit.SECONDS);
    }

    private static Supplier<TransportException> error(Retryability r, int status) {
        return () -> TransportException.builder(r, "HTTP " + status).httpStatus(status).errorCode("E" + status)
                .build();
    }

    private List<DeliveryRecord> allRecords(Notifier notifier, String jobId) {
        List<DeliveryRecord> all = new ArrayList<>();
        long offset = 0;
        Page<DeliveryRecord> page;
        do {
            page = notifier.records(RecordQuery.builder().jobId(jobId).offset(offset).limit(1000).build());
            all.addAll(page.items());
            offset += page.items().size();
        } while (page.hasNext());
        return all;
    }

    @Test
    void validationFailuresNameTheFieldAndSendNothing() {
        InMemoryTransport transport = InMemoryTransport.builder().maxMessageLength(20)
                .kinds(TargetKind.DESKTOP, TargetKind.DESKTOP_POOL).build();
        Notifier notifier = notifier(transport);
        Notification longMessage = Notification.builder().message("x".repeat(21)).build();
        Notification ok = Notification.builder().message("short").build();

        assertThatThrownBy(() -> notifier.send(longMessage, desktops(3)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("21")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("message");
        assertThatThrownBy(() -> notifier.send(ok, List.of()))
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("targets");
        assertThatThrownBy(() -> notifier.send(ok, null))
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("targets");
        List<Target> withNull = new ArrayList<>(desktops(2));
        withNull.add(null);
        assertThatThrownBy(() -> notifier.send(ok, withNull))
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("targets[2]");
        assertThatThrownBy(() -> notifier.send(ok, List.of(Target.desktop("a"), Target.desktop("b").via("nowhere"))))
                .hasMessageContaining("nowhere")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("targets[1].provider");
        assertThatThrownBy(() -> notifier.send(ok, List.of(Target.desktop("a"), Target.session("s1"))))
                .hasMessageContaining("SESSION")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("targets[1]");
        assertThatThrownBy(() -> notifier.send(ok, List.of(Target.user("zhangsan"))))
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("targets[0]");
        assertThatThrownBy(() -> notifier.send(null, desktops(1)))
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("notification");

        assertThat(transport.deliverCalls()).isZero();
        assertThat(notifier.records(RecordQuery.builder().build()).total()).isZero();
    }

    @Test
    void notificationBuilderRejectsBlankMessagesAndControlCharacters() {
        assertThatThrownBy(() -> Notification.builder().message("  \n ").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> Notification.builder().message(null))
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("message");
        assertThatThrownBy(() -> Notification.builder().message("bell\u0007"))
                .hasMessageContaining("U+0007").extracting(e -> ((InvalidRequestException) e).field())
                .isEqualTo("message");
        assertThat(Notification.builder().message("line one\n\tline two").build().message()).contains("\t");
        assertThatThrownBy(() -> Target.desktop(" ")).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("desktop id");
    }

    @Test
    void tenThousandAndOneTargetsInBatchesOf100MakeExactly101BatchesAnd10001Records() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 100).build();
        Notifier notifier = notifier(transport);

        NotificationJob job = notifier.send(MAINTENANCE, desktops(10_001));
        JobReport report = await(job);

        assertThat(transport.deliverCalls()).isEqualTo(101);
        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(10_001);
        List<DeliveryRecord> records = allRecords(notifier, job.id());
        assertThat(records).hasSize(10_001);
        assertThat(records).extracting(r -> r.target().value()).doesNotHaveDuplicates();
        assertThat(transport.distinctShown()).isEqualTo(10_001);
        assertThat(transport.shownMoreThanOnce()).isZero();
    }

    @Test
    void duplicateTargetsCollapseToOneDeliveryAndOneRecord() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().user("zhangsan", "d1", "d9").build();
        Notifier notifier = notifier(transport);
        List<Target> targets = List.of(Target.desktop("d1"), Target.desktop("d2"), Target.desktop("d1"),
                Target.desktop("d1").via("in-memory"), Target.user("zhangsan"), Target.user("zhangsan"));

        NotificationJob job = notifier.send(MAINTENANCE, targets);
        JobReport report = await(job);

        assertThat(report.targets()).isEqualTo(3);
        assertThat(allRecords(notifier, job.id())).extracting(r -> r.target().value())
                .containsExactlyInAnyOrder("d1", "d2", "d9");
        assertThat(transport.shownCount("d1")).isEqualTo(1);
        assertThat(transport.shownCount("d9")).isEqualTo(1);
        assertThat(transport.shownTotal()).isEqualTo(3);
    }

    @Test
    void concurrentBatchesNeverExceedTheSetting() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(15))
                .maxBatchSize(TargetKind.DESKTOP, 10).build();
        Notifier notifier = track(Notifier.builder().transport(transport).maxConcurrentBatches(3).build());

        // two jobs at once: the bound is per transport, not per job
        NotificationJob a = notifier.send(MAINTENANCE, desktops(300));
        NotificationJob b = notifier.send(MAINTENANCE,
                IntStream.range(0, 200).mapToObj(i -> (Target) Target.desktop("other-" + i)).toList());
        await(a);
        await(b);

        assertThat(transport.deliverCalls()).isEqualTo(50);
        assertThat(transport.maxConcurrentCalls()).isEqualTo(3);
    }

    @Test
    void retryableErrorTwiceThenSuccessIsDeliveredWithThreeAttempts() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().build();
        transport.failNext(2, error(Retryability.RETRYABLE, 503));
        Notifier notifier = notifier(transport);

        NotificationJob job = notifier.send(MAINTENANCE, desktops(5));
        JobReport report = await(job);

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(5);
        assertThat(allRecords(notifier, job.id())).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(r.attempts()).isEqualTo(3);
        });
        assertThat(transport.deliverCalls()).isEqualTo(3);
    }

    @Test
    void retriesStopAfterMaxAttemptsAndTheTargetsFailWithTheProviderCode() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().build();
        transport.failNext(10, error(Retryability.RETRYABLE, 503));
        Notifier notifier = notifier(transport);

        NotificationJob job = notifier.send(MAINTENANCE, desktops(2));
        JobReport report = await(job);

        assertThat(report.status()).isEqualTo(JobStatus.FAILED);
        assertThat(transport.deliverCalls()).isEqualTo(4);
        assertThat(allRecords(notifier, job.id())).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.errorCode()).contains("E503");
            assertThat(r.attempts()).isEqualTo(4);
        });
    }

    @Test
    void ambiguousFailureGivesUnknownAndNoSecondSend() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().build();
        transport.failNextAfterShowing(1, error(Retryability.AMBIGUOUS, 504));
        Notifier notifier = notifier(transport);

        NotificationJob job = notifier.send(MAINTENANCE, desktops(3));
        JobReport report = await(job);

        assertThat(report.count(Outcome.UNKNOWN)).isEqualTo(3);
        assertThat(transport.deliverCalls()).isEqualTo(1);
        assertThat(transport.shownMoreThanOnce()).isZero();
        assertThat(allRecords(notifier, job.id())).allSatisfy(r -> assertThat(r.attempts()).isEqualTo(1));
    }

    @Test
    void atLeastOnceRetriesAmbiguousFailures() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().build();
        transport.failNextAfterShowing(1, error(Retryability.AMBIGUOUS, 504));
        Notifier notifier = track(Notifier.builder().transport(transport)
                .retry(RetrySettings.custom().maxAttempts(3).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(2)).retryAmbiguous(true).build())
                .build());

        JobReport report = await(notifier.send(MAINTENANCE, desktops(3)));

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(3);
        assertThat(transport.deliverCalls()).isEqualTo(2);
        assertThat(transport.shownCount("desktop-0")).isEqualTo(2);
    }

    @Test
    void authenticationFailureFailsTheJobAfterOneRequest() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 10).build();
        transport.failNext(100, () -> AuthenticationException.of("in-memory", 401, "APIG.0301", "req-1",
                "incorrect IAM authentication information"));
        Notifier notifier = track(Notifier.builder().transport(transport).retry(FAST_RETRY)
                .maxConcurrentBatches(1).build());

        JobReport report = await(notifier.send(MAINTENANCE, desktops(100)));

        assertThat(transport.deliverCalls()).isEqualTo(1);
        assertThat(report.status()).isEqualTo(JobStatus.FAILED);
        assertThat(report.count(Outcome.FAILED)).isEqualTo(100);
        assertThat(report.failure()).get().isInstanceOf(AuthenticationException.class);
    }

    @Test
    void cancelMarksUnsentTargetsCancelled() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(30))
                .maxBatchSize(TargetKind.DESKTOP, 10).build();
        Notifier notifier = track(Notifier.builder().transport(transport).maxConcurrentBatches(1).build());

        NotificationJob job = notifier.send(MAINTENANCE, desktops(200));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> transport.deliverCalls() >= 1);
        assertThat(job.cancel()).isTrue();
        JobReport report = await(job);

        assertThat(report.status()).isEqualTo(JobStatus.CANCELLED);
        long sent = transport.shownTotal();
        assertThat(sent).isPositive().isLessThan(200);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(sent);
        assertThat(report.count(Outcome.CANCELLED)).isEqualTo(200 - sent);
        assertThat(job.cancel()).isFalse();
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameJobAndSendsOnce() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().build();
        Notifier notifier = notifier(transport);
        SendOptions options = SendOptions.builder().idempotencyKey("maint-2026-11-22").build();

        NotificationJob first = notifier.send(MAINTENANCE, desktops(50), options);
        await(first);
        NotificationJob second = notifier.send(MAINTENANCE, desktops(50), options);

        assertThat(second).isSameAs(first);
        assertThat(transport.shownTotal()).isEqualTo(50);
        NotificationJob other = notifier.send(MAINTENANCE, desktops(50),
                SendOptions.builder().idempotencyKey("another").build());
        assertThat(other.id()).isNotEqualTo(first.id());
    }

    @Test
    void recordsCanBePagedAndFilteredByJobOutcomeProviderAndTarget() throws Exception {
        InMemoryTransport main = InMemoryTransport.builder().build();
        InMemoryTransport eu = InMemoryTransport.builder().provider("eu").build();
        for (int i = 0; i < 10; i++) {
            main.failTarget("desktop-" + (i * 20), "WKS.0002", "desktop does not exist");
        }
        Notifier notifier = track(Notifier.builder().transport(main).transport(eu).build());
        List<Target> targets = new ArrayList<>(desktops(250));
        targets.add(Target.desktop("eu-1").via("eu"));
        targets.add(Target.desktop("eu-2").via("eu"));

        NotificationJob job = notifier.send(MAINTENANCE, targets);
        await(job);
        NotificationJob otherJob = notifier.send(MAINTENANCE, desktops(5));
        await(otherJob);

        Page<DeliveryRecord> failed = notifier.records(RecordQuery.builder().jobId(job.id())
                .outcome(Outcome.FAILED).build());
        assertThat(failed.total()).isEqualTo(10);
        assertThat(failed.items()).allSatisfy(r -> assertThat(r.errorCode()).contains("WKS.0002"));

        Set<String> seen = new HashSet<>();
        long offset = 0;
        int pages = 0;
        Page<DeliveryRecord> page;
        do {
            page = notifier.records(RecordQuery.builder().jobId(job.id()).outcome(Outcome.DELIVERED)
                    .offset(offset).limit(100).build());
            page.items().forEach(r -> assertThat(seen.add(r.target().value())).isTrue());
            offset += page.items().size();
            pages++;
        } while (page.hasNext());
        assertThat(seen).hasSize(242);
        assertThat(pages).isEqualTo(3);

        assertThat(notifier.records(RecordQuery.builder().provider("eu").build()).items())
                .extracting(r -> r.target().value()).containsExactlyInAnyOrder("eu-1", "eu-2");
        assertThat(notifier.records(RecordQuery.builder().target(Target.desktop("desktop-3")).build()).total())
                .isEqualTo(2);
        assertThat(notifier.records(RecordQuery.builder().jobId(otherJob.id()).build()).total()).isEqualTo(5);
        assertThat(notifier.records(RecordQuery.builder().offset(10_000).build()).items()).isEmpty();
    }

    @Test
    void micrometerCountersMatchTheReport() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 10).build();
        transport.failTarget("desktop-57", "E1", "gone").failTarget("desktop-58", "E1", "gone");
        transport.failNext(1, error(Retryability.RETRYABLE, 503));
        transport.failNextAfterShowing(1, error(Retryability.AMBIGUOUS, 504));
        Notifier notifier = track(Notifier.builder().transport(transport).retry(FAST_RETRY).meterRegistry(registry)
                .maxConcurrentBatches(1).build());

        JobReport report = await(notifier.send(MAINTENANCE, desktops(95)));

        for (Outcome o : Outcome.values()) {
            var counter = registry.find(MicrometerNotifyListener.TARGETS).tag("provider", "in-memory")
                    .tag("outcome", o.name().toLowerCase()).counter();
            double counted = counter == null ? 0 : counter.count();
            assertThat(counted).as(o.name()).isEqualTo((double) report.count(o));
        }
        assertThat(report.count(Outcome.UNKNOWN)).isEqualTo(10);
        assertThat(report.count(Outcome.FAILED)).isEqualTo(2);
        assertThat(registry.get(MicrometerNotifyListener.RETRIES).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(MicrometerNotifyListener.BATCHES).tag("result", "success").counter().count())
                .isEqualTo(9.0);
        assertThat(registry.get(MicrometerNotifyListener.JOB_DURATION).timer().count()).isEqualTo(1);
    }

    @Test
    void providerJobsArePolledUntilTheyEnd() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().providerJobs(3).build();
        Notifier notifier = track(Notifier.builder().transport(transport)
                .jobPolling(Duration.ofMillis(5), Duration.ofSeconds(10)).build());

        NotificationJob job = notifier.send(MAINTENANCE, desktops(150));
        JobReport report = await(job);

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(150);
        assertThat(report.count(Outcome.PENDING)).isZero();
        List<DeliveryRecord> records = allRecords(notifier, job.id());
        assertThat(records).hasSize(150).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
            assertThat(r.providerJobId()).isPresent();
        });
    }

    @Test
    void providerJobStillRunningAtTheTimeoutLeavesTargetsUnknown() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().providerJobs(1_000_000).build();
        Notifier notifier = track(Notifier.builder().transport(transport)
                .jobPolling(Duration.ofMillis(5), Duration.ofMillis(60)).build());

        JobReport report = await(notifier.send(MAINTENANCE, desktops(3)));

        assertThat(report.count(Outcome.UNKNOWN)).isEqualTo(3);
        assertThat(report.count(Outcome.PENDING)).isZero();
    }

    @Test
    void usersResolveToDesktopsAndOnlyConnectedSkipsTheOthers() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().user("zhangsan", "d1", "d2")
                .disconnected("d2", "d4").build();
        Notifier notifier = notifier(transport);

        NotificationJob job = notifier.send(MAINTENANCE,
                List.of(Target.user("zhangsan"), Target.user("nobody"), Target.desktop("d3"), Target.desktop("d4")),
                SendOptions.builder().onlyConnected(true).build());
        JobReport report = await(job);

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(2);
        assertThat(report.count(Outcome.SKIPPED)).isEqualTo(2);
        assertThat(report.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(transport.shownCount("d2")).isZero();
        assertThat(transport.shownCount("d4")).isZero();
        assertThat(notifier.records(RecordQuery.builder().jobId(job.id()).outcome(Outcome.FAILED).build()).items())
                .singleElement().satisfies(r -> assertThat(r.errorCode()).contains("USER_NOT_FOUND"));
    }

    @Test
    void deadlineThatPassesBeforeSendingFailsTheUnsentTargets() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(40))
                .maxBatchSize(TargetKind.DESKTOP, 1).build();
        Notifier notifier = track(Notifier.builder().transport(transport).maxConcurrentBatches(1).build());

        NotificationJob job = notifier.send(MAINTENANCE, desktops(50),
                SendOptions.builder().deadline(Duration.ofMillis(100)).build());
        JobReport report = await(job);

        assertThat(report.count(Outcome.FAILED)).isPositive();
        assertThat(report.count(Outcome.DELIVERED) + report.count(Outcome.FAILED)).isEqualTo(50);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(transport.shownTotal());
        assertThat(notifier.records(RecordQuery.builder().outcome(Outcome.FAILED).limit(1).build()).items())
                .singleElement().satisfies(r -> assertThat(r.errorCode()).contains("DEADLINE_EXCEEDED"));
    }

    @Test
    void transportsAreFoundByServiceLoaderAndUnknownIdsAreExplained() throws Exception {
        Notifier notifier = track(Notifier.builder()
                .transport("in-memory", TransportSettings.of("lab", Map.of("max-batch-size", "7"))).build());
        assertThat(notifier.providers()).containsExactly("lab");
        JobReport report = await(notifier.send(MAINTENANCE, desktops(20)));
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(20);

        assertThatThrownBy(() -> Notifier.builder().transport("citrix", TransportSettings.of(null, Map.of())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("citrix")
                .hasMessageContaining("in-memory");
        assertThatThrownBy(() -> Notifier.builder().build()).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void progressCountsGrowWhileTheJobRuns() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(20))
                .maxBatchSize(TargetKind.DESKTOP, 10).build();
        Notifier notifier = track(Notifier.builder().transport(transport).maxConcurrentBatches(1).build());

        NotificationJob job = notifier.send(MAINTENANCE, desktops(100));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> job.progress().done() > 0 && job.progress().done() < 100);
        assertThat(job.progress().targets()).isEqualTo(100);
        JobReport report = await(job);
        assertThat(job.progress().done()).isEqualTo(100);
        assertThat(notifier.job(job.id())).containsSame(job);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(100);
    }

    @Test
    void closeCancelsWhatItCannotFinishInTime() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(20))
                .maxBatchSize(TargetKind.DESKTOP, 1).build();
        Notifier notifier = Notifier.builder().transport(transport).maxConcurrentBatches(1)
                .closeTimeout(Duration.ofMillis(100)).build();

        NotificationJob job = notifier.send(MAINTENANCE, desktops(200));
        notifier.close();
        JobReport report = await(job);

        assertThat(report.count(Outcome.CANCELLED)).isPositive();
        assertThat(report.count(Outcome.DELIVERED) + report.count(Outcome.CANCELLED)).isEqualTo(200);
        assertThatThrownBy(() -> notifier.send(MAINTENANCE, desktops(1))).isInstanceOf(IllegalStateException.class);
    }
}
