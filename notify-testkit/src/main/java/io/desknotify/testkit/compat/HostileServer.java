package io.desknotify.testkit.compat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback provider that misbehaves on purpose: the provider's setup calls (logins, token requests, declared in
 * {@link ProviderExpectations.Builder#hostileSetupAnswer}) are answered properly so that the send is reached, every
 * other request gets the configured {@link Answer}. Records every request path and the tokens it handed out.
 */
final class HostileServer implements AutoCloseable {
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange, HostileServer server) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private final List<String> paths = new CopyOnWriteArrayList<>();
    final List<String> tokensHandedOut = new CopyOnWriteArrayList<>();
    final AtomicLong bodyBytesWritten = new AtomicLong();
    final AtomicBoolean clientHungUp = new AtomicBoolean();
    private volatile Answer answer = (ex, s) -> respond(ex, 200, "{}");
    /** When set, every request, logins included, is redirected there. */
    volatile URI redirectEverything;

    private final Map<String, String> setupAnswers;

    HostileServer(Map<String, String> setupAnswers) throws IOException {
        this.setupAnswers = Map.copyOf(setupAnswers);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    HostileServer answering(Answer a) {
        this.answer = a;
        return this;
    }

    List<String> paths() {
        return List.copyOf(paths);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
        String path = ex.getRequestURI().getPath();
        paths.add(ex.getRequestMethod() + " " + path);
        try {
            if (redirectEverything != null) {
                redirectTo(redirectEverything).answer(ex, this);
            } else if (setupAnswers.containsKey(path)) {
                respond(ex, 200, withFreshTokens(setupAnswers.get(path)));
            } else {
                answer.answer(ex, this);
            }
        } finally {
            ex.close();
        }
    }

    /** Whether a path is one of the provider's setup calls, answered properly. */
    boolean isSetup(String path) {
        return setupAnswers.containsKey(path);
    }

    private String withFreshTokens(String template) {
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (int at = template.indexOf("{token}"); at >= 0; at = template.indexOf("{token}", from)) {
            String token = "hostile-token-" + UUID.randomUUID();
            tokensHandedOut.add(token);
            sb.append(template, from, at).append(token);
            from = at + "{token}".length();
        }
        return sb.append(template.substring(from)).toString();
    }

    static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }

    /** A 200 whose body is {@code total} bytes of a JSON string, announced or chunked; counts what got written. */
    static Answer huge(long total, boolean announced) {
        return (ex, s) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, announced ? total : 0);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            byte[] head = "[\"".getBytes(StandardCharsets.US_ASCII);
            OutputStream out = ex.getResponseBody();
            try {
                out.write(head);
                long written = head.length;
                while (written + chunk.length <= total) {
                    out.write(chunk);
                    out.flush();
                    written += chunk.length;
                    s.bodyBytesWritten.set(written);
                }
                out.close();
            } catch (IOException e) {
                s.clientHungUp.set(true);
                throw e;
            }
        };
    }

    /** A 307 to the same path on another server. */
    static Answer redirectTo(URI other) {
        return (ex, s) -> {
            ex.getResponseHeaders().set("Location", other + ex.getRequestURI().toString());
            ex.sendResponseHeaders(307, -1);
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
