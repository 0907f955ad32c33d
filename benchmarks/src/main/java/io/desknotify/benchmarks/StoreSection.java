package io.desknotify.benchmarks;

import static io.desknotify.benchmarks.Summary.param;
import static io.desknotify.benchmarks.Summary.secondary;
import static io.desknotify.benchmarks.Summary.secondaryError;
import static io.desknotify.benchmarks.Summary.withError;

import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * {@link StoreBenchmark}: the core's throughput with each record store, side by side (issue #15 asks for the
 * figure, not for a bound, so this section judges no goal).
 */
final class StoreSection implements Section {
    private static final String BENCHMARK = "StoreBenchmark.send";

    @Override
    public List<Goal> goals(Runs runs) {
        return List.of();
    }

    @Override
    public void details(Runs runs, PrintStream out) {
        List<JsonObject> of = runs.of(BENCHMARK);
        if (of.isEmpty()) {
            return;
        }
        out.println("### Record stores (in-memory transport, zero latency)");
        out.println();
        out.println("| store | targets | batch | targets/s (wall) | targets per CPU-second of the JVM |");
        out.println("|---|---:|---:|---:|---:|");
        for (JsonObject r : of) {
            double cpuMs = secondary(r, "cpuMs");
            double done = secondary(r, "targetsDone");
            double perCpu = cpuMs > 0 ? done / (cpuMs / 1000.0) : Double.NaN;
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", param(r, "store"), param(r, "targets"),
                    param(r, "batchSize"), withError(secondary(r, "targets"), secondaryError(r, "targets")),
                    Double.isNaN(perCpu) ? "-" : String.format(Locale.ROOT, "%,.0f", perCpu));
        }
        out.println();
    }
}
