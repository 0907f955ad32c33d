package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.core.JobPolling;
import io.desknotify.core.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How soon a job's report is final after its last target was shown, with the notifier's defaults (nothing set but
 * the transport): one {@link Notifier#send} to every target of a {@link Loopback} emulator (20,000 Huawei desktops
 * by default, 5 ms per request), waited for to the end. For Huawei the report can be final only once every
 * Workspace job has been seen to end, so this measures the job follow-up's schedule ({@link JobPolling#defaults()}:
 * a first look soon, then backing off); Horizon, which has no provider jobs, is the baseline.
 *
 * <p>The primary score is the time to the final report (ms per send). Secondary results, summed over the sends of
 * an iteration: {@code send:lastShownMs} (from the send to the last notification shown, from the emulator's
 * journal), {@code send:reportMs} (from the send to the final report) and {@code send:sends}. The goal (issue #12):
 * {@code reportMs <= 1.5 x lastShownMs + } one follow-up interval ({@link JobPolling#maxInterval()} of the
 * defaults); {@link Summary} prints both and the check.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class FollowUpBenchmark {

    /** {@code huawei} (desktops and Workspace jobs to follow) or {@code horizon} (sessions, no jobs). */
    @Param({"huawei", "horizon"})
    public String provider;

    /** Desktops (Huawei) or sessions (Horizon) of the send. */
    @Param({"20000"})
    public int targets;

    /** Milliseconds the emulator waits before answering each request: 5 for a provider on the same LAN. */
    @Param({"5"})
    public int latencyMs;

    private Providers kind;
    private io.desknotify.testkit.Emulator emulator;
    private Notifier notifier;
    private List<Target> ids;
    private Notification notification;

    /** Times per send, summed by JMH over an iteration. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Times {
        public long lastShownMs;
        public long reportMs;
        public long sends;

        @Setup(Level.Iteration)
        public void reset() {
            lastShownMs = 0;
            reportMs = 0;
            sends = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        kind = Providers.of(provider);
        emulator = kind.start(targets, 100, 0);
        kind.addLatency(emulator, Duration.ofMillis(latencyMs));
        ids = new ArrayList<>(targets);
        kind.ids(emulator).forEach(id -> ids.add(kind.target(id)));
        if (ids.size() != targets) {
            throw new IllegalStateException("the emulator has " + ids.size() + " targets, not " + targets);
        }
        notification = Notification.builder().message(Providers.MESSAGE).build();
        // defaults on purpose: what a user gets without tuning the follow-up
        notifier = Notifier.builder().transport(kind.transport(emulator, 100)).build();
        // log in (Horizon) and open connections before the first measured send
        notifier.checkHealth(notifier.providers().get(0)).toCompletableFuture().join();
    }

    @TearDown(Level.Trial)
    public void stop() {
        Providers.closeAndCheckContract(notifier, emulator);
    }

    @Benchmark
    public JobReport send(Times times) {
        emulator.journal().clear();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        JobReport report = notifier.send(notification, ids).completion().join();
        long reportMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        if (report.count(Outcome.DELIVERED) != ids.size()) {
            throw new IllegalStateException("expected " + ids.size() + " delivered but the report says " + report);
        }
        Instant last = emulator.journal().lastShown()
                .orElseThrow(() -> new IllegalStateException("the emulator showed nothing"));
        times.lastShownMs += Math.max(0, Duration.between(started, last).toMillis());
        times.reportMs += reportMs;
        times.sends++;
        return report;
    }
}
