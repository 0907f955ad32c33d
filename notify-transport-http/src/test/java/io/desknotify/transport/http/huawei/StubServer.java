package io.desknotify.transport.http.huawei;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server answering with scripted responses, in order, for the transport's error paths that the
 * emulator cannot produce (arbitrary bodies, sizes, headers). Records every request.
 */
final class StubServer implements AutoCloseable {

    /** One scripted answer. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** A request as received. */
    record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final ConcurrentLinkedDeque<Answer> script = new ConcurrentLinkedDeque<>();
    private volatile Answer fallback = json(200, "{}");
    final List<Received> received = new CopyOnWriteArrayList<>();

    StubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                        new String(body, StandardCharsets.UTF_8)));
                Answer a = script.pollFirst();
                (a != null ? a : fallback).answer(exchange);
            }
        });
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int port() {
        return server.getAddress().getPort();
    }

    StubServer then(Answer answer) {
        script.addLast(answer);
        return this;
    }

    StubServer otherwise(Answer answer) {
        this.fallback = answer;
        return this;
    }

    List<Received> requests() {
        return new ArrayList<>(received);
    }

    static Answer json(int status, String body, String... headers) {
        return exchange -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Request-Id", "req-" + status);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        };
    }

    /** A 200 whose body of {@code size} bytes is streamed chunked (no Content-Length). */
    static Answer chunked(int size) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            byte[] piece = new byte[8192];
            java.util.Arrays.fill(piece, (byte) ' ');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < size; sent += piece.length) {
                    out.write(piece);
                }
            } catch (IOException expected) {
                // the client hung up once it had read enough
            }
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
