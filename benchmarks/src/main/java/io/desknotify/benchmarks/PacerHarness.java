package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.NotifyListener;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.core.Notifier;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.horizon.HorizonEmulator;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonWriter;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How a notifier that knows nothing of its provider's limit behaves against one (issue #17, item 3). The notifier is
 * built with the transport alone: no {@code rateLimit}, no {@code maxConcurrentBatches}, default job polling and
 * retries (the only other thing given is a passive listener, which counts). The emulator refuses more than R
 * requests a second over all routes, in {@linkplain RequestLimit#fixedWindow(int) fixed} or
 * {@linkplain RequestLimit#slidingWindow(int) sliding} one-second windows, and makes every request it admits wait
 * a latency. Counting is on the emulator's side: its journal's requests received and requests refused by the
 * limit ({@code Journal#refusedCount}), sampled every 100 ms from the moment of the first send (the emulator's clock
 * is the system clock), so every figure is per second of emulator time.
 *
 * <p>Scenarios ({@code --scenarios}, all by default):
 * <ul>
 *   <li>{@code grid}: providers x R x windows x latencies, not told the limit;</li>
 *   <li>{@code raise}: the limit is raised at half time ({@code --raise 20:50}), {@code Emulator#replaceRequestLimits};
 *       how long until a one-second span holds 85% of the new R;</li>
 *   <li>{@code unlimited}: no limit at {@code --unlimited-latencies} (50 and 200 ms): targets per second and the
 *       batches in flight (time-averaged, from the listener's batch latencies, and the most at once);</li>
 *   <li>{@code told}: the notifier is told {@code RateLimitSettings.perSecond(R)}: 429s in the first second and
 *       in all.</li>
 * </ul>
 * Each cell sends one job big enough to last {@code --seconds} at R (and sends another if it ends early); at
 * {@code --seconds} the job is cancelled (its unsent batches end CANCELLED, which is not counted as FAILED). The
 * figures "after warm-up" cover seconds [{@code --warmup}, {@code --seconds}). Results: {@code pacer.json},
 * {@code pacer.tsv} and {@code pacer-series.tsv} in the results directory; Markdown ({@link PacerSummary}) on
 * stdout.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.desknotify.benchmarks.PacerHarness --out DIR \
 *     --provider huawei --rates 20 --windows fixed --latencies 0 --seconds 8 --scenarios grid
 * }</pre>
 */
public final class PacerHarness {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final long TICK_NANOS = 100_000_000L;
    private static final int TICKS_PER_SECOND = 10;

    /** The options; see {@link #usage()}. */
    static final class Options {
        List<Providers> providers = List.of(Providers.HUAWEI, Providers.HORIZON);
        List<Integer> rates = List.of(20, 50, 200);
        List<String> windows = List.of("fixed", "sliding");
        List<Integer> latencies = List.of(0, 5, 50, 200);
        List<String> scenarios = List.of("grid", "raise", "unlimited", "told");
        int seconds = 15;
        int warmup = 3;
        int batchSize = 100;
        int raiseFrom = 20;
        int raiseTo = 50;
        List<Integer> raiseLatencies = List.of(5);
        List<Integer> unlimitedLatencies = List.of(50, 200);
        int unlimitedTargets = 200_000;
        List<Integer> toldLatencies = List.of(5);
        int maxTargets = 400_000;
        /** 0: the notifier's default job polling. */
        int pollMs;
        boolean huaweiRetryAfter;
        Path out = Path.of("benchmarks/target/results");
    }

    private PacerHarness() {
    }

    /**
     * Runs the scenarios and prints the tables.
     *
     * @param args options, see {@code --help}
     * @throws Exception when a cell fails (a request outside the contract, a job that does not end)
     */
    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        JsonObject results = run(o, System.err);
        System.out.print(PacerSummary.markdown(results));
    }

    /**
     * Runs every cell the options select and writes the result files.
     *
     * @param o the options
     * @param log where progress goes
     * @return the results, as written to {@code pacer.json}
     * @throws Exception when a cell fails
     */
    static JsonObject run(Options o, java.io.PrintStream log) throws Exception {
        List<Cell> cells = cells(o);
        JsonArrayBuilder out = JSON.createArrayBuilder();
        int i = 0;
        for (Cell c : cells) {
            i++;
            log.printf(Locale.ROOT, "[%d/%d] %s%n", i, cells.size(), c);
            JsonObject r = new CellRun(o, c).run();
            log.printf(Locale.ROOT, "      accepted %.1f%% of R, throttled %.1f%%, 429s %d, FAILED %d, "
                            + "targets/s %.0f%n",
                    r.getJsonNumber("pctOfRate").doubleValue(), r.getJsonNumber("throttledPct").doubleValue(),
                    r.getInt("http429Total"), r.getInt("failed"), r.getJsonNumber("targetsPerSecond").doubleValue());
            out.add(r);
        }
        JsonObject results = JSON.createObjectBuilder()
                .add("harness", "pacer")
                .add("startedAt", Instant.now().toString())
                .add("seconds", o.seconds)
                .add("warmupSeconds", o.warmup)
                .add("batchSize", o.batchSize)
                .add("jobPolling", o.pollMs == 0 ? "default" : "every " + o.pollMs + " ms")
                .add("huaweiRetryAfter", o.huaweiRetryAfter)
                .add("cells", out)
                .build();
        write(o.out, results);
        return results;
    }

    /** One measured configuration. */
    record Cell(String scenario, Providers provider, String window, int rate, int raisedTo, int latencyMs,
                boolean told) {
        @Override
        public String toString() {
            return scenario + " " + provider.name().toLowerCase(Locale.ROOT) + " "
                    + (rate == 0 ? "no limit" : window + " R=" + rate + (raisedTo > 0 ? "->" + raisedTo : ""))
                    + " latency " + latencyMs + " ms" + (told ? " told" : "");
        }
    }

    static List<Cell> cells(Options o) {
        List<Cell> cells = new ArrayList<>();
        for (Providers p : o.providers) {
            if (o.scenarios.contains("grid")) {
                for (int r : o.rates) {
                    for (String w : o.windows) {
                        for (int l : o.latencies) {
                            cells.add(new Cell("grid", p, w, r, 0, l, false));
                        }
                    }
                }
            }
            if (o.scenarios.contains("raise")) {
                for (String w : o.windows) {
                    for (int l : o.raiseLatencies) {
                        cells.add(new Cell("raise", p, w, o.raiseFrom, o.raiseTo, l, false));
                    }
                }
            }
            if (o.scenarios.contains("unlimited")) {
                for (int l : o.unlimitedLatencies) {
                    cells.add(new Cell("unlimited", p, "none", 0, 0, l, false));
                }
            }
            if (o.scenarios.contains("told")) {
                for (int r : o.rates) {
                    for (String w : o.windows) {
                        for (int l : o.toldLatencies) {
                            cells.add(new Cell("told", p, w, r, 0, l, true));
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** The run of one cell: its emulator, its notifier, the sampler and the figures. */
    private static final class CellRun {
        private final Options o;
        private final Cell c;
        private final Route sendRoute;
        private final ConcurrentLinkedQueue<long[]> batches = new ConcurrentLinkedQueue<>();
        private final AtomicLong throttledSeen = new AtomicLong();
        private volatile long t0;

        CellRun(Options o, Cell c) {
            this.o = o;
            this.c = c;
            this.sendRoute = c.provider() == Providers.HUAWEI ? Route.HUAWEI_SEND_DESKTOPS
                    : Route.HORIZON_SEND_MESSAGE;
        }

        private RequestLimit limit(int perSecond) {
            return "sliding".equals(c.window()) ? RequestLimit.slidingWindow(perSecond)
                    : RequestLimit.fixedWindow(perSecond);
        }

        /** Targets per job: enough for the whole run at R (the raised R in its half), in whole batches. */
        private int targets() {
            if (c.rate() == 0) {
                return o.unlimitedTargets;
            }
            double requests = c.raisedTo() > 0 ? (c.rate() + c.raisedTo()) * (o.seconds / 2.0 + 1)
                    : c.rate() * (o.seconds + 2.0);
            long batchCount = (long) Math.ceil(requests / c.provider().requestsPerBatch());
            return (int) Math.min(o.maxTargets, Math.max(1, batchCount) * o.batchSize);
        }

        JsonObject run() throws Exception {
            int targets = targets();
            List<RequestLimit> limits = c.rate() == 0 ? List.of() : List.of(limit(c.rate()));
            Emulator emulator = start(c.provider(), targets, o.batchSize, limits, Duration.ofMillis(c.latencyMs()),
                    o.huaweiRetryAfter);
            Notifier notifier = null;
            try {
                List<Target> ids = new ArrayList<>(targets);
                c.provider().ids(emulator).forEach(id -> ids.add(c.provider().target(id)));
                if (ids.size() != targets) {
                    throw new IllegalStateException("the emulator has " + ids.size() + " targets, not " + targets);
                }
                Notifier.Builder b = Notifier.builder()
                        .transport(c.provider().transport(emulator, o.batchSize))
                        .listener(new NotifyListener() {
                            @Override
                            public void throttled(String provider, Duration retryAfter) {
                                throttledSeen.incrementAndGet();
                            }

                            @Override
                            public void batchFinished(String provider, TargetKind kind, int size, int attempts,
                                                      Duration latency, boolean success) {
                                long end = System.nanoTime() - t0;
                                batches.add(new long[] {end - latency.toNanos(), end});
                            }
                        });
                if (c.told()) {
                    b.rateLimit(RateLimitSettings.perSecond(c.rate()));
                }
                if (o.pollMs > 0) {
                    b.jobPolling(Duration.ofMillis(o.pollMs), Duration.ofMinutes(10));
                }
                notifier = b.build();
                // log in (Horizon) and open a connection first, as ThrottledBenchmark does; not counted below
                notifier.checkHealth(notifier.providers().get(0)).toCompletableFuture().get(30, TimeUnit.SECONDS);
                Notification notification = Notification.builder().message(Providers.MESSAGE).build();
                return measure(emulator, notifier, notification, ids, targets);
            } finally {
                if (notifier != null) {
                    Providers.closeAndCheckContract(notifier, emulator);
                } else {
                    emulator.close();
                }
            }
        }

        private JsonObject measure(Emulator emulator, Notifier notifier, Notification notification,
                                   List<Target> ids, int targets) throws Exception {
            Providers p = c.provider();
            int raiseTick = c.raisedTo() > 0 ? o.seconds * TICKS_PER_SECOND / 2 : -1;
            long[] base = counters(emulator);
            Sampler sampler = new Sampler(emulator, raiseTick, limitOrNull(c.raisedTo()));
            t0 = System.nanoTime();
            sampler.start(t0);
            long end = t0 + TimeUnit.SECONDS.toNanos(o.seconds);
            long[] outcomes = new long[Outcome.values().length];
            int jobs = 0;
            boolean cancelled = false;
            while (System.nanoTime() < end) {
                NotificationJob job = notifier.send(notification, ids);
                jobs++;
                JobReport report;
                try {
                    report = job.completion().get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    cancelled |= job.cancel();
                    report = job.completion().get(5, TimeUnit.MINUTES);
                }
                for (Outcome oc : Outcome.values()) {
                    outcomes[oc.ordinal()] += report.count(oc);
                }
            }
            long finished = System.nanoTime();
            List<long[]> ticks = sampler.stop();
            long[] last = counters(emulator);
            return figures(ticks, base, last, outcomes, jobs, cancelled, targets, finished, sampler.maxLate);
        }

        private RequestLimit limitOrNull(int perSecond) {
            return perSecond > 0 ? limit(perSecond) : null;
        }

        /** received, refused, sends received, sends refused, shown: totals now. */
        private long[] counters(Emulator e) {
            long received = 0;
            long refused = 0;
            for (Route r : c.provider().routes()) {
                received += e.journal().requestCount(r);
                refused += e.journal().refusedCount(r);
            }
            return new long[] {received, refused, e.journal().requestCount(sendRoute),
                    e.journal().refusedCount(sendRoute), e.journal().totalShown()};
        }

        /** Reads the counters at every tick of 100 ms from t0; raises the limit at its tick. */
        private final class Sampler implements Runnable {
            private final Emulator emulator;
            private final int raiseTick;
            private final RequestLimit raised;
            private final List<long[]> ticks = new ArrayList<>();
            /** How late the latest tick was read, at most, in nanoseconds (a loaded machine wakes threads late). */
            private volatile long maxLate;
            private volatile boolean stop;
            private Thread thread;
            private long start;

            Sampler(Emulator emulator, int raiseTick, RequestLimit raised) {
                this.emulator = emulator;
                this.raiseTick = raiseTick;
                this.raised = raised;
            }

            void start(long t0) {
                this.start = t0;
                ticks.add(counters(emulator));
                thread = new Thread(this, "pacer-sampler");
                thread.setDaemon(true);
                thread.setPriority(Thread.MAX_PRIORITY);
                thread.start();
            }

            @Override
            public void run() {
                for (int k = 1; !stop; k++) {
                    long at = start + k * TICK_NANOS;
                    long wait;
                    while ((wait = at - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    long[] now = counters(emulator);
                    maxLate = Math.max(maxLate, System.nanoTime() - at);
                    synchronized (ticks) {
                        ticks.add(now);
                    }
                    if (k == raiseTick && raised != null) {
                        emulator.replaceRequestLimits(raised);
                    }
                }
            }

            /** Stops after the next whole second, so that the last second of the series is complete. */
            List<long[]> stop() throws InterruptedException {
                long elapsed = System.nanoTime() - start;
                long untilSecond = TimeUnit.SECONDS.toNanos(1) - elapsed % TimeUnit.SECONDS.toNanos(1);
                TimeUnit.NANOSECONDS.sleep(untilSecond + TICK_NANOS / 2);
                stop = true;
                thread.join();
                synchronized (ticks) {
                    int whole = (ticks.size() - 1) / TICKS_PER_SECOND * TICKS_PER_SECOND + 1;
                    return List.copyOf(ticks.subList(0, whole));
                }
            }
        }

        private JsonObject figures(List<long[]> ticks, long[] base, long[] last, long[] outcomes, int jobs,
                                   boolean cancelled, int targets, long finished, long samplerLate) {
            int secondsMeasured = (ticks.size() - 1) / TICKS_PER_SECOND;
            List<long[]> batchList = new ArrayList<>(batches);
            JsonArrayBuilder series = JSON.createArrayBuilder();
            for (int s = 0; s < secondsMeasured; s++) {
                long[] a = ticks.get(s * TICKS_PER_SECOND);
                long[] b = ticks.get((s + 1) * TICKS_PER_SECOND);
                long received = b[0] - a[0];
                long refused = b[1] - a[1];
                series.add(JSON.createObjectBuilder()
                        .add("second", s)
                        .add("accepted", received - refused)
                        .add("refused", refused)
                        .add("sendsAccepted", (b[2] - a[2]) - (b[3] - a[3]))
                        .add("shown", b[4] - a[4])
                        .add("batchesInFlight", round(meanInFlight(batchList, s * 1_000_000_000L,
                                (s + 1) * 1_000_000_000L), 1)));
            }
            int from = Math.min(o.warmup, secondsMeasured);
            int to = Math.min(o.seconds, secondsMeasured);
            long[] a = ticks.get(from * TICKS_PER_SECOND);
            long[] b = ticks.get(to * TICKS_PER_SECOND);
            double span = Math.max(1, to - from);
            long received = b[0] - a[0];
            long refused = b[1] - a[1];
            double acceptedPerSecond = (received - refused) / span;
            long[] first = ticks.get(Math.min(TICKS_PER_SECOND, ticks.size() - 1));
            int rateAfter = c.raisedTo() > 0 ? c.raisedTo() : c.rate();
            JsonObjectBuilder r = JSON.createObjectBuilder()
                    .add("scenario", c.scenario())
                    .add("provider", c.provider().name().toLowerCase(Locale.ROOT))
                    .add("window", c.window())
                    .add("rate", c.rate())
                    .add("raisedTo", c.raisedTo())
                    .add("latencyMs", c.latencyMs())
                    .add("told", c.told())
                    .add("targetsPerJob", targets)
                    .add("jobs", jobs)
                    .add("cancelledAtEnd", cancelled)
                    .add("acceptedPerSecond", round(acceptedPerSecond, 1))
                    .add("pctOfRate", c.rate() == 0 ? 0.0 : round(100.0 * acceptedPerSecond / rateAfter, 1))
                    .add("throttledPct", received == 0 ? 0.0 : round(100.0 * refused / received, 2))
                    .add("http429AfterWarmup", refused)
                    .add("http429Total", last[1] - base[1])
                    .add("http429FirstSecond", first[1] - ticks.get(0)[1])
                    .add("throttledSeen", throttledSeen.get())
                    .add("requestsTotal", last[0] - base[0])
                    .add("targetsPerSecond", round((b[4] - a[4]) / span, 1))
                    .add("sendsPerSecond", round(((b[2] - a[2]) - (b[3] - a[3])) / span, 1))
                    .add("meanBatchesInFlight", round(meanInFlight(batchList, from * 1_000_000_000L,
                            to * 1_000_000_000L), 2))
                    .add("maxBatchesInFlight", maxInFlight(batchList))
                    .add("runSeconds", round((finished - t0) / 1e9, 2))
                    .add("samplerMaxLateMs", round(samplerLate / 1e6, 1));
            for (Outcome oc : Outcome.values()) {
                r.add(oc.name().toLowerCase(Locale.ROOT), outcomes[oc.ordinal()]);
            }
            if (c.raisedTo() > 0) {
                r.add("raiseAtSecond", o.seconds / 2.0);
                addRecovery(r, ticks, o.seconds * TICKS_PER_SECOND / 2, to * TICKS_PER_SECOND);
                // the rate before the raise, after warm-up, as % of the first R
                int raise = o.seconds * TICKS_PER_SECOND / 2;
                long[] w = ticks.get(Math.min(from * TICKS_PER_SECOND, raise));
                long[] x = ticks.get(raise);
                double before = ((x[0] - w[0]) - (x[1] - w[1])) / Math.max(0.1, (raise - from * 10) / 10.0);
                r.add("pctOfRateBeforeRaise", round(100.0 * before / c.rate(), 1));
                long[] y = ticks.get(Math.min(raise + 3 * TICKS_PER_SECOND, ticks.size() - 1));
                double after = ((b[0] - y[0]) - (b[1] - y[1])) / Math.max(0.1, (to * 10 - raise - 30) / 10.0);
                r.add("pctOfRaisedRateFrom3sAfterRaise", round(100.0 * after / c.raisedTo(), 1));
            }
            r.add("series", series);
            return r.build();
        }

        /**
         * Seconds from the raise until a one-second span (ending at a tick) first held 85% of the new R, and until
         * every later one-second span up to the end of the measurement did; -1 when never.
         */
        private void addRecovery(JsonObjectBuilder r, List<long[]> ticks, int raise, int endTick) {
            double goal = 0.85 * c.raisedTo();
            int firstReach = -1;
            int sustained = -1;
            for (int t = raise + TICKS_PER_SECOND; t <= Math.min(endTick, ticks.size() - 1); t++) {
                long[] a = ticks.get(t - TICKS_PER_SECOND);
                long[] b = ticks.get(t);
                boolean ok = (b[0] - a[0]) - (b[1] - a[1]) >= goal;
                if (ok && firstReach < 0) {
                    firstReach = t;
                }
                if (ok && sustained < 0) {
                    sustained = t;
                } else if (!ok) {
                    sustained = -1;
                }
            }
            r.add("secondsTo85pctOfRaised", firstReach < 0 ? -1.0 : (firstReach - raise) / 10.0);
            r.add("secondsTo85pctSustained", sustained < 0 ? -1.0 : (sustained - raise) / 10.0);
        }
    }

    /** The time-averaged number of batches open (first attempt to end) within [from, to) nanoseconds of t0. */
    private static double meanInFlight(List<long[]> batches, long from, long to) {
        double sum = 0;
        for (long[] x : batches) {
            long s = Math.max(x[0], from);
            long e = Math.min(x[1], to);
            if (e > s) {
                sum += e - s;
            }
        }
        return sum / Math.max(1, to - from);
    }

    private static int maxInFlight(List<long[]> batches) {
        long[][] events = new long[batches.size() * 2][];
        int i = 0;
        for (long[] x : batches) {
            events[i++] = new long[] {x[0], 1};
            events[i++] = new long[] {x[1], -1};
        }
        Arrays.sort(events, (p, q) -> p[0] != q[0] ? Long.compare(p[0], q[0]) : Long.compare(p[1], q[1]));
        int now = 0;
        int max = 0;
        for (long[] ev : events) {
            now += (int) ev[1];
            max = Math.max(max, now);
        }
        return max;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** Starts the provider's emulator: {@code targets} connected targets, the limits, the latency, 256 threads. */
    static Emulator start(Providers p, int targets, int batchSize, List<RequestLimit> limits, Duration latency,
                          boolean huaweiRetryAfter) {
        Inventory inventory = Inventory.builder().seed(42).desktops(targets).connectedFraction(1.0)
                .disconnectedFraction(0.0).build();
        // 256 server threads (the most): an admitted request holds a thread for the latency, and a refusal must
        // not queue behind them, since a gateway answers it at once
        if (p == Providers.HUAWEI) {
            HuaweiWorkspaceEmulator.Builder b = HuaweiWorkspaceEmulator.builder().inventory(inventory)
                    .credentials(Providers.ACCESS_KEY, Providers.SECRET_KEY).maxIdsPerCall(batchSize)
                    .journalDetails(false).latency(latency).threads(256).throttleRetryAfter(huaweiRetryAfter);
            limits.forEach(b::requestLimit);
            return b.start();
        }
        HorizonEmulator.Builder b = HorizonEmulator.builder().inventory(inventory)
                .login(Providers.DOMAIN, Providers.USERNAME, Providers.PASSWORD).maxIdsPerCall(batchSize)
                .journalDetails(false).latency(latency).threads(256);
        limits.forEach(b::requestLimit);
        return b.start();
    }

    private static void write(Path dir, JsonObject results) throws IOException {
        Files.createDirectories(dir);
        try (Writer w = Files.newBufferedWriter(dir.resolve("pacer.json"), StandardCharsets.UTF_8);
             JsonWriter jw = JSON.createWriterFactory(java.util.Map.of("jakarta.json.stream.JsonGenerator"
                     + ".prettyPrinting", true)).createWriter(w)) {
            jw.writeObject(results);
        }
        String[] keys = {"scenario", "provider", "window", "rate", "raisedTo", "latencyMs", "told", "targetsPerJob",
            "jobs", "acceptedPerSecond", "pctOfRate", "throttledPct", "http429AfterWarmup", "http429Total",
            "http429FirstSecond", "throttledSeen", "targetsPerSecond", "sendsPerSecond", "meanBatchesInFlight",
            "maxBatchesInFlight", "delivered", "failed", "unknown", "cancelled", "runSeconds", "samplerMaxLateMs"};
        try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(dir.resolve("pacer.tsv"),
                StandardCharsets.UTF_8));
             PrintWriter series = new PrintWriter(Files.newBufferedWriter(dir.resolve("pacer-series.tsv"),
                     StandardCharsets.UTF_8))) {
            tsv.println(String.join("\t", keys));
            series.println("scenario\tprovider\twindow\trate\traisedTo\tlatencyMs\ttold\tsecond\taccepted\trefused"
                    + "\tsendsAccepted\tshown\tbatchesInFlight");
            for (JsonObject cell : results.getJsonArray("cells").getValuesAs(JsonObject.class)) {
                List<String> row = new ArrayList<>();
                for (String k : keys) {
                    row.add(String.valueOf(cell.get(k)).replace("\"", ""));
                }
                tsv.println(String.join("\t", row));
                String id = String.join("\t", row.subList(0, 7));
                for (JsonObject s : cell.getJsonArray("series").getValuesAs(JsonObject.class)) {
                    series.println(id + "\t" + s.get("second") + "\t" + s.get("accepted") + "\t" + s.get("refused")
                            + "\t" + s.get("sendsAccepted") + "\t" + s.get("shown") + "\t"
                            + s.get("batchesInFlight"));
                }
            }
        }
    }

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if ("--help".equals(a) || "-h".equals(a)) {
                System.out.println(usage());
                System.exit(0);
            }
            if (!a.startsWith("--")) {
                o.out = Path.of(a);
                continue;
            }
            if ("--huawei-retry-after".equals(a)) {
                o.huaweiRetryAfter = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value\n" + usage());
            }
            String v = args[++i];
            switch (a) {
                case "--provider", "--providers" -> o.providers = list(v).stream().map(Providers::of).toList();
                case "--rates" -> o.rates = ints(v);
                case "--windows" -> {
                    o.windows = list(v);
                    o.windows.forEach(w -> {
                        if (!w.equals("fixed") && !w.equals("sliding")) {
                            throw new IllegalArgumentException("--windows: fixed or sliding, not " + w);
                        }
                    });
                }
                case "--latencies" -> o.latencies = ints(v);
                case "--scenarios" -> o.scenarios = list(v);
                case "--seconds" -> o.seconds = Integer.parseInt(v);
                case "--warmup" -> o.warmup = Integer.parseInt(v);
                case "--batch" -> o.batchSize = Integer.parseInt(v);
                case "--raise" -> {
                    List<Integer> r = ints(v.replace(':', ','));
                    o.raiseFrom = r.get(0);
                    o.raiseTo = r.get(1);
                }
                case "--raise-latencies" -> o.raiseLatencies = ints(v);
                case "--unlimited-latencies" -> o.unlimitedLatencies = ints(v);
                case "--unlimited-targets" -> o.unlimitedTargets = Integer.parseInt(v);
                case "--told-latencies" -> o.toldLatencies = ints(v);
                case "--max-targets" -> o.maxTargets = Integer.parseInt(v);
                case "--poll-ms" -> o.pollMs = Integer.parseInt(v);
                case "--out" -> o.out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "\n" + usage());
            }
        }
        if (o.seconds < 2 || o.warmup < 0 || o.warmup >= o.seconds) {
            throw new IllegalArgumentException("need --seconds of at least 2 and 0 <= --warmup < --seconds");
        }
        return o;
    }

    private static List<String> list(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<Integer> ints(String v) {
        return list(v).stream().map(Integer::parseInt).toList();
    }

    static String usage() {
        return """
                usage: PacerHarness [RESULTS_DIR] [options]   (results: pacer.json, pacer.tsv, pacer-series.tsv)
                  --out DIR                 results directory (default benchmarks/target/results)
                  --scenarios LIST          grid,raise,unlimited,told (default all)
                  --provider LIST           huawei,horizon (default both)
                  --rates LIST              R, requests a second the emulator allows (default 20,50,200)
                  --windows LIST            fixed,sliding (default both)
                  --latencies LIST          ms per admitted request, grid (default 0,5,50,200)
                  --seconds N               length of a cell (default 15)
                  --warmup N                seconds left out of the "after warm-up" figures (default 3)
                  --raise FROM:TO           raise scenario, limit raised at half time (default 20:50)
                  --raise-latencies LIST    (default 5)
                  --unlimited-latencies LIST (default 50,200)
                  --unlimited-targets N     targets per job without a limit (default 200000)
                  --told-latencies LIST     told scenario, rateLimit(perSecond(R)) (default 5)
                  --batch N                 targets per call, the transports' maxDesktopsPerCall (default 100)
                  --max-targets N           most targets per job (default 400000)
                  --poll-ms N               job polling interval; 0: the notifier's default (default 0)
                  --huawei-retry-after      the Huawei emulator adds Retry-After to its 429 (Huawei documents none)
                """;
    }
}
