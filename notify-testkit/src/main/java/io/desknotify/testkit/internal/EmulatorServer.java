package io.desknotify.testkit.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.desknotify.testkit.ContractViolation;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loopback HTTP server shared by the emulators: routing, request journal, request ids,
 * fault injection, request-rate limits, a fixed latency and response writing.
 */
public final class EmulatorServer implements AutoCloseable {

    /** Provider-specific processing of a matched route. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param request the request
         * @return the answer
         * @throws HttpError to answer an error
         */
        Response handle(Request request);
    }

    static {
        // The JDK server writes an answer's headers and body in two packets; with Nagle's algorithm on, the body
        // waits for the client's delayed ACK of the headers: about 40 ms per request on loopback, which made every
        // test and benchmark against an emulator slow for no reason. The server reads this property once, when its
        // first instance in the JVM starts, so it is set here unless the user chose a value.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final byte[] PLACEHOLDER =
            "{\"emulator\":\"request was not processed because of an injected fault\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Route.Provider provider;
    private final Handler handler;
    private final Dialect dialect;
    private final JournalImpl journal;
    private final FaultEngine faults;
    private final Clock clock;
    private final RateLimiter limiter;
    private final Duration latency;
    private final URI baseUri;

    /**
     * Starts a server on 127.0.0.1 and an ephemeral port.
     *
     * @param name thread name prefix
     * @param threads worker threads
     * @param provider provider whose routes are served
     * @param handler processing
     * @param dialect error wording
     * @param journal journal to fill
     * @param faults fault engine
     * @param clock clock for journal times and request limits
     * @param limits request-rate limits, none for no limit
     * @param latency how long every admitted request waits before it is processed; zero for none
     * @throws IOException if the port cannot be bound
     */
    public EmulatorServer(String name, int threads, Route.Provider provider, Handler handler, Dialect dialect,
                          JournalImpl journal, FaultEngine faults, Clock clock, List<RequestLimit> limits,
                          Duration latency) throws IOException {
        this.provider = provider;
        this.handler = handler;
        this.dialect = dialect;
        this.journal = journal;
        this.faults = faults;
        this.clock = clock;
        this.limiter = new RateLimiter(limits, clock);
        this.latency = latency;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), tf);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return {@code http://127.0.0.1:port} */
    public URI baseUri() {
        return baseUri;
    }

    /**
     * @param route a route
     * @return what is left of the tightest limit on it, for a provider that tells clients in headers
     */
    public java.util.Optional<RateLimiter.Remaining> remaining(Route route) {
        return limiter.remaining(route);
    }

    /**
     * @param limits the request limits to enforce from now on, replacing every limit; none for no limit
     */
    public void replaceLimits(List<RequestLimit> limits) {
        limiter.replace(limits);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) {
        try {
            serveChecked(exchange);
        } catch (IOException | RuntimeException e) {
            // the client went away or a write failed: nothing to answer to
            exchange.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private void serveChecked(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        String requestId = requestId();
        Route route = match(method, rawPath);
        RecordedRequest recorded = new RecordedRequest(clock.instant(), route, method, rawPath, rawQuery, headers,
                body, requestId);
        journal.record(recorded);
        if (route == null) {
            journal.record(new ContractViolation(recorded, "no operation of the API has this method and path"));
            write(exchange, dialect.notFound(method, rawPath), requestId);
            return;
        }
        Request request = new Request(route, method, rawPath, rawQuery == null ? "" : rawQuery,
                Map.copyOf(headers), body, requestId);

        Fault fault = faults.pick(route);
        if (fault != null && fault.phase() == Fault.Phase.BEFORE_PROCESSING) {
            if (fault.kind() == Fault.Kind.LATENCY) {
                sleep(fault.duration());
            } else {
                strike(exchange, fault, Response.raw(200, "application/json;charset=UTF-8", PLACEHOLDER),
                        requestId);
                return;
            }
        }
        Response response;
        long retryAfter = limiter.admit(route);
        if (retryAfter > 0) {
            journal.recordRefused(route);
            response = dialect.throttled(retryAfter);
        } else {
            if (!latency.isZero()) {
                sleep(latency); // the provider's processing time: a refusal by the gateway does not wait for it
            }
            response = process(request, recorded);
        }
        if (fault != null && fault.phase() == Fault.Phase.AFTER_PROCESSING) {
            if (fault.kind() == Fault.Kind.LATENCY) {
                sleep(fault.duration());
            } else {
                strike(exchange, fault, response, requestId);
                return;
            }
        }
        write(exchange, response, requestId);
    }

    private Response process(Request request, RecordedRequest recorded) {
        try {
            return handler.handle(request);
        } catch (HttpError e) {
            if (e.rule() != null) {
                journal.record(new ContractViolation(recorded, e.rule()));
            }
            return e.response();
        } catch (IllegalArgumentException e) {
            // e.g. a malformed percent-encoding in the path or query
            journal.record(new ContractViolation(recorded, "malformed request: " + e.getMessage()));
            return dialect.badRequest(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            return dialect.serverError();
        }
    }

    private void strike(HttpExchange exchange, Fault fault, Response response, String requestId)
            throws IOException, InterruptedException {
        switch (fault.kind()) {
            case THROTTLED -> write(exchange, dialect.throttled(seconds(fault.duration())), requestId);
            case SERVER_ERROR -> write(exchange, dialect.serverError(), requestId);
            case SERVICE_UNAVAILABLE -> write(exchange, dialect.unavailable(seconds(fault.duration())), requestId);
            case UNAUTHORIZED -> write(exchange, dialect.unauthorized(), requestId);
            case CONNECTION_RESET -> exchange.close(); // no response started: the server drops the connection
            case MALFORMED_JSON -> write(exchange, Response.raw(200, "application/json;charset=UTF-8",
                    "{\"job_id\": \"unterminated".getBytes(StandardCharsets.UTF_8)), requestId);
            case SLOW_BODY -> writeSlowly(exchange, response, requestId, fault.duration());
            case STALLED_BODY -> writeStalled(exchange, response, requestId, fault.duration());
            case TRUNCATED_BODY -> writeTruncated(exchange, response, requestId);
            case LATENCY -> throw new IllegalStateException("latency is not a response fault");
        }
    }

    private static long seconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }

    private void prepare(HttpExchange exchange, Response response, String requestId) {
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.getResponseHeaders().set("X-Request-Id", requestId);
    }

    private void write(HttpExchange exchange, Response response, String requestId) throws IOException {
        prepare(exchange, response, requestId);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    private void writeSlowly(HttpExchange exchange, Response response, String requestId, Duration total)
            throws IOException, InterruptedException {
        prepare(exchange, response, requestId);
        byte[] body = response.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : response.body();
        exchange.sendResponseHeaders(response.status(), body.length);
        int pieces = Math.min(body.length, 10);
        long pause = total.toNanos() / pieces;
        try (OutputStream out = exchange.getResponseBody()) {
            int per = (body.length + pieces - 1) / pieces;
            for (int off = 0; off < body.length; off += per) {
                TimeUnit.NANOSECONDS.sleep(pause);
                out.write(body, off, Math.min(per, body.length - off));
                out.flush();
            }
        }
        exchange.close();
    }

    private void writeStalled(HttpExchange exchange, Response response, String requestId, Duration stall)
            throws IOException, InterruptedException {
        prepare(exchange, response, requestId);
        byte[] body = response.body().length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : response.body();
        exchange.sendResponseHeaders(response.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        out.flush(); // the status line and headers leave now; the body never does
        try {
            sleep(stall);
        } finally {
            // closing with the announced body missing makes the JDK server drop the connection
            exchange.close();
        }
    }

    private void writeTruncated(HttpExchange exchange, Response response, String requestId) throws IOException {
        prepare(exchange, response, requestId);
        byte[] body = response.body().length < 2 ? "{\"truncated\":true}".getBytes(StandardCharsets.UTF_8)
                : response.body();
        exchange.sendResponseHeaders(response.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        // closing with bytes missing makes the JDK server drop the connection
        exchange.close();
    }

    private static void sleep(Duration d) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(d.toNanos());
    }

    private Route match(String method, String rawPath) {
        for (Route r : Route.values()) {
            if (r.provider() == provider && r.matches(method, rawPath)) {
                return r;
            }
        }
        return null;
    }

    private static String requestId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong(), r.nextLong()).toString().replace("-", "");
    }
}
