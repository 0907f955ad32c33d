package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.core.Notifier;
import io.desknotify.core.inmemory.InMemoryTransport;
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
 * The cost of the library itself: one {@link Notifier#send} of {@code targets} desktops through the
 * {@link InMemoryTransport} at zero latency (it answers on the calling thread), waited for to the end, with the
 * notifier's defaults otherwise (in-memory record store, retry, no rate limit, 8 batches in flight).
 *
 * <p>JMH reports {@code send} in jobs per second and the secondary result {@code send:targets} in targets per
 * second; {@code send:cpuMs} and {@code send:targetsDone} give targets per CPU-second of the whole JVM (the
 * pipeline runs on one notifier thread; the benchmark thread waits, GC and JIT run beside it). With {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per job: divide by {@code targets} for bytes
 * per target ({@link Summary} does it). The 1,000,000 case is meant to run in a 256 MB heap:
 * {@code -p targets=1000000 -jvmArgs -Xmx256m}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class CoreOverheadBenchmark {

    @Param({"1000", "100000", "1000000"})
    public int targets;

    @Param({"100", "1000"})
    public int batchSize;

    private List<Target> desktops;
    private Notification notification;
    private Notifier notifier;

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
    public void createTargets() {
        desktops = desktops(targets);
        notification = notification();
    }

    /** {@code n} desktops with numbered ids. */
    static List<Target> desktops(int n) {
        List<Target> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Target.desktop(String.format("713340659-%010d", i)));
        }
        return out;
    }

    static Notification notification() {
        return Notification.builder().message("Maintenance in 15 minutes: please save your work.").build();
    }

    /** The in-memory transport at zero latency, cutting batches of {@code batchSize}, keeping nothing per target. */
    static InMemoryTransport transport(int batchSize) {
        return InMemoryTransport.builder()
                .maxBatchSize(TargetKind.DESKTOP, batchSize)
                .trackTargets(false)
                .build();
    }

    /** One send of every target to its end, counted; fails unless every target was delivered. */
    static JobReport sendAll(Notifier notifier, Notification notification, List<Target> targets, Delivered delivered,
            CpuTime cpu) {
        JobReport report = notifier.send(notification, targets).completion().join();
        long ok = report.count(Outcome.DELIVERED);
        if (ok != targets.size()) {
            throw new IllegalStateException("expected " + targets.size() + " delivered but the report says " + report);
        }
        delivered.targets += ok;
        cpu.targetsDone += ok;
        return report;
    }

    /**
     * A new notifier and transport each iteration: the in-memory transport keeps a time stamp per call for tests,
     * which would otherwise pile up over a long run.
     */
    @Setup(Level.Iteration)
    public void startNotifier() {
        notifier = Notifier.builder().transport(transport(batchSize)).build();
    }

    @TearDown(Level.Iteration)
    public void closeNotifier() {
        notifier.close();
    }

    @Benchmark
    public JobReport send(Delivered delivered, CpuTime cpu) {
        return sendAll(notifier, notification, desktops, delivered, cpu);
    }
}
