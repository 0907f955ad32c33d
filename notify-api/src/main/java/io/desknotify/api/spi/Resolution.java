package io.desknotify.api.spi;

import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@link Transport#resolve}.
 *
 * @param deliverable native targets to deliver to (duplicates allowed; the notifier removes them)
 * @param settled     targets that will not be delivered, with why: SKIPPED (e.g. not connected) or FAILED
 *                    (e.g. unknown user); each requested target that yields no deliverable target must be here
 * @param sources     for each deliverable target, at the same index, the requested target it was resolved from
 *                    (the user or pool; the target itself when it was requested as it is), so that its record
 *                    can be found by the requested target ({@link io.desknotify.api.DeliveryRecord#requestedTarget()});
 *                    empty when the transport does not say. Unmodifiable.
 */
public record Resolution(List<Target> deliverable, List<TargetResult> settled, List<Target> sources) {

    /**
     * Checks and copies the lists.
     *
     * @param deliverable native targets to deliver to
     * @param settled     targets that will not be delivered, SKIPPED or FAILED
     * @param sources     the requested target of each deliverable one, or empty
     * @throws IllegalArgumentException when a settled result is neither SKIPPED nor FAILED, or {@code sources}
     *                                  is neither empty nor as long as {@code deliverable}
     * @throws NullPointerException     when a list or an element is null
     */
    public Resolution {
        deliverable = List.copyOf(deliverable);
        settled = List.copyOf(settled);
        sources = List.copyOf(sources);
        for (TargetResult r : settled) {
            if (r.outcome() != Outcome.SKIPPED && r.outcome() != Outcome.FAILED) {
                throw new IllegalArgumentException("settled results must be SKIPPED or FAILED, not " + r.outcome());
            }
        }
        if (!sources.isEmpty() && sources.size() != deliverable.size()) {
            throw new IllegalArgumentException("sources must be empty or hold one requested target per deliverable "
                    + "target, but has " + sources.size() + " for " + deliverable.size());
        }
    }

    /**
     * A resolution that does not say which requested target each deliverable one came from. The notifier then
     * knows it only when the request held a single target (or a deliverable target was itself requested).
     *
     * @param deliverable native targets to deliver to
     * @param settled     targets that will not be delivered, SKIPPED or FAILED
     */
    public Resolution(List<Target> deliverable, List<TargetResult> settled) {
        this(deliverable, settled, List.of());
    }

    /**
     * Collects a resolution target by target, keeping the requested target each deliverable one came from.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects a {@link Resolution}. Not thread-safe. */
    public static final class Builder {
        private final List<Target> deliverable = new ArrayList<>();
        private final List<Target> sources = new ArrayList<>();
        private final List<TargetResult> settled = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds a target to deliver to.
         *
         * @param target    the native target
         * @param requested the requested target it was resolved from, or the target itself
         * @return this builder
         */
        public Builder deliver(Target target, Target requested) {
            deliverable.add(target);
            sources.add(requested);
            return this;
        }

        /**
         * Adds a target that will not be delivered.
         *
         * @param result its SKIPPED or FAILED result
         * @return this builder
         */
        public Builder settle(TargetResult result) {
            settled.add(result);
            return this;
        }

        /**
         * Builds the resolution.
         *
         * @return the resolution
         */
        public Resolution build() {
            return new Resolution(deliverable, settled, sources);
        }
    }
}
