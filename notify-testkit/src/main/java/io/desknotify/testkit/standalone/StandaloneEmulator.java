package io.desknotify.testkit.standalone;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.desknotify.testkit.ContractViolation;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.EmulatorBuilder;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs one emulator as a process of its own, so that a test can kill the JVM of the library under test while the
 * emulator, and its journal of what it showed to whom, lives on; and so that tests written in other languages can
 * use the emulators too.
 *
 * <pre>
 * java -cp notify-testkit.jar:jakarta.json-api.jar:parsson.jar io.desknotify.testkit.standalone.StandaloneEmulator \
 *     huawei --desktops 20000 --latency-ms 5 --max-requests-per-second 50 --fault HUAWEI_JOB:connection-reset:next=1
 * </pre>
 *
 * <p>Once serving it prints one line of JSON to standard output, e.g. {@code {"provider":"huawei",
 * "baseUri":"http://127.0.0.1:41234","controlUri":"http://127.0.0.1:41235","projectId":"..."}}, and writes the
 * same line to {@code --uri-file} when given. Both servers bind the loopback interface on ephemeral ports. The
 * provider's API is served at {@code baseUri} exactly as by the emulator in a test; the control server, on a port
 * of its own so that the provider's API answers nothing it would not, serves:
 * <ul>
 *   <li>{@code GET /journal}: {@code totalShown}, {@code shownMoreThanOnce} (ids), {@code contractViolations}
 *       (descriptions), {@code requests} and {@code refused} (counts by route) and {@code lastShown};</li>
 *   <li>{@code GET /journal/shown}: how many times each target was shown a notification;</li>
 *   <li>{@code GET /inventory}: {@code desktopIds} and {@code connectedSessionIds};</li>
 *   <li>{@code POST /journal/clear}, {@code POST /faults} (a body of one fault spec, as {@code --fault}),
 *       {@code POST /faults/clear} and {@code POST /shutdown}.</li>
 * </ul>
 * The process ends at {@code POST /shutdown} or on SIGTERM; arguments it cannot use end it at once with status 2
 * and a message naming the argument.
 *
 * <p>Arguments: the provider ({@code huawei} or {@code horizon}), then options:
 * {@code --desktops N} (100), {@code --seed S} (42), {@code --connected-fraction F} (1.0), {@code --latency-ms L}
 * (0), {@code --max-requests-per-second R} (0, none), {@code --threads T} (the emulator's default),
 * {@code --journal-details true|false} (true; false keeps only counts, for long runs), {@code --uri-file PATH},
 * any number of {@code --fault ROUTE:KIND[:ARG]:TRIGGER} and the provider's credentials: Huawei
 * {@code --project-id}, {@code --access-key} and {@code --secret-key}; Horizon {@code --domain},
 * {@code --username} and {@code --password}. A fault's {@code ROUTE} is a {@link Route} name; {@code KIND} one of
 * {@code throttled:SECONDS}, {@code service-unavailable:SECONDS}, {@code server-error}, {@code unauthorized},
 * {@code connection-reset}, {@code latency:MILLIS}, {@code malformed-json}, {@code truncated-body},
 * {@code slow-body:MILLIS}, {@code stalled-body:MILLIS}; {@code TRIGGER} {@code always}, {@code next=N} or
 * {@code probability=P}.
 */
public final class StandaloneEmulator {
    /** Exit status for arguments that cannot be used. */
    public static final int BAD_ARGUMENTS = 2;

    private StandaloneEmulator() {
    }

    /**
     * Starts the emulator and its control server and serves until shut down.
     *
     * @param args the provider, then options (see the class comment)
     * @throws Exception when a server cannot be started
     */
    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("StandaloneEmulator: " + e.getMessage());
            System.exit(BAD_ARGUMENTS);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (Emulator emulator = options.start();
             Control control = new Control(emulator, options.provider, stopped)) {
            String line = control.describe().toString();
            if (options.uriFile != null) {
                Files.writeString(options.uriFile, line + "\n", StandardCharsets.UTF_8);
            }
            PrintStream out = System.out;
            out.println(line);
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "standalone-emulator-stop"));
            stopped.await();
        }
    }

    /** The parsed command line. */
    static final class Options {
        String provider;
        int desktops = 100;
        long seed = 42;
        double connectedFraction = 1.0;
        long latencyMs;
        int maxRequestsPerSecond;
        Integer threads;
        boolean journalDetails = true;
        Path uriFile;
        final List<String> faults = new ArrayList<>();
        String projectId = HuaweiWorkspaceEmulator.DEFAULT_PROJECT_ID;
        String accessKey = "standalone-ak";
        String secretKey = "standalone-sk";
        String domain = "DESKNOTIFY";
        String username = "svc-notify";
        String password = "standalone-password";

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("the provider is missing: huawei or horizon first");
            }
            Options o = new Options();
            o.provider = args[0].toLowerCase(Locale.ROOT);
            if (!o.provider.equals("huawei") && !o.provider.equals("horizon")) {
                throw new IllegalArgumentException("provider must be huawei or horizon: " + args[0]);
            }
            for (int i = 1; i < args.length; i += 2) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " has no value");
                }
                String value = args[i + 1];
                switch (name) {
                    case "--desktops" -> o.desktops = positive(name, value);
                    case "--seed" -> o.seed = number(name, value);
                    case "--connected-fraction" -> o.connectedFraction = fraction(name, value);
                    case "--latency-ms" -> o.latencyMs = nonNegative(name, value);
                    case "--max-requests-per-second" -> o.maxRequestsPerSecond = (int) nonNegative(name, value);
                    case "--threads" -> o.threads = positive(name, value);
                    case "--journal-details" -> o.journalDetails = bool(name, value);
                    case "--uri-file" -> o.uriFile = Path.of(value);
                    case "--fault" -> {
                        fault(value, o.provider); // refused now rather than when the emulator runs
                        o.faults.add(value);
                    }
                    case "--project-id" -> o.projectId = value;
                    case "--access-key" -> o.accessKey = value;
                    case "--secret-key" -> o.secretKey = value;
                    case "--domain" -> o.domain = value;
                    case "--username" -> o.username = value;
                    case "--password" -> o.password = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return o;
        }

        Emulator start() {
            Inventory inventory = Inventory.builder()
                    .seed(seed)
                    .desktops(desktops)
                    .connectedFraction(connectedFraction)
                    .disconnectedFraction(1.0 - connectedFraction)
                    .build();
            Emulator emulator = provider.equals("huawei")
                    ? common(HuaweiWorkspaceEmulator.builder().projectId(projectId).credentials(accessKey, secretKey),
                            inventory).start()
                    : common(HorizonEmulator.builder().login(domain, username, password), inventory).start();
            for (String spec : faults) {
                inject(emulator, spec, provider);
            }
            return emulator;
        }

        /** The settings every emulator's builder takes alike. */
        private <B extends EmulatorBuilder<B, ?>> B common(B b, Inventory inventory) {
            b.inventory(inventory).latency(Duration.ofMillis(latencyMs)).maxRequestsPerSecond(maxRequestsPerSecond)
                    .journalDetails(journalDetails).seed(seed);
            return threads == null ? b : b.threads(threads);
        }

        private static int positive(String name, String value) {
            long n = number(name, value);
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must be a positive number: " + value);
            }
            return (int) n;
        }

        private static long nonNegative(String name, String value) {
            long n = number(name, value);
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return n;
        }

        private static long number(String name, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number: " + value);
            }
        }

        private static double fraction(String name, String value) {
            double f;
            try {
                f = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a number within [0, 1]: " + value);
            }
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException(name + " must be a number within [0, 1]: " + value);
            }
            return f;
        }

        private static boolean bool(String name, String value) {
            if (!value.equals("true") && !value.equals("false")) {
                throw new IllegalArgumentException(name + " must be true or false: " + value);
            }
            return Boolean.parseBoolean(value);
        }
    }

    /** A parsed fault spec: where, what and when. */
    record FaultSpec(Route route, Fault fault, Trigger trigger) {
    }

    /**
     * Parses {@code ROUTE:KIND[:ARG]:TRIGGER}.
     *
     * @throws IllegalArgumentException naming the part that cannot be used
     */
    static FaultSpec fault(String spec, String provider) {
        String[] parts = spec.split(":");
        if (parts.length < 3 || parts.length > 4) {
            throw new IllegalArgumentException("a fault is ROUTE:KIND[:ARG]:TRIGGER: " + spec);
        }
        Route route;
        try {
            route = Route.valueOf(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no such route in fault '" + spec + "': " + parts[0]);
        }
        Route.Provider expected = provider.equals("huawei") ? Route.Provider.HUAWEI_WORKSPACE : Route.Provider.HORIZON;
        if (route.provider() != expected) {
            throw new IllegalArgumentException("route " + route + " in fault '" + spec + "' is not one of " + provider);
        }
        String kind = parts[1];
        String arg = parts.length == 4 ? parts[2] : null;
        Fault fault = switch (kind) {
            case "throttled" -> Fault.throttled(Duration.ofSeconds(argument(spec, kind, arg)));
            case "service-unavailable" -> Fault.serviceUnavailable(Duration.ofSeconds(argument(spec, kind, arg)));
            case "latency" -> Fault.latency(Duration.ofMillis(argument(spec, kind, arg)));
            case "slow-body" -> Fault.slowBody(Duration.ofMillis(argument(spec, kind, arg)));
            case "stalled-body" -> Fault.stalledBody(Duration.ofMillis(argument(spec, kind, arg)));
            case "server-error" -> noArgument(spec, kind, arg, Fault.serverError());
            case "unauthorized" -> noArgument(spec, kind, arg, Fault.unauthorized());
            case "connection-reset" -> noArgument(spec, kind, arg, Fault.connectionReset());
            case "malformed-json" -> noArgument(spec, kind, arg, Fault.malformedJson());
            case "truncated-body" -> noArgument(spec, kind, arg, Fault.truncatedBody());
            default -> throw new IllegalArgumentException("no such fault kind in '" + spec + "': " + kind);
        };
        return new FaultSpec(route, fault, trigger(spec, parts[parts.length - 1]));
    }

    private static long argument(String spec, String kind, String arg) {
        if (arg == null) {
            throw new IllegalArgumentException("fault " + kind + " needs a number in '" + spec + "'");
        }
        try {
            long n = Long.parseLong(arg);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault " + kind + " needs a number that is not negative in '" + spec
                    + "': " + arg);
        }
    }

    private static Fault noArgument(String spec, String kind, String arg, Fault fault) {
        if (arg != null) {
            throw new IllegalArgumentException("fault " + kind + " takes no argument in '" + spec + "'");
        }
        return fault;
    }

    private static Trigger trigger(String spec, String text) {
        try {
            if (text.equals("always")) {
                return Trigger.always();
            }
            if (text.startsWith("next=")) {
                return Trigger.next(Integer.parseInt(text.substring(5)));
            }
            if (text.startsWith("probability=")) {
                return Trigger.withProbability(Double.parseDouble(text.substring(12)));
            }
        } catch (IllegalArgumentException e) {
            // NumberFormatException, or a count or probability the trigger refuses
            throw new IllegalArgumentException("bad trigger in fault '" + spec + "': " + text);
        }
        throw new IllegalArgumentException("a trigger is always, next=N or probability=P in fault '" + spec + "': "
                + text);
    }

    private static void inject(Emulator emulator, String spec, String provider) {
        FaultSpec f = fault(spec, provider);
        emulator.faults().inject(f.route(), f.fault(), f.trigger());
    }

    /** The control server: the journal, the inventory and faults, on a port apart from the provider's API. */
    private static final class Control implements AutoCloseable {
        private final Emulator emulator;
        private final String provider;
        private final CountDownLatch stopped;
        private final HttpServer server;
        private final ExecutorService executor;

        Control(Emulator emulator, String provider, CountDownLatch stopped) throws IOException {
            this.emulator = emulator;
            this.provider = provider;
            this.stopped = stopped;
            this.executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "standalone-emulator-control");
                t.setDaemon(true);
                return t;
            });
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(executor);
            server.createContext("/", this::serve);
            server.start();
        }

        URI uri() {
            return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                    + server.getAddress().getPort());
        }

        JsonObject describe() {
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("provider", provider)
                    .add("baseUri", emulator.baseUri().toString())
                    .add("controlUri", uri().toString());
            if (emulator instanceof HuaweiWorkspaceEmulator h) {
                b.add("projectId", h.projectId());
            }
            return b.build();
        }

        private void serve(HttpExchange exchange) throws IOException {
            try (exchange) {
                String method = exchange.getRequestMethod();
                String path = exchange.getRequestURI().getPath();
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
                try {
                    switch (method + " " + path) {
                        case "GET /journal" -> reply(exchange, 200, journal().toString());
                        case "GET /journal/shown" -> reply(exchange, 200, shown().toString());
                        case "GET /inventory" -> reply(exchange, 200, inventory().toString());
                        case "POST /journal/clear" -> {
                            emulator.journal().clear();
                            reply(exchange, 204, null);
                        }
                        case "POST /faults" -> {
                            inject(emulator, body, provider);
                            reply(exchange, 204, null);
                        }
                        case "POST /faults/clear" -> {
                            emulator.faults().clear();
                            reply(exchange, 204, null);
                        }
                        case "POST /shutdown" -> {
                            reply(exchange, 204, null);
                            stopped.countDown();
                        }
                        default -> reply(exchange, 404, error("no such control call: " + method + " " + path));
                    }
                } catch (IllegalArgumentException e) {
                    reply(exchange, 400, error(e.getMessage()));
                }
            }
        }

        private JsonObject journal() {
            var journal = emulator.journal();
            JsonObjectBuilder requests = Json.createObjectBuilder();
            JsonObjectBuilder refused = Json.createObjectBuilder();
            for (Route route : Route.values()) {
                int n = journal.requestCount(route);
                if (n > 0) {
                    requests.add(route.name(), n);
                }
                int no = journal.refusedCount(route);
                if (no > 0) {
                    refused.add(route.name(), no);
                }
            }
            JsonArrayBuilder twice = Json.createArrayBuilder();
            journal.targetsShownMoreThanOnce().stream().sorted().forEach(twice::add);
            JsonArrayBuilder violations = Json.createArrayBuilder();
            for (ContractViolation v : journal.contractViolations()) {
                violations.add(v.toString());
            }
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("totalShown", journal.totalShown())
                    .add("shownMoreThanOnce", twice)
                    .add("contractViolations", violations)
                    .add("requests", requests)
                    .add("refused", refused);
            journal.lastShown().ifPresent(t -> b.add("lastShown", t.toString()));
            return b.build();
        }

        private JsonObject shown() {
            JsonObjectBuilder b = Json.createObjectBuilder();
            emulator.journal().shownTargets().forEach(b::add);
            return b.build();
        }

        private JsonObject inventory() {
            JsonArrayBuilder desktops = Json.createArrayBuilder();
            emulator.inventory().desktopIds().forEach(desktops::add);
            JsonArrayBuilder sessions = Json.createArrayBuilder();
            emulator.inventory().connectedSessionIds().forEach(sessions::add);
            return Json.createObjectBuilder().add("desktopIds", desktops).add("connectedSessionIds", sessions)
                    .build();
        }

        private static String error(String message) {
            return Json.createObjectBuilder().add("error", Objects.toString(message)).build().toString();
        }

        private static void reply(HttpExchange exchange, int status, String json) throws IOException {
            if (json == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
