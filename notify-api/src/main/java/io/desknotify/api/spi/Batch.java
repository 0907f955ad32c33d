package io.desknotify.api.spi;

import io.desknotify.api.Notification;
import io.desknotify.api.TargetKind;
import io.desknotify.api.Target;
import java.util.List;

/**
 * One request's worth of targets: all of one native kind, at most the transport's max batch size, no duplicates.
 *
 * @param jobId        the job this batch belongs to
 * @param kind         the kind of every target
 * @param targets      the targets, unmodifiable
 * @param notification what to send
 * @param attempt      1 for the first attempt, 2 for the first retry, ...
 */
public record Batch(String jobId, TargetKind kind, List<Target> targets, Notification notification, int attempt) {
    /**
     * Checks and copies the batch.
     *
     * @param jobId        the job this batch belongs to
     * @param kind         the kind of every target
     * @param targets      the targets, unmodifiable
     * @param notification what to send
     * @param attempt      1 for the first attempt, 2 for the first retry, ...
     * @throws IllegalArgumentException when there is no target or the attempt is less than 1
     */
    public Batch {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one target");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1 but was " + attempt);
        }
        targets = List.copyOf(targets);
    }
}
