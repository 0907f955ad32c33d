package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.NotifyListener;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.testkit.Emulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Sending under a provider's rate limit: the emulator answers 429 past {@code rate} requests per second (over
 * all routes, in fixed one-second windows) and the notifier is configured with the same
 * {@link RateLimitSettings#perSecond(int) rate}. Each invocation sends to {@code targets} ids and waits for the
 * end (for Huawei, every Workspace job is polled once, which is paced and counted like a send).
 *
 * <p>Secondary results: {@code send:requests} is the requests per second the emulator accepted (compare with
 * {@code rate}: the goal is at least 90%); {@code send:http429} is how many requests the emulator refused with 429
 * during the measurement iterations, counted on the emulator's side (requests received minus requests accepted;
 * every batch and every job poll is accepted exactly once when the job succeeds); {@code send:throttledSeen} is how
 * many throttling answers reached the notifier (the transport may retry a throttled GET before the notifier sees
 * it). The goal is zero 429s after warm-up.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
@State(Scope.Benchmark)
public class ThrottledBenchmark {

    @Param({"horizon", "huawei"})
    public String provider;

    /** Requests per second the emulator allows and the notifier is configured with. */
    @Param({"50"})
    public int rate;

    @Param({"10000"})
    public int targets;

    @Param({"100"})
    public int batchSize;

    @Param({"16"})
    public int concurrency;

    /**
     * How far below {@code rate} the notifier is configured, in percent: 0 (the same rate) is the goal's setting;
     * a few percent show how much a margin against timing jitter helps.
     */
    @Param({"0"})
    public int headroomPercent;

    private Providers kind;
    private Emulator emulator;
    private Notifier notifier;
    private List<Target> ids;
    private Notification notification;
    private long batchesPerSend;
    private final AtomicLong throttledSeen = new AtomicLong();

    /** Requests the emulator accepted, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Accepted {
        public long requests;

        @Setup(Level.Iteration)
        public void reset() {
            requests = 0;
        }
    }

    /** Throttling answers, reported by JMH as counts. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Throttled {
        public long http429;
        public long throttledSeen;

        @Setup(Level.Iteration)
        public void reset() {
            http429 = 0;
            throttledSeen = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        kind = Providers.of(provider);
        emulator = kind.start(targets, batchSize, rate);
        ids = new ArrayList<>(targets);
        kind.ids(emulator).forEach(id -> ids.add(kind.target(id)));
        if (ids.size() != targets) {
            throw new IllegalStateException("the emulator has " + ids.size() + " targets, not " + targets);
        }
        batchesPerSend = (targets + batchSize - 1) / batchSize;
        notification = Notification.builder().message(Providers.MESSAGE).build();
        notifier = Notifier.builder()
                .transport(kind.transport(emulator, batchSize))
                .rateLimit(headroomPercent == 0 ? RateLimitSettings.perSecond(rate)
                        : RateLimitSettings.of(rate * (100 - headroomPercent), Duration.ofSeconds(100)))
                .maxConcurrentBatches(concurrency)
                .jobPolling(Duration.ofMillis(10), Duration.ofMinutes(1))
                .listener(new NotifyListener() {
                    @Override
                    public void throttled(String provider, Duration retryAfter) {
                        throttledSeen.incrementAndGet();
                    }
                })
                .build();
        // log in (Horizon) and open connections before the first measured request
        notifier.checkHealth(notifier.providers().get(0)).toCompletableFuture().join();
    }

    @TearDown(Level.Trial)
    public void stop() {
        Providers.closeAndCheckContract(notifier, emulator);
    }

    @Benchmark
    public JobReport send(Accepted accepted, Throttled throttled) {
        long received = kind.requestsReceived(emulator);
        long seen = throttledSeen.get();
        JobReport report = notifier.send(notification, ids).completion().join();
        if (report.count(Outcome.DELIVERED) != targets) {
            throw new IllegalStateException("expected " + targets + " delivered but the report says " + report);
        }
        long expected = batchesPerSend * kind.requestsPerBatch();
        accepted.requests += expected;
        throttled.http429 += kind.requestsReceived(emulator) - received - expected;
        throttled.throttledSeen += throttledSeen.get() - seen;
        return report;
    }
}
