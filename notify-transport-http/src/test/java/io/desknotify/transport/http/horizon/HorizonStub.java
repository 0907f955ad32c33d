package io.desknotify.transport.http.horizon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * A scripted Horizon for answers the emulator never gives (odd shapes, redirects, huge bodies): login always
 * succeeds, and each path answers what the test put there.
 */
final class HorizonStub implements AutoCloseable {
    record Answer(int status, Map<String, String> headers, byte[] body) {
        static Answer json(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"),
                    body.getBytes(StandardCharsets.UTF_8));
        }
    }

    static final String ACCESS = "stub-access-token";
    static final String REFRESH = "stub-refresh-token";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private final String scheme;

    HorizonStub() throws IOException {
        this(null);
    }

    /** A stub speaking HTTPS with the given server context, or plain HTTP when it is {@code null}. */
    HorizonStub(SSLContext tls) throws IOException {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(any, 0);
            scheme = "http";
        } else {
            HttpsServer https = HttpsServer.create(any, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
            scheme = "https";
        }
        server.setExecutor(executor);
        answers.put("/rest/login", Answer.json(200,
                "{\"access_token\":\"" + ACCESS + "\",\"refresh_token\":\"" + REFRESH + "\"}"));
        answers.put("/rest/logout", Answer.json(200, ""));
        server.createContext("/", this::serve);
        server.start();
    }

    URI baseUri() {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort());
    }

    void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
        Answer a = answers.getOrDefault(ex.getRequestURI().getPath(), Answer.json(404, "{\"error_message\":\"no\"}"));
        a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
        if (a.body().length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(a.body());
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
