package io.desknotify.core.internal;

import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import java.time.Instant;
import java.util.List;

/** One batch of one job on its way through a lane. Mutated only by the one attempt in progress. */
final class BatchTask {
    final JobRun job;
    final TargetKind kind;
    final List<Target> targets;
    volatile int attempts;
    volatile Instant firstAttemptAt;
    volatile long firstAttemptNanos;
    /** Set when an attempt failed in a way that leaves open whether the provider acted on it. */
    volatile boolean maybeDelivered;

    BatchTask(JobRun job, TargetKind kind, List<Target> targets) {
        this.job = job;
        this.kind = kind;
        this.targets = targets;
    }
}
