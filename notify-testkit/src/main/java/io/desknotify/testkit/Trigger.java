package io.desknotify.testkit;

/**
 * When an injected {@link Fault} strikes: on the next N matching requests, on every one,
 * or on each with a probability drawn from the emulator's seeded {@link java.util.Random}
 * (so a run with the same seed and the same request order strikes the same requests).
 *
 * <p>Immutable and thread-safe; the countdown of {@link #next(int)} lives in the emulator,
 * not in this value, so one trigger may be reused for several injections.
 */
public final class Trigger {

    private final int count;
    private final double probability;
    private final int skip;

    private Trigger(int count, double probability, int skip) {
        this.count = count;
        this.probability = probability;
        this.skip = skip;
    }

    /**
     * Strikes the next {@code n} matching requests, then retires.
     *
     * @param n how many requests; at least 1
     * @return the trigger
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static Trigger next(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        return new Trigger(n, 1.0, 0);
    }

    /** @return a trigger that strikes every matching request until the faults are cleared */
    public static Trigger always() {
        return new Trigger(-1, 1.0, 0);
    }

    /**
     * Strikes each matching request with the given probability, from the emulator's seeded random.
     *
     * @param probability between 0 and 1 inclusive
     * @return the trigger
     * @throws IllegalArgumentException if {@code probability} is outside [0, 1]
     */
    public static Trigger withProbability(double probability) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
        }
        return new Trigger(-1, probability, 0);
    }

    /**
     * Lets the first {@code skip} matching requests pass untouched before this trigger
     * starts counting, e.g. {@code Trigger.next(1).afterSkipping(2)} strikes the third request.
     *
     * @param skip how many matching requests to let pass, at least 0
     * @return a copy with that many requests skipped
     * @throws IllegalArgumentException if {@code skip} is negative
     */
    public Trigger afterSkipping(int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must not be negative: " + skip);
        }
        return new Trigger(count, probability, skip);
    }

    /** @return how many matching requests pass before the trigger starts */
    public int skip() {
        return skip;
    }

    /** @return how many requests this trigger strikes, or -1 for unlimited */
    public int count() {
        return count;
    }

    /** @return the probability that a matching request is struck */
    public double probability() {
        return probability;
    }

    @Override
    public String toString() {
        String after = skip == 0 ? "" : ", after skipping " + skip;
        if (count > 0) {
            return "Trigger[next " + count + after + "]";
        }
        return (probability >= 1.0 ? "Trigger[always" : "Trigger[p=" + probability) + after + "]";
    }
}
