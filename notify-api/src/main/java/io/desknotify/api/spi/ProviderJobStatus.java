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
    /**
     * Checks the status and copies the results.
     *
     * @param finished       whether the provider job has ended; if not, it is polled again later
     * @param defaultOutcome when finished, the outcome of targets not listed in {@code perTarget}: DELIVERED or FAILED
     * @param perTarget      final results known for individual targets
     * @throws IllegalArgumentException when a finished job's default outcome is neither DELIVERED nor FAILED
     */
    public ProviderJobStatus {
        perTarget = List.copyOf(perTarget);
        if (finished && defaultOutcome != Outcome.DELIVERED && defaultOutcome != Outcome.FAILED) {
            throw new IllegalArgumentException("a finished job's defaultOutcome must be DELIVERED or FAILED");
        }
    }

    /**
     * The provider job is still running.
     *
     * @return a status that is not finished
     */
    public static ProviderJobStatus running() {
        return new ProviderJobStatus(false, Outcome.PENDING, List.of());
    }
}
