package io.desknotify.api.spi;

import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import java.util.List;

/**
 * The answer to {@link Transport#resolve}.
 *
 * @param deliverable native targets to deliver to (duplicates allowed; the notifier removes them)
 * @param settled     targets that will not be delivered, with why: SKIPPED (e.g. not connected) or FAILED
 *                    (e.g. unknown user); each requested target that yields no deliverable target must be here
 */
public record Resolution(List<Target> deliverable, List<TargetResult> settled) {
    public Resolution {
        deliverable = List.copyOf(deliverable);
        settled = List.copyOf(settled);
        for (TargetResult r : settled) {
            if (r.outcome() != Outcome.SKIPPED && r.outcome() != Outcome.FAILED) {
                throw new IllegalArgumentException("settled results must be SKIPPED or FAILED, not " + r.outcome());
            }
        }
    }
}
