package io.desknotify.transport.http.internal;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One deadline over a whole exchange, headers and body. The JDK client's request timeout ends when the headers
 * arrive: a provider that sent {@code 200} and its headers at once and then its body a byte a second, or never,
 * held the thread waiting in {@code HttpClient.send} for as long as it liked, and the job waiting for the answer
 * with it. Here the body must be complete by the same deadline; past it the body fails with an
 * {@link HttpTimeoutException} (the answer had begun, so the provider may have acted: ambiguous, like any timeout
 * after sending) and the body's subscription is cancelled, which closes the connection.
 *
 * <p>The deadline is set when the request is sent, so that an answer whose headers come after the transport was
 * closed still has its timer.
 */
final class Deadline {

    private final Duration timeout;
    private final ScheduledFuture<?> expiry;
    private volatile boolean expired;
    private volatile Subscriber<?> body;

    private Deadline(Duration timeout, ScheduledExecutorService timer) {
        this.timeout = timeout;
        this.expiry = timer.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts the clock of an exchange about to be sent.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the timer was shut down
     */
    static Deadline start(Duration timeout, ScheduledExecutorService timer) {
        return new Deadline(timeout, timer);
    }

    /** The handler that reads the body with {@code handler}, failing it when the deadline passes. */
    <T> HttpResponse.BodyHandler<T> over(HttpResponse.BodyHandler<T> handler) {
        return info -> {
            Subscriber<T> s = new Subscriber<>(handler.apply(info));
            body = s;
            if (expired) {
                s.expire();
            }
            return s;
        };
    }

    /** The exchange is over: the timer is no longer needed. */
    void end() {
        expiry.cancel(false);
    }

    private void expire() {
        expired = true;
        Subscriber<?> s = body;
        if (s != null) {
            s.expire();
        }
        // before the headers, the JDK client's own timeout (the same duration) ends the exchange
    }

    private final class Subscriber<T> implements BodySubscriber<T> {
        private final BodySubscriber<T> delegate;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Subscriber(BodySubscriber<T> delegate) {
            this.delegate = delegate;
            delegate.getBody().whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
        }

        void expire() {
            if (result.completeExceptionally(new HttpTimeoutException("the answer was not complete within "
                    + timeout.toMillis() + " ms (the request timeout covers the headers and the body)"))) {
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel();
                }
            }
        }

        @Override
        public CompletionStage<T> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (result.isDone()) {
                // expired before the body began: nothing more is wanted
                subscription.cancel();
            }
            delegate.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            delegate.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            delegate.onComplete();
        }
    }
}
