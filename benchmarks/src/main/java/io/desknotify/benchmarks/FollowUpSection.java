package io.desknotify.benchmarks;

import static io.desknotify.benchmarks.Summary.param;
import static io.desknotify.benchmarks.Summary.secondary;

import io.desknotify.core.JobPolling;
import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link FollowUpBenchmark}: the report's delay after the last desktop was shown, with the notifier's defaults
 * (issue #12: report within 1.5 x the time to the last shown notification, plus one follow-up interval, the
 * {@link JobPolling#maxInterval()} of {@link JobPolling#defaults()}).
 */
final class FollowUpSection implements Section {
    static final String GOAL = "report final after the last desktop was shown, notifier defaults (#12)";
    private static final String BENCHMARK = "FollowUpBenchmark.send";

    @Override
    public List<Goal> goals(Runs runs) {
        long interval = interval();
        String target = String.format(Locale.ROOT, "≤ 1.5 × last shown + %,d ms", interval);
        List<Goal> out = new ArrayList<>();
        for (JsonObject r : runs.of(BENCHMARK)) {
            double sends = secondary(r, "sends");
            double shown = secondary(r, "lastShownMs") / sends;
            double report = secondary(r, "reportMs") / sends;
            double bound = 1.5 * shown + interval;
            out.add(new Goal(GOAL, String.format(Locale.ROOT, "%s, %,d targets, %s ms", param(r, "provider"),
                    Integer.parseInt(param(r, "targets")), param(r, "latencyMs")),
                    String.format(Locale.ROOT, "%,.0f ms (last shown %,.0f ms, bound %,.0f ms)", report, shown, bound),
                    target, Goal.Status.of(report <= bound)));
        }
        if (out.isEmpty()) {
            out.add(Goal.notMeasured(GOAL, target));
        }
        return out;
    }

    @Override
    public void details(Runs runs, PrintStream out) {
        List<JsonObject> runsOf = runs.of(BENCHMARK);
        if (runsOf.isEmpty()) {
            return;
        }
        long interval = interval();
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
                    String.format(Locale.ROOT, "%s (bound %,.0f ms)", report <= bound ? "met" : "not met", bound));
        }
        out.println();
    }

    /** One follow-up interval of the notifier's defaults, in ms. */
    private static long interval() {
        return JobPolling.defaults().maxInterval().toMillis();
    }
}
