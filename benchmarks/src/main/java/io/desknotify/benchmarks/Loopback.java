package io.desknotify.benchmarks;

import io.desknotify.testkit.Emulator;
import java.time.Duration;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A provider emulator on loopback HTTP, shared by {@link EndToEndBenchmark} and {@link HandWrittenBenchmark} so
 * that both run against the same server, inventory and batch size in the same run.
 */
@State(Scope.Benchmark)
public class Loopback {

    /** {@code huawei} (desktops, AK/SK signatures, Workspace jobs) or {@code horizon} (sessions, bearer token). */
    @Param({"huawei", "horizon"})
    public String provider;

    /** Desktops (Huawei) or sessions (Horizon) each send goes to. */
    @Param({"10000"})
    public int targets;

    /** Ids per request, for the library and the hand-written loop alike. */
    @Param({"100"})
    public int batchSize;

    /**
     * Time the emulator waits before answering each request, in milliseconds, as a provider across a network
     * does: 5 for a server on the same LAN, 20 for a nearby cloud region; 0 for bare loopback, where client and
     * emulator compete for the same CPU cores and there is no waiting for concurrency to overlap.
     */
    @Param({"0", "5", "20"})
    public int latencyMs;

    Providers kind;
    Emulator emulator;
    List<String> ids;

    @Setup(Level.Trial)
    public void start() {
        kind = Providers.of(provider);
        emulator = kind.start(targets, batchSize, 0);
        kind.addLatency(emulator, Duration.ofMillis(latencyMs));
        ids = kind.ids(emulator);
        if (ids.size() != targets) {
            throw new IllegalStateException("the emulator has " + ids.size() + " targets, not " + targets);
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        emulator.close();
    }

    /**
     * Checks that every target was shown exactly {@code times} times since the last check and that no request broke
     * the provider's contract, then forgets.
     */
    void checkShownAndClear(long times) {
        Providers.checkContract(emulator);
        long shown = emulator.journal().totalShown();
        if (shown != times * targets) {
            throw new IllegalStateException("expected " + times * targets + " notifications shown but the "
                    + provider + " emulator showed " + shown);
        }
        emulator.journal().clear();
    }
}
