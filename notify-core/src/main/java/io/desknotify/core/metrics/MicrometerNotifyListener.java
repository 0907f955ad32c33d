package io.desknotify.core.metrics;

import io.desknotify.api.JobReport;
import io.desknotify.api.NotifyListener;
import io.desknotify.api.Outcome;
import io.desknotify.api.TargetKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Publishes a notifier's events as Micrometer meters. Tags are low-cardinality (provider, outcome, result,
 * status), never a target id or user name.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><td>{@value #TARGETS}</td><td>counter</td><td>targets that reached a final outcome; tags provider, outcome</td></tr>
 *   <tr><td>{@value #BATCHES}</td><td>counter</td><td>batches finished; tags provider, result (success|failure)</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>retries scheduled; tag provider</td></tr>
 *   <tr><td>{@value #THROTTLES}</td><td>counter</td><td>throttling answers; tag provider</td></tr>
 *   <tr><td>{@value #BATCH_LATENCY}</td><td>timer</td><td>first attempt to end of a batch; tag provider</td></tr>
 *   <tr><td>{@value #JOB_DURATION}</td><td>timer</td><td>duration of jobs; tag status</td></tr>
 * </table>
 */
public final class MicrometerNotifyListener implements NotifyListener {
    /** Counter of targets by final outcome, tags {@code provider}, {@code outcome}. */
    public static final String TARGETS = "notify.targets";
    /** Counter of finished batches, tags {@code provider}, {@code result}. */
    public static final String BATCHES = "notify.batches";
    /** Counter of scheduled retries, tag {@code provider}. */
    public static final String RETRIES = "notify.retries";
    /** Counter of throttling answers, tag {@code provider}. */
    public static final String THROTTLES = "notify.throttles";
    /** Timer of batches from first attempt to end, tag {@code provider}. */
    public static final String BATCH_LATENCY = "notify.batch.latency";
    /** Timer of jobs, tag {@code status}. */
    public static final String JOB_DURATION = "notify.job.duration";

    private final MeterRegistry registry;
    // meters cached by their tag values: the registry's own lookup is too slow for a per-batch path
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

    /**
     * Publishes to a registry.
     *
     * @param registry where the meters go
     * @throws IllegalArgumentException when null
     */
    public MicrometerNotifyListener(MeterRegistry registry) {
        if (registry == null) {
            throw new IllegalArgumentException("registry must not be null");
        }
        this.registry = registry;
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags), k -> Counter.builder(name)
                .description(description).tags(tags).register(registry));
    }

    private Timer timer(String name, String description, String... tags) {
        return timers.computeIfAbsent(name + String.join("|", tags), k -> Timer.builder(name)
                .description(description).tags(tags).register(registry));
    }

    @Override
    public void batchFinished(String provider, TargetKind kind, int size, int attempts, Duration latency,
            boolean success) {
        counter(BATCHES, "Batches finished", "provider", provider, "result", success ? "success" : "failure")
                .increment();
        if (attempts > 0) {
            timer(BATCH_LATENCY, "Time from a batch's first attempt to its end", "provider", provider)
                    .record(latency);
        }
    }

    @Override
    public void retryScheduled(String provider, int attempt, Duration delay, Throwable cause) {
        counter(RETRIES, "Retries of batches", "provider", provider).increment();
    }

    @Override
    public void throttled(String provider, Duration retryAfter) {
        counter(THROTTLES, "Throttling answers from providers", "provider", provider).increment();
    }

    @Override
    public void targetsFinished(String provider, Outcome outcome, int count) {
        counter(TARGETS, "Targets by final outcome", "provider", provider, "outcome",
                outcome.name().toLowerCase(Locale.ROOT)).increment(count);
    }

    @Override
    public void jobFinished(JobReport report) {
        timer(JOB_DURATION, "Duration of jobs", "status", report.status().name().toLowerCase(Locale.ROOT))
                .record(report.duration());
    }
}
