package io.desknotify.benchmarks;

import static io.desknotify.benchmarks.Summary.param;
import static io.desknotify.benchmarks.Summary.secondary;
import static io.desknotify.benchmarks.Summary.secondaryError;
import static io.desknotify.benchmarks.Summary.withError;

import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link EndToEndBenchmark} beside {@link HandWrittenBenchmark} in the same run: library / hand-written targets per
 * second (issue #7: at least 5 times at concurrency 16), and CPU per target of the whole JVM.
 */
final class EndToEndSection implements Section {
    static final String GOAL = "end to end at concurrency 16 over the hand-written loop (#7)";
    static final String TARGET = String.format(Locale.ROOT, "≥ %.0f×", Summary.RATIO_GOAL);

    @Override
    public List<Goal> goals(Runs runs) {
        Map<String, JsonObject> hand = handWritten(runs);
        List<Goal> out = new ArrayList<>();
        for (JsonObject r : runs.of("EndToEndBenchmark.send")) {
            JsonObject h = hand.get(loopbackKey(r));
            if (!"16".equals(param(r, "concurrency")) || h == null) {
                continue;
            }
            double l = secondary(r, "targets");
            double hw = secondary(h, "targets");
            double ratio = l / hw;
            out.add(new Goal(GOAL, param(r, "provider") + ", " + param(r, "latencyMs") + " ms",
                    String.format(Locale.ROOT, "%.2f× (%,.0f / %,.0f targets/s)", ratio, l, hw), TARGET,
                    Goal.Status.of(ratio >= Summary.RATIO_GOAL)));
        }
        if (out.isEmpty()) {
            out.add(Goal.notMeasured(GOAL, TARGET));
        }
        return out;
    }

    @Override
    public void details(Runs runs, PrintStream out) {
        List<JsonObject> lib = runs.of("EndToEndBenchmark.send");
        List<JsonObject> hand = runs.of("HandWrittenBenchmark.send");
        if (lib.isEmpty() && hand.isEmpty()) {
            return;
        }
        Map<String, JsonObject> handByKey = handWritten(runs);
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
                goal = ratio >= Summary.RATIO_GOAL ? "met" : String.format(Locale.ROOT, "not met (%.0f%% of goal)",
                        100 * ratio / Summary.RATIO_GOAL);
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

    private static Map<String, JsonObject> handWritten(Runs runs) {
        Map<String, JsonObject> byKey = new LinkedHashMap<>();
        for (JsonObject h : runs.of("HandWrittenBenchmark.send")) {
            byKey.put(loopbackKey(h), h);
        }
        return byKey;
    }

    /** CPU microseconds of the whole JVM (client and emulator) per target, from {@link CpuTime}. */
    private static String cpuPerTarget(JsonObject r) {
        double cpuMs = secondary(r, "cpuMs");
        double done = secondary(r, "targetsDone");
        return Double.isNaN(cpuMs) || !(done > 0) ? "-" : String.format(Locale.ROOT, "%.1f", cpuMs * 1000 / done);
    }

    private static String loopbackKey(JsonObject r) {
        return param(r, "provider") + "/" + param(r, "targets") + "/" + param(r, "batchSize") + "/"
                + param(r, "latencyMs");
    }
}
