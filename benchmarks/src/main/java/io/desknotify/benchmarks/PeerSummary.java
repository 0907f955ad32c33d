package io.desknotify.benchmarks;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link PeerBenchmark} part of {@link Summary}: per provider and latency, each contender's time to the last
 * target shown, time to the end of the send and client CPU per target, then the library's figures over those of
 * the SDK on 8 and on 1 thread and of the hand-written loop at the library's concurrency (16 threads).
 */
final class PeerSummary {
    private static final String BENCHMARK = PeerSummary.class.getPackageName() + ".PeerBenchmark.send";

    private PeerSummary() {
    }

    /** Prints the tables for the PeerBenchmark results among {@code runs} (JMH JSON results), nothing if none. */
    static void print(PrintStream out, List<JsonObject> runs) {
        Map<String, Map<String, Figures>> byKey = new LinkedHashMap<>(); // provider/targets/latency -> who -> figures
        for (JsonObject r : runs) {
            if (!r.getString("benchmark").equals(BENCHMARK)) {
                continue;
            }
            String contender = param(r, "contender");
            String key = PeerBenchmark.provider(contender) + "|" + param(r, "targets") + "|" + param(r, "latencyMs");
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .put(contender.substring(contender.indexOf('-') + 1), new Figures(r));
        }
        if (byKey.isEmpty()) {
            return;
        }
        out.println("### Peers: desknotify, Huawei's Java SDK and hand-written HttpClient loops (batch 100, one send)");
        out.println();
        out.println("| provider | targets | latency ms | contender | last shown ms | final ms | client CPU µs/target |"
                + " JVM (GC, JIT; client and emulator) µs/target | client KB allocated/target | sends measured |");
        out.println("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, Map<String, Figures>> e : byKey.entrySet()) {
            String[] k = e.getKey().split("\\|");
            for (Map.Entry<String, Figures> c : e.getValue().entrySet()) {
                Figures f = c.getValue();
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | %,.0f | %,.0f | %.1f | %.1f | %.2f | %.0f |%n", k[0],
                        k[1], k[2], label(c.getKey()), f.lastShownMs, f.finalMs, f.clientCpuUs, f.vmCpuUs,
                        f.allocatedKb, f.sends);
            }
        }
        out.println();
        out.println("desknotify / peer (below 1: desknotify is faster or spends less CPU); final = report final"
                + " (desknotify), every job ended (SDK), last answer (hand-written, which follows no job)");
        out.println();
        out.println("| provider | latency ms | figure | desknotify | / SDK 8 threads | / SDK 1 thread |"
                + " / hand-written 16 threads |");
        out.println("|---|---:|---|---:|---:|---:|---:|");
        for (Map.Entry<String, Map<String, Figures>> e : byKey.entrySet()) {
            String[] k = e.getKey().split("\\|");
            Map<String, Figures> c = e.getValue();
            Figures lib = c.get("desknotify");
            if (lib == null) {
                continue;
            }
            String hand = "hand-" + PeerBenchmark.LIBRARY_CONCURRENCY;
            ratioRow(out, k, "last shown ms", lib.lastShownMs, c, hand, f -> f.lastShownMs, "%,.0f");
            ratioRow(out, k, "final ms", lib.finalMs, c, hand, f -> f.finalMs, "%,.0f");
            ratioRow(out, k, "client CPU µs/target", lib.clientCpuUs, c, hand, f -> f.clientCpuUs, "%.1f");
        }
        out.println();
    }

    /**
     * Issue #17's CPU goal: at 0 ms, desknotify's client CPU per target at most the SDK's 8-thread loop's; one row per
     * target count measured, or one "not measured" row.
     */
    static List<Goal> goals(List<JsonObject> runs) {
        String goal = "client CPU per target at 0 ms, desknotify vs Huawei SDK 8 threads (#17)";
        String target = "≤ 1.00× the SDK's";
        Map<String, Figures> lib = new LinkedHashMap<>();
        Map<String, Figures> sdk = new LinkedHashMap<>();
        for (JsonObject r : runs) {
            if (r.getString("benchmark").equals(BENCHMARK) && param(r, "latencyMs").equals("0")) {
                String contender = param(r, "contender");
                if (contender.equals("huawei-desknotify")) {
                    lib.put(param(r, "targets"), new Figures(r));
                } else if (contender.equals("huawei-sdk-8")) {
                    sdk.put(param(r, "targets"), new Figures(r));
                }
            }
        }
        List<Goal> goals = new ArrayList<>();
        lib.forEach((targets, l) -> {
            Figures p = sdk.get(targets);
            if (p != null) {
                double ratio = l.clientCpuUs / p.clientCpuUs;
                goals.add(new Goal(goal, "huawei, " + targets + " targets", String.format(Locale.ROOT,
                        "%.2f× (%.1f vs %.1f µs)", ratio, l.clientCpuUs, p.clientCpuUs), target,
                        Goal.Status.of(ratio <= 1.0)));
            }
        });
        if (goals.isEmpty()) {
            goals.add(Goal.notMeasured(goal, target));
        }
        return goals;
    }

    private static void ratioRow(PrintStream out, String[] key, String figure, double lib, Map<String, Figures> c,
                                 String hand, java.util.function.ToDoubleFunction<Figures> of, String format) {
        List<String> cells = new ArrayList<>();
        for (String peer : List.of("sdk-8", "sdk-1", hand)) {
            Figures f = c.get(peer);
            cells.add(f == null ? "-" : String.format(Locale.ROOT, "%.2f (" + format + ")", lib / of.applyAsDouble(f),
                    of.applyAsDouble(f)));
        }
        out.printf(Locale.ROOT, "| %s | %s | %s | " + format + " | %s | %s | %s |%n", key[0], key[2], figure, lib,
                cells.get(0), cells.get(1), cells.get(2));
    }

    private static String label(String who) {
        if (who.equals("desknotify")) {
            return "desknotify, " + PeerBenchmark.LIBRARY_CONCURRENCY + " in flight, poll 10 ms";
        }
        String threads = who.substring(who.indexOf('-') + 1);
        String unit = threads.equals("1") ? " thread" : " threads";
        return (who.startsWith("sdk-") ? "SDK, " : "hand-written, ") + threads + unit;
    }

    /** One contender's figures per send or per target. */
    private static final class Figures {
        final double sends;
        final double lastShownMs;
        final double finalMs;
        final double clientCpuUs;
        final double vmCpuUs;
        final double allocatedKb;

        Figures(JsonObject r) {
            sends = secondary(r, "sends");
            double targets = secondary(r, "targets");
            lastShownMs = secondary(r, "lastShownMs") / sends;
            finalMs = secondary(r, "finalMs") / sends;
            clientCpuUs = secondary(r, "clientCpuUs") / targets;
            vmCpuUs = secondary(r, "vmCpuUs") / targets;
            allocatedKb = secondary(r, "clientAllocatedKb") / targets;
        }
    }

    private static String param(JsonObject r, String name) {
        JsonObject params = r.getJsonObject("params");
        return params == null || !params.containsKey(name) ? "" : params.getString(name);
    }

    private static double secondary(JsonObject r, String name) {
        JsonObject secondary = r.getJsonObject("secondaryMetrics");
        JsonObject m = secondary == null ? null : secondary.getJsonObject(name);
        JsonValue v = m == null ? null : m.get("score");
        return v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }
}
