package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The library against what a user would pick instead, in one run: one send of a message to every target of a
 * testkit emulator on loopback (20,000 Huawei desktops or Horizon sessions by default, batch 100), waited for to
 * its end, by one contender per JMH fork (so each has a JVM, a JIT and a heap of its own), at a provider latency of
 * 0, 5 and 50 ms on every request.
 *
 * <p>The contenders ({@link #contender}, provider first):
 * <ul>
 *   <li>{@code desknotify}: a {@link Notifier} with the library's HTTP transport, 16 batches in flight
 *       ({@code maxConcurrentBatches(16)}), Workspace jobs polled 10 ms after the send
 *       ({@code jobPolling(10 ms, 1 min)}), as in {@link EndToEndBenchmark}; the send ends when the report is
 *       final, every target DELIVERED.</li>
 *   <li>{@code sdk-1}, {@code sdk-8} (Huawei only): Huawei's official Java SDK on 1 or 8 threads, sending every
 *       batch and following each returned job with {@code ShowJob} until it has ended ({@link SdkHuawei}).</li>
 *   <li>{@code hand-1}, {@code hand-8}, {@code hand-16}: the hand-written JDK {@code HttpClient} loop of
 *       {@link HandWrittenBenchmark} ({@link HandWrittenHuawei}, {@link HandWrittenHorizon}), one batch per task on
 *       1, 8 or 16 threads sharing one client: the SDK's concurrencies and the library's. It follows no job and
 *       records nothing per target: its send ends when the last batch is answered.</li>
 * </ul>
 *
 * <p>The figures, secondary results summed by JMH over the sends of an iteration (divide by {@code sends} or
 * {@code targets}; {@link PeerSummary} does):
 * <ul>
 *   <li>{@code lastShownMs}: from the start of the send to the last notification the emulator showed, from its
 *       journal's timestamps;</li>
 *   <li>{@code finalMs}: from the start of the send to its end (the report final, every job ended, or the last
 *       answer for the hand-written loop);</li>
 *   <li>{@code clientCpuUs}: CPU time of the client's Java threads, every thread of the JVM but the emulator's
 *       ({@link ClientCpu}: threads told apart by name, threads that end meanwhile counted by a 10 ms sampler).
 *       The same method for every contender. It includes the JMH thread that starts the send and waits for it,
 *       and the JDK or OkHttp client threads. It excludes the emulator's threads and the JVM's own: garbage
 *       collection and JIT compilation cannot be split between client and emulator in one JVM, so they are
 *       reported apart, for both sides together, as {@code vmCpuUs}, with {@code clientAllocatedKb} (bytes the
 *       client's threads allocated, the client's share of the collector's work) and {@code emulatorCpuUs}.
 *       Warm-up iterations run first in the same fork, so the measured sends are JIT-compiled; what compiling
 *       still happens is in {@code vmCpuUs}.</li>
 * </ul>
 * Every send is checked: every target shown exactly once, no request outside the provider's contract, and the
 * contender's own count of targets (delivered, succeeded sub-jobs, sent) equal to the targets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class PeerBenchmark {

    /** The library's batches in flight, and the hand-written loop's threads that match it. */
    static final int LIBRARY_CONCURRENCY = 16;

    /** {@code provider-contender}: who sends, to which emulator. */
    @Param({"huawei-desknotify", "huawei-sdk-8", "huawei-sdk-1", "huawei-hand-16", "huawei-hand-8", "huawei-hand-1",
            "horizon-desknotify", "horizon-hand-16", "horizon-hand-8", "horizon-hand-1"})
    public String contender;

    /** Desktops (Huawei) or sessions (Horizon) each send goes to. */
    @Param({"20000"})
    public int targets;

    /** Milliseconds the emulator waits before answering each request, on every route. */
    @Param({"0", "5", "50"})
    public int latencyMs;

    private static final int BATCH = 100;

    private Providers kind;
    private Emulator emulator;
    private List<String> ids;
    private Notification notification;
    private List<Target> libraryTargets;
    private Notifier notifier;
    private SdkHuawei sdk;
    private HandWrittenHuawei handHuawei;
    private HandWrittenHorizon handHorizon;
    private ExecutorService handPool;

    /** The figures of the sends of an iteration, summed. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Figures {
        public long sends;
        public long targets;
        public long lastShownMs;
        public long finalMs;
        public long clientCpuUs;
        public long vmCpuUs;
        public long emulatorCpuUs;
        public long clientAllocatedKb;

        @Setup(Level.Iteration)
        public void reset() {
            sends = 0;
            targets = 0;
            lastShownMs = 0;
            finalMs = 0;
            clientCpuUs = 0;
            vmCpuUs = 0;
            emulatorCpuUs = 0;
            clientAllocatedKb = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() throws Exception {
        String[] parts = contender.split("-", 2);
        kind = Providers.of(parts[0]);
        String who = parts[1];
        emulator = kind.start(targets, BATCH, 0);
        kind.addLatency(emulator, Duration.ofMillis(latencyMs));
        ids = kind.ids(emulator);
        if (ids.size() != targets) {
            throw new IllegalStateException("the emulator has " + ids.size() + " targets, not " + targets);
        }
        notification = Notification.builder().message(Providers.MESSAGE).build();
        if (who.equals("desknotify")) {
            libraryTargets = new ArrayList<>(targets);
            ids.forEach(id -> libraryTargets.add(kind.target(id)));
            notifier = Notifier.builder()
                    .transport(kind.transport(emulator, BATCH))
                    .maxConcurrentBatches(LIBRARY_CONCURRENCY)
                    .jobPolling(Duration.ofMillis(10), Duration.ofMinutes(1))
                    .build();
            // log in (Horizon) and open a connection before the first send, as the loops do below
            notifier.checkHealth(notifier.providers().get(0)).toCompletableFuture().join();
        } else if (who.startsWith("sdk-")) {
            if (kind != Providers.HUAWEI) {
                throw new IllegalArgumentException("the SDK is Huawei's: " + contender);
            }
            sdk = new SdkHuawei((HuaweiWorkspaceEmulator) emulator, Providers.ACCESS_KEY, Providers.SECRET_KEY,
                    threads(who));
        } else if (who.startsWith("hand-")) {
            AtomicInteger n = new AtomicInteger();
            handPool = Executors.newFixedThreadPool(threads(who), r -> {
                Thread t = new Thread(r, "hand-loop-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            if (kind == Providers.HUAWEI) {
                handHuawei = new HandWrittenHuawei(emulator.baseUri(), ((HuaweiWorkspaceEmulator) emulator).projectId(),
                        Providers.ACCESS_KEY, Providers.SECRET_KEY);
            } else {
                handHorizon = new HandWrittenHorizon(emulator.baseUri(), Providers.DOMAIN, Providers.USERNAME,
                        Providers.PASSWORD);
                handHorizon.send(List.of(), Providers.MESSAGE, "INFO", BATCH); // logs in
            }
        } else {
            throw new IllegalArgumentException("no such contender: " + contender);
        }
        emulator.journal().clear();
    }

    private static int threads(String who) {
        return Integer.parseInt(who.substring(who.indexOf('-') + 1));
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (sdk != null) {
            sdk.close();
        }
        if (handPool != null) {
            handPool.shutdownNow();
        }
        if (notifier != null) {
            Providers.closeAndCheckContract(notifier, emulator);
        } else {
            try {
                Providers.checkContract(emulator);
            } finally {
                emulator.close();
            }
        }
    }

    @Benchmark
    public int send(Figures figures) throws Exception {
        emulator.journal().clear();
        ClientCpu.Window cpu = ClientCpu.start();
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        int done = sendToAll();
        long finalNanos = System.nanoTime() - t0;
        cpu.stop();
        if (done != targets) {
            throw new IllegalStateException(contender + " counted " + done + " targets, not " + targets);
        }
        Providers.checkContract(emulator);
        int shown = emulator.journal().totalShown();
        if (shown != targets) {
            throw new IllegalStateException("expected " + targets + " notifications shown but the emulator showed "
                    + shown + " for " + contender);
        }
        Instant last = emulator.journal().lastShown()
                .orElseThrow(() -> new IllegalStateException("the emulator showed nothing"));
        figures.sends++;
        figures.targets += targets;
        figures.lastShownMs += Math.max(0, Duration.between(started, last).toMillis());
        figures.finalMs += TimeUnit.NANOSECONDS.toMillis(finalNanos);
        figures.clientCpuUs += TimeUnit.NANOSECONDS.toMicros(cpu.clientNanos());
        figures.vmCpuUs += TimeUnit.NANOSECONDS.toMicros(cpu.vmNanos());
        figures.emulatorCpuUs += TimeUnit.NANOSECONDS.toMicros(cpu.emulatorNanos());
        figures.clientAllocatedKb += cpu.clientAllocatedBytes() / 1024;
        return done;
    }

    /** One send to every target by the contender, to its end; returns the contender's count of targets done. */
    private int sendToAll() throws Exception {
        if (notifier != null) {
            JobReport report = notifier.send(notification, libraryTargets).completion().join();
            return (int) report.count(Outcome.DELIVERED);
        }
        if (sdk != null) {
            return sdk.send(ids, Providers.MESSAGE, BATCH);
        }
        List<CompletableFuture<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
            batches.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return handHuawei != null ? handHuawei.send(batch, Providers.MESSAGE, BATCH)
                            : handHorizon.send(batch, Providers.MESSAGE, "INFO", BATCH);
                } catch (java.io.IOException e) {
                    throw new CompletionException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                }
            }, handPool));
        }
        int sent = 0;
        for (CompletableFuture<Integer> b : batches) {
            sent += b.join();
        }
        return sent;
    }

    /** {@code huawei} or {@code horizon}, from a {@link #contender} value. */
    static String provider(String contender) {
        return contender.substring(0, contender.indexOf('-')).toLowerCase(Locale.ROOT);
    }
}
