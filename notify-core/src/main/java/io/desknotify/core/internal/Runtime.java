package io.desknotify.core.internal;

import io.desknotify.api.NotifyListener;
import io.desknotify.api.spi.RecordStore;
import io.desknotify.core.JobPolling;
import io.desknotify.core.RetrySettings;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every job and lane of one notifier shares.
 *
 * @param scheduler    fires delays (rate limiter waits, backoff, polls); its tasks only hand work over
 * @param listener     never null; calls are guarded
 * @param store        delivery records
 * @param clock        wall-clock time for records and reports
 * @param retry        retry settings
 * @param polling      how provider jobs are followed
 */
public record Runtime(ScheduledExecutorService scheduler, NotifyListener listener,
        RecordStore store, Clock clock, RetrySettings retry, JobPolling polling) {
}
