package io.desknotify.core.inmemory;

import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ProviderJobPoll;
import io.desknotify.api.spi.ProviderJobStatus;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A transport that "shows" notifications in memory: the embedded default for tests, benchmarks and trying the
 * library out. Latency, per-target failures, whole-batch failures (before or after the targets were shown),
 * throttling and asynchronous provider jobs can be configured or scripted at run time; what was shown can be
 * asserted. Thread-safe; never blocks a thread (latency is a scheduled completion).
 *
 * <pre>{@code
 * InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(5)).build();
 * transport.failNext(2, () -> TransportException.builder(Retryability.RETRYABLE, "503").httpStatus(503).build());
 * ...
 * assertThat(transport.shownCount("desktop-1")).isEqualTo(1);
 * }</pre>
 */
public final class InMemoryTransport implements Transport {
    private final String provider;
    private final TransportCapabilities capabilities;
    private final Duration latency;
    private final boolean trackTargets;
    private final int pollsUntilDone;
    private final Map<String, List<String>> users;
    private final Set<String> disconnected;
    private final ScheduledExecutorService timer;

    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Map<String, TargetResult> targetFailures = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> shown = new ConcurrentHashMap<>();
    private final AtomicLong shownTotal = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Long> callTimes = new ConcurrentLinkedQueue<>();
    private final AtomicLong jobIds = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicInteger> jobPolls = new ConcurrentHashMap<>();

    private record Fault(Supplier<TransportException> error, boolean afterShowing) {
    }

    private InMemoryTransport(Builder b) {
        this.provider = b.provider;
        TransportCapabilities.Builder caps = TransportCapabilities.builder()
                .maxMessageLength(b.maxMessageLength)
                .severitySupport(TransportCapabilities.SeveritySupport.NATIVE)
                .titleSupport(b.titleSupport)
                .maxTitleLength(b.maxTitleLength)
                .filtersConnected(true);
        if (b.kinds.contains(TargetKind.USER)) {
            caps.resolvableKind(TargetKind.USER);
        }
        b.batchSizes.forEach((kind, size) -> {
            if (b.kinds.contains(kind)) {
                caps.nativeKind(kind, size);
            }
        });
        this.capabilities = caps.build();
        this.latency = b.latency;
        this.trackTargets = b.trackTargets;
        this.pollsUntilDone = b.pollsUntilDone;
        this.users = Map.copyOf(b.users);
        this.disconnected = Set.copyOf(b.disconnected);
        this.timer = latency.isZero() ? null : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "in-memory-transport-" + provider);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a transport named {@code in-memory} reaching every kind, answering at once.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public TransportCapabilities capabilities() {
        return capabilities;
    }

    /**
     * The next {@code n} deliveries fail with the given error before any target is shown.
     *
     * @param n     how many deliveries
     * @param error makes the error of each
     * @return this transport
     */
    public InMemoryTransport failNext(int n, Supplier<TransportException> error) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(error, false));
        }
        return this;
    }

    /**
     * The next {@code n} deliveries show their targets, then fail with the given (ambiguous) error.
     *
     * @param n     how many deliveries
     * @param error makes the error of each
     * @return this transport
     */
    public InMemoryTransport failNextAfterShowing(int n, Supplier<TransportException> error) {
        for (int i = 0; i < n; i++) {
            faults.add(new Fault(error, true));
        }
        return this;
    }

    /**
     * The next {@code n} deliveries are answered "too many requests, retry after {@code retryAfter}".
     *
     * @param n          how many deliveries
     * @param retryAfter the wait the answer asks for
     * @return this transport
     */
    public InMemoryTransport throttleNext(int n, Duration retryAfter) {
        return failNext(n, () -> TransportException.builder(TransportException.Retryability.RETRYABLE,
                "too many requests").provider(provider).httpStatus(429).errorCode("THROTTLED").throttled(true)
                .retryAfter(retryAfter).build());
    }

    /**
     * The provider rejects this target id in every batch.
     *
     * @param id           the target id
     * @param errorCode    the code of the rejection
     * @param errorMessage its reason
     * @return this transport
     */
    public InMemoryTransport failTarget(String id, String errorCode, String errorMessage) {
        targetFailures.put(id, TargetResult.failed(Target.desktop(id), errorCode, errorMessage));
        return this;
    }

    @Override
    public CompletionStage<BatchResult> deliver(Batch batch) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        calls.incrementAndGet();
        callTimes.add(System.nanoTime());
        CompletableFuture<BatchResult> out = new CompletableFuture<>();
        Runnable answer = () -> {
            inFlight.decrementAndGet();
            try {
                out.complete(answer(batch));
            } catch (TransportException e) {
                out.completeExceptionally(e);
            }
        };
        if (timer == null) {
            answer.run();
        } else {
            timer.schedule(answer, latency.toNanos(), TimeUnit.NANOSECONDS);
        }
        return out;
    }

    private BatchResult answer(Batch batch) {
        Fault fault = faults.poll();
        if (fault != null && !fault.afterShowing) {
            throw fault.error.get();
        }
        List<TargetResult> failed = List.of();
        for (Target t : batch.targets()) {
            TargetResult f = targetFailures.get(t.value());
            if (f != null) {
                if (failed.isEmpty()) {
                    failed = new ArrayList<>();
                }
                failed.add(new TargetResult(t, Outcome.FAILED, f.errorCode(), f.errorMessage()));
                continue;
            }
            shownTotal.incrementAndGet();
            if (trackTargets) {
                shown.computeIfAbsent(t.kind() + ":" + t.value(), k -> new AtomicInteger()).incrementAndGet();
            }
        }
        if (fault != null) {
            throw fault.error.get();
        }
        if (pollsUntilDone > 0) {
            String jobId = provider + "-job-" + jobIds.incrementAndGet();
            jobPolls.put(jobId, new AtomicInteger());
            return BatchResult.of(Outcome.PENDING, jobId, null, failed);
        }
        return BatchResult.of(Outcome.DELIVERED, null, null, failed);
    }

    @Override
    public CompletionStage<ProviderJobStatus> pollJob(ProviderJobPoll poll) {
        AtomicInteger polls = jobPolls.get(poll.providerJobId());
        if (polls == null) {
            return CompletableFuture.failedFuture(TransportException.builder(TransportException.Retryability.FATAL,
                    "unknown job " + poll.providerJobId()).provider(provider).httpStatus(404).build());
        }
        if (polls.incrementAndGet() < pollsUntilDone) {
            return CompletableFuture.completedFuture(ProviderJobStatus.running());
        }
        return CompletableFuture.completedFuture(new ProviderJobStatus(true, Outcome.DELIVERED, List.of()));
    }

    @Override
    public CompletionStage<Resolution> resolve(ResolveRequest request) {
        Resolution.Builder resolution = Resolution.builder();
        for (Target t : request.targets()) {
            List<Target> expanded;
            if (t.kind() == TargetKind.USER) {
                List<String> desktops = users.get(t.value());
                if (desktops == null || desktops.isEmpty()) {
                    resolution.settle(TargetResult.failed(t, "USER_NOT_FOUND", "no desktop is assigned to "
                            + t.value()));
                    continue;
                }
                expanded = new ArrayList<>(desktops.size());
                for (String d : desktops) {
                    expanded.add(Target.desktop(d).via(t.provider()));
                }
            } else {
                expanded = List.of(t);
            }
            for (Target e : expanded) {
                if (request.onlyConnected() && disconnected.contains(e.value())) {
                    resolution.settle(TargetResult.skipped(e, "NOT_CONNECTED", e.value() + " is not connected"));
                } else {
                    resolution.deliver(e, t);
                }
            }
        }
        return CompletableFuture.completedFuture(resolution.build());
    }

    /**
     * How many times the target (by kind and id) was shown.
     *
     * @param kind the kind
     * @param id   the id
     * @return the count
     */
    public int shownCount(TargetKind kind, String id) {
        AtomicInteger n = shown.get(kind + ":" + id);
        return n == null ? 0 : n.get();
    }

    /**
     * How many times the desktop with this id was shown the notification.
     *
     * @param desktopId the desktop id
     * @return the count
     */
    public int shownCount(String desktopId) {
        return shownCount(TargetKind.DESKTOP, desktopId);
    }

    /**
     * Distinct targets shown at least once (when tracking targets).
     *
     * @return the count
     */
    public int distinctShown() {
        return shown.size();
    }

    /**
     * Targets shown, duplicates included.
     *
     * @return the count
     */
    public long shownTotal() {
        return shownTotal.get();
    }

    /**
     * Targets shown more than once (when tracking targets).
     *
     * @return the count
     */
    public long shownMoreThanOnce() {
        return shown.values().stream().filter(n -> n.get() > 1).count();
    }

    /**
     * Calls of {@link #deliver}.
     *
     * @return the count
     */
    public int deliverCalls() {
        return calls.get();
    }

    /**
     * The most deliveries that were in progress at the same time.
     *
     * @return the count
     */
    public int maxConcurrentCalls() {
        return maxInFlight.get();
    }

    /**
     * {@link System#nanoTime()} of every call of {@link #deliver}, in call order.
     *
     * @return the times, a copy
     */
    public List<Long> callTimesNanos() {
        return new ArrayList<>(callTimes);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "InMemoryTransport{provider=" + provider + ", latency=" + latency + '}';
    }

    /** Builds {@link InMemoryTransport}s. Not thread-safe. */
    public static final class Builder {
        private String provider = "in-memory";
        private Duration latency = Duration.ZERO;
        private final Map<TargetKind, Integer> batchSizes = new EnumMap<>(Map.of(
                TargetKind.DESKTOP, 100, TargetKind.SESSION, 100, TargetKind.DESKTOP_POOL, 1));
        private int maxMessageLength = 4096;
        private TransportCapabilities.TitleSupport titleSupport = TransportCapabilities.TitleSupport.NATIVE;
        private int maxTitleLength = 256;
        private boolean trackTargets = true;
        private int pollsUntilDone;
        private final Map<String, List<String>> users = new HashMap<>();
        private final Set<String> disconnected = new HashSet<>();
        private Set<TargetKind> kinds = Set.of(TargetKind.values());

        private Builder() {
        }

        /**
         * The kinds this transport reaches; all unless set.
         *
         * @param kinds at least one kind
         * @return this builder
         */
        public Builder kinds(TargetKind... kinds) {
            if (kinds.length == 0) {
                throw new IllegalArgumentException("kinds must not be empty");
            }
            this.kinds = Set.of(kinds);
            return this;
        }

        /**
         * The transport name; {@code in-memory} unless set.
         *
         * @param provider not blank
         * @return this builder
         */
        public Builder provider(String provider) {
            if (provider == null || provider.isBlank()) {
                throw new IllegalArgumentException("provider must not be blank");
            }
            this.provider = provider;
            return this;
        }

        /**
         * How long each delivery takes; zero (answer at once, on the calling thread) unless set.
         *
         * @param latency not negative
         * @return this builder
         */
        public Builder latency(Duration latency) {
            if (latency == null || latency.isNegative()) {
                throw new IllegalArgumentException("latency must not be null or negative");
            }
            this.latency = latency;
            return this;
        }

        /**
         * The most targets of a native kind per batch (DESKTOP and SESSION 100, DESKTOP_POOL 1 unless set).
         *
         * @param kind a kind other than USER
         * @param size at least 1
         * @return this builder
         */
        public Builder maxBatchSize(TargetKind kind, int size) {
            if (kind == TargetKind.USER) {
                throw new IllegalArgumentException("USER targets are resolved, not delivered");
            }
            if (size < 1) {
                throw new IllegalArgumentException("size must be at least 1 but was " + size);
            }
            batchSizes.put(kind, size);
            return this;
        }

        /**
         * The longest message accepted, in UTF-16 chars; 4096 unless set.
         *
         * @param maxMessageLength at least 1
         * @return this builder
         */
        public Builder maxMessageLength(int maxMessageLength) {
            if (maxMessageLength < 1) {
                throw new IllegalArgumentException("maxMessageLength must be at least 1 but was " + maxMessageLength);
            }
            this.maxMessageLength = maxMessageLength;
            return this;
        }

        /**
         * What the transport says it does with titles ({@code NATIVE} unless set), so that a test can see how the
         * notifier checks a title for a provider with or without titles.
         *
         * @param titleSupport not null
         * @param maxTitleLength the longest title for {@code NATIVE}, at least 1 (256 by default)
         * @return this builder
         */
        public Builder titleSupport(TransportCapabilities.TitleSupport titleSupport, int maxTitleLength) {
            if (titleSupport == null) {
                throw new IllegalArgumentException("titleSupport must not be null");
            }
            if (maxTitleLength < 1) {
                throw new IllegalArgumentException("maxTitleLength must be at least 1 but was " + maxTitleLength);
            }
            this.titleSupport = titleSupport;
            this.maxTitleLength = maxTitleLength;
            return this;
        }

        /**
         * Count shows per target (for {@link InMemoryTransport#shownCount(String)}); turn off for very large jobs to save memory.
         *
         * @param trackTargets whether to count per target
         * @return this builder
         */
        public Builder trackTargets(boolean trackTargets) {
            this.trackTargets = trackTargets;
            return this;
        }

        /**
         * Answer deliveries with a provider job that reports done on the given poll (0: no provider jobs).
         *
         * @param pollsUntilDone the poll that finds the job done, 0 for none
         * @return this builder
         */
        public Builder providerJobs(int pollsUntilDone) {
            if (pollsUntilDone < 0) {
                throw new IllegalArgumentException("pollsUntilDone must not be negative but was " + pollsUntilDone);
            }
            this.pollsUntilDone = pollsUntilDone;
            return this;
        }

        /**
         * Assigns desktops to a user, for USER targets.
         *
         * @param name       the user name
         * @param desktopIds the user's desktops
         * @return this builder
         */
        public Builder user(String name, String... desktopIds) {
            users.put(name, List.of(desktopIds));
            return this;
        }

        /**
         * Marks desktops as not connected, for the only-connected option.
         *
         * @param desktopIds the desktops
         * @return this builder
         */
        public Builder disconnected(String... desktopIds) {
            disconnected.addAll(List.of(desktopIds));
            return this;
        }

        /**
         * Builds the transport.
         *
         * @return the transport
         */
        public InMemoryTransport build() {
            return new InMemoryTransport(this);
        }
    }
}
