package io.desknotify.core.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A unit of a job's outstanding work (its planning, a resolution, a batch, a followed provider job). Its targets
 * are recorded exactly once, by whoever claims it first: the normal path when the answer comes, or close() when
 * the answer never came.
 */
abstract class Work {
    private final AtomicBoolean settled = new AtomicBoolean();

    /** True for the one caller that may record this unit's targets. */
    final boolean claim() {
        return settled.compareAndSet(false, true);
    }

    final boolean isSettled() {
        return settled.get();
    }
}
