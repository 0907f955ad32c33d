package io.desknotify.api.spi;

import io.desknotify.api.Outcome;
import java.util.List;

/**
 * The state of a provider job.
 *
 * @param finished       whether the provider job has ended; if not, it is polled again later
 * @param defaultOutcome when finished, the outcome of targets not listed in {@code perTarget}: DELIVERED or FAILED
 * @param perTarget      final results known for individual targets
 */
public record ProviderJobStatus(boolean finished, Outcome defaultOutcome, List<TargetResult> perTarget) {
    public ProviderJobStatus {
        perTarget = List.copyOf(perTarget);
        if (finished && defaultOutcome != Outcome.DELIVERED && defaultOutcome != Outcome.FAILED) {
            throw new IllegalArgumentException("a finished job's defaultOutcome must be DELIVERED or FAILED");
        }
    }

    /** The provider job is still running. */
    public static ProviderJobStatus running() {
        return new ProviderJobStatus(false, Outcome.PENDING, List.of());
    }
}
