package io.desknotify.benchmarks;

import static io.desknotify.benchmarks.Summary.heap;
import static io.desknotify.benchmarks.Summary.maxHeapMegabytes;
import static io.desknotify.benchmarks.Summary.param;
import static io.desknotify.benchmarks.Summary.secondary;
import static io.desknotify.benchmarks.Summary.secondaryError;
import static io.desknotify.benchmarks.Summary.withError;

import jakarta.json.JsonObject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link CoreOverheadBenchmark}: targets per CPU-second at batch 100 (issue #7: at least 2 million per core), and
 * 1,000,000 targets within a 256 MB heap (issue #7). Every send of that benchmark checks that each target was
 * delivered and fails the run otherwise, so a result in a 256 MB heap means every send completed there.
 */
final class CoreOverheadSection implements Section {
    static final String CORE = "core overhead at batch 100 (#7)";
    static final String CORE_TARGET = String.format(Locale.ROOT, "≥ %,.0f targets per CPU-second (per core)",
            Summary.CORE_GOAL);
    static final String HEAP = "1,000,000 targets within a 256 MB heap (#7)";
    static final String HEAP_TARGET = "every send delivers every target with -Xmx256m";
    private static final String BENCHMARK = "CoreOverheadBenchmark.send";

    @Override
    public List<Goal> goals(Runs runs) {
        List<Goal> core = new ArrayList<>();
        List<Goal> heap = new ArrayList<>();
        for (JsonObject r : runs.of(BENCHMARK)) {
            int targets = Integer.parseInt(param(r, "targets"));
            double perCpu = perCpuSecond(r);
            if ("100".equals(param(r, "batchSize")) && !Double.isNaN(perCpu)) {
                core.add(new Goal(CORE, String.format(Locale.ROOT, "%,d targets, %s heap", targets, heap(r)),
                        String.format(Locale.ROOT, "%,.0f targets per CPU-second", perCpu), CORE_TARGET,
                        Goal.Status.of(perCpu >= Summary.CORE_GOAL)));
            }
            long mb = maxHeapMegabytes(r);
            double wall = secondary(r, "targets");
            if (targets == 1_000_000 && mb > 0 && mb <= 256) {
                double gcMs = secondary(r, "gc.time");
                heap.add(new Goal(HEAP, "batch " + param(r, "batchSize") + ", " + heap(r),
                        String.format(Locale.ROOT, "every send delivered: %,.0f targets/s%s", wall,
                                Double.isNaN(gcMs) ? "" : String.format(Locale.ROOT, ", GC %,.0f ms", gcMs)),
                        HEAP_TARGET, Goal.Status.of(wall > 0)));
            }
        }
        if (core.isEmpty()) {
            core.add(Goal.notMeasured(CORE, CORE_TARGET));
        }
        if (heap.isEmpty()) {
            heap.add(Goal.notMeasured(HEAP, HEAP_TARGET));
        }
        core.addAll(heap);
        return core;
    }

    @Override
    public void details(Runs runs, PrintStream out) {
        List<JsonObject> core = runs.of(BENCHMARK);
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
            double perCpu = perCpuSecond(r);
            double norm = secondary(r, "gc.alloc.rate.norm");
            double gcMs = secondary(r, "gc.time");
            String batch = param(r, "batchSize");
            String goal = "";
            if ("100".equals(batch) && !Double.isNaN(perCpu)) {
                goal = perCpu >= Summary.CORE_GOAL ? "met" : String.format(Locale.ROOT, "not met (%.0f%% of goal)",
                        100 * perCpu / Summary.CORE_GOAL);
            }
            out.printf(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s | %s |%n", targets, batch,
                    heap(r), withError(wall, wallErr),
                    Double.isNaN(perCpu) ? "-" : String.format(Locale.ROOT, "%,.0f", perCpu),
                    Double.isNaN(norm) ? "-" : String.format(Locale.ROOT, "%,.0f", norm / targets),
                    Double.isNaN(gcMs) ? "-" : String.format(Locale.ROOT, "%,.0f ms", gcMs), goal);
        }
        out.println();
    }

    /** Targets per CPU-second of the whole JVM, from {@link CpuTime}; NaN without CPU time. */
    private static double perCpuSecond(JsonObject r) {
        double cpuMs = secondary(r, "cpuMs");
        double done = secondary(r, "targetsDone");
        return cpuMs > 0 ? done / (cpuMs / 1000.0) : Double.NaN;
    }
}
