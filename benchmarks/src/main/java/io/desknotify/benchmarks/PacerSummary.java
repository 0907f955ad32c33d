package io.desknotify.benchmarks;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown tables of {@link PacerHarness} results ({@code pacer.json}): per scenario, the figures of issue
 * #17's goals (85% of R or more, at most 2% throttled after warm-up, no target FAILED; told the limit, no 429 from
 * the first second), and the rate over time of every cell.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.desknotify.benchmarks.PacerSummary DIR/pacer.json
 * }</pre>
 */
public final class PacerSummary {
    private static final JsonProvider JSON = JsonProvider.provider();
    /** Goal: accepted after warm-up, as a share of R. */
    static final double RATE_GOAL_PCT = 85.0;
    /** Goal: most requests throttled after warm-up, in percent. */
    static final double THROTTLED_GOAL_PCT = 2.0;

    private PacerSummary() {
    }

    /**
     * Prints the tables of result files.
     *
     * @param args {@code pacer.json} files
     * @throws IOException when one cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.out.print(markdown(java.util.Arrays.stream(args).map(Path::of).toList()));
    }

    /**
     * @param file a result file
     * @return true when it is a {@code PacerHarness} result (its name starts with {@code pacer} and ends
     *     {@code .json}), which {@link Summary} must leave to this class
     */
    static boolean isPacerResult(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("pacer") && name.endsWith(".json");
    }

    /**
     * The hook for {@link Summary}: the tables of those files that are pacer results, nothing for the others.
     *
     * @param files result files of any benchmark
     * @return Markdown, empty when none is a pacer result
     * @throws IOException when one cannot be read
     */
    static String markdown(List<Path> files) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            if (isPacerResult(f)) {
                try (JsonReader r = JSON.createReader(Files.newBufferedReader(f))) {
                    sb.append(markdown(r.readObject()));
                }
            }
        }
        return sb.toString();
    }

    /**
     * @param results what {@link PacerHarness} wrote to {@code pacer.json}
     * @return the Markdown tables
     */
    static String markdown(JsonObject results) {
        List<JsonObject> cells = results.getJsonArray("cells").getValuesAs(JsonObject.class);
        StringBuilder sb = new StringBuilder();
        String settings = String.format(Locale.ROOT, "%d s per cell, the first %d s are warm-up; batch %d; job "
                        + "polling %s; Huawei 429 %s.", results.getInt("seconds"), results.getInt("warmupSeconds"),
                results.getInt("batchSize"), results.getString("jobPolling"),
                results.getBoolean("huaweiRetryAfter") ? "with Retry-After" : "without Retry-After (as documented)");
        double late = cells.stream().mapToDouble(c -> num(c, "samplerMaxLateMs")).filter(v -> !Double.isNaN(v))
                .max().orElse(Double.NaN);
        if (!Double.isNaN(late)) {
            settings += String.format(Locale.ROOT, " Counters read every 100 ms, at most %.1f ms late.", late);
        }
        grid(sb, of(cells, "grid"), settings);
        raise(sb, of(cells, "raise"));
        unlimited(sb, of(cells, "unlimited"));
        told(sb, of(cells, "told"));
        overTime(sb, cells);
        return sb.toString();
    }

    private static List<JsonObject> of(List<JsonObject> cells, String scenario) {
        return cells.stream().filter(c -> c.getString("scenario").equals(scenario)).toList();
    }

    private static void grid(StringBuilder sb, List<JsonObject> cells, String settings) {
        if (cells.isEmpty()) {
            return;
        }
        sb.append("### Pacer: an unannounced limit of R requests a second\n\n")
                .append("Notifier with the transport only. ").append(settings)
                .append(" Goal: at least 85% of R and at most 2% of requests throttled after warm-up, no target "
                        + "FAILED.\n\n")
                .append("| provider | window | R | latency | accepted/s | % of R | throttled | 429s after warm-up "
                        + "| 429s in all | FAILED | batches in flight | goal |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonObject c : cells) {
            double pct = num(c, "pctOfRate");
            double thr = num(c, "throttledPct");
            boolean met = pct >= RATE_GOAL_PCT && thr <= THROTTLED_GOAL_PCT && c.getInt("failed") == 0;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d ms | %.1f | %.1f%% | %.2f%% | %,d | %,d | %,d "
                            + "| %.1f | %s |\n", c.getString("provider"), c.getString("window"), c.getInt("rate"),
                    c.getInt("latencyMs"), num(c, "acceptedPerSecond"), pct, thr, c.getInt("http429AfterWarmup"),
                    c.getInt("http429Total"), c.getInt("failed"), num(c, "meanBatchesInFlight"),
                    met ? "met" : "**missed**"));
        }
        sb.append('\n');
    }

    private static void raise(StringBuilder sb, List<JsonObject> cells) {
        if (cells.isEmpty()) {
            return;
        }
        sb.append("### Pacer: the limit raised at half time\n\n")
                .append("Seconds from the raise until a one-second span first held 85% of the new R, and until "
                        + "every later span did (at least 1.0 s; never: -).\n\n")
                .append("| provider | window | R -> R' | latency | % of R before | % of R' from 3 s after | "
                        + "85% of R' after | sustained after | 429s in all | FAILED |\n")
                .append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonObject c : cells) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d -> %d | %d ms | %.1f%% | %.1f%% | %s | %s | %,d "
                            + "| %,d |\n", c.getString("provider"), c.getString("window"), c.getInt("rate"),
                    c.getInt("raisedTo"), c.getInt("latencyMs"), num(c, "pctOfRateBeforeRaise"),
                    num(c, "pctOfRaisedRateFrom3sAfterRaise"), seconds(num(c, "secondsTo85pctOfRaised")),
                    seconds(num(c, "secondsTo85pctSustained")), c.getInt("http429Total"), c.getInt("failed")));
        }
        sb.append('\n');
    }

    private static void unlimited(StringBuilder sb, List<JsonObject> cells) {
        if (cells.isEmpty()) {
            return;
        }
        sb.append("### Pacer: no limit\n\n")
                .append("Batches in flight: time-averaged after warm-up (from first attempt to end of each batch) "
                        + "and the most at once. The bound is what 8 batches in flight (today's default) allow: "
                        + "8 x batch / latency.\n\n")
                .append("| provider | latency | targets/s | sends/s | batches in flight | most in flight | "
                        + "8-in-flight bound (targets/s) | FAILED |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (JsonObject c : cells) {
            int latency = c.getInt("latencyMs");
            String bound = latency == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", 8 * 100 * 1000.0 / latency);
            sb.append(String.format(Locale.ROOT, "| %s | %d ms | %,.0f | %,.1f | %.1f | %d | %s | %,d |\n",
                    c.getString("provider"), latency, num(c, "targetsPerSecond"), num(c, "sendsPerSecond"),
                    num(c, "meanBatchesInFlight"), c.getInt("maxBatchesInFlight"), bound, c.getInt("failed")));
        }
        sb.append('\n');
    }

    private static void told(StringBuilder sb, List<JsonObject> cells) {
        if (cells.isEmpty()) {
            return;
        }
        sb.append("### Pacer: told the limit (`RateLimitSettings.perSecond(R)`)\n\n")
                .append("Goal: no 429, from the first second on.\n\n")
                .append("| provider | window | R | latency | % of R after warm-up | 429s in the first second | "
                        + "429s in all | FAILED | goal |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (JsonObject c : cells) {
            boolean met = c.getInt("http429Total") == 0 && c.getInt("failed") == 0;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %d ms | %.1f%% | %,d | %,d | %,d | %s |\n",
                    c.getString("provider"), c.getString("window"), c.getInt("rate"), c.getInt("latencyMs"),
                    num(c, "pctOfRate"), c.getInt("http429FirstSecond"), c.getInt("http429Total"),
                    c.getInt("failed"), met ? "met" : "**missed**"));
        }
        sb.append('\n');
    }

    private static void overTime(StringBuilder sb, List<JsonObject> cells) {
        if (cells.isEmpty()) {
            return;
        }
        int width = 0;
        for (JsonObject c : cells) {
            width = Math.max(width, c.getJsonArray("series").size());
        }
        sb.append("### Pacer: rate over time\n\n")
                .append("Requests the emulator accepted / refused (429) in each second from the first send; "
                        + "without a limit, targets shown in thousands.\n\n| cell |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int s = 0; s < width; s++) {
            sb.append(' ').append(s).append(" |");
            rule.append("---:|");
        }
        sb.append('\n').append(rule).append('\n');
        for (JsonObject c : cells) {
            sb.append("| ").append(label(c)).append(" |");
            List<JsonObject> series = c.getJsonArray("series").getValuesAs(JsonObject.class);
            for (int s = 0; s < width; s++) {
                if (s >= series.size()) {
                    sb.append(" |");
                    continue;
                }
                JsonObject p = series.get(s);
                if (c.getInt("rate") == 0) {
                    sb.append(String.format(Locale.ROOT, " %.0fk |", p.getInt("shown") / 1000.0));
                } else {
                    sb.append(' ').append(p.getInt("accepted")).append('/').append(p.getInt("refused")).append(" |");
                }
            }
            sb.append('\n');
        }
        sb.append('\n');
    }

    private static String label(JsonObject c) {
        String rate = c.getInt("rate") == 0 ? "no limit"
                : c.getString("window") + " " + c.getInt("rate")
                        + (c.getInt("raisedTo") > 0 ? "->" + c.getInt("raisedTo") : "");
        return c.getString("scenario") + " " + c.getString("provider") + " " + rate + " " + c.getInt("latencyMs")
                + " ms";
    }

    private static String seconds(double s) {
        return s < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static double num(JsonObject c, String key) {
        JsonValue v = c.get(key);
        return v instanceof JsonNumber n ? n.doubleValue() : Double.NaN;
    }
}
