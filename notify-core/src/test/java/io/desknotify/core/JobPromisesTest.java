package io.desknotify.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.InvalidRequestException;
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
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ProviderJobStatus;
import io.desknotify.core.inmemory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Promises a job makes whatever its callers, listeners and providers do: it always ends, with one truthful record
 * per target and a report that says what happened.
 */
class JobPromisesTest {
    private static final Notification MAINTENANCE = Notification.builder()
            .message("Maintenance at 22:00, please save your work").severity(Severity.WARNING).build();

    private final List<Notifier> notifiers = new ArrayList<>();

    @AfterEach
    void closeNotifiers() {
        notifiers.forEach(Notifier::close);
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

    private static List<DeliveryRecord> records(Notifier notifier, String jobId) {
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

    private static void assertReportMatchesRecords(JobReport report, List<DeliveryRecord> records) {
        for (Outcome o : Outcome.values()) {
            assertThat(records.stream().filter(r -> r.outcome() == o).count()).as(o.name())
                    .isEqualTo(report.count(o));
        }
    }

    // ---- listeners

    /** A listener that throws an AssertionError from one of its methods, as a test's listener does. */
    private static NotifyListener throwingFrom(String method) {
        return new NotifyListener() {
            private void maybe(String m) {
                if (m.equals(method)) {
                    throw new AssertionError("listener failed in " + m);
                }
            }

            @Override
            public void jobStarted(String jobId, int targets) {
                maybe("jobStarted");
            }

            @Override
            public void batchFinished(String provider, TargetKind kind, int size, int attempts, Duration latency,
                    boolean success) {
                maybe("batchFinished");
            }

            @Override
            public void retryScheduled(String provider, int attempt, Duration delay, Throwable cause) {
                maybe("retryScheduled");
            }

            @Override
            public void throttled(String provider, Duration retryAfter) {
                maybe("throttled");
            }

            @Override
            public void targetsFinished(String provider, Outcome outcome, int count) {
                maybe("targetsFinished");
            }

            @Override
            public void jobFinished(JobReport report) {
                maybe("jobFinished");
            }
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"jobStarted", "batchFinished", "retryScheduled", "throttled", "targetsFinished",
            "jobFinished"})
    void aListenerThrowingAnErrorBreaksNoJobAndLosesNoRecord(String method) throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 10).build();
        transport.throttleNext(1, Duration.ofMillis(1));
        Notifier notifier = track(Notifier.builder().transport(transport).listener(throwingFrom(method))
                .retry(RetrySettings.custom().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2))
                        .build())
                .build());

        NotificationJob job = notifier.send(MAINTENANCE, desktops(250));
        JobReport report = await(job);

        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(250);
        List<DeliveryRecord> records = records(notifier, job.id());
        assertThat(records).hasSize(250).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED));
        assertThat(transport.shownTotal()).isEqualTo(250);
    }

    // ---- completion()

    @Test
    void aCallerCompletingOrCancellingItsFutureChangesNothingForOtherHoldersOrForClose() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(20))
                .maxBatchSize(TargetKind.DESKTOP, 10).build();
        Notifier notifier = Notifier.builder().transport(transport).maxConcurrentBatches(1).build();
        SendOptions keyed = SendOptions.builder().idempotencyKey("maint-1").build();

        NotificationJob job = notifier.send(MAINTENANCE, desktops(100), keyed);
        CompletableFuture<JobReport> mine = job.completion();
        assertThat(mine.cancel(true)).isTrue();
        job.completion().complete(null);
        job.completion().obtrudeException(new IllegalStateException("a caller's mistake"));

        NotificationJob again = notifier.send(MAINTENANCE, desktops(100), keyed);
        NotificationJob found = notifier.job(job.id()).orElseThrow();
        assertThat(again.completion()).isNotDone();
        assertThat(found.completion()).isNotDone();
        notifier.close();

        // close() waited for the job: every holder sees its report
        assertThat(found.completion()).isDone();
        JobReport report = again.completion().getNow(null);
        assertThat(report).isNotNull();
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(100);
        assertThat(job.completion().join()).isEqualTo(report);
        assertThat(mine.isCancelled()).isTrue();
        assertThat(transport.shownTotal()).isEqualTo(100);
    }

    // ---- cancel()

    @Test
    void cancelReturnsTrueExactlyWhenTheJobEndsCancelledWithTargetsItKeptFromBeingSent() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 5)
                .trackTargets(false).build();
        Notifier notifier = track(Notifier.builder().transport(transport).maxConcurrentBatches(4).build());
        for (int race = 0; race < 200; race++) {
            NotificationJob job = notifier.send(MAINTENANCE, desktops(20));
            if (ThreadLocalRandom.current().nextBoolean()) {
                Thread.onSpinWait();
            }
            long shownBefore = transport.shownTotal();
            boolean cancelled = job.cancel();
            JobReport report = await(job);

            assertThat(report.targets()).isEqualTo(20);
            if (cancelled) {
                assertThat(report.status()).as("race %d: cancel() said true", race).isEqualTo(JobStatus.CANCELLED);
                assertThat(report.count(Outcome.CANCELLED)).as("race %d", race).isPositive();
            } else {
                assertThat(report.status()).as("race %d: cancel() said false", race)
                        .isNotEqualTo(JobStatus.CANCELLED);
                assertThat(report.count(Outcome.CANCELLED)).as("race %d", race).isZero();
            }
            assertThat(report.count(Outcome.DELIVERED) + report.count(Outcome.CANCELLED)).isEqualTo(20);
            assertThat(shownBefore).isLessThanOrEqualTo(transport.shownTotal());
            assertThat(job.cancel()).isFalse();
        }
    }

    @Test
    void cancelOfAFinishedJobIsFalseAndOfAJobWithUnsentBatchesIsTrue() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(30))
                .maxBatchSize(TargetKind.DESKTOP, 10).build();
        Notifier notifier = track(Notifier.builder().transport(transport).maxConcurrentBatches(1).build());

        NotificationJob done = notifier.send(MAINTENANCE, desktops(5));
        await(done);
        assertThat(done.cancel()).isFalse();
        assertThat(await(done).status()).isEqualTo(JobStatus.SUCCEEDED);

        NotificationJob job = notifier.send(MAINTENANCE, desktops(100));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> transport.deliverCalls() >= 1);
        assertThat(job.cancel()).isTrue();
        JobReport report = await(job);
        assertThat(report.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(report.count(Outcome.CANCELLED)).isPositive();
    }

    @Test
    void cancelWhenEveryBatchIsAlreadyOnTheWireIsFalseAndTheJobEndsAsItWould() throws Exception {
        List<CompletableFuture<BatchResult>> answers = new CopyOnWriteArrayList<>();
        ScriptedTransport transport = new ScriptedTransport(10, ScriptedTransport.neverAnswers(answers),
                p -> CompletableFuture.completedFuture(ProviderJobStatus.running()));
        Notifier notifier = track(Notifier.builder().transport(transport).maxConcurrentBatches(4).build());

        NotificationJob job = notifier.send(MAINTENANCE, desktops(40));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 4);
        assertThat(job.cancel()).isFalse();
        answers.forEach(a -> a.complete(BatchResult.delivered("req")));
        JobReport report = await(job);

        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(40);
    }

    // ---- idempotency keys

    @Test
    void theSameIdempotencyKeyWithAnotherRequestIsRefusedAndWithTheSameRequestReturnsTheFirstJob() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().build();
        Notifier notifier = track(Notifier.builder().transport(transport).build());
        SendOptions keyed = SendOptions.builder().idempotencyKey("maint-2026-11-22").build();

        NotificationJob first = notifier.send(MAINTENANCE, desktops(50), keyed);
        await(first);

        List<Target> reordered = new ArrayList<>(desktops(50));
        java.util.Collections.reverse(reordered);
        assertThat(notifier.send(MAINTENANCE, reordered, keyed)).isSameAs(first);
        assertThat(notifier.send(MAINTENANCE.toBuilder().build(), desktops(50),
                SendOptions.builder().idempotencyKey("maint-2026-11-22").build())).isSameAs(first);

        Notification otherText = Notification.builder().message("Maintenance at 23:00").build();
        assertThatThrownBy(() -> notifier.send(otherText, desktops(50), keyed))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("maint-2026-11-22")
                .hasMessageContaining(first.id()).hasMessageContaining("notification")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("options.idempotencyKey");
        assertThatThrownBy(() -> notifier.send(MAINTENANCE, desktops(51), keyed))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("targets")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("options.idempotencyKey");
        List<Target> oneChanged = new ArrayList<>(desktops(50));
        oneChanged.set(17, Target.desktop("someone-else"));
        assertThatThrownBy(() -> notifier.send(MAINTENANCE, oneChanged, keyed))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("targets");
        assertThatThrownBy(() -> notifier.send(MAINTENANCE, desktops(50), SendOptions.builder()
                .idempotencyKey("maint-2026-11-22").onlyConnected(true).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("options");

        assertThat(transport.shownTotal()).isEqualTo(50);
    }

    // ---- records of resolved targets

    @Test
    void aUsersRecordsAreFoundByTheUserTargetAfterResolution() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().user("zhangsan", "d1", "d2")
                .user("lisi", "d3").build();
        Notifier notifier = track(Notifier.builder().transport(transport).build());

        NotificationJob job = notifier.send(MAINTENANCE, List.of(Target.user("zhangsan"), Target.user("lisi"),
                Target.desktop("d9")));
        await(job);

        Page<DeliveryRecord> zhangsan = notifier.records(RecordQuery.builder().jobId(job.id())
                .target(Target.user("zhangsan")).build());
        assertThat(zhangsan.items()).extracting(r -> r.target().value()).containsExactlyInAnyOrder("d1", "d2");
        assertThat(notifier.records(RecordQuery.builder().target(Target.user("lisi")).build()).items())
                .extracting(r -> r.target().value()).containsExactly("d3");
        assertThat(notifier.records(RecordQuery.builder().target(Target.desktop("d2")).build()).total())
                .isEqualTo(1);
        assertThat(notifier.records(RecordQuery.builder().target(Target.desktop("d9")).build()).total())
                .isEqualTo(1);
    }

    // ---- provider job follow-up

    @Test
    void aFollowUpThatFailsOnEveryPollEndsAfterAFewPollsWithTargetsUnknownAndTheJobNotFailed() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(10,
                b -> CompletableFuture.completedFuture(BatchResult.accepted("job-" + b.targets().get(0).value(),
                        "req")),
                p -> CompletableFuture.failedFuture(TransportException.builder(Retryability.AMBIGUOUS, "HTTP 500")
                        .httpStatus(500).build()));
        Notifier notifier = track(Notifier.builder().transport(transport)
                .retry(RetrySettings.custom().maxAttempts(2).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(2)).build())
                .jobPolling(Duration.ofMillis(5), Duration.ofMinutes(10)).build());

        NotificationJob job = notifier.send(MAINTENANCE, desktops(30));
        JobReport report = await(job);

        assertThat(report.count(Outcome.UNKNOWN)).isEqualTo(30);
        assertThat(report.status()).as("nothing failed: nobody knows").isEqualTo(JobStatus.UNKNOWN);
        assertThat(records(notifier, job.id())).hasSize(30).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN);
            assertThat(r.errorCode()).contains("FOLLOW_UP_FAILED");
            assertThat(r.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("HTTP 500"));
        });
        // 3 provider jobs, each given up after 5 failed polls of 2 attempts each
        assertThat(transport.polls.get()).isEqualTo(3 * 5 * 2);
    }

    @Test
    void theFirstFollowUpPollComesWellUnderASecondByDefault() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(10,
                b -> CompletableFuture.completedFuture(BatchResult.accepted("job-1", "req")),
                p -> CompletableFuture.completedFuture(p.poll() < 3 ? ProviderJobStatus.running()
                        : new ProviderJobStatus(true, Outcome.DELIVERED, List.of())));
        Notifier notifier = track(Notifier.builder().transport(transport).build());

        JobReport report = notifier.send(MAINTENANCE, desktops(10)).completion().get(30, TimeUnit.SECONDS);

        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(10);
        long firstLook = transport.pollNanos.get(0) - transport.deliverNanos.get(0);
        assertThat(Duration.ofNanos(firstLook)).isLessThan(Duration.ofMillis(500));
        long second = transport.pollNanos.get(1) - transport.pollNanos.get(0);
        long third = transport.pollNanos.get(2) - transport.pollNanos.get(1);
        assertThat(third).as("the interval grows").isGreaterThan(second);
    }

    @Test
    void followUpPollsStartSoonAndBackOffToTheConfiguredInterval() {
        JobPolling d = JobPolling.defaults();
        assertThat(List.of(d.delayBefore(1), d.delayBefore(2), d.delayBefore(3), d.delayBefore(4), d.delayBefore(5),
                d.delayBefore(6), d.delayBefore(100))).containsExactly(Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800), Duration.ofMillis(1600), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2));
        assertThat(d.maxConsecutiveFailures()).isEqualTo(5);
        assertThat(d.timeout()).isEqualTo(Duration.ofMinutes(10));
        // the two-argument setting keeps its meaning: never longer than the interval between polls
        JobPolling fast = JobPolling.every(Duration.ofMillis(10), Duration.ofMinutes(1));
        assertThat(fast.delayBefore(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(fast.delayBefore(5)).isEqualTo(Duration.ofMillis(10));
        assertThatThrownBy(() -> JobPolling.custom().initialDelay(Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> JobPolling.custom().maxConsecutiveFailures(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConsecutiveFailures");
    }

    // ---- close()

    @Test
    void closeLeavesNoJobIncompleteEvenWhenTheTransportNeverAnswers() throws Exception {
        List<CompletableFuture<BatchResult>> answers = new CopyOnWriteArrayList<>();
        ScriptedTransport transport = new ScriptedTransport(10, ScriptedTransport.neverAnswers(answers),
                p -> new CompletableFuture<>());
        Notifier notifier = Notifier.builder().transport(transport).maxConcurrentBatches(2)
                .closeTimeout(Duration.ofMillis(100)).build();

        NotificationJob job = notifier.send(MAINTENANCE, desktops(100));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 2);
        notifier.close();

        assertThat(job.completion()).isDone();
        JobReport report = job.completion().join();
        assertThat(report.count(Outcome.UNKNOWN)).isEqualTo(20);
        assertThat(report.count(Outcome.CANCELLED)).isEqualTo(80);
        List<DeliveryRecord> records = records(notifier, job.id());
        assertThat(records).hasSize(100);
        assertReportMatchesRecords(report, records);
        assertThat(records).filteredOn(r -> r.outcome() == Outcome.UNKNOWN)
                .allSatisfy(r -> assertThat(r.errorCode()).contains("NO_ANSWER_BEFORE_CLOSE"));
        assertThat(transport.closed).isTrue();

        // a late answer changes nothing
        answers.forEach(a -> a.complete(BatchResult.delivered("late")));
        assertThat(records(notifier, job.id())).filteredOn(r -> r.outcome() == Outcome.DELIVERED).isEmpty();
    }

    @Test
    void closeLeavesNoJobIncompleteWhenAFollowUpPollNeverAnswers() throws Exception {
        ScriptedTransport transport = new ScriptedTransport(10,
                b -> CompletableFuture.completedFuture(BatchResult.accepted("job-1", "req")),
                p -> new CompletableFuture<>());
        Notifier notifier = Notifier.builder().transport(transport).closeTimeout(Duration.ofMillis(100))
                .jobPolling(Duration.ofMillis(5), Duration.ofMinutes(10)).build();

        NotificationJob job = notifier.send(MAINTENANCE, desktops(10));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> transport.polls.get() >= 1);
        notifier.close();

        assertThat(job.completion()).isDone();
        assertThat(job.completion().join().count(Outcome.UNKNOWN)).isEqualTo(10);
        assertThat(records(notifier, job.id())).hasSize(10)
                .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN));
    }
}
