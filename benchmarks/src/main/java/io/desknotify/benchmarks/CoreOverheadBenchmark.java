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
        desktops = new ArrayList<>(targets);
        for (int i = 0; i < targets; i++) {
            desktops.add(Target.desktop(String.format("713340659-%010d", i)));
        }
        notification = Notification.builder().message("Maintenance in 15 minutes: please save your work.").build();
    }

    /**
     * A new notifier and transport each iteration: the in-memory transport keeps a time stamp per call for tests,
     * which would otherwise pile up over a long run.
     */
    @Setup(Level.Iteration)
    public void startNotifier() {
        InMemoryTransport transport = InMemoryTransport.builder()
                .maxBatchSize(TargetKind.DESKTOP, batchSize)
                .trackTargets(false)
                .build();
        notifier = Notifier.builder().transport(transport).build();
    }

    @TearDown(Level.Iteration)
    public void closeNotifier() {
        notifier.close();
    }

    @Benchmark
    public JobReport send(Delivered delivered, CpuTime cpu) {
        JobReport report = notifier.send(notification, desktops).completion().join();
        long ok = report.count(Outcome.DELIVERED);
        if (ok != targets) {
            throw new IllegalStateException("expected " + targets + " delivered but the report says " + report);
        }
        delivered.targets += ok;
        cpu.targetsDone += ok;
        return report;
    }
}
