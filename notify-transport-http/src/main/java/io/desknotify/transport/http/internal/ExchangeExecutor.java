package io.desknotify.transport.http.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a transport's HTTP exchanges with the blocking {@link HttpClient#send}, on threads the transport owns or on
 * an executor its user gave, and is the executor of the transport's {@link HttpClient} too.
 *
 * <p>Why not {@link HttpClient#sendAsync}: on Java 17 it completes every response on {@code CompletableFuture}'s
 * default async executor, which on a machine with 2 CPUs (common pool parallelism 1) is no pool but a new thread
 * per task: a thread was started for every answer. {@code send} makes no such hop; the client's own tasks read the
 * answer and hand it to the thread waiting in {@code send}.
 *
 * <p>The transport's own pool ({@link #owned}): daemon threads named {@code <prefix><n>}, started only when a task
 * finds no idle thread, ended after {@link #KEEP_ALIVE} without work, at most {@link #MAX_THREADS}. Past the bound,
 * exchanges wait for a thread in arrival order (their request timeout starts when they are sent). The client's own
 * tasks never wait behind them: a thread in {@code send} waits for those tasks, so queueing them behind exchanges
 * could stall every thread for good. When no thread is free, or after {@link #shutdown()}, such a task runs on the
 * thread that submitted it, as the client already does for tasks submitted outside its selector thread.
 *
 * <p>Thread-safe.
 */
public final class ExchangeExecutor {

    /**
     * Most threads of an owned pool. A request in flight holds one thread while it waits for its answer, so the
     * bound must exceed what a notifier keeps in flight to one provider: up to {@code maxConcurrentBatches}
     * deliveries (8 by default, 16 in the benchmarks), one poll at a time per provider job being followed (up to one
     * job per batch sent, e.g. 100 for a Huawei send of 10,000 desktops in batches of 100), the reads of
     * resolutions (Horizon looks up to 4 chunks at once), and the client's own short tasks. 256 leaves room for all
     * of that at several times the default concurrency, so those requests never queue behind each other. As threads
     * are started only when needed and end when idle, the bound costs nothing until it is reached; it exists so that
     * a burst of calls cannot start threads without limit.
     */
    public static final int MAX_THREADS = 256;

    /** How long an idle thread of an owned pool waits for work before it ends. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    private static final Runnable NOTHING = () -> { };

    private final ThreadPoolExecutor own;
    private final Executor exchanges;
    private final Executor client;
    private final ScheduledThreadPoolExecutor deadlines;

    private ExchangeExecutor(ThreadPoolExecutor own, Executor exchanges, Executor client, String threadNamePrefix) {
        this.own = own;
        this.exchanges = exchanges;
        this.client = client;
        // not "<prefix><n>": the pool's threads are numbered, this one is not one of them
        this.deadlines = deadlineTimer(threadNamePrefix.replaceAll("-$", "") + ".deadlines");
    }

    /**
     * One thread that ends the exchanges whose answer outlasts its deadline; started by the first exchange, ended
     * after {@link #KEEP_ALIVE} without one, and at {@link #shutdown()} once the deadlines still running are over.
     */
    private static ScheduledThreadPoolExecutor deadlineTimer(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /**
     * A pool owned by the transport, ended by {@link #shutdown()}.
     *
     * @param threadNamePrefix e.g. {@code desknotify-huawei-http-}; threads are numbered from 1
     */
    public static ExchangeExecutor owned(String threadNamePrefix) {
        return owned(threadNamePrefix, MAX_THREADS);
    }

    /** An owned pool of at most {@code maxThreads} threads (tests use a small bound). */
    static ExchangeExecutor owned(String threadNamePrefix, int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, threadNamePrefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(0, maxThreads, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS,
                new HandOffQueue(), threads, ExchangeExecutor::overflow);
        return new ExchangeExecutor(pool, pool, task -> pool.execute(new ClientTask(task)), threadNamePrefix);
    }

    /** The user's executor: exchanges and the client's tasks run on it as it decides; never shut down here. */
    public static ExchangeExecutor of(Executor executor) {
        return new ExchangeExecutor(null, executor, executor, "desknotify-http-");
    }

    /** The executor to give {@link HttpClient.Builder#executor}. */
    public Executor client() {
        return client;
    }

    /** Whether the threads are the transport's own (and {@link #shutdown()} ends them). */
    public boolean owned() {
        return own != null;
    }

    /**
     * Sends the request with the blocking {@link HttpClient#send} on this executor. Never throws: the future
     * completes with the response, or exceptionally with the failure {@code sendAsync} would have given (see
     * {@link #failureOf}), or with {@code refused}'s exception when the executor takes no more work (for an owned
     * pool: after {@link #shutdown()}).
     *
     * <p>The request's {@linkplain HttpRequest#timeout() timeout} is one deadline for the whole answer, counted from
     * when the request is sent: the JDK client applies it to the headers, and here the body must be complete by
     * then too, or the exchange fails with an {@link java.net.http.HttpTimeoutException} (see {@link Deadline}).
     */
    public <T> CompletableFuture<HttpResponse<T>> send(HttpClient http, HttpRequest request,
            HttpResponse.BodyHandler<T> handler, Function<RejectedExecutionException, ? extends Throwable> refused) {
        CompletableFuture<HttpResponse<T>> out = new CompletableFuture<>();
        Runnable exchange = () -> {
            Deadline deadline;
            try {
                deadline = request.timeout().map(t -> Deadline.start(t, deadlines)).orElse(null);
            } catch (RejectedExecutionException e) {
                out.completeExceptionally(refused.apply(e));
                return;
            }
            try {
                out.complete(http.send(request, deadline == null ? handler : deadline.over(handler)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.completeExceptionally(interrupted(e));
            } catch (Throwable t) {
                out.completeExceptionally(failureOf(t));
            } finally {
                if (deadline != null) {
                    deadline.end();
                }
            }
        };
        try {
            exchanges.execute(exchange);
        } catch (RejectedExecutionException e) {
            out.completeExceptionally(refused.apply(e));
        }
        return out;
    }

    /**
     * A future completed on this executor once the delay has passed, for a retry's backoff (no thread waits
     * meanwhile). When the executor takes no more work by then it completes exceptionally with {@code refused}'s
     * exception, so that a retry chain ends instead of hanging.
     */
    public CompletableFuture<Void> after(Duration delay,
            Function<RejectedExecutionException, ? extends Throwable> refused) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Executor then = task -> {
            try {
                exchanges.execute(task);
            } catch (RejectedExecutionException e) {
                done.completeExceptionally(refused.apply(e));
            }
        };
        CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, then)
                .execute(() -> done.complete(null));
        return done;
    }

    /**
     * Ends an owned pool: later exchanges are refused; those in flight are answered or reach their deadline, and
     * then their threads end. Does nothing to a user's executor.
     */
    public void shutdown() {
        if (own != null) {
            own.shutdown();
        }
        deadlines.shutdown();
    }

    /**
     * The failure {@code sendAsync} would have completed with, from what {@code send} threw. {@code send}
     * re-creates an asynchronous failure to give it the caller's stack: as an exception of the same class with the
     * original as its cause ({@code ConnectException}, {@code HttpConnectTimeoutException},
     * {@code SSLHandshakeException}, {@code SSLException}, {@code IllegalArgumentException}), or as a plain
     * {@code IOException} around anything else (e.g. {@link BoundedBody.BodyTooLargeException}); only an
     * {@code HttpTimeoutException} comes without its cause, and it classifies the same. So the original is the cause
     * of a plain {@code IOException} or of an exception of its own class; anything else is what was thrown.
     */
    static Throwable failureOf(Throwable thrown) {
        Throwable cause = thrown.getCause();
        if (cause != null && cause != thrown
                && (thrown.getClass() == IOException.class || thrown.getClass().isInstance(cause))) {
            return cause;
        }
        return thrown;
    }

    /**
     * The thread waiting for the answer was interrupted (only a user's executor does that): whether the request
     * went out is not known, which is how an I/O failure after connecting classifies (ambiguous).
     */
    static InterruptedIOException interrupted(InterruptedException e) {
        InterruptedIOException io = new InterruptedIOException(
                "interrupted while waiting for the answer; the request may have been sent");
        io.initCause(e);
        return io;
    }

    /** Called by an owned pool when no thread is idle and no more may be started, or after shutdown. */
    private static void overflow(Runnable task, ThreadPoolExecutor pool) {
        if (task instanceof ClientTask) {
            // the client's own work never waits behind exchanges, which may be waiting for it (see the class comment)
            task.run();
            return;
        }
        if (pool.isShutdown()) {
            throw new RejectedExecutionException("the transport's HTTP threads were shut down");
        }
        HandOffQueue queue = (HandOffQueue) pool.getQueue();
        queue.backlog(task);
        boolean stranded = pool.isShutdown();
        if (!stranded && pool.getPoolSize() == 0) {
            // every thread ended between the refusal and the backlog: start one to take it
            try {
                pool.execute(NOTHING);
            } catch (RejectedExecutionException e) {
                stranded = true;
            }
        }
        if (stranded && queue.remove(task)) {
            throw new RejectedExecutionException("the transport's HTTP threads were shut down");
        }
    }

    /**
     * Hands a task only to a thread waiting for one, so that the pool starts a new thread (up to its bound) rather
     * than queue; tasks past the bound are added to the backlog by {@link #overflow}.
     */
    private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable task) {
            return tryTransfer(task);
        }

        void backlog(Runnable task) {
            super.offer(task);
        }
    }

    /** A task of the HTTP client itself. */
    private record ClientTask(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
    }

    @Override
    public String toString() {
        return own != null ? "ExchangeExecutor{own pool, " + own.getPoolSize() + " threads}"
                : "ExchangeExecutor{" + exchanges + '}';
    }
}
