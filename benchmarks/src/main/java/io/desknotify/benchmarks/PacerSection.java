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
 * Issue #17's pacer goals from {@link PacerHarness} results: not told the limit, at least 85% of R with at most 2% of
 * requests throttled after warm-up and no target FAILED, in every cell of the grid (one goal row per provider,
 * judged by its worst cell); told the limit, no 429 at all; a raised limit found again; without a limit, more
 * batches in flight than the old fixed 8.
 */
final class PacerSection implements Section {
    private static final String UNANNOUNCED = "pacer, an unannounced limit: every grid cell (#17)";
    private static final String UNANNOUNCED_TARGET = "≥ 85% of R, ≤ 2% throttled after warm-up, 0 FAILED";
    private static final String TOLD = "pacer, told the limit (#17)";
    private static final String RAISED = "pacer, the limit raised mid-run (#17)";
    private static final String UNLIMITED = "no limit: latency does not bound throughput (#17)";

    @Override
    public List<Goal> goals(Runs runs) {
        List<JsonObject> cells = new ArrayList<>();
        for (JsonObject r : runs.pacer()) {
            cells.addAll(r.getJsonArray("cells").getValuesAs(JsonObject.class));
        }
        List<Goal> goals = new ArrayList<>();
        Map<String, List<JsonObject>> grid = byProvider(cells, "grid");
        if (grid.isEmpty()) {
            goals.add(Goal.notMeasured(UNANNOUNCED, UNANNOUNCED_TARGET));
        }
        grid.forEach((provider, list) -> {
            int met = 0;
            JsonObject worst = null;
            for (JsonObject c : list) {
                if (gridMet(c)) {
                    met++;
                } else if (worst == null || num(c, "pctOfRate") < num(worst, "pctOfRate")) {
                    worst = c;
                }
            }
            String figure = met + " of " + list.size() + " cells met"
                    + (worst == null ? "" : String.format(Locale.ROOT, "; worst %s %d at %d ms: %.1f%% of R, %.2f%% "
                            + "throttled", worst.getString("window"), worst.getInt("rate"), worst.getInt("latencyMs"),
                    num(worst, "pctOfRate"), num(worst, "throttledPct")));
            goals.add(new Goal(UNANNOUNCED, provider, figure, UNANNOUNCED_TARGET,
                    Goal.Status.of(met == list.size())));
        });
        Map<String, List<JsonObject>> told = byProvider(cells, "told");
        if (told.isEmpty()) {
            goals.add(Goal.notMeasured(TOLD, "0 429s from the first second"));
        }
        told.forEach((provider, list) -> {
            long total = list.stream().mapToLong(c -> c.getInt("http429Total")).sum();
            long failed = list.stream().mapToLong(c -> c.getInt("failed")).sum();
            goals.add(new Goal(TOLD, provider + ", " + list.size() + " cells", total + " 429s, " + failed
                    + " FAILED", "0 429s from the first second", Goal.Status.of(total == 0 && failed == 0)));
        });
        Map<String, List<JsonObject>> raised = byProvider(cells, "raise");
        if (raised.isEmpty()) {
            goals.add(Goal.notMeasured(RAISED, "85% of the new R reached and kept"));
        }
        raised.forEach((provider, list) -> {
            for (JsonObject c : list) {
                double sustained = num(c, "secondsTo85pctSustained");
                goals.add(new Goal(RAISED, String.format(Locale.ROOT, "%s %s %d -> %d", provider,
                        c.getString("window"), c.getInt("rate"), c.getInt("raisedTo")),
                        sustained < 0 ? "never kept 85%" : String.format(Locale.ROOT, "85%% kept from %.1f s after",
                                sustained), "85% of the new R reached and kept",
                        Goal.Status.of(sustained >= 0 && c.getInt("failed") == 0)));
            }
        });
        Map<String, List<JsonObject>> unlimited = byProvider(cells, "unlimited");
        if (unlimited.isEmpty()) {
            goals.add(Goal.notMeasured(UNLIMITED, "more than 8 batches in flight"));
        }
        unlimited.forEach((provider, list) -> {
            for (JsonObject c : list) {
                int most = c.getInt("maxBatchesInFlight");
                goals.add(new Goal(UNLIMITED, provider + ", " + c.getInt("latencyMs") + " ms",
                        String.format(Locale.ROOT, "%,.0f targets/s, %.1f batches in flight (most %d)",
                                num(c, "targetsPerSecond"), num(c, "meanBatchesInFlight"), most),
                        "more than 8 batches in flight", Goal.Status.of(most > 8 && c.getInt("failed") == 0)));
            }
        });
        return goals;
    }

    @Override
    public void details(Runs runs, PrintStream out) {
        for (JsonObject r : runs.pacer()) {
            out.print(PacerSummary.markdown(r));
        }
    }

    static boolean gridMet(JsonObject c) {
        return num(c, "pctOfRate") >= PacerSummary.RATE_GOAL_PCT
                && num(c, "throttledPct") <= PacerSummary.THROTTLED_GOAL_PCT && c.getInt("failed") == 0;
    }

    private static Map<String, List<JsonObject>> byProvider(List<JsonObject> cells, String scenario) {
        Map<String, List<JsonObject>> out = new LinkedHashMap<>();
        for (JsonObject c : cells) {
            if (c.getString("scenario").equals(scenario)) {
                out.computeIfAbsent(c.getString("provider"), k -> new ArrayList<>()).add(c);
            }
        }
        return out;
    }

    private static double num(JsonObject c, String key) {
        JsonValue v = c.get(key);
        return v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }
}
