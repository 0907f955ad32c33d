package io.desknotify.api.spi;

import io.desknotify.api.Target;
import java.util.List;

/**
 * Targets for {@link Transport#resolve}.
 *
 * @param jobId         the job
 * @param targets       targets to resolve or filter, no duplicates, unmodifiable
 * @param onlyConnected keep only targets connected now; the others become SKIPPED results
 */
public record ResolveRequest(String jobId, List<Target> targets, boolean onlyConnected) {
    /**
     * Copies the targets.
     *
     * @param jobId         the job
     * @param targets       targets to resolve or filter, no duplicates; copied
     * @param onlyConnected keep only targets connected now; the others become SKIPPED results
     * @throws NullPointerException when {@code targets} or one of them is {@code null}
     */
    public ResolveRequest {
        targets = List.copyOf(targets);
    }
}
