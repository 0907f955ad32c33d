package io.desknotify.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of {@link EndToEndBenchmark}: the loop a user writes without the library
 * ({@link HandWrittenHuawei}, {@link HandWrittenHorizon}), sending to every target of the same {@link Loopback}
 * emulator one batch at a time. {@code send:targets} is targets per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class HandWrittenBenchmark {

    private HandWrittenHuawei huawei;
    private HandWrittenHorizon horizon;
    private long invocations;

    /** Targets sent to, reported by JMH as a rate next to the sends per second. */
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
    public void createClient(Loopback loopback) {
        switch (loopback.kind) {
            case HUAWEI -> huawei = new HandWrittenHuawei(loopback.emulator.baseUri(),
                    ((io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator) loopback.emulator).projectId(),
                    Providers.ACCESS_KEY, Providers.SECRET_KEY);
            case HORIZON -> horizon = new HandWrittenHorizon(loopback.emulator.baseUri(), Providers.DOMAIN,
                    Providers.USERNAME, Providers.PASSWORD);
        }
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

    @Benchmark
    public int send(Loopback loopback, Delivered delivered, CpuTime cpu) throws IOException, InterruptedException {
        int sent = huawei != null
                ? huawei.send(loopback.ids, Providers.MESSAGE, loopback.batchSize)
                : horizon.send(loopback.ids, Providers.MESSAGE, "INFO", loopback.batchSize);
        delivered.targets += sent;
        cpu.targetsDone += sent;
        invocations++;
        return sent;
    }
}
