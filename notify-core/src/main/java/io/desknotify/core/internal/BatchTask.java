package io.desknotify.core.internal;

import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import java.time.Instant;
import java.util.List;

/** One batch of one job on its way through a lane. Mutated only by the one attempt in progress. */
final class BatchTask extends Work {
    final JobRun job;
    final Lane lane;
    final TargetKind kind;
    final List<Target> targets;
    /** The requested target of each target where it differs (a user, a pool); null when none does. */
    final List<Target> sources;
    volatile int attempts;
    volatile Instant firstAttemptAt;
    volatile long firstAttemptNanos;
    /** Set when an attempt failed in a way that leaves open whether the provider acted on it. */
    volatile boolean maybeDelivered;
    /** An attempt's request is out and its answer has not come yet. */
    volatile boolean onWire;
    /** Counted among the job's batches that cancel() can still stop; guarded by the job's gate. */
    boolean cancellable;

    BatchTask(JobRun job, Lane lane, TargetKind kind, List<Target> targets, List<Target> sources) {
        this.job = job;
        this.lane = lane;
        this.kind = kind;
        this.targets = targets;
        this.sources = sources;
    }

    Target source(int i) {
        return sources == null ? null : sources.get(i);
    }
}
