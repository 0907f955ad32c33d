package io.desknotify.core.internal;

import io.desknotify.api.JobReport;
import io.desknotify.api.NotifyListener;
import io.desknotify.api.Outcome;
import io.desknotify.api.TargetKind;
import java.time.Duration;
import java.util.List;

/**
 * Fans events out to the user's listeners. Whatever a listener throws is logged and contained, Errors included
 * (an AssertionError from a test's listener broke jobs when only RuntimeExceptions were caught), so no caller in
 * a job needs to guard a listener call. A VirtualMachineError is the exception: after one, nothing can be trusted
 * to work, so it propagates.
 */
public final class SafeListener implements NotifyListener {
    private static final System.Logger LOG = System.getLogger(SafeListener.class.getName());
    private final List<NotifyListener> listeners;

    public SafeListener(List<NotifyListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private void each(java.util.function.Consumer<NotifyListener> call) {
        for (NotifyListener l : listeners) {
            try {
                call.accept(l);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "listener " + l.getClass().getName() + " threw; ignored", e);
            }
        }
    }

    @Override
    public void jobStarted(String jobId, int targets) {
        each(l -> l.jobStarted(jobId, targets));
    }

    @Override
    public void batchFinished(String provider, TargetKind kind, int size, int attempts, Duration latency,
            boolean success) {
        each(l -> l.batchFinished(provider, kind, size, attempts, latency, success));
    }

    @Override
    public void retryScheduled(String provider, int attempt, Duration delay, Throwable cause) {
        each(l -> l.retryScheduled(provider, attempt, delay, cause));
    }

    @Override
    public void throttled(String provider, Duration retryAfter) {
        each(l -> l.throttled(provider, retryAfter));
    }

    @Override
    public void targetsFinished(String provider, Outcome outcome, int count) {
        each(l -> l.targetsFinished(provider, outcome, count));
    }

    @Override
    public void jobFinished(JobReport report) {
        each(l -> l.jobFinished(report));
    }
}
