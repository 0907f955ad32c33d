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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Everything between the notifier and one transport: the queue of batches, the bound on batches in flight, the
 * pacer (rate limit, throttling slowdown, retry-after pause) and the resilience4j retries. Batches leave the
 * queue only when a slot is free, so no thread ever waits for a slot.
 */
public final class Lane {
    private final String provider;
    private final Transport transport;
    private final TransportCapabilities capabilities;
    private final Runtime runtime;
    private final Pacer pacer;
    private final Retry deliverRetry;
    private final Retry readRetry;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final ConcurrentLinkedQueue<BatchTask> queue = new ConcurrentLinkedQueue<>();

    public Lane(Transport transport, Runtime runtime, RateLimitSettings rateLimit, int maxInFlight) {
        this.provider = transport.provider();
        this.transport = transport;
        this.capabilities = transport.capabilities();
        this.runtime = runtime;
        this.maxInFlight = maxInFlight;
        this.pacer = new Pacer(provider, rateLimit);
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
                if (current >= maxInFlight || queue.isEmpty()) {
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
        return paced(() -> {
            // checked again after the wait: the job may have been cancelled or run out of time meanwhile
            task.job.beforeAttempt(task, provider);
            return send(task);
        });
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
                    pacer.succeeded();
                    return r;
                })
                .whenComplete((r, e) -> {
                    Throwable cause = e == null ? null : unwrap(e);
                    if (cause != null && mayHaveActed(cause)) {
                        task.maybeDelivered = true;
                    }
                    // a failure that provably reached nobody and will be retried leaves the batch cancellable
                    boolean willRetry = cause != null && !task.maybeDelivered
                            && retryableDelivery(cause, runtime.retry()) && attempt < runtime.retry().maxAttempts();
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
        Supplier<CompletionStage<Resolution>> call = () -> paced(() -> transport.resolve(request));
        return Retry.decorateCompletionStage(readRetry, runtime.scheduler(), call).get();
    }

    CompletionStage<ProviderJobStatus> poll(ProviderJobPoll poll) {
        Supplier<CompletionStage<ProviderJobStatus>> call = () -> paced(() -> transport.pollJob(poll));
        return Retry.decorateCompletionStage(readRetry, runtime.scheduler(), call).get();
    }

    private <T> CompletionStage<T> paced(Supplier<CompletionStage<T>> request) {
        long waitNanos = pacer.reserve();
        CompletableFuture<T> out = new CompletableFuture<>();
        Runnable go = () -> {
            CompletionStage<T> stage;
            try {
                stage = request.get();
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((r, e) -> {
                if (e != null) {
                    Throwable cause = unwrap(e);
                    if (cause instanceof TransportException te && te.throttled()) {
                        // the pause honours the hint only up to maxRetryAfter, like the retry delay
                        pacer.throttled(te.retryAfter().map(this::capRetryAfter).orElse(null));
                        runtime.listener().throttled(provider, te.retryAfter().orElse(Duration.ZERO));
                    }
                    out.completeExceptionally(cause);
                } else {
                    out.complete(r);
                }
            });
        };
        if (waitNanos <= 0) {
            go.run();
        } else {
            runtime.scheduler().schedule(go, waitNanos, TimeUnit.NANOSECONDS);
        }
        return out;
    }

    private Duration capRetryAfter(Duration hint) {
        Duration max = runtime.retry().maxRetryAfter();
        return hint.compareTo(max) > 0 ? max : hint;
    }
}
