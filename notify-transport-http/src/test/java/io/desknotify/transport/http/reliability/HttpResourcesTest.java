package io.desknotify.transport.http.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.Transport;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Trigger;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Resources over real HTTP: no thread or connection outlives a notifier after 100 jobs, and {@code close()} waits
 * for in-flight batches up to its deadline, then cancels the rest, which are recorded CANCELLED and never sent.
 *
 * <p>Java 17's {@link java.net.http.HttpClient} has no {@code close()}: its selector thread ends when the client
 * becomes unreachable (its other work runs on the transport's own {@code desknotify-*-http-*} threads, which end at
 * {@code close()}). So this test proves release in two steps: the notifier's and the transports' threads end at
 * {@code close()}; the {@code HttpClient-*} thread and the sockets end once the closed notifier and its transports
 * are unreachable and collected.
 */
class HttpResourcesTest {

    private static Set<Thread> threads(String... prefixes) {
        Set<Thread> found = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && Stream.of(prefixes).anyMatch(p -> t.getName().startsWith(p))) {
                found.add(t);
            }
        }
        return found;
    }

    /** Open socket descriptors of this JVM (Linux), or -1 where /proc is not available. */
    private static long sockets() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return s.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void noThreadOrConnectionOutlivesCloseAfterAHundredJobs(Rig.Kind kind) throws Exception {
        Set<Thread> before = threads("desknotify-", "HttpClient-", "huawei-emulator", "horizon-emulator");
        long socketsBefore = sockets();

        runAHundredJobsAndClose(kind);

        // the notifier's and the emulator's threads end at close()
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<Thread> left = threads("desknotify-", "huawei-emulator", "horizon-emulator");
            left.removeAll(before);
            assertThat(left).isEmpty();
        });
        // the JDK HttpClient's threads and connections end once the closed transports are unreachable
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            System.gc();
            Set<Thread> left = threads("HttpClient-");
            left.removeAll(before);
            assertThat(left).as("HttpClient threads after close and collection").isEmpty();
            if (socketsBefore >= 0) {
                assertThat(sockets()).as("open sockets").isLessThanOrEqualTo(socketsBefore);
            }
        });
    }

    /**
     * Java 17's {@code HttpClient.sendAsync} completed every answer on {@code CompletableFuture}'s default executor,
     * which on a 2-CPU machine starts a new thread per task: one thread per answer. The transports send on threads
     * of their own instead, reused from one request to the next and ended by {@code close()}.
     */
    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void sendsOneAfterAnotherStartNoThreadPerAnswerAndTheirThreadsEndAtClose(Rig.Kind kind) throws Exception {
        ThreadMXBean jvm = ManagementFactory.getThreadMXBean();
        String transportThreads = "desknotify-" + kind.name().toLowerCase(Locale.ROOT) + "-http-";
        String caller = Thread.currentThread().getName();
        Set<String> completedOn = ConcurrentHashMap.newKeySet();
        try (Rig rig = kind.start(100, 8)) {
            Transport transport = rig.transport();
            long started;
            try {
                // warm-up: the emulator's server starts its 24 threads, the transport its first (Horizon logs in)
                for (int i = 0; i < 30; i++) {
                    deliver(transport, rig, i).get(10, TimeUnit.SECONDS);
                }
                long startedBefore = jvm.getTotalStartedThreadCount();

                for (int i = 0; i < 60; i++) {
                    deliver(transport, rig, i).whenComplete((r, e) -> completedOn.add(Thread.currentThread()
                            .getName())).get(10, TimeUnit.SECONDS);
                }

                started = jvm.getTotalStartedThreadCount() - startedBefore;
                assertThat(threads(transportThreads)).as("the transport's threads after 60 sends").isNotEmpty()
                        .allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
            } finally {
                transport.close();
            }

            assertThat(started).as("threads started in the JVM during 60 sends").isLessThan(10);
            assertThat(completedOn).as("threads the answers were handed over on")
                    .allSatisfy(n -> assertThat(n.startsWith(transportThreads) || n.equals(caller)).isTrue());
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(threads(transportThreads)).as("after close()").isEmpty());
        }
    }

    private static CompletableFuture<BatchResult> deliver(Transport transport, Rig rig, int i) {
        Target t = rig.targets.get(i % rig.targets.size());
        return transport.deliver(new Batch("threads-" + i, t.kind(), List.of(t), FaultMatrixTest.MAINTENANCE, 1))
                .toCompletableFuture();
    }

    private static void runAHundredJobsAndClose(Rig.Kind kind) throws Exception {
        try (Rig rig = kind.start(1_000, 5)) {
            Notifier notifier = Notifier.builder().transport(rig.transport()).retry(FaultMatrixTest.FAST)
                    .jobPolling(Duration.ofMillis(10), Duration.ofSeconds(30)).build();
            List<NotificationJob> jobs = new ArrayList<>();
            for (int j = 0; j < 100; j++) {
                List<Target> ten = rig.targets.subList(j * 10, j * 10 + 10);
                jobs.add(notifier.send(FaultMatrixTest.MAINTENANCE, ten));
            }
            for (NotificationJob job : jobs) {
                assertThat(job.completion().get(60, TimeUnit.SECONDS).count(Outcome.DELIVERED)).isEqualTo(10);
            }
            assertThat(threads("HttpClient-")).as("the transports' HTTP threads while running").isNotEmpty();
            notifier.close();
            assertThat(threads("desknotify-")).as("notifier threads right after close()").allMatch(t -> {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return !t.isAlive();
            });
            assertThat(rig.journal().totalShown()).isEqualTo(1_000);
        }
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void closeWaitsForInFlightBatchesWithinItsDeadline(Rig.Kind kind) throws Exception {
        try (Rig rig = kind.start(2_000, 6)) {
            rig.faults().inject(rig.sendRoute(), Fault.latency(Duration.ofMillis(150)), Trigger.always());
            Notifier notifier = Notifier.builder().transport(rig.transport()).maxConcurrentBatches(8)
                    .jobPolling(Duration.ofMillis(10), Duration.ofSeconds(30)).closeTimeout(Duration.ofSeconds(30))
                    .build();
            NotificationJob job = notifier.send(FaultMatrixTest.MAINTENANCE, rig.targets);

            notifier.close();

            assertThat(job.completion()).as("close() returned after the job ended").isDone();
            JobReport report = job.completion().get();
            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(2_000);
            assertThat(rig.journal().totalShown()).isEqualTo(2_000);
            assertThat(rig.journal().targetsShownMoreThanOnce()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void afterTheDeadlineCloseCancelsTheRestWhichIsRecordedCancelledAndNeverSent(Rig.Kind kind) throws Exception {
        try (Rig rig = kind.start(2_000, 7)) {
            rig.faults().inject(rig.sendRoute(), Fault.latency(Duration.ofMillis(1_500)), Trigger.always());
            Notifier notifier = Notifier.builder().transport(rig.transport()).maxConcurrentBatches(4)
                    .jobPolling(Duration.ofMillis(10), Duration.ofSeconds(30)).closeTimeout(Duration.ofMillis(300))
                    .build();
            NotificationJob job = notifier.send(FaultMatrixTest.MAINTENANCE, rig.targets);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> rig.journal().requestCount(rig.sendRoute()) > 0);

            long started = System.nanoTime();
            notifier.close();
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(closeMillis).as("close() waits about twice its timeout, not for the batches").isLessThan(1_400);
            JobReport report = job.completion().get(20, TimeUnit.SECONDS);
            JobOutcome out = new JobOutcome(notifier, report, rig);
            out.assertConsistent(rig.targets, false);
            assertThat(report.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(out.ids(Outcome.CANCELLED)).as("batches never started").hasSizeGreaterThanOrEqualTo(1_500);
            assertThat(out.inSendRequests).as("CANCELLED targets were never sent")
                    .doesNotContainAnyElementsOf(out.ids(Outcome.CANCELLED));
            out.records.stream().filter(r -> r.outcome() == Outcome.CANCELLED)
                    .forEach(r -> assertThat(r.errorCode()).hasValue("NOTIFIER_CLOSED"));
        }
    }

    @ParameterizedTest
    @EnumSource(Rig.Kind.class)
    void batchesThatWouldBeStartedOrRetriedAfterCloseGaveUpAreCancelledNotUnknown(Rig.Kind kind) throws Exception {
        try (HostileServer slowThenThrottled = new HostileServer()) {
            slowThenThrottled.answering((ex, s) -> {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.getResponseHeaders().set("Retry-After", "1");
                HostileServer.respond(ex, 429, "{\"error_code\":\"APIG.0308\",\"error_msg\":\"throttled\"}");
            });
            List<Target> targets = MadeUpTargets.of(kind, 300);
            Notifier notifier = Notifier.builder().transport(kind.transport(slowThenThrottled.uri(), s -> { }))
                    // close() waits closeTimeout, stops the jobs, waits closeTimeout again: the 429s (after 1 s)
                    // come during the second wait, so the retries they ask for are the ones close() refuses
                    .retry(FaultMatrixTest.FAST).maxConcurrentBatches(2).closeTimeout(Duration.ofSeconds(1)).build();
            NotificationJob job = notifier.send(FaultMatrixTest.MAINTENANCE, targets);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slowThenThrottled.paths().stream()
                    .anyMatch(p -> !p.contains("/rest/login")));

            notifier.close();

            JobReport report = job.completion().get(20, TimeUnit.SECONDS);
            List<io.desknotify.api.DeliveryRecord> records = notifier.records(io.desknotify.api.RecordQuery.builder()
                    .jobId(report.jobId()).limit(1_000).build()).items();
            assertThat(records).hasSize(300);
            assertThat(records.stream().map(r -> r.target().value()).distinct().count()).isEqualTo(300);
            assertThat(report.count(Outcome.PENDING)).isZero();
            assertThat(report.count(Outcome.CANCELLED)).as("%s", report).isPositive();
            assertThat(records).as("a batch not sent because of close() is CANCELLED, never UNKNOWN")
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED))
                    .allSatisfy(r -> assertThat(r.errorCode()).hasValue("NOTIFIER_CLOSED"));
        }
    }
}
