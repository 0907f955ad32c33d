package io.desknotify.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.desknotify.api.TransportException.Retryability;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor the HTTP transports send on: blocking sends on a bounded pool of named daemon threads that are reused,
 * the HTTP client's own tasks never queued behind sends, refusals after shutdown as failed futures, and the failures
 * of {@code send} turned back into those of {@code sendAsync}.
 */
class ExchangeExecutorTest {
    private static final String PREFIX = "desknotify-test-http-";

    private HttpServer server;
    private ExecutorService serverThreads;
    /** Released to let held answers go out; answers are immediate until {@link #holdAnswers()}. */
    private volatile CountDownLatch release = new CountDownLatch(0);
    private final AtomicInteger arrived = new AtomicInteger();
    private final List<ExchangeExecutor> executors = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(serverThreads);
        server.createContext("/", exchange -> {
            try (exchange) {
                arrived.incrementAndGet();
                release.await(10, TimeUnit.SECONDS);
                byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        executors.forEach(ExchangeExecutor::shutdown);
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void holdAnswers() {
        release = new CountDownLatch(1);
    }

    private ExchangeExecutor owned(int maxThreads) {
        return owned(PREFIX, maxThreads);
    }

    private ExchangeExecutor owned(String prefix, int maxThreads) {
        ExchangeExecutor e = ExchangeExecutor.owned(prefix, maxThreads);
        executors.add(e);
        return e;
    }

    private static HttpClient client(ExchangeExecutor e) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(e.client()).build();
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x"))
                .timeout(Duration.ofSeconds(10)).build();
    }

    private CompletableFuture<HttpResponse<byte[]>> send(ExchangeExecutor e, HttpClient http) {
        return e.send(http, request(), BoundedBody.handler(1024),
                refused -> new IllegalStateException("closed", refused));
    }

    private static Set<Thread> liveThreads() {
        return liveThreads(PREFIX);
    }

    private static Set<Thread> liveThreads(String prefix) {
        Set<Thread> found = ConcurrentHashMap.newKeySet();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .forEach(found::add);
        return found;
    }

    private static Throwable failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void fortySendsOneAfterAnotherReuseAFewNamedDaemonThreadsInsteadOfOnePerAnswer() throws Exception {
        String prefix = "desknotify-test-reuse-http-";
        ExchangeExecutor e = owned(prefix, ExchangeExecutor.MAX_THREADS);
        HttpClient http = client(e);
        Set<String> completedOn = ConcurrentHashMap.newKeySet();

        // (the JDK server answers about 40 ms late with Nagle on, so a few dozen sends keep this short)
        for (int i = 0; i < 40; i++) {
            HttpResponse<byte[]> r = send(e, http).whenComplete((v, t) -> completedOn.add(Thread.currentThread()
                    .getName())).get(10, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
        }

        String caller = Thread.currentThread().getName();
        assertThat(completedOn).allSatisfy(n -> assertThat(n.startsWith(prefix) || n.equals(caller)).isTrue());
        Set<Thread> live = liveThreads(prefix);
        assertThat(live).isNotEmpty().allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        // threads are numbered as they are started: the highest number counts those that already ended too
        int started = live.stream().mapToInt(t -> Integer.parseInt(t.getName().substring(prefix.length()))).max()
                .orElseThrow();
        assertThat(started).as("threads started for 40 sends, one after another").isLessThanOrEqualTo(8);
    }

    @Test
    void sendsFillingEveryThreadWaitForOneAndStillGetTheirAnswers() throws Exception {
        ExchangeExecutor e = owned(2);
        HttpClient http = client(e);
        holdAnswers();

        List<CompletableFuture<HttpResponse<byte[]>>> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(send(e, http));
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 2);
        Thread.sleep(200);

        assertThat(arrived.get()).as("requests sent while both threads wait for answers").isEqualTo(2);
        assertThat(liveThreads()).hasSize(2);
        release.countDown();
        // each answer needs a task of the client, which must not wait behind the queued sends
        for (CompletableFuture<HttpResponse<byte[]>> f : sent) {
            assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(arrived.get()).isEqualTo(6);
    }

    @Test
    void theClientsOwnTaskRunsOnTheSubmitterWhenNoThreadIsFreeOrAfterShutdown() throws Exception {
        ExchangeExecutor e = owned(1);
        HttpClient http = client(e);
        holdAnswers();
        CompletableFuture<HttpResponse<byte[]>> busy = send(e, http);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        e.client().execute(() -> ranOn.set(Thread.currentThread()));

        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        release.countDown();
        assertThat(busy.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

        e.shutdown();
        ranOn.set(null);
        e.client().execute(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void afterShutdownASendCompletesExceptionallyWithTheRefusalInsteadOfThrowing() throws Exception {
        ExchangeExecutor e = owned(4);
        HttpClient http = client(e);
        e.shutdown();

        CompletableFuture<HttpResponse<byte[]>> f = send(e, http);

        assertThat(failure(f)).isInstanceOf(IllegalStateException.class).hasMessage("closed")
                .hasCauseInstanceOf(RejectedExecutionException.class);
        assertThat(arrived.get()).isZero();
    }

    @Test
    void aSendInFlightAtShutdownIsAnsweredAndThenEveryThreadEnds() throws Exception {
        ExchangeExecutor e = owned(4);
        HttpClient http = client(e);
        holdAnswers();
        CompletableFuture<HttpResponse<byte[]>> inFlight = send(e, http);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 1);

        e.shutdown();
        release.countDown();

        assertThat(inFlight.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> liveThreads().isEmpty());
    }

    @Test
    void aRetryDelayEndsOnTheOwnedThreadsAndFailsWithTheRefusalOnceShutDown() throws Exception {
        ExchangeExecutor e = owned(4);
        AtomicReference<String> ranOn = new AtomicReference<>();

        e.after(Duration.ofMillis(20), refused -> new IllegalStateException("closed"))
                .thenRun(() -> ranOn.set(Thread.currentThread().getName())).get(5, TimeUnit.SECONDS);
        CompletableFuture<Void> late = e.after(Duration.ofMillis(100), refused -> new IllegalStateException("closed"));
        e.shutdown();

        assertThat(ranOn.get()).startsWith(PREFIX);
        assertThat(failure(late)).isInstanceOf(IllegalStateException.class).hasMessage("closed");
    }

    @Test
    void anInterruptedSendOnAUsersExecutorFailsAsAnAmbiguousIoFailure() throws Exception {
        ExecutorService users = Executors.newCachedThreadPool();
        ExchangeExecutor e = ExchangeExecutor.of(users);
        HttpClient http = client(e);
        holdAnswers();
        try {
            CompletableFuture<HttpResponse<byte[]>> f = send(e, http);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 1);

            users.shutdownNow();

            Throwable t = failure(f);
            assertThat(t).isInstanceOf(InterruptedIOException.class).hasCauseInstanceOf(InterruptedException.class);
            assertThat(IoFailures.classify(t)).isEqualTo(Retryability.AMBIGUOUS);
        } finally {
            users.shutdownNow();
        }
    }

    @Test
    void theFailureSendThrowsIsTurnedBackIntoTheOneSendAsyncGives() {
        BoundedBody.BodyTooLargeException large = new BoundedBody.BodyTooLargeException(200, 5000, 1024);
        ConnectException refused = new ConnectException("refused");
        ConnectException rethrownRefused = new ConnectException("refused");
        rethrownRefused.initCause(refused);
        EOFException eof = new EOFException("EOF reached while reading");
        HttpTimeoutException timeout = new HttpTimeoutException("request timed out");
        SocketException reset = new SocketException("Connection reset");
        IOException ownWithCause = new EOFException("closed");
        ownWithCause.initCause(reset);

        assertThat(ExchangeExecutor.failureOf(new IOException(large.getMessage(), large))).isSameAs(large);
        assertThat(ExchangeExecutor.failureOf(new IOException(eof.getMessage(), eof))).isSameAs(eof);
        assertThat(ExchangeExecutor.failureOf(rethrownRefused)).isSameAs(refused);
        assertThat(ExchangeExecutor.failureOf(timeout)).isSameAs(timeout);
        assertThat(ExchangeExecutor.failureOf(ownWithCause)).as("not a wrapper made by send").isSameAs(ownWithCause);
        assertThat(ExchangeExecutor.failureOf(new IOException("no cause"))).hasMessage("no cause");
    }
}
