package io.desknotify.core.internal;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobProgress;
import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.NotifyException;
import io.desknotify.api.Outcome;
import io.desknotify.api.OutcomeCounts;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Target;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ProviderJobPoll;
import io.desknotify.api.spi.ProviderJobStatus;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.TargetResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * One job from plan to report. Work units (the planning step, each resolution, each batch, each followed provider
 * job) are counted; the job completes when the count drops to zero, at which point every target has exactly one
 * final record.
 */
public final class JobRun implements NotificationJob {
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final String id;
    private final Notification notification;
    private final SendOptions options;
    private final Runtime rt;
    private final Instant startedAt;
    private final long deadlineNanos;
    private final int requestedTargets;
    private List<LanePlan> plans;
    private final Consumer<JobRun> onFinish;

    private final AtomicLongArray counts = new AtomicLongArray(OUTCOMES.length);
    private final AtomicLong targets = new AtomicLong();
    private final AtomicInteger outstanding = new AtomicInteger(1);
    private final ConcurrentHashMap<String, TransportException> laneFailures = new ConcurrentHashMap<>();
    private final CompletableFuture<JobReport> completion = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile boolean abandoned;
    private volatile NotifyException failure;

    public JobRun(String id, Notification notification, SendOptions options, Runtime rt, List<LanePlan> plans,
            int requestedTargets, Consumer<JobRun> onFinish) {
        this.id = id;
        this.notification = notification;
        this.options = options;
        this.rt = rt;
        this.plans = plans;
        this.requestedTargets = requestedTargets;
        this.onFinish = onFinish;
        this.startedAt = rt.clock().instant();
        this.deadlineNanos = options.deadline().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
    }

    @Override
    public String id() {
        return id;
    }

    Notification notification() {
        return notification;
    }

    public SendOptions options() {
        return options;
    }

    @Override
    public JobProgress progress() {
        return new JobProgress(id, targets.get(), snapshot());
    }

    @Override
    public CompletableFuture<JobReport> completion() {
        return completion;
    }

    @Override
    public boolean cancel() {
        if (completion.isDone() || cancelled) {
            return false;
        }
        cancelled = true;
        return true;
    }

    /** Used by close(): stop sending and stop following provider jobs. */
    public void abandon() {
        cancelled = true;
        abandoned = true;
    }

    public boolean isDone() {
        return completion.isDone();
    }

    /** Plans batches and resolutions; runs on the notifier's executor. */
    public void start() {
        rt.listener().jobStarted(id, requestedTargets);
        try {
            for (LanePlan plan : plans) {
                if (plan.toResolve.isEmpty()) {
                    enqueue(plan);
                } else {
                    resolveThenEnqueue(plan);
                }
            }
        } catch (RuntimeException e) {
            failure = new NotifyException("planning job " + id + " failed: " + e, e);
        } finally {
            plans = null;
            workDone();
        }
    }

    private void resolveThenEnqueue(LanePlan plan) {
        outstanding.incrementAndGet();
        List<Target> asked = plan.toResolve;
        plan.toResolve = List.of();
        Lane lane = plan.lane;
        try {
            checkStillWanted(lane.provider());
        } catch (Stop stop) {
            targets.addAndGet(asked.size());
            settleAll(lane, asked, stop.outcome, stop.code, stop.getMessage(), null, 0, null);
            workDone();
            return;
        }
        lane.resolve(new ResolveRequest(id, asked, options.onlyConnected())).whenComplete((resolution, error) -> {
            try {
                if (error != null) {
                    Failure f = classify(lane, Lane.unwrap(error), false);
                    targets.addAndGet(asked.size());
                    settleAll(lane, asked, f.outcome, f.code, "could not resolve targets: " + f.message, f.requestId,
                            0, null);
                } else {
                    settle(lane, resolution.settled());
                    for (Target t : resolution.deliverable()) {
                        if (lane.capabilities().isNative(t.kind())) {
                            plan.addResolved(t);
                        } else {
                            targets.incrementAndGet();
                            settleAll(lane, List.of(t), Outcome.FAILED, "UNRESOLVED_KIND",
                                    lane.provider() + " resolved a target to " + t.kind() + ", which it cannot deliver",
                                    null, 0, null);
                        }
                    }
                    enqueue(plan);
                }
            } catch (RuntimeException e) {
                failure = new NotifyException("handling resolution of job " + id + " failed: " + e, e);
            } finally {
                workDone();
            }
        });
    }

    private void enqueue(LanePlan plan) {
        plan.releaseSeen();
        Lane lane = plan.lane;
        for (Map.Entry<io.desknotify.api.TargetKind, List<Target>> e : plan.direct.entrySet()) {
            List<Target> all = e.getValue();
            int size = lane.capabilities().maxBatchSize(e.getKey());
            targets.addAndGet(all.size());
            for (int from = 0; from < all.size(); from += size) {
                // copied once here: Batch keeps an immutable list as it is, on every attempt, and the job's full
                // list is not held alive by views of it until the last batch ends
                BatchTask task = new BatchTask(this, e.getKey(),
                        List.copyOf(all.subList(from, Math.min(all.size(), from + size))));
                outstanding.incrementAndGet();
                lane.submit(task);
            }
        }
        plan.direct.clear();
    }

    /** Throws {@link Stop} when a batch of this job for this provider should no longer be sent. */
    void checkStillWanted(String provider) {
        if (abandoned) {
            throw new Stop(Outcome.CANCELLED, "NOTIFIER_CLOSED", "not sent: the notifier was closed");
        }
        if (cancelled) {
            throw new Stop(Outcome.CANCELLED, "CANCELLED", "not sent: the job was cancelled");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new Stop(Outcome.FAILED, "DEADLINE_EXCEEDED", "not sent: the job's deadline passed");
        }
        TransportException auth = laneFailures.get(provider);
        if (auth != null) {
            throw new Stop(Outcome.FAILED, code(auth, "AUTHENTICATION_FAILED"),
                    "not sent: " + provider + " rejected our credentials earlier in this job");
        }
    }

    void batchFinished(Lane lane, BatchTask task, BatchResult result, Throwable error) {
        try {
            Duration latency = task.attempts == 0 ? Duration.ZERO
                    : Duration.ofNanos(System.nanoTime() - task.firstAttemptNanos);
            rt.listener().batchFinished(lane.provider(), task.kind, task.targets.size(), task.attempts, latency,
                    error == null);
            if (error == null) {
                accept(lane, task, result);
            } else {
                Failure f = classify(lane, error, task.maybeDelivered);
                settleAll(lane, task.targets, f.outcome, f.code, f.message, f.requestId, task.attempts,
                        task.firstAttemptAt);
            }
        } catch (RuntimeException e) {
            failure = new NotifyException("recording a batch of job " + id + " failed: " + e, e);
        } finally {
            workDone();
        }
    }

    private void accept(Lane lane, BatchTask task, BatchResult result) {
        Map<String, TargetResult> per = index(result.perTarget());
        String providerJobId = result.providerJobId().orElse(null);
        String requestId = result.requestId().orElse(null);
        DeliveryRecord.Builder builder = records(lane, providerJobId, requestId, task.attempts, task.firstAttemptAt);
        List<DeliveryRecord> records = new ArrayList<>(task.targets.size());
        List<Target> pending = null;
        String noJobMessage = null;
        for (Target t : task.targets) {
            TargetResult r = per.get(t.value());
            Outcome outcome = r != null ? r.outcome() : result.defaultOutcome();
            String code = r != null ? r.errorCode() : null;
            String message = r != null ? r.errorMessage() : null;
            if (outcome == Outcome.PENDING && providerJobId == null) {
                outcome = Outcome.UNKNOWN;
                code = "NO_PROVIDER_JOB";
                if (noJobMessage == null) {
                    noJobMessage = lane.provider() + " reported the target pending without a job to follow";
                }
                message = noJobMessage;
            }
            if (outcome == Outcome.PENDING) {
                if (pending == null) {
                    pending = new ArrayList<>();
                }
                pending.add(t);
            }
            records.add(builder.target(t).outcome(outcome).error(code, message).build());
        }
        save(lane, records);
        if (pending != null) {
            follow(lane, new Followed(providerJobId, pending, requestId, task.attempts, task.firstAttemptAt,
                    System.nanoTime() + rt.pollTimeout().toNanos()), 1);
        }
    }

    /** A provider job being polled until it ends. */
    private record Followed(String providerJobId, List<Target> targets, String requestId, int attempts,
            Instant firstAttemptAt, long giveUpNanos) {
    }

    private void follow(Lane lane, Followed f, int poll) {
        outstanding.incrementAndGet();
        try {
            rt.scheduler().schedule(() -> pollOnce(lane, f, poll), rt.pollInterval().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // close() stopped the scheduler while this batch was in flight: nobody will poll again
            finishFollowed(lane, f, "NOTIFIER_CLOSED", "the notifier was closed before the provider job ended", null);
        }
    }

    private void pollOnce(Lane lane, Followed f, int poll) {
        if (abandoned) {
            finishFollowed(lane, f, "NOTIFIER_CLOSED", "the notifier was closed before the provider job ended", null);
            return;
        }
        lane.poll(new ProviderJobPoll(f.providerJobId, f.targets, poll)).whenComplete((status, error) -> {
            try {
                boolean late = System.nanoTime() - f.giveUpNanos > 0;
                if (error != null) {
                    Throwable cause = Lane.unwrap(error);
                    if (late || cause instanceof AuthenticationException) {
                        Failure fl = classify(lane, cause, true);
                        finishFollowed(lane, f, fl.code, "could not follow provider job: " + fl.message, null);
                    } else {
                        follow(lane, f, poll + 1);
                        workDone();
                    }
                } else if (status.finished()) {
                    foldJob(lane, f, status);
                } else if (late) {
                    finishFollowed(lane, f, "PROVIDER_JOB_TIMEOUT",
                            "provider job " + f.providerJobId + " still running after " + rt.pollTimeout(), null);
                } else {
                    follow(lane, f, poll + 1);
                    workDone();
                }
            } catch (RuntimeException e) {
                failure = new NotifyException("following provider job of job " + id + " failed: " + e, e);
                workDone();
            }
        });
    }

    private void foldJob(Lane lane, Followed f, ProviderJobStatus status) {
        try {
            Map<String, TargetResult> per = index(status.perTarget());
            DeliveryRecord.Builder builder = records(lane, f.providerJobId, f.requestId, f.attempts,
                    f.firstAttemptAt);
            List<DeliveryRecord> records = new ArrayList<>(f.targets.size());
            for (Target t : f.targets) {
                TargetResult r = per.get(t.value());
                Outcome outcome = r != null ? r.outcome() : status.defaultOutcome();
                if (!outcome.isFinal()) {
                    outcome = Outcome.UNKNOWN;
                }
                records.add(builder.target(t).outcome(outcome)
                        .error(r != null ? r.errorCode() : null, r != null ? r.errorMessage() : null).build());
            }
            save(lane, records, true);
        } finally {
            workDone();
        }
    }

    private void finishFollowed(Lane lane, Followed f, String code, String message, String requestId) {
        try {
            settleAll(lane, f.targets, Outcome.UNKNOWN, code, message, requestId != null ? requestId : f.requestId,
                    f.attempts, f.firstAttemptAt, f.providerJobId);
        } finally {
            workDone();
        }
    }

    private record Failure(Outcome outcome, String code, String message, String requestId) {
    }

    private Failure classify(Lane lane, Throwable error, boolean maybeDelivered) {
        if (error instanceof Stop stop) {
            Outcome o = maybeDelivered && stop.outcome == Outcome.CANCELLED ? Outcome.UNKNOWN : stop.outcome;
            return new Failure(o, stop.code, stop.getMessage(), null);
        }
        if (error instanceof AuthenticationException ae) {
            laneFailures.putIfAbsent(lane.provider(), ae);
            if (failure == null) {
                failure = ae;
            }
            return new Failure(Outcome.FAILED, code(ae, "AUTHENTICATION_FAILED"), ae.getMessage(), ae.requestId());
        }
        if (error instanceof TransportException te) {
            return switch (te.retryability()) {
                case AMBIGUOUS -> new Failure(Outcome.UNKNOWN, code(te, "AMBIGUOUS_FAILURE"), te.getMessage(),
                        te.requestId());
                case RETRYABLE -> new Failure(maybeDelivered ? Outcome.UNKNOWN : Outcome.FAILED,
                        code(te, "RETRIES_EXHAUSTED"), te.getMessage(), te.requestId());
                case FATAL -> new Failure(maybeDelivered ? Outcome.UNKNOWN : Outcome.FAILED,
                        code(te, "REJECTED"), te.getMessage(), te.requestId());
            };
        }
        // an unexpected exception from a transport: nobody can tell whether the provider acted
        return new Failure(Outcome.UNKNOWN, "TRANSPORT_ERROR", error.getClass().getName() + ": " + error.getMessage(),
                null);
    }

    private static String code(TransportException te, String fallback) {
        if (te.errorCode() != null) {
            return te.errorCode();
        }
        return te.httpStatus() > 0 ? "HTTP_" + te.httpStatus() : fallback;
    }

    private static Map<String, TargetResult> index(List<TargetResult> results) {
        if (results.isEmpty()) {
            return Map.of();
        }
        Map<String, TargetResult> map = new HashMap<>(results.size() * 2);
        for (TargetResult r : results) {
            map.put(r.target().value(), r);
        }
        return map;
    }

    private void settle(Lane lane, List<TargetResult> results) {
        if (results.isEmpty()) {
            return;
        }
        DeliveryRecord.Builder builder = records(lane, null, null, 0, null);
        List<DeliveryRecord> records = new ArrayList<>(results.size());
        for (TargetResult r : results) {
            records.add(builder.target(r.target()).outcome(r.outcome()).error(r.errorCode(), r.errorMessage())
                    .build());
        }
        targets.addAndGet(records.size());
        save(lane, records);
    }

    private void settleAll(Lane lane, List<Target> ts, Outcome outcome, String code, String message,
            String requestId, int attempts, Instant firstAttemptAt) {
        settleAll(lane, ts, outcome, code, message, requestId, attempts, firstAttemptAt, null);
    }

    private void settleAll(Lane lane, List<Target> ts, Outcome outcome, String code, String message,
            String requestId, int attempts, Instant firstAttemptAt, String providerJobId) {
        DeliveryRecord.Builder builder = records(lane, providerJobId, requestId, attempts, firstAttemptAt)
                .outcome(outcome).error(code, message);
        List<DeliveryRecord> records = new ArrayList<>(ts.size());
        for (Target t : ts) {
            records.add(builder.target(t).build());
        }
        // a provider job id means these targets were PENDING: their records are replaced, not added
        save(lane, records, providerJobId != null);
    }

    /**
     * A builder holding what the records of one batch (or resolution) share; reused for each target, so those
     * records share one copy of it.
     */
    private DeliveryRecord.Builder records(Lane lane, String providerJobId, String requestId, int attempts,
            Instant firstAttemptAt) {
        return DeliveryRecord.builder().jobId(id).provider(lane.provider()).providerJobId(providerJobId)
                .requestId(requestId).attempts(attempts).firstAttemptAt(firstAttemptAt).updatedAt(rt.clock().instant());
    }

    /**
     * Stores records and counts them. A target's record is written once, or twice when it was PENDING first; the
     * PENDING count is then moved to the final outcome.
     */
    private void save(Lane lane, List<DeliveryRecord> records) {
        save(lane, records, false);
    }

    private void save(Lane lane, List<DeliveryRecord> records, boolean replacesPending) {
        if (records.isEmpty()) {
            return;
        }
        rt.store().save(records);
        if (replacesPending) {
            counts.addAndGet(Outcome.PENDING.ordinal(), -records.size());
        }
        int[] tally = new int[OUTCOMES.length];
        for (DeliveryRecord r : records) {
            tally[r.outcome().ordinal()]++;
        }
        for (int i = 0; i < tally.length; i++) {
            if (tally[i] > 0) {
                counts.addAndGet(i, tally[i]);
                if (OUTCOMES[i].isFinal()) {
                    rt.listener().targetsFinished(lane.provider(), OUTCOMES[i], tally[i]);
                }
            }
        }
    }

    private OutcomeCounts snapshot() {
        long[] c = new long[OUTCOMES.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts.get(i);
        }
        return OutcomeCounts.of(c);
    }

    private void workDone() {
        if (outstanding.decrementAndGet() == 0) {
            finish();
        }
    }

    private void finish() {
        OutcomeCounts c = snapshot();
        JobStatus status;
        long delivered = c.get(Outcome.DELIVERED);
        long total = c.total();
        if (cancelled && c.get(Outcome.CANCELLED) > 0) {
            status = JobStatus.CANCELLED;
        } else if (total > 0 && delivered + c.get(Outcome.SKIPPED) == total) {
            status = JobStatus.SUCCEEDED;
        } else if (delivered > 0) {
            status = JobStatus.PARTIALLY_SUCCEEDED;
        } else {
            status = JobStatus.FAILED;
        }
        JobReport report = JobReport.of(id, status, c, startedAt, rt.clock().instant(), failure);
        try {
            onFinish.accept(this);
        } finally {
            rt.listener().jobFinished(report);
            completion.complete(report);
        }
    }
}
