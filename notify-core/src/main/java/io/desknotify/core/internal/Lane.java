package io.desknotify.core.internal;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.Outcome;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ProviderJobPoll;
import io.desknotify.api.spi.ProviderJobStatus;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.core.RetrySettings;
import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything between the notifier and one transport: the queue of batches, the in-flight window, the pacer (rate,
 * learnt limit, retry-after pause) and the resilience4j retries. Batches leave the queue only when the window has
 * room, and every request (batch, poll, look-up) leaves the pacer's gate only when the pacer grants it, so no
 * thread ever waits and a new rate applies to the very next request.
 *
 * <p>The window is fixed when the user set {@code maxConcurrentBatches}; otherwise Netflix concurrency-limits'
 * gradient limit sizes it from the batches' answer times (it grows while the provider answers as fast with more
 * batches in flight, and shrinks when answers slow down), from {@value #INITIAL_WINDOW} up to
 * {@value #MAX_WINDOW}, so that a slow provider without a limit is not held to a rate of window / latency.
 *
 * <p>A throttling answer does not use up an attempt: the refused request goes again after its retry-after as long
 * as the job's deadline allows (without a deadline, up to {@value #MAX_THROTTLED} throttling answers in a row),
 * because the provider provably did not act on it.
 */
public final class Lane {
    private final String provider;
    private final Transport transport;
    private final TransportCapabilities capabilities;
    private final Runtime runtime;
    private final Pacer pacer;
    private final Retry deliverRetry;
    private final Retry readRetry;
    static final int INITIAL_WINDOW = 8;
    static final int MIN_WINDOW = 4;
    static final int MAX_WINDOW = 256;
    static final int MAX_THROTTLED = 100;

    private final Limit window;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Batches whose request is out, for the window's samples (those waiting at the gate are not). */
    private final AtomicInteger onWire = new AtomicInteger();
    private final ConcurrentLinkedQueue<Departure<?>> gate = new ConcurrentLinkedQueue<>();
    private final AtomicInteger gateWip = new AtomicInteger();
    private final AtomicBoolean wakeArmed = new AtomicBoolean();
    private final AtomicInteger wip = new AtomicInteger();
    private final ConcurrentLinkedQueue<BatchTask> queue = new ConcurrentLinkedQueue<>();

    /**
     * @param maxInFlight the fixed window, or 0 for the adaptive one
     */
    public Lane(Transport transport, Runtime runtime, RateLimitSettings rateLimit, int maxInFlight) {
        this.provider = transport.provider();
        this.transport = transport;
        this.capabilities = transport.capabilities();
        this.runtime = runtime;
        this.window = maxInFlight > 0 ? FixedLimit.of(maxInFlight) : Gradient2Limit.newBuilder()
                .initialLimit(INITIAL_WINDOW)
                .minLimit(MIN_WINDOW)
                .maxConcurrency(MAX_WINDOW)
                .build();
        this.pacer = new Pacer(rateLimit);
        RetrySettings rs = runtime.retry();
        this.deliverRetry = retry(provider + "-deliver", rs, Lane::retryableDelivery);
        this.readRetry = retry(provider + "-read", rs, Lane::retryableRead);
        deliverRetry.getEventPublisher().onRetry(e -> runtime.listener()
                .retryScheduled(provider, e.getNumberOfRetryAttempts(), e.getWaitInterval(), e.getLastThrowable()));
    }

    private static Retry retry(String name, RetrySettings rs, java.util.function.BiPredicate<Throwable, RetrySettings> p) {
        Predicate<Throwable> retryOn = t -> p.test(unwrap(t), rs);
        IntervalBiFunction<Object> interval = (attempt, either) -> {
            Throwable t = either.isLeft() ? unwrap(either.getLeft()) : null;
            return backoffMillis(rs, attempt, t);
        };
        return Retry.of(name, RetryConfig.custom()
                .maxAttempts(rs.maxAttempts())
                .intervalBiFunction(interval)
                .retryOnException(retryOn)
                .build());
    }

    /** Full jitter: a random delay between 0 and the exponential bound; a provider's hint wins, up to a cap. */
    static long backoffMillis(RetrySettings rs, int attempt, Throwable failure) {
        if (failure instanceof TransportException te && te.retryAfter().isPresent()) {
            Duration hint = te.retryAfter().get();
            return Math.min(hint.toMillis(), rs.maxRetryAfter().toMillis());
        }
        double bound = rs.initialBackoff().toMillis() * Math.pow(rs.multiplier(), Math.max(0, attempt - 1));
        long cap = (long) Math.min(bound, rs.maxBackoff().toMillis());
        return ThreadLocalRandom.current().nextLong(cap + 1);
    }

    private static boolean retryableDelivery(Throwable t, RetrySettings rs) {
        if (t instanceof TransportException te && !(te instanceof AuthenticationException)) {
            return te.retryability() == TransportException.Retryability.RETRYABLE
                    || (te.retryability() == TransportException.Retryability.AMBIGUOUS && rs.retryAmbiguous());
        }
        return false;
    }

    /** Reads are idempotent: any transient failure may be retried. */
    private static boolean retryableRead(Throwable t, RetrySettings rs) {
        return t instanceof TransportException te && !(te instanceof AuthenticationException)
                && te.retryability() != TransportException.Retryability.FATAL;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    public String provider() {
        return provider;
    }

    public Transport transport() {
        return transport;
    }

    public TransportCapabilities capabilities() {
        return capabilities;
    }

    void submit(BatchTask task) {
        queue.add(task);
        drain();
    }

    /** Starts queued batches while slots are free; re-entrant calls only mark more work, so no recursion. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (true) {
                int current = inFlight.get();
                if (current >= window.getLimit() || queue.isEmpty()) {
                    break;
                }
                if (!inFlight.compareAndSet(current, current + 1)) {
                    continue;
                }
                BatchTask task = queue.poll();
                if (task == null) {
                    inFlight.decrementAndGet();
                    break;
                }
                start(task);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void start(BatchTask task) {
        CompletionStage<BatchResult> stage;
        try {
            Supplier<CompletionStage<BatchResult>> attempt = () -> attempt(task);
            stage = Retry.decorateCompletionStage(deliverRetry, runtime.scheduler(), attempt).get();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, error) -> {
            try {
                Throwable cause = error == null ? null : unwrap(error);
                if (cause instanceof RejectedExecutionException && runtime.scheduler().isShutdown()) {
                    // close() stopped the scheduler before this batch could be (re)sent
                    cause = new Stop(Outcome.CANCELLED, "NOTIFIER_CLOSED", "not sent: the notifier was closed");
                }
                task.job.batchFinished(this, task, result, cause);
            } finally {
                inFlight.decrementAndGet();
                drain();
            }
        });
    }

    private CompletionStage<BatchResult> attempt(BatchTask task) {
        return untilNotThrottled(() -> paced(() -> {
            // checked again after the wait: the job may have been cancelled or run out of time meanwhile
            task.job.beforeAttempt(task, provider);
            return send(task);
        }, true), task.job::mayWaitUntil);
    }

    /**
     * Repeats {@code once} after each throttling answer, waiting the answer's retry-after (capped) or the first
     * backoff, while {@code mayWaitUntil} allows waiting until then and fewer than {@value #MAX_THROTTLED}
     * throttling answers came in a row; any other outcome is the result.
     */
    private <T> CompletionStage<T> untilNotThrottled(Supplier<CompletionStage<T>> once,
            java.util.function.LongPredicate mayWaitUntil) {
        CompletableFuture<T> out = new CompletableFuture<>();
        new Object() {
            int throttled;

            void run() {
                CompletionStage<T> stage;
                try {
                    stage = once.get();
                } catch (RuntimeException e) {
                    stage = CompletableFuture.failedFuture(e);
                }
                stage.whenComplete((r, e) -> {
                    if (e == null) {
                        out.complete(r);
                        return;
                    }
                    Throwable cause = unwrap(e);
                    if (cause instanceof TransportException te && te.throttled() && ++throttled < MAX_THROTTLED) {
                        long delay = TimeUnit.MILLISECONDS.toNanos(te.retryAfter().isPresent()
                                ? capRetryAfter(te.retryAfter().get()).toMillis()
                                : runtime.retry().initialBackoff().toMillis());
                        if (mayWaitUntil.test(System.nanoTime() + delay)) {
                            try {
                                runtime.scheduler().schedule(this::run, delay, TimeUnit.NANOSECONDS);
                                return;
                            } catch (RejectedExecutionException closed) {
                                out.completeExceptionally(closed);
                                return;
                            }
                        }
                    }
                    out.completeExceptionally(cause);
                });
            }
        }.run();
        return out;
    }

    private CompletionStage<BatchResult> send(BatchTask task) {
        int attempt = ++task.attempts;
        if (attempt == 1) {
            task.firstAttemptAt = runtime.clock().instant();
            task.firstAttemptNanos = System.nanoTime();
        }
        CompletionStage<BatchResult> answer;
        try {
            answer = transport.deliver(new Batch(task.job.id(), task.kind, task.targets, task.job.notification(),
                    attempt));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.thenApply(r -> {
                    if (r == null) {
                        throw new IllegalStateException(provider + " returned no batch result");
                    }
                    return r;
                })
                .whenComplete((r, e) -> {
                    Throwable cause = e == null ? null : unwrap(e);
                    if (cause != null && mayHaveActed(cause)) {
                        task.maybeDelivered = true;
                    }
                    // a failure that provably reached nobody and will be retried leaves the batch cancellable
                    boolean willRetry = cause != null && !task.maybeDelivered
                            && (cause instanceof TransportException te && te.throttled()
                                || retryableDelivery(cause, runtime.retry())
                                        && attempt < runtime.retry().maxAttempts());
                    task.job.attemptEnded(task, willRetry);
                });
    }

    /**
     * Whether the provider may have acted on a failed attempt: an ambiguous failure, an unexpected exception, or
     * any failure that came with a 2xx answer (the provider accepted the request but its answer could not be
     * understood, so retrying is pointless and calling its targets FAILED would be a lie).
     */
    private static boolean mayHaveActed(Throwable t) {
        return !(t instanceof TransportException te) || te.retryability() == TransportException.Retryability.AMBIGUOUS
                || te.httpStatus() >= 200 && te.httpStatus() < 300;
    }

    /** Resolves targets with idempotent reads, retried on any transient failure and paced like every request. */
    CompletionStage<Resolution> resolve(ResolveRequest request) {
        Supplier<CompletionStage<Resolution>> call =
                () -> untilNotThrottled(() -> paced(() -> transport.resolve(request), false), until -> true);
        return Retry.decorateCompletionStage(readRetry, runtime.scheduler(), call).get();
    }

    CompletionStage<ProviderJobStatus> poll(ProviderJobPoll poll) {
        Supplier<CompletionStage<ProviderJobStatus>> call =
                () -> untilNotThrottled(() -> paced(() -> transport.pollJob(poll), false), until -> true);
        return Retry.decorateCompletionStage(readRetry, runtime.scheduler(), call).get();
    }

    /** Queues a request at the pacer's gate; it leaves when the pacer grants it. */
    private <T> CompletionStage<T> paced(Supplier<CompletionStage<T>> request, boolean batch) {
        Departure<T> d = new Departure<>(request, batch);
        gate.add(d);
        dispatch();
        return d.out;
    }

    /** Lets requests through the gate while the pacer grants; one dispatcher at a time, re-entrant calls mark work. */
    private void dispatch() {
        if (gateWip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (!gate.isEmpty()) {
                long wait = pacer.tryAcquire();
                if (wait > 0) {
                    wakeIn(wait);
                    break;
                }
                // the only consumer of the gate, so the head seen above is still there
                gate.poll().go();
            }
            missed = gateWip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void wakeIn(long nanos) {
        if (!wakeArmed.compareAndSet(false, true)) {
            return;
        }
        try {
            runtime.scheduler().schedule(() -> {
                wakeArmed.set(false);
                dispatch();
            }, nanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // close() stopped the scheduler: nothing waiting at the gate can leave any more
            Departure<?> d;
            while ((d = gate.poll()) != null) {
                d.out.completeExceptionally(closed);
            }
        }
    }

    /** One request waiting at the gate. */
    private final class Departure<T> {
        final Supplier<CompletionStage<T>> request;
        final boolean batch;
        final CompletableFuture<T> out = new CompletableFuture<>();

        Departure(Supplier<CompletionStage<T>> request, boolean batch) {
            this.request = request;
            this.batch = batch;
        }

        private long sent;
        private int wire;

        void go() {
            sent = System.nanoTime();
            wire = batch ? onWire.incrementAndGet() : 0;
            CompletionStage<T> stage;
            try {
                stage = request.get();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((r, e) -> {
                Throwable cause = e == null ? null : unwrap(e);
                try {
                    learn(cause);
                } finally {
                    if (cause == null) {
                        out.complete(r);
                    } else {
                        out.completeExceptionally(cause);
                    }
                }
            });
        }

        private void learn(Throwable cause) {
            if (batch) {
                onWire.decrementAndGet();
            }
            if (cause instanceof TransportException te && te.throttled()) {
                // the pause honours the hint only up to maxRetryAfter, like the retry delay
                pacer.throttled(sent, te.retryAfter().map(Lane.this::capRetryAfter).orElse(null));
                runtime.listener().throttled(provider, te.retryAfter().orElse(Duration.ZERO));
            } else if (cause == null || cause instanceof TransportException te && te.httpStatus() > 0) {
                // answered and not refused as too many: the provider counted it
                pacer.accepted(sent);
                if (cause == null && batch) {
                    window.onSample(sent, System.nanoTime() - sent, wire, false);
                }
            }
        }
    }

    private Duration capRetryAfter(Duration hint) {
        Duration max = runtime.retry().maxRetryAfter();
        return hint.compareTo(max) > 0 ? max : hint;
    }
}
