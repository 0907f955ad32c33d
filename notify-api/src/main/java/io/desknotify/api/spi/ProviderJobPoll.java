package io.desknotify.api.spi;

import io.desknotify.api.Target;
import java.util.List;

/**
 * A request to read a provider job's state.
 *
 * @param providerJobId the id returned in {@link BatchResult#providerJobId()}
 * @param targets       the targets of the batch that started it
 * @param poll          1 for the first poll, 2 for the next, ...
 */
public record ProviderJobPoll(String providerJobId, List<Target> targets, int poll) {
    /**
     * Copies the targets.
     *
     * @param providerJobId the id returned in {@link BatchResult#providerJobId()}
     * @param targets       the targets of the batch that started it; copied
     * @param poll          1 for the first poll, 2 for the next, ...
     * @throws NullPointerException when {@code targets} or one of them is {@code null}
     */
    public ProviderJobPoll {
        targets = List.copyOf(targets);
    }
}
