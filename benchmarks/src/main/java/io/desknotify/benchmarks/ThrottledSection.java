package io.desknotify.benchmarks;

import static io.desknotify.benchmarks.Summary.param;
import static io.desknotify.benchmarks.Summary.secondary;
import static io.desknotify.benchmarks.Summary.secondaryError;

import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link ThrottledBenchmark}: the emulator and the notifier limited to the same rate; achieved / allowed rate and
 * 429s after warm-up (issue #7: at least 90% of the allowed rate without a single 429 after warm-up).
 */
final class ThrottledSection implements Section {
    static final String GOAL = "under throttling, the notifier told the limit (#7)";
    static final String TARGET = String.format(Locale.ROOT, "≥ %.0f%% of the allowed rate, zero 429s after warm-up",
            100 * Summary.RATE_GOAL);
    private static final String BENCHMARK = "ThrottledBenchmark.send";

    @Override
    public List<Goal> goals(Runs runs) {
        List<Goal> out = new ArrayList<>();
        for (JsonObject r : runs.of(BENCHMARK)) {
            double rate = Double.parseDouble(param(r, "rate"));
            double share = secondary(r, "requests") / rate;
            long http429 = Math.round(secondary(r, "http429"));
            String headroom = param(r, "headroomPercent");
            out.add(new Goal(GOAL, String.format(Locale.ROOT, "%s, %.0f req/s%s", param(r, "provider"), rate,
                    headroom.isEmpty() || "0".equals(headroom) ? "" : ", headroom " + headroom + "%"),
                    String.format(Locale.ROOT, "%.1f%% of the allowed rate, %d 429s", 100 * share, http429), TARGET,
                    Goal.Status.of(share >= Summary.RATE_GOAL && http429 == 0)));
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
            boolean slow = share < Summary.RATE_GOAL;
            String goal = !slow && http429 == 0 ? "met"
                    : "not met (" + (slow ? String.format(Locale.ROOT, "%.0f%% of rate", 100 * share) : "")
                    + (slow && http429 > 0 ? ", " : "") + (http429 > 0 ? http429 + " 429s" : "") + ")";
            double err = secondaryError(r, "requests");
            out.printf(Locale.ROOT, "| %s | %.0f | %s%% | %s | %.1f%% | %d | %d | %s |%n", param(r, "provider"), rate,
                    param(r, "headroomPercent"),
                    Double.isNaN(err) ? String.format(Locale.ROOT, "%.1f", accepted)
                            : String.format(Locale.ROOT, "%.1f ± %.1f", accepted, err),
                    100 * share, http429, seen, goal);
        }
        out.println();
    }
}
