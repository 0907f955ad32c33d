package io.desknotify.benchmarks;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The JMH runs read from the result files, in the files' order. */
final class Runs {
    private static final String PACKAGE = Runs.class.getPackageName() + ".";

    private final List<JsonObject> all;
    private final List<JsonObject> pacer;

    Runs(List<JsonObject> all) {
        this(all, List.of());
    }

    Runs(List<JsonObject> all, List<JsonObject> pacer) {
        this.all = List.copyOf(all);
        this.pacer = List.copyOf(pacer);
    }

    /** The {@link PacerHarness} results ({@code pacer.json} files), which are not JMH's. */
    List<JsonObject> pacer() {
        return pacer;
    }

    /** Every run, in order. */
    List<JsonObject> all() {
        return all;
    }

    /** The runs of one benchmark method of this package, e.g. {@code of("CoreOverheadBenchmark.send")}. */
    List<JsonObject> of(String benchmark) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject r : all) {
            if (r.getString("benchmark").equals(PACKAGE + benchmark)) {
                out.add(r);
            }
        }
        return out;
    }
}
