package io.desknotify.benchmarks;

import java.io.PrintStream;
import java.util.List;

/**
 * One part of the {@link Summary}: the goals it judges, which go into the summary's single goals table, and the
 * detail table(s) of its benchmark(s). A new benchmark plugs in with one class implementing this and one line in
 * {@link Summary#SECTIONS}.
 */
interface Section {

    /**
     * The goal rows of this section, in order. A goal the results hold no run for is still listed, as
     * {@link Goal#notMeasured}, so that every goal appears in every summary.
     */
    List<Goal> goals(Runs runs);

    /** Prints the detail table(s) with a {@code ###} heading each, or nothing when the results hold no run of it. */
    void details(Runs runs, PrintStream out);
}
