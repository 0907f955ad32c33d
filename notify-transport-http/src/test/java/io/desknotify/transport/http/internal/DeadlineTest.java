package io.desknotify.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request timeout is one deadline over the whole answer: a server that sends its status and headers at once and
 * then its body slowly, or not at all, cannot hold an exchange past it.
 */
class DeadlineTest {

    private static final String PREFIX = "desknotify-deadline-test-http-";
    private static final String TIMER = "desknotify-deadline-test-http.deadlines";

    private ServerSocket server;
    private Thread acceptor;
    private final AtomicBoolean running = new AtomicBoolean(true);
    /** What the server does after the status line and headers: write the body's bytes with this pause each. */
    private volatile long pauseMillisPerByte;
    private volatile boolean neverSendBody;
    private ExchangeExecutor executor;
    private HttpClient http;

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serve, "deadline-test-server");
        acceptor.setDaemon(true);
        acceptor.start();
        executor = ExchangeExecutor.owned(PREFIX);
        http = HttpClient.newBuilder().executor(executor.client()).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() throws IOException {
        running.set(false);
        server.close();
        executor.shutdown();
    }

    private void serve() {
        while (running.get()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> answer(s), "deadline-test-answer");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            // read the request head (no body is sent by these tests)
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                state = (b == '\r' || b == '\n') ? state + 1 : 0;
            }
            byte[] body = "{\"job_id\":\"0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (neverSendBody) {
                TimeUnit.SECONDS.sleep(30);
                return;
            }
            for (byte b : body) {
                TimeUnit.MILLISECONDS.sleep(pauseMillisPerByte);
                out.write(b);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> send(Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/x"))
                .timeout(timeout).GET().build();
        return executor.send(http, request, BoundedBody.handler(1024), e -> e);
    }

    private static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the exchange succeeded");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the exchange was still running 10 s after its 300 ms deadline");
        }
    }

    @Test
    void aBodyThatNeverComesFailsTheExchangeAtTheDeadlineAsATimeout() throws Exception {
        neverSendBody = true;

        Throwable failure = failureOf(send(Duration.ofMillis(300)));

        assertThat(failure).isInstanceOf(HttpTimeoutException.class);
        assertThat(IoFailures.classify(failure)).as("the answer had begun: the provider may have acted")
                .isEqualTo(io.desknotify.api.TransportException.Retryability.AMBIGUOUS);
    }

    @Test
    void aBodyTrickledPastTheDeadlineFailsTheExchangeAsATimeout() throws Exception {
        pauseMillisPerByte = 100; // about 2.8 s for the whole body

        Throwable failure = failureOf(send(Duration.ofMillis(300)));

        assertThat(failure).isInstanceOf(HttpTimeoutException.class).hasMessageContaining("300 ms");
    }

    @Test
    void aSlowBodyThatEndsBeforeTheDeadlineIsRead() throws Exception {
        pauseMillisPerByte = 2;

        HttpResponse<byte[]> answer = send(Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);

        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("{\"job_id\":\"0123456789abcdef\"}");
    }

    @Test
    void theDeadlineThreadEndsAtShutdownOnceNoExchangeIsRunning() throws Exception {
        send(Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS);
        assertThat(deadlineThreads()).as("the deadline thread while the transport is open").isOne();

        executor.shutdown();

        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(deadlineThreads()).isZero());
    }

    private static long deadlineThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(TIMER)).count();
    }
}
