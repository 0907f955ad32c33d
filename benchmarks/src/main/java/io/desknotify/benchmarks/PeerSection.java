package io.desknotify.benchmarks;

import java.io.PrintStream;
import java.util.List;

/** {@link PeerBenchmark} in the summary: the CPU goal and {@link PeerSummary}'s tables. */
final class PeerSection implements Section {
    @Override
    public List<Goal> goals(Runs runs) {
        return PeerSummary.goals(runs.all());
    }

    @Override
    public void details(Runs runs, PrintStream out) {
        PeerSummary.print(out, runs.all());
    }
}
