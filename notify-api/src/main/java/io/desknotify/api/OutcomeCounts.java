package io.desknotify.api;

import java.util.Arrays;

/** An immutable count of targets per {@link Outcome}. */
public final class OutcomeCounts {
    private static final Outcome[] OUTCOMES = Outcome.values();
    private final long[] counts;

    private OutcomeCounts(long[] counts) {
        this.counts = counts;
    }

    /**
     * Counts from an array indexed by {@link Outcome#ordinal()}; the array is copied.
     *
     * @param countsByOrdinal one count per outcome, none negative
     * @return the counts
     * @throws IllegalArgumentException when the array has the wrong length or a negative count
     */
    public static OutcomeCounts of(long[] countsByOrdinal) {
        if (countsByOrdinal.length != OUTCOMES.length) {
            throw new IllegalArgumentException("countsByOrdinal must have " + OUTCOMES.length + " entries");
        }
        for (int i = 0; i < countsByOrdinal.length; i++) {
            if (countsByOrdinal[i] < 0) {
                throw new IllegalArgumentException("count of " + OUTCOMES[i] + " must not be negative");
            }
        }
        return new OutcomeCounts(countsByOrdinal.clone());
    }

    /**
     * The count of one outcome.
     *
     * @param outcome the outcome
     * @return its count
     */
    public long get(Outcome outcome) {
        return counts[outcome.ordinal()];
    }

    /**
     * Sum over all outcomes.
     *
     * @return the number of targets counted
     */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutcomeCounts other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Outcome o : OUTCOMES) {
            if (counts[o.ordinal()] > 0) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(o).append('=').append(counts[o.ordinal()]);
            }
        }
        return sb.append('}').toString();
    }
}
