package io.desknotify.benchmarks;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CPU time of the whole benchmark JVM (every thread: notifier workers, HTTP clients, emulator, GC, JIT) during
 * each measured iteration, with the targets handled meanwhile, so that throughput can be stated per core:
 * {@code targetsDone / (cpuMs / 1000)} is targets per CPU-second ({@link Summary} does it). Both are summed over
 * the iterations by JMH.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class CpuTime {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public long cpuMs;
    public long targetsDone;
    private long startNanos;

    @Setup(Level.Iteration)
    public void start() {
        startNanos = OS.getProcessCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
        cpuMs = (OS.getProcessCpuTime() - startNanos) / 1_000_000;
    }
}
