package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import java.time.Duration;
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
 * The library end to end over real loopback HTTP: one {@link Notifier#send} to every target of a
 * {@link Loopback} emulator (10,000 Huawei desktops or Horizon sessions by default) through the real HTTP transport,
 * waited for to the end, with {@code concurrency} batches in flight. For Huawei the end includes following every
 * Workspace job to SUCCESS (one extra GET per batch, polled 10 ms after the send so that the benchmark measures
 * work rather than the 2 s default poll interval). Compare with {@link HandWrittenBenchmark} in the same run:
 * {@code send:targets} is targets per second in both.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class EndToEndBenchmark {

    /** Batches in flight ({@code maxConcurrentBatches}). */
    @Param({"1", "4", "16"})
    public int concurrency;

    private Notifier notifier;
    private List<Target> targets;
    private Notification notification;
    private long invocations;

    /** Targets delivered, reported by JMH as a rate next to the jobs per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Delivered {
        public long targets;

        @Setup(Level.Iteration)
        public void reset() {
            targets = 0;
        }
    }

    @Setup(Level.Trial)
    public void startNotifier(Loopback loopback) {
        targets = new ArrayList<>(loopback.ids.size());
        loopback.ids.forEach(id -> targets.add(loopback.kind.target(id)));
        notification = Notification.builder().message(Providers.MESSAGE).build();
        notifier = Notifier.builder()
                .transport(loopback.kind.transport(loopback.emulator, loopback.batchSize))
                .maxConcurrentBatches(concurrency)
                .jobPolling(Duration.ofMillis(10), Duration.ofMinutes(1))
                .build();
    }

    @Setup(Level.Iteration)
    public void clearJournal(Loopback loopback) {
        loopback.emulator.journal().clear();
        invocations = 0;
    }

    @TearDown(Level.Iteration)
    public void checkEveryTargetShownOncePerSend(Loopback loopback) {
        loopback.checkShownAndClear(invocations);
    }

    @TearDown(Level.Trial)
    public void closeNotifier() {
        notifier.close();
    }

    @Benchmark
    public JobReport send(Delivered delivered, CpuTime cpu) {
        JobReport report = notifier.send(notification, targets).completion().join();
        long ok = report.count(Outcome.DELIVERED);
        if (ok != targets.size()) {
            throw new IllegalStateException("expected " + targets.size() + " delivered but the report says "
                    + report);
        }
        delivered.targets += ok;
        cpu.targetsDone += ok;
        invocations++;
        return report;
    }
}
