package io.desknotify.benchmarks;

/**
 * One row of the summary's goals table: a goal the project states, the case it was measured in, the figure
 * measured, the target, and whether the figure meets it.
 *
 * @param goal what is promised, with the issue that states it, e.g. "core overhead at batch 100 (#7)"
 * @param scope the case measured, e.g. "huawei, 5 ms"; "-" when the goal was not measured
 * @param figure the figure measured, e.g. "3.20×"; "-" when the goal was not measured
 * @param target the target the figure is judged against, e.g. "≥ 5×"
 * @param status met, not met, or not measured
 */
record Goal(String goal, String scope, String figure, String target, Status status) {

    /** Whether a figure meets its target. */
    enum Status {
        /** The figure meets the target. */
        MET("met"),
        /** The figure misses the target. */
        NOT_MET("not met"),
        /** The results hold no run that measures this goal (not run, or failed). */
        NOT_MEASURED("not measured");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** Met if {@code met}, not met otherwise. */
        static Status of(boolean met) {
            return met ? MET : NOT_MET;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A goal the results hold no run for. */
    static Goal notMeasured(String goal, String target) {
        return new Goal(goal, "-", "-", target, Status.NOT_MEASURED);
    }

    /** This row of the goals table. */
    String row() {
        return "| " + goal + " | " + scope + " | " + figure + " | " + target + " | " + status + " |";
    }
}
