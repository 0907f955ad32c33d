package io.desknotify.benchmarks;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH JSON results ({@code -rf json -rff results.json}) into the figures the goals are stated in, as
 * Markdown tables: targets per second and per CPU-second and bytes per target (core), library / hand-written
 * ratio (end to end), achieved / allowed rate and 429s after warm-up (throttled).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.desknotify.benchmarks.Summary results.json [more.json ...]
 * }</pre>
 */
public final class Summary {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String PACKAGE = Summary.class.getPackageName() + ".";

    /** Core goal: targets per second per core at batch size 100. */
    static final double CORE_GOAL = 2_000_000;
    /** End-to-end goal: library at concurrency 16 over the hand-written loop. */
    static final double RATIO_GOAL = 5.0;
    /** Throttled goal: share of the allowed rate achieved. */
    static final double RATE_GOAL = 0.9;

    private final List<JsonObject> runs = new ArrayList<>();

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Summary results.json [more.json ...]");
            System.exit(2);
        }
        List<Path> files = new ArrayList<>();
        for (String a : args) {
            files.add(Path.of(a));
        }
        System.out.print(summarize(files));
    }

    /** The Markdown tables for these JMH JSON result files. */
    static String summarize(List<Path> files) throws IOException {
        Summary s = new Summary();
        for (Path f : files) {
            try (JsonReader r = JSON.createReader(Files.newBufferedReader(f))) {
                for (JsonValue v : r.readArray()) {
                    s.runs.add(v.asJsonObject());
                }
            }
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        s.print(out);
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void print(PrintStream out) {
        core(out);
        endToEnd(out);
        throttled(out);
        sessionBucket(out);
        followUp(out);
        PeerSummary.print(out, runs);
    }

    /** The session-per-call providers under an ARM-like write bucket; issue #14's goal: zero 429s after warm-up. */
    private void sessionBucket(PrintStream out) {
        List<JsonObject> runsOf = of("SessionBucketBenchmark.send");
        if (runsOf.isEmpty()) {
            return;
        }
        out.println("### One session per call under an ARM-like write bucket (notifier told the refill rate)");
        out.println();
        out.println("| provider | latency ms | bucket | allowed sends/s (refill) | accepted sends/s | achieved / allowed |"
                + " 429s after warm-up | throttling answers seen by the notifier | goal (zero 429s) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (JsonObject r : runsOf) {
            double rate = Double.parseDouble(param(r, "refillPerSecond"));
            double accepted = secondary(r, "writes");
            long http429 = Math.round(secondary(r, "http429"));
            long seen = Math.round(secondary(r, "throttledSeen"));
            out.printf(Locale.ROOT, "| %s | %s | %s | %.0f | %.2f | %.1f%% | %d | %d | %s |%n", param(r, "provider"),
                    param(r, "latencyMs"), param(r, "bucket"), rate, accepted, 100 * accepted / rate, http429, seen,
                    http429 == 0 ? "met" : "MISSED (" + http429 + " 429s)");
        }
        out.println();
    }

    /**
     * The report's delay after the last desktop was shown, with the notifier's defaults; the goal of issue #12:
     * report within 1.5 x the time to the last shown notification, plus one follow-up interval.
     */
    private void followUp(PrintStream out) {
        List<JsonObject> runsOf = of("FollowUpBenchmark.send");
        if (runsOf.isEmpty()) {
            return;
        }
        long interval = io.desknotify.core.JobPolling.defaults().maxInterval().toMillis();
        out.println("### Report after the last desktop was shown (notifier defaults)");
        out.println();
        out.println("| provider | targets | latency ms | last shown ms | report final ms | report / last shown |"
                + " goal (report <= 1.5 x last shown + " + interval + " ms) |");
        out.println("|---|---:|---:|---:|---:|---:|---|");
        for (JsonObject r : runsOf) {
            double sends = secondary(r, "sends");
            double shown = secondary(r, "lastShownMs") / sends;
            double report = secondary(r, "reportMs") / sends;
            double bound = 1.5 * shown + interval;
            out.printf(Locale.ROOT, "| %s | %s | %s | %,.0f | %,.0f | %.2f | %s |%n", param(r, "provider"),
                    param(r, "targets"), param(r, "latencyMs"), shown, report, report / shown,
                    report <= bound ? String.format(Locale.ROOT, "met (bound %,.0f ms)", bound)
                            : String.format(Locale.ROOT, "MISSED (bound %,.0f ms)", bound));
        }
        out.println();
    }

    private void core(PrintStream out) {
        List<JsonObject> core = of("CoreOverheadBenchmark.send");
        if (core.isEmpty()) {
            return;
        }
        out.println("### Core overhead (in-memory transport, zero latency)");
        out.println();
        out.println("| targets | batch | heap | targets/s (wall) | targets per CPU-second | bytes/target | GC time |"
                + " goal (batch 100: >= 2M/s per core) |");
        out.println("|---:|---:|---|---:|---:|---:|---:|---|");
        for (JsonObject r : core) {
            int targets = Integer.parseInt(param(r, "targets"));
            double wall = secondary(r, "targets");
            double wallErr = secondaryError(r, "targets");
            double cpuMs = secondary(r, "cpuMs");
            double done = secondary(r, "targetsDone");
            double perCpu = cpuMs > 0 ? done / (cpuMs / 1000.0) : Double.NaN;
            double norm = secondary(r, "gc.alloc.rate.norm");
            double gcMs = secondary(r, "gc.time");
            String batch = param(r, "batchSize");
            String goal = "";
            if ("100".equals(batch) && !Double.isNaN(perCpu)) {
                goal = perCpu >= CORE_GOAL ? "met" : String.format(Locale.ROOT, "MISSED (%.0f%% of goal)",
                        100 * perCpu / CORE_GOAL);
            }
            out.printf(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s | %s |%n", targets, batch,
                    heap(r), withError(wall, wallErr), Double.isNaN(perCpu) ? "-" : String.format(Locale.ROOT, "%,.0f", perCpu),
                    Double.isNaN(norm) ? "-" : String.format(Locale.ROOT, "%,.0f", norm / targets),
                    Double.isNaN(gcMs) ? "-" : String.format(Locale.ROOT, "%,.0f ms", gcMs), goal);
        }
        out.println();
    }

    private void endToEnd(PrintStream out) {
        List<JsonObject> lib = of("EndToEndBenchmark.send");
        List<JsonObject> hand = of("HandWrittenBenchmark.send");
        if (lib.isEmpty() && hand.isEmpty()) {
            return;
        }
        Map<String, JsonObject> handByKey = new LinkedHashMap<>();
        for (JsonObject h : hand) {
            handByKey.put(loopbackKey(h), h);
        }
        out.println("### End to end over loopback HTTP (library vs hand-written loop, targets/s)");
        out.println();
        out.println("| provider | targets | latency | concurrency | library | hand-written | library / hand-written |"
                + " goal (concurrency 16: >= 5x) | CPU µs/target library | CPU µs/target hand-written |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        for (JsonObject r : lib) {
            JsonObject h = handByKey.get(loopbackKey(r));
            double l = secondary(r, "targets");
            double hw = h == null ? Double.NaN : secondary(h, "targets");
            double ratio = l / hw;
            String goal = "";
            if ("16".equals(param(r, "concurrency")) && !Double.isNaN(ratio)) {
                goal = ratio >= RATIO_GOAL ? "met" : String.format(Locale.ROOT, "MISSED (%.0f%% of goal)",
                        100 * ratio / RATIO_GOAL);
            }
            out.printf(Locale.ROOT, "| %s | %s | %s ms | %s | %s | %s | %s | %s | %s | %s |%n",
                    param(r, "provider"), param(r, "targets"), param(r, "latencyMs"), param(r, "concurrency"),
                    withError(l, secondaryError(r, "targets")),
                    h == null ? "-" : withError(hw, secondaryError(h, "targets")),
                    Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio), goal, cpuPerTarget(r),
                    h == null ? "-" : cpuPerTarget(h));
        }
        if (lib.isEmpty()) {
            for (JsonObject h : hand) {
                out.printf(Locale.ROOT, "| %s | %s | %s ms | - | - | %,.0f | - | |%n", param(h, "provider"),
                        param(h, "targets"), param(h, "latencyMs"), secondary(h, "targets"));
            }
        }
        out.println();
    }

    private void throttled(PrintStream out) {
        List<JsonObject> runsOf = of("ThrottledBenchmark.send");
        if (runsOf.isEmpty()) {
            return;
        }
        out.println("### Under throttling (emulator and notifier limited to the same rate)");
        out.println();
        out.println("| provider | allowed req/s | notifier headroom | accepted req/s | achieved / allowed |"
                + " 429s after warm-up | throttling answers seen by the notifier | goal (>= 90%, zero 429s) |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---|");
        for (JsonObject r : runsOf) {
            double rate = Double.parseDouble(param(r, "rate"));
            double accepted = secondary(r, "requests");
            double share = accepted / rate;
            long http429 = Math.round(secondary(r, "http429"));
            long seen = Math.round(secondary(r, "throttledSeen"));
            String goal = share >= RATE_GOAL && http429 == 0 ? "met"
                    : "MISSED (" + (share < RATE_GOAL ? String.format(Locale.ROOT, "%.0f%% of rate", 100 * share)
                    : "") + (share < RATE_GOAL && http429 > 0 ? ", " : "") + (http429 > 0 ? http429 + " 429s" : "")
                    + ")";
            double err = secondaryError(r, "requests");
            out.printf(Locale.ROOT, "| %s | %.0f | %s%% | %s | %.1f%% | %d | %d | %s |%n", param(r, "provider"), rate,
                    param(r, "headroomPercent"),
                    Double.isNaN(err) ? String.format(Locale.ROOT, "%.1f", accepted)
                            : String.format(Locale.ROOT, "%.1f ± %.1f", accepted, err),
                    100 * share, http429, seen, goal);
        }
        out.println();
    }

    /** CPU microseconds of the whole JVM (client and emulator) per target, from {@link CpuTime}. */
    private static String cpuPerTarget(JsonObject r) {
        double cpuMs = secondary(r, "cpuMs");
        double done = secondary(r, "targetsDone");
        return Double.isNaN(cpuMs) || !(done > 0) ? "-" : String.format(Locale.ROOT, "%.1f", cpuMs * 1000 / done);
    }

    /** "1,234 ± 56", or "1,234" when JMH had too few iterations for an error. */
    private static String withError(double value, double error) {
        return Double.isNaN(error) ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.0f ± %,.0f", value, error);
    }

    private List<JsonObject> of(String benchmark) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject r : runs) {
            if (r.getString("benchmark").equals(PACKAGE + benchmark)) {
                out.add(r);
            }
        }
        return out;
    }

    private static String loopbackKey(JsonObject r) {
        return param(r, "provider") + "/" + param(r, "targets") + "/" + param(r, "batchSize") + "/"
                + param(r, "latencyMs");
    }

    private static String param(JsonObject r, String name) {
        JsonObject params = r.getJsonObject("params");
        return params == null || !params.containsKey(name) ? "" : params.getString(name);
    }

    private static String heap(JsonObject r) {
        String heap = "default";
        JsonArray args = r.getJsonArray("jvmArgs");
        if (args != null) {
            for (JsonValue a : args) {
                String s = ((jakarta.json.JsonString) a).getString();
                if (s.startsWith("-Xmx")) {
                    heap = s;
                }
            }
        }
        return heap;
    }

    private static double secondary(JsonObject r, String name) {
        JsonObject m = metric(r, name);
        return m == null ? Double.NaN : number(m, "score");
    }

    private static double secondaryError(JsonObject r, String name) {
        JsonObject m = metric(r, name);
        return m == null ? Double.NaN : number(m, "scoreError");
    }

    private static JsonObject metric(JsonObject r, String name) {
        JsonObject secondary = r.getJsonObject("secondaryMetrics");
        return secondary == null ? null : secondary.getJsonObject(name);
    }

    private static double number(JsonObject o, String name) {
        JsonValue v = o.get(name);
        // JMH writes "NaN" as a string when there is too little data for an error
        return v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }
}
