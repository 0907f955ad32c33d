package io.desknotify.core;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.IdempotencyKeyConflictException;
import io.desknotify.api.InvalidRequestException;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.NotifyListener;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Target;
import io.desknotify.api.spi.ProviderRecord;
import io.desknotify.api.spi.ProviderRecordQuery;
import io.desknotify.api.spi.RecordStore;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.core.inmemory.InMemoryRecordStore;
import io.desknotify.core.internal.JobRun;
import io.desknotify.core.internal.Lane;
import io.desknotify.core.internal.LanePlan;
import io.desknotify.core.internal.Runtime;
import io.desknotify.core.internal.SafeListener;
import io.desknotify.core.internal.TargetDigest;
import io.desknotify.core.internal.TransportFactories;
import io.desknotify.core.metrics.MicrometerNotifyListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends notifications to desktops through one or more transports: validates the whole request up front, routes
 * each target to its provider, resolves users and pools, removes duplicates, cuts batches to each provider's
 * limits, sends them with bounded concurrency, retries and rate limiting, follows provider jobs, and keeps one
 * delivery record per target.
 *
 * <pre>{@code
 * try (Notifier notifier = Notifier.builder()
 *         .transport(transport)                       // the first transport is the default provider
 *         .retry(RetrySettings.defaults())
 *         .rateLimit(RateLimitSettings.perSecond(10))
 *         .build()) {
 *     NotificationJob job = notifier.send(
 *             Notification.builder().message("Maintenance at 22:00").severity(Severity.WARNING).build(),
 *             List.of(Target.desktop("713340659-3049531573-3422099183-1117"), Target.user("zhangsan")));
 *     JobReport report = job.completion().join();
 * }
 * }</pre>
 *
 * <h2>Share it</h2>
 * A notifier is thread-safe and meant to live as long as the application: it owns threads, rate limiters and
 * the transports given to it. Create one and share it.
 *
 * <h2>Close it</h2>
 * {@link #close()} stops accepting sends, waits up to {@link Builder#closeTimeout(Duration)} for running jobs,
 * then cancels what is left (records {@code CANCELLED}), closes the transports and stops its threads.
 */
public final class Notifier implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final Map<String, Lane> lanes;
    private final String defaultProvider;
    private final Runtime runtime;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService executor;
    private final int maxTargetsPerJob;
    private final int jobRetention;
    private final Duration closeTimeout;
    private final SendOptions defaultOptions;
    private final ConcurrentHashMap<String, JobRun> running = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, JobRun> byKey = new ConcurrentHashMap<>();
    private final LinkedHashMap<String, JobRun> finished = new LinkedHashMap<>();
    private final AtomicLong jobCounter = new AtomicLong();
    private final String idPrefix = Long.toString(System.currentTimeMillis(), 36);
    private volatile boolean closed;

    private Notifier(Builder b) {
        this.scheduler = new ScheduledThreadPoolExecutor(1, threads("desknotify-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.executor = Executors.newFixedThreadPool(b.workerThreads, threads("desknotify-worker"));
        List<NotifyListener> listeners = new ArrayList<>(b.listeners);
        if (b.meterRegistry != null) {
            listeners.add(new MicrometerNotifyListener(b.meterRegistry));
        }
        this.runtime = new Runtime(scheduler, new SafeListener(listeners), b.recordStore, b.clock, b.retry,
                b.jobPolling);
        Map<String, Lane> l = new LinkedHashMap<>();
        for (Transport t : b.transports) {
            RateLimitSettings rate = b.rateLimits.getOrDefault(t.provider(), b.rateLimit);
            l.put(t.provider(), new Lane(t, runtime, rate, b.maxConcurrentBatches));
        }
        this.lanes = l;
        this.defaultProvider = b.defaultProvider != null ? b.defaultProvider : b.transports.get(0).provider();
        this.maxTargetsPerJob = b.maxTargetsPerJob;
        this.jobRetention = b.jobRetention;
        this.closeTimeout = b.closeTimeout;
        this.defaultOptions = b.defaultOptions;
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Starts a notifier; at least one transport is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends with the notifier's default options ({@link Builder#defaultOptions(SendOptions)}); see
     * {@link #send(Notification, Collection, SendOptions)}.
     *
     * @param notification what to show
     * @param targets      whom to show it to
     * @return the job, running
     * @throws InvalidRequestException naming the field when the request is invalid; nothing has been sent then
     * @throws IllegalStateException   when the notifier is closed
     */
    public NotificationJob send(Notification notification, Collection<? extends Target> targets) {
        return send(notification, targets, defaultOptions);
    }

    /**
     * Validates the request and starts a job; returns at once.
     *
     * <p>With an idempotency key the notifier still knows (the job is running or among the last
     * {@link Builder#jobRetention(int) retained} ones), the same request returns the first job and sends nothing;
     * "the same" means an equal notification, equal options and the same targets in any order (compared by a
     * digest of provider, kind and id made once per send, not by a copy of the targets). Another request with
     * that key is refused.
     *
     * @param notification what to show
     * @param targets      whom to show it to
     * @param options      options of this send
     * @return the job, running
     * @throws IdempotencyKeyConflictException when the idempotency key belongs to a job of another request
     * @throws InvalidRequestException         naming the field when the notification, a target or an option is
     *                                         invalid or cannot be reached by its provider; nothing has been sent
     *                                         then
     * @throws IllegalStateException           when the notifier is closed
     */
    public NotificationJob send(Notification notification, Collection<? extends Target> targets,
            SendOptions options) {
        if (closed) {
            throw new IllegalStateException("notifier is closed");
        }
        if (notification == null) {
            throw new InvalidRequestException("notification", "notification must not be null");
        }
        if (options == null) {
            throw new InvalidRequestException("options", "options must not be null");
        }
        String key = options.idempotencyKey().orElse(null);
        if (key != null) {
            JobRun first = byKey.get(key);
            if (first != null) {
                return sameRequest(first, key, notification, targets, options, null);
            }
        }
        TargetDigest digest = key != null ? new TargetDigest() : null;
        Map<String, LanePlan> plans = plan(notification, targets, options, digest);

        String id = idPrefix + "-" + jobCounter.incrementAndGet();
        JobRun job = new JobRun(id, notification, options, digest, runtime, List.copyOf(plans.values()),
                targets.size(), this::finished);
        if (key != null) {
            // a concurrent send with the same key may have won since the look-up above
            JobRun first = byKey.putIfAbsent(key, job);
            if (first != null) {
                return sameRequest(first, key, notification, targets, options, digest);
            }
        }
        running.put(id, job);
        try {
            executor.execute(job::start);
        } catch (RuntimeException e) {
            running.remove(id);
            if (key != null) {
                byKey.remove(key, job);
            }
            throw new IllegalStateException("notifier is closed", e);
        }
        return job;
    }

    /**
     * The first job of an idempotency key, when the request is the same as its; else the conflict, saying what
     * differs.
     */
    private JobRun sameRequest(JobRun first, String key, Notification notification,
            Collection<? extends Target> targets, SendOptions options, TargetDigest digest) {
        String differs = null;
        if (!first.notification().equals(notification)) {
            differs = "another notification";
        } else if (!first.options().equals(options)) {
            differs = "other options (" + options + " instead of " + first.options() + ")";
        } else {
            if (targets == null) {
                throw new InvalidRequestException("targets", "targets must not be null");
            }
            if (digest == null) {
                digest = new TargetDigest();
                for (Target t : targets) {
                    digest.add(t == null || t.provider() == null ? defaultProvider : t.provider(), t);
                }
            }
            if (!digest.sameAs(first.digest())) {
                differs = "other targets";
            }
        }
        if (differs == null) {
            return first;
        }
        throw new IdempotencyKeyConflictException(first.id(), "idempotency key '" + key + "' belongs to job "
                + first.id() + ", which was sent a different request: this send has " + differs
                + "; nothing was sent. Use a new key for a new request, or repeat the first request exactly");
    }

    /** Validates everything and routes targets to lanes, de-duplicating as it goes. Sends nothing. */
    private Map<String, LanePlan> plan(Notification notification, Collection<? extends Target> targets,
            SendOptions options, TargetDigest digest) {
        if (targets == null) {
            throw new InvalidRequestException("targets", "targets must not be null");
        }
        if (targets.isEmpty()) {
            throw new InvalidRequestException("targets", "targets must not be empty");
        }
        if (targets.size() > maxTargetsPerJob) {
            throw new InvalidRequestException("targets", "a job may have at most " + maxTargetsPerJob
                    + " targets but " + targets.size() + " were given");
        }
        Map<String, LanePlan> plans = new LinkedHashMap<>();
        int i = 0;
        String lastProvider = null;
        LanePlan plan = null;
        for (Target t : targets) {
            if (t == null) {
                throw new InvalidRequestException("targets[" + i + "]", "targets[" + i + "] must not be null");
            }
            String provider = t.provider() != null ? t.provider() : defaultProvider;
            if (digest != null) {
                digest.add(provider, t);
            }
            // targets mostly come in runs of one provider: look the plan up only when the provider changes
            if (!provider.equals(lastProvider)) {
                plan = plans.get(provider);
                lastProvider = provider;
            }
            if (plan == null) {
                Lane lane = lanes.get(provider);
                if (lane == null) {
                    throw new InvalidRequestException("targets[" + i + "].provider", "targets[" + i
                            + "].provider is '" + provider + "', which this notifier does not have; it has "
                            + lanes.keySet());
                }
                check(lane, notification, options);
                // the first provider usually gets them all; later ones start small and grow
                plan = new LanePlan(lane, options.onlyConnected(), plans.isEmpty() ? targets.size() : 0);
                plans.put(provider, plan);
            }
            if (!plan.lane().capabilities().reaches(t.kind())) {
                throw new InvalidRequestException("targets[" + i + "]", "targets[" + i + "] is a " + t.kind()
                        + ", which provider '" + provider + "' cannot reach; it reaches "
                        + reachable(plan.lane().capabilities()));
            }
            Optional<String> idProblem = plan.lane().transport().targetIdProblem(t);
            if (idProblem.isPresent()) {
                throw new InvalidRequestException("targets[" + i + "].id", "targets[" + i + "].id of provider '"
                        + provider + "' " + idProblem.get() + "; nothing was sent");
            }
            plan.add(t);
            i++;
        }
        return plans;
    }

    private static void check(Lane lane, Notification notification, SendOptions options) {
        TransportCapabilities caps = lane.capabilities();
        // UTF-16 chars, the unit TransportCapabilities.maxMessageLength() and Notification document
        int length = notification.message().length();
        if (length > caps.maxMessageLength()) {
            throw new InvalidRequestException("message", "message is " + length + " UTF-16 chars long; provider '"
                    + lane.provider() + "' accepts at most " + caps.maxMessageLength());
        }
        Optional<String> title = notification.title();
        if (title.isPresent()) {
            checkTitle(lane, caps, title.get(), length);
        }
        if (options.onlyConnected() && !caps.filtersConnected()) {
            throw new InvalidRequestException("options.onlyConnected", "provider '" + lane.provider()
                    + "' cannot tell which desktops are connected");
        }
    }

    private static void checkTitle(Lane lane, TransportCapabilities caps, String title, int messageLength) {
        switch (caps.titleSupport()) {
            case NATIVE -> {
                if (title.length() > caps.maxTitleLength()) {
                    throw new InvalidRequestException("title", "title is " + title.length()
                            + " UTF-16 chars long; provider '" + lane.provider() + "' shows at most "
                            + caps.maxTitleLength());
                }
            }
            case PREFIXED -> {
                // the transport writes the title, a newline and the message as one text
                int total = title.length() + 1 + messageLength;
                if (total > caps.maxMessageLength()) {
                    throw new InvalidRequestException("title", "title, newline and message are " + total
                            + " UTF-16 chars long together; provider '" + lane.provider()
                            + "' writes the title in front of the message and accepts at most "
                            + caps.maxMessageLength());
                }
            }
            case DROPPED -> {
                // nothing to check: the provider does not send it
            }
        }
    }

    private static String reachable(TransportCapabilities caps) {
        List<Object> kinds = new ArrayList<>(caps.nativeKinds());
        kinds.addAll(caps.resolvableKinds());
        return kinds.toString();
    }

    private void finished(JobRun job) {
        running.remove(job.id());
        synchronized (finished) {
            finished.put(job.id(), job);
            while (finished.size() > jobRetention) {
                var eldest = finished.entrySet().iterator();
                JobRun gone = eldest.next().getValue();
                eldest.remove();
                gone.options().idempotencyKey().ifPresent(k -> byKey.remove(k, gone));
            }
        }
    }

    /**
     * A job this notifier still knows (running, or among the last finished ones).
     *
     * @param id the job id
     * @return the job, or empty
     */
    public Optional<NotificationJob> job(String id) {
        JobRun job = running.get(id);
        if (job == null) {
            synchronized (finished) {
                job = finished.get(id);
            }
        }
        return Optional.ofNullable(job);
    }

    /**
     * One page of delivery records.
     *
     * @param query filters, paging and order
     * @return the page
     * @throws InvalidRequestException with field {@code query} when null
     */
    public Page<DeliveryRecord> records(RecordQuery query) {
        if (query == null) {
            throw new InvalidRequestException("query", "query must not be null");
        }
        return runtime.store().query(query);
    }

    /**
     * Queries a provider's own notification records (see {@link Transport#queryProviderRecords}).
     *
     * @param provider the transport name
     * @param query    filters and paging
     * @return a stage completed with one page of the provider's records
     * @throws InvalidRequestException with field {@code provider} when the notifier has no such provider
     */
    public CompletionStage<Page<ProviderRecord>> providerRecords(String provider, ProviderRecordQuery query) {
        Lane lane = lanes.get(provider);
        if (lane == null) {
            throw new InvalidRequestException("provider", "no provider '" + provider + "'; this notifier has "
                    + lanes.keySet());
        }
        return lane.transport().queryProviderRecords(query);
    }

    /**
     * Checks that a provider is reachable and accepts our credentials.
     *
     * @param provider the transport name
     * @return a stage completed normally when it is, exceptionally when not (also for an unknown provider)
     */
    public CompletionStage<Void> checkHealth(String provider) {
        Lane lane = lanes.get(provider);
        if (lane == null) {
            return CompletableFuture.failedFuture(new InvalidRequestException("provider", "no provider '"
                    + provider + "'; this notifier has " + lanes.keySet()));
        }
        return lane.transport().checkHealth();
    }

    /**
     * The provider names of this notifier's transports, the default first.
     *
     * @return the names
     */
    public List<String> providers() {
        List<String> names = new ArrayList<>();
        names.add(defaultProvider);
        lanes.keySet().stream().filter(n -> !n.equals(defaultProvider)).forEach(names::add);
        return names;
    }

    /**
     * Stops accepting sends and ends every job before it returns:
     * <ol>
     *   <li>waits up to the {@link Builder#closeTimeout(Duration) close timeout} for running jobs to end;</li>
     *   <li>then stops them: batches not yet sent are not sent (their targets become {@code CANCELLED}, code
     *   {@code NOTIFIER_CLOSED}) and provider jobs are no longer followed (their targets become
     *   {@code UNKNOWN}, code {@code NOTIFIER_CLOSED}); it waits up to the close timeout again for the answers
     *   of requests on the wire;</li>
     *   <li>then records what is still open: targets of requests whose answer never came are {@code UNKNOWN}
     *   with code {@code NO_ANSWER_BEFORE_CLOSE} (the provider may have shown them), targets never sent are
     *   {@code CANCELLED}. An answer that comes later changes nothing.</li>
     * </ol>
     * So after {@code close()} returns, every job's {@link NotificationJob#completion()} is complete (it takes at
     * most about twice the close timeout). Then it closes the transports and stops the notifier's threads.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<JobRun> jobs = List.copyOf(running.values());
        CompletableFuture<?> all = CompletableFuture.allOf(jobs.stream().map(JobRun::ownCompletion)
                .toArray(CompletableFuture[]::new));
        boolean interrupted = false;
        try {
            all.get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            jobs.forEach(JobRun::abandon);
            try {
                all.get(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException again) {
                // answers that did not come by now are not waited for
            } catch (InterruptedException again) {
                interrupted = true;
            } catch (Exception again) {
                LOG.log(System.Logger.Level.WARNING, "waiting for jobs at close failed", again);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "waiting for jobs at close failed", e);
        }
        // a send that raced with close() may have added a job after the first look
        List<JobRun> left = new ArrayList<>(running.values());
        for (JobRun job : jobs) {
            if (!job.isDone() && !left.contains(job)) {
                left.add(job);
            }
        }
        for (JobRun job : left) {
            job.abandon();
            job.forceFinish();
        }
        List<String> incomplete = left.stream().filter(j -> !j.isDone()).map(JobRun::id).toList();
        if (!incomplete.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "jobs not complete at close (a transport blocked its caller's "
                    + "thread): " + incomplete);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        for (Lane lane : lanes.values()) {
            try {
                lane.transport().close();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "closing transport " + lane.provider() + " failed: " + e);
            }
        }
        scheduler.shutdownNow();
        executor.shutdownNow();
    }

    /** Builds {@link Notifier}s. Not thread-safe. */
    public static final class Builder {
        private final List<Transport> transports = new ArrayList<>();
        private String defaultProvider;
        private RetrySettings retry = RetrySettings.defaults();
        private RateLimitSettings rateLimit = RateLimitSettings.unlimited();
        private final Map<String, RateLimitSettings> rateLimits = new LinkedHashMap<>();
        /** 0: the adaptive window. */
        private int maxConcurrentBatches;
        private JobPolling jobPolling = JobPolling.defaults();
        private final List<NotifyListener> listeners = new ArrayList<>();
        private MeterRegistry meterRegistry;
        private RecordStore recordStore;
        private Clock clock = Clock.systemUTC();
        private int maxTargetsPerJob = 1_000_000;
        private int jobRetention = 1_000;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private int workerThreads = Math.max(2, java.lang.Runtime.getRuntime().availableProcessors());
        private SendOptions defaultOptions = SendOptions.defaults();

        private Builder() {
        }

        /**
         * Adds a transport; the notifier owns it and closes it on {@link Notifier#close()}. The first transport
         * added is the default provider unless {@link #defaultProvider(String)} says otherwise.
         *
         * @param transport the transport
         * @return this builder
         * @throws ConfigurationException  when another transport has the same provider name
         * @throws IllegalArgumentException when null
         */
        public Builder transport(Transport transport) {
            if (transport == null) {
                throw new IllegalArgumentException("transport must not be null");
            }
            for (Transport t : transports) {
                if (t.provider().equals(transport.provider())) {
                    throw new ConfigurationException("provider", "two transports are named '"
                            + transport.provider() + "'; give one another name");
                }
            }
            transports.add(transport);
            return this;
        }

        /**
         * Adds a transport built by the {@link io.desknotify.api.spi.TransportFactory} registered for
         * {@code providerId} (found with {@link java.util.ServiceLoader}).
         *
         * @param providerId the factory's id, e.g. {@code huawei-workspace}
         * @param settings   the transport's name and settings
         * @return this builder
         * @throws ConfigurationException when no factory has that id or a setting is missing or invalid
         */
        public Builder transport(String providerId, TransportSettings settings) {
            if (providerId == null || settings == null) {
                throw new IllegalArgumentException("providerId and settings must not be null");
            }
            return transport(TransportFactories.find(providerId).create(settings));
        }

        /**
         * The provider for targets that name none; the first transport's unless set.
         *
         * @param provider a transport name
         * @return this builder
         */
        public Builder defaultProvider(String provider) {
            this.defaultProvider = provider;
            return this;
        }

        /**
         * How failed batches are retried; {@link RetrySettings#defaults()} unless set.
         *
         * @param retry the settings
         * @return this builder
         */
        public Builder retry(RetrySettings retry) {
            if (retry == null) {
                throw new IllegalArgumentException("retry must not be null");
            }
            this.retry = retry;
            return this;
        }

        /**
         * The rate limit of every transport without one of its own; unlimited unless set.
         *
         * @param rateLimit the limit
         * @return this builder
         */
        public Builder rateLimit(RateLimitSettings rateLimit) {
            if (rateLimit == null) {
                throw new IllegalArgumentException("rateLimit must not be null");
            }
            this.rateLimit = rateLimit;
            return this;
        }

        /**
         * The rate limit of one provider.
         *
         * @param provider  the transport name
         * @param rateLimit the limit
         * @return this builder
         */
        public Builder rateLimit(String provider, RateLimitSettings rateLimit) {
            if (provider == null || rateLimit == null) {
                throw new IllegalArgumentException("provider and rateLimit must not be null");
            }
            rateLimits.put(provider, rateLimit);
            return this;
        }

        /**
         * Batches in flight per transport, across all jobs, fixed. Unless set, the window adapts: it starts at 8 and
         * grows (up to 256) while the provider answers as fast with more batches in flight, and shrinks when its
         * answers slow down (Netflix concurrency-limits' gradient limit), so a provider that is slow but not
         * limited is not held to a rate of window / latency. The rate limit, told or learnt, applies either way.
         *
         * @param maxConcurrentBatches 1 to 1024
         * @return this builder
         */
        public Builder maxConcurrentBatches(int maxConcurrentBatches) {
            if (maxConcurrentBatches < 1 || maxConcurrentBatches > 1024) {
                throw new IllegalArgumentException("maxConcurrentBatches must be between 1 and 1024 but was "
                        + maxConcurrentBatches);
            }
            this.maxConcurrentBatches = maxConcurrentBatches;
            return this;
        }

        /**
         * How provider jobs are followed: first poll soon, then less often, given up after a timeout or a few
         * failed polls in a row; {@link JobPolling#defaults()} unless set (see {@link JobPolling}).
         *
         * @param jobPolling the settings
         * @return this builder
         * @throws IllegalArgumentException when null
         */
        public Builder jobPolling(JobPolling jobPolling) {
            if (jobPolling == null) {
                throw new IllegalArgumentException("jobPolling must not be null");
            }
            this.jobPolling = jobPolling;
            return this;
        }

        /**
         * How provider jobs are followed, in short: polled at most every {@code interval} (the first poll comes
         * after 200 ms, or after {@code interval} when that is shorter, and the wait doubles up to
         * {@code interval}) until they end or {@code timeout} passes, after which their targets are recorded
         * {@code UNKNOWN}. The same as {@code jobPolling(JobPolling.every(interval, timeout))}; the other
         * settings keep their defaults.
         *
         * @param interval the longest wait between two polls of a provider job (the default is 2 s)
         * @param timeout  how long a provider job is followed (the default is 10 min)
         * @return this builder
         * @throws IllegalArgumentException naming the parameter when one is null, zero or negative
         */
        public Builder jobPolling(Duration interval, Duration timeout) {
            this.jobPolling = JobPolling.every(interval, timeout);
            return this;
        }

        /**
         * Adds a listener; see {@link NotifyListener} for what happens when it throws.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(NotifyListener listener) {
            if (listener == null) {
                throw new IllegalArgumentException("listener must not be null");
            }
            listeners.add(listener);
            return this;
        }

        /**
         * Publishes {@code notify.*} metrics to this registry.
         *
         * @param meterRegistry the registry, or {@code null} for none
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = meterRegistry;
            return this;
        }

        /**
         * Where delivery records go; an {@link InMemoryRecordStore} of default capacity unless set.
         *
         * @param recordStore the store
         * @return this builder
         */
        public Builder recordStore(RecordStore recordStore) {
            this.recordStore = recordStore;
            return this;
        }

        /**
         * The clock for record and report timestamps.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            if (clock == null) {
                throw new IllegalArgumentException("clock must not be null");
            }
            this.clock = clock;
            return this;
        }

        /**
         * The most targets one send may have (before resolution); 1,000,000 unless set.
         *
         * @param maxTargetsPerJob at least 1
         * @return this builder
         */
        public Builder maxTargetsPerJob(int maxTargetsPerJob) {
            if (maxTargetsPerJob < 1) {
                throw new IllegalArgumentException("maxTargetsPerJob must be at least 1 but was " + maxTargetsPerJob);
            }
            this.maxTargetsPerJob = maxTargetsPerJob;
            return this;
        }

        /**
         * Finished jobs remembered for {@link Notifier#job(String)} and idempotency keys; 1,000 unless set.
         *
         * @param jobRetention not negative
         * @return this builder
         */
        public Builder jobRetention(int jobRetention) {
            if (jobRetention < 0) {
                throw new IllegalArgumentException("jobRetention must not be negative but was " + jobRetention);
            }
            this.jobRetention = jobRetention;
            return this;
        }

        /**
         * Options of sends that give none; {@link SendOptions#defaults()} unless set.
         *
         * @param defaultOptions the options
         * @return this builder
         */
        public Builder defaultOptions(SendOptions defaultOptions) {
            if (defaultOptions == null) {
                throw new IllegalArgumentException("defaultOptions must not be null");
            }
            this.defaultOptions = defaultOptions;
            return this;
        }

        /**
         * How long {@link Notifier#close()} waits for running jobs before stopping them, and again for the answers
         * of requests on the wire; 30 s unless set.
         *
         * @param closeTimeout a positive duration
         * @return this builder
         */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Settings.positive(closeTimeout, "closeTimeout");
            return this;
        }

        /**
         * Builds the notifier.
         *
         * @return the notifier, running
         * @throws ConfigurationException when no transport was added or the default provider is unknown
         */
        public Notifier build() {
            if (transports.isEmpty()) {
                throw new ConfigurationException("transport", "a notifier needs at least one transport");
            }
            if (defaultProvider != null && transports.stream().noneMatch(t -> t.provider().equals(defaultProvider))) {
                throw new ConfigurationException("defaultProvider", "default provider '" + defaultProvider
                        + "' is not among the transports");
            }
            for (String p : rateLimits.keySet()) {
                if (transports.stream().noneMatch(t -> t.provider().equals(p))) {
                    throw new ConfigurationException("rateLimit", "rate limit given for unknown provider '" + p + "'");
                }
            }
            if (recordStore == null) {
                recordStore = new InMemoryRecordStore();
            }
            return new Notifier(this);
        }
    }
}
