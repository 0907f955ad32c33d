package io.desknotify.benchmarks;

import static io.desknotify.benchmarks.Summary.param;
import static io.desknotify.benchmarks.Summary.secondary;

import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link SessionBucketBenchmark}: the session-per-call providers under an ARM-like write bucket, the notifier told
 * the refill rate (issue #14: zero 429s after warm-up).
 */
final class SessionBucketSection implements Section {
    static final String GOAL = "one session per call under ARM's write bucket, the notifier told the refill rate (#14)";
    static final String TARGET = "zero 429s after warm-up";
    private static final String BENCHMARK = "SessionBucketBenchmark.send";

    @Override
    public List<Goal> goals(Runs runs) {
        List<Goal> out = new ArrayList<>();
        for (JsonObject r : runs.of(BENCHMARK)) {
            double rate = Double.parseDouble(param(r, "refillPerSecond"));
            long http429 = Math.round(secondary(r, "http429"));
            out.add(new Goal(GOAL, String.format(Locale.ROOT, "%s, bucket %s refilled %.0f/s, %s ms",
                    param(r, "provider"), param(r, "bucket"), rate, param(r, "latencyMs")),
                    String.format(Locale.ROOT, "%d 429s (%.1f%% of the refill rate)", http429,
                            100 * secondary(r, "writes") / rate), TARGET, Goal.Status.of(http429 == 0)));
        }
        if (out.isEmpty()) {
            out.add(Goal.notMeasured(GOAL, TARGET));
        }
        return out;
    }

    @Override
    public void details(Runs runs, PrintStream out) {
        List<JsonObject> runsOf = runs.of(BENCHMARK);
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
                    http429 == 0 ? "met" : "not met (" + http429 + " 429s)");
        }
        out.println();
    }
}
