package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.NotifyListener;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.api.spi.Transport;
import io.desknotify.core.Notifier;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator;
import io.desknotify.testkit.citrix.CitrixDaasEmulator;
import io.desknotify.transport.http.azure.AzureVirtualDesktopTransport;
import io.desknotify.transport.http.citrix.CitrixDaasTransport;
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
 * The session-per-call providers (Azure Virtual Desktop, Citrix DaaS) end to end under a write limit shaped like
 * Azure Resource Manager's: the emulator refuses a send with 429 when its token bucket ({@code bucket} requests,
 * refilled at {@code refillPerSecond}, counting writes only) is empty, and every request waits {@code latencyMs}.
 * The notifier is told the refill rate ({@link RateLimitSettings#perSecond(int)}); it does not know the bucket.
 * Each invocation sends to {@code targets} sessions and waits for the end of the job.
 *
 * <p>Secondary results: {@code send:writes} is the sends per second the emulator accepted: compare it with
 * {@code refillPerSecond}, the rate the provider allows once the bucket's first burst is spent (the warm-up
 * iteration spends it); {@code send:http429} counts the sends the emulator refused during the measurement
 * iterations (sends received minus sends accepted); the goal is zero after warm-up.
 * Citrix documents no limit; it gets the same bucket so that both providers are measured alike.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 30)
@Measurement(iterations = 2, time = 30)
@Fork(1)
@State(Scope.Benchmark)
public class SessionBucketBenchmark {
    private static final String CLIENT = "bench-client";
    private static final String SECRET = "bench-client-secret-not-a-secret";

    @Param({"avd", "citrix"})
    public String provider;

    /** Sessions per send: at the refill rate, one send takes targets / refillPerSecond seconds. */
    @Param({"300"})
    public int targets;

    /** ARM's write bucket: 200 requests. */
    @Param({"200"})
    public int bucket;

    /** ARM's write refill: 10 per second; the notifier is told this rate. */
    @Param({"10"})
    public int refillPerSecond;

    @Param({"5"})
    public int latencyMs;

    @Param({"16"})
    public int concurrency;

    private Emulator emulator;
    private Route sendRoute;
    private Notifier notifier;
    private List<Target> ids;
    private Notification notification;
    private final AtomicLong throttledSeen = new AtomicLong();

    /** Sends the emulator accepted, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Accepted {
        public long writes;

        @Setup(Level.Iteration)
        public void reset() {
            writes = 0;
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
        Inventory inventory = Inventory.builder().seed(42).desktops(targets).pools(1).pooledFraction(1.0)
                .connectedFraction(1.0).disconnectedFraction(0.0).build();
        RequestLimit limit = RequestLimit.tokenBucket(bucket, refillPerSecond).writesOnly();
        Transport transport;
        ids = new ArrayList<>(targets);
        switch (provider) {
            case "avd" -> {
                AzureVirtualDesktopEmulator avd = AzureVirtualDesktopEmulator.builder().inventory(inventory)
                        .client(CLIENT, SECRET).requestLimit(limit).journalDetails(false).start();
                emulator = avd;
                sendRoute = Route.AVD_SEND_MESSAGE;
                inventory.sessions().forEach(s -> ids.add(Target.session(avd.sessionTargetId(s))));
                transport = AzureVirtualDesktopTransport.builder().baseUri(avd.baseUri()).loginUri(avd.baseUri())
                        .tenantId(avd.tenantId()).clientId(CLIENT).clientSecret(SECRET.toCharArray())
                        .subscriptionId(avd.subscriptionId()).resourceGroup(avd.resourceGroup()).build();
            }
            case "citrix" -> {
                CitrixDaasEmulator citrix = CitrixDaasEmulator.builder().inventory(inventory)
                        .apiClient(CLIENT, SECRET).requestLimit(limit).journalDetails(false).start();
                emulator = citrix;
                sendRoute = Route.CITRIX_SEND_MESSAGE;
                inventory.sessions().forEach(s -> ids.add(Target.session(s.id())));
                transport = CitrixDaasTransport.builder().baseUri(citrix.baseUri())
                        .customerId(citrix.customerId()).siteId(citrix.siteId()).clientId(CLIENT)
                        .clientSecret(SECRET.toCharArray()).build();
            }
            default -> throw new IllegalArgumentException("unknown provider " + provider);
        }
        if (ids.size() != targets) {
            throw new IllegalStateException("the emulator has " + ids.size() + " sessions, not " + targets);
        }
        if (latencyMs > 0) {
            for (Route r : Route.values()) {
                if (r.provider() == sendRoute.provider()) {
                    emulator.faults().inject(r, Fault.latency(Duration.ofMillis(latencyMs)), Trigger.always());
                }
            }
        }
        notification = Notification.builder().title("Maintenance").message(Providers.MESSAGE).build();
        notifier = Notifier.builder()
                .transport(transport)
                .rateLimit(RateLimitSettings.perSecond(refillPerSecond))
                .maxConcurrentBatches(concurrency)
                .listener(new NotifyListener() {
                    @Override
                    public void throttled(String provider, Duration retryAfter) {
                        throttledSeen.incrementAndGet();
                    }
                })
                .build();
        // fetch the token and open connections before the first measured request
        notifier.checkHealth(notifier.providers().get(0)).toCompletableFuture().join();
    }

    @TearDown(Level.Trial)
    public void stop() {
        Providers.closeAndCheckContract(notifier, emulator);
    }

    @Benchmark
    public JobReport send(Accepted accepted, Throttled throttled) {
        long received = emulator.journal().requestCount(sendRoute);
        long seen = throttledSeen.get();
        JobReport report = notifier.send(notification, ids).completion().join();
        if (report.count(Outcome.DELIVERED) != targets) {
            throw new IllegalStateException("expected " + targets + " delivered but the report says " + report);
        }
        accepted.writes += targets;
        throttled.http429 += emulator.journal().requestCount(sendRoute) - received - targets;
        throttled.throttledSeen += throttledSeen.get() - seen;
        return report;
    }
}
