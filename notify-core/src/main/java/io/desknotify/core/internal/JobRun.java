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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * final record. Each unit is recorded once, by whoever {@linkplain Work#claim() claims} it: its answer, or
 * {@link #forceFinish()} at close when the answer never came.
 */
public final class JobRun implements NotificationJob {
    private static final Outcome[] OUTCOMES = Outcome.values();
    static final String CLOSED_IN_FLIGHT = "NO_ANSWER_BEFORE_CLOSE";
    static final String FOLLOW_UP_FAILED = "FOLLOW_UP_FAILED";

    private final String id;
    private final Notification notification;
    private final SendOptions options;
    private final TargetDigest digest;
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
    /** Work not yet recorded, for close() to record when its answer never comes. */
    private final Set<Work> open = ConcurrentHashMap.newKeySet();
    private final Planning planning = new Planning();

    /**
     * Guards cancel() against the start of each attempt, so that cancel() knows whether anything is left to stop:
     * {@code cancellable} counts the units not yet sent (planning, resolutions, batches not on the wire).
     */
    private final Object gate = new Object();
    private int cancellable = 1;
    private volatile boolean cancelled;
    private volatile boolean cancelledByCall;
    private volatile boolean abandoned;
    private volatile boolean forced;
    private volatile NotifyException failure;

    /** The planning step, claimed by {@link #start()} or, when it never ran, by close(). */
    private static final class Planning extends Work {
    }

    /** A resolution in flight. */
    private static final class Resolving extends Work {
        final LanePlan plan;
        final List<Target> asked;

        Resolving(LanePlan plan, List<Target> asked) {
            this.plan = plan;
            this.asked = asked;
        }
    }

    /** A provider job being polled until it ends; one poll at a time touches the mutable fields. */
    private static final class FollowUp extends Work {
        final Lane lane;
        final String providerJobId;
        final List<Target> targets;
        final List<Target> sources;
        final String requestId;
        final int attempts;
        final Instant firstAttemptAt;
        final long giveUpNanos;
        int poll = 1;
        int failures;

        FollowUp(Lane lane, String providerJobId, List<Target> targets, List<Target> sources, String requestId,
                int attempts, Instant firstAttemptAt, long giveUpNanos) {
            this.lane = lane;
            this.providerJobId = providerJobId;
            this.targets = targets;
            this.sources = sources;
            this.requestId = requestId;
            this.attempts = attempts;
            this.firstAttemptAt = firstAttemptAt;
            this.giveUpNanos = giveUpNanos;
        }
    }

    public JobRun(String id, Notification notification, SendOptions options, TargetDigest digest, Runtime rt,
            List<LanePlan> plans, int requestedTargets, Consumer<JobRun> onFinish) {
        this.id = id;
        this.notification = notification;
        this.options = options;
        this.digest = digest;
        this.rt = rt;
        this.plans = plans;
        this.requestedTargets = requestedTargets;
        this.onFinish = onFinish;
        this.startedAt = rt.clock().instant();
        this.deadlineNanos = options.deadline().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        open.add(planning);
    }

    @Override
    public String id() {
        return id;
    }

    public Notification notification() {
        return notification;
    }

    public SendOptions options() {
        return options;
    }

    /** The digest of the targets as requested, when the send had an idempotency key; else null. */
    public TargetDigest digest() {
        return digest;
    }

    @Override
    public JobProgress progress() {
        return new JobProgress(id, targets.get(), snapshot());
    }

    /** A copy per call: a caller completing or cancelling it must not change what anybody else sees. */
    @Override
    public CompletableFuture<JobReport> completion() {
        return completion.copy();
    }

    /** The job's own future, for the notifier only. */
    public CompletableFuture<JobReport> ownCompletion() {
        return completion;
    }

    @Override
    public boolean cancel() {
        synchronized (gate) {
            if (cancelled || completion.isDone() || cancellable == 0) {
                return false;
            }
            cancelled = true;
            cancelledByCall = true;
            return true;
        }
    }

    /** Used by close(): stop sending and stop following provider jobs. */
    public void abandon() {
        synchronized (gate) {
            cancelled = true;
            abandoned = true;
        }
    }

    public boolean isDone() {
        return completion.isDone();
    }

    private void releaseCancellable() {
        synchronized (gate) {
            cancellable--;
        }
    }

    /** Plans batches and resolutions; runs on the notifier's executor. */
    public void start() {
        if (!planning.claim()) {
            return; // close() recorded the job's targets before it could start
        }
        List<BatchTask> ready = new ArrayList<>();
        try {
            rt.listener().jobStarted(id, requestedTargets);
            for (LanePlan plan : plans) {
                if (plan.toResolve.isEmpty()) {
                    ready.addAll(enqueue(plan));
                } else {
                    resolveThenEnqueue(plan);
                }
            }
        } catch (RuntimeException e) {
            failure = new NotifyException("planning job " + id + " failed: " + e, e);
        } finally {
            plans = null;
            open.remove(planning);
            // planning stops counting as cancellable only once every batch it made counts, and before any of
            // them can go out: a cancel() that sees something cancellable always finds a batch it can stop
            releaseCancellable();
            submit(ready);
            workDone();
        }
    }

    /** Adds a unit of work; false when close() has already forced the job, and the caller must record it now. */
    private boolean register(Work w) {
        outstanding.incrementAndGet();
        open.add(w);
        // forced is set before close() looks at open: either it sees this unit, or this sees forced
        return !forced;
    }

    private void resolveThenEnqueue(LanePlan plan) {
        List<Target> asked = plan.toResolve;
        plan.toResolve = List.of();
        Resolving unit = new Resolving(plan, asked);
        synchronized (gate) {
            cancellable++;
        }
        if (!register(unit)) {
            forceResolving(unit);
            return;
        }
        Lane lane = plan.lane;
        try {
            checkStillWanted(lane.provider());
        } catch (Stop stop) {
            if (unit.claim()) {
                targets.addAndGet(asked.size());
                settleAll(lane, asked, null, stop.outcome, stop.code, stop.getMessage(), null, 0, null, null);
                cancelUnsent(plan, stop);
                done(unit, true);
            }
            return;
        }
        lane.resolve(new ResolveRequest(id, asked, options.onlyConnected())).whenComplete((resolution, error) -> {
            if (!unit.claim()) {
                return; // close() recorded these targets already
            }
            List<BatchTask> ready = new ArrayList<>();
            try {
                if (error != null) {
                    Failure f = classify(lane, Lane.unwrap(error), false);
                    targets.addAndGet(asked.size());
                    settleAll(lane, asked, null, f.outcome, f.code, "could not resolve targets: " + f.message,
                            f.requestId, 0, null, null);
                    // the targets that needed no resolution are still sent
                    ready.addAll(enqueue(plan));
                } else {
                    settle(lane, resolution.settled());
                    List<Target> deliverable = resolution.deliverable();
                    List<Target> sources = resolution.sources();
                    Target only = asked.size() == 1 ? asked.get(0) : null;
                    for (int i = 0; i < deliverable.size(); i++) {
                        Target t = deliverable.get(i);
                        Target source = !sources.isEmpty() ? sources.get(i) : only;
                        if (lane.capabilities().isNative(t.kind())) {
                            plan.addResolved(t, source);
                        } else {
                            targets.incrementAndGet();
                            settleAll(lane, List.of(t), null, Outcome.FAILED, "UNRESOLVED_KIND",
                                    lane.provider() + " resolved a target to " + t.kind() + ", which it cannot deliver",
                                    null, 0, null, null);
                        }
                    }
                    ready.addAll(enqueue(plan));
                }
            } catch (RuntimeException e) {
                failure = new NotifyException("handling resolution of job " + id + " failed: " + e, e);
            } finally {
                // as in start(): the resolution stops counting as cancellable before its batches can go out
                done(unit, true);
                submit(ready);
            }
        });
    }

    /** Records the targets a plan would have batched as not sent, e.g. when its resolution failed. */
    private void cancelUnsent(LanePlan plan, Stop stop) {
        plan.releaseSeen();
        for (List<Target> all : plan.direct.values()) {
            targets.addAndGet(all.size());
            settleAll(plan.lane, all, null, stop.outcome, stop.code, stop.getMessage(), null, 0, null, null);
        }
        plan.direct.clear();
        plan.sources.clear();
    }

    private void done(Work unit, boolean wasCancellable) {
        open.remove(unit);
        if (wasCancellable) {
            releaseCancellable();
        }
        workDone();
    }

    /**
     * Makes the plan's batches, each counted as cancellable and registered; the caller {@linkplain #submit submits}
     * them once its own unit no longer counts.
     */
    private List<BatchTask> enqueue(LanePlan plan) {
        List<BatchTask> ready = new ArrayList<>();
        plan.releaseSeen();
        Lane lane = plan.lane;
        for (Map.Entry<io.desknotify.api.TargetKind, List<Target>> e : plan.direct.entrySet()) {
            List<Target> all = e.getValue();
            List<Target> allSources = plan.sources.get(e.getKey());
            int size = lane.capabilities().maxBatchSize(e.getKey());
            targets.addAndGet(all.size());
            for (int from = 0; from < all.size(); from += size) {
                int to = Math.min(all.size(), from + size);
                // copied once here: Batch keeps an immutable list as it is, on every attempt, and the job's full
                // list is not held alive by views of it until the last batch ends
                BatchTask task = new BatchTask(this, lane, e.getKey(), List.copyOf(all.subList(from, to)),
                        sourcesOf(allSources, from, to));
                synchronized (gate) {
                    task.cancellable = true;
                    cancellable++;
                }
                if (register(task)) {
                    ready.add(task);
                } else {
                    forceBatch(task);
                }
            }
        }
        plan.direct.clear();
        plan.sources.clear();
        return ready;
    }

    private static void submit(List<BatchTask> ready) {
        for (BatchTask task : ready) {
            task.lane.submit(task);
        }
    }

    private static List<Target> sourcesOf(List<Target> all, int from, int to) {
        if (all == null) {
            return null;
        }
        Target[] part = new Target[to - from];
        boolean any = false;
        for (int i = from; i < to; i++) {
            part[i - from] = all.get(i);
            any |= part[i - from] != null;
        }
        return any ? Arrays.asList(part) : null;
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

    /**
     * Called just before an attempt's request goes out; throws {@link Stop} when it must not. Under the gate, so
     * that a cancel() that returned true stops this attempt, and a cancel() that comes after it knows this batch
     * is on the wire.
     */
    void beforeAttempt(BatchTask task, String provider) {
        if (task.isSettled()) {
            throw new Stop(Outcome.CANCELLED, "NOTIFIER_CLOSED", "not sent: the notifier was closed");
        }
        synchronized (gate) {
            checkStillWanted(provider);
            if (task.cancellable) {
                task.cancellable = false;
                cancellable--;
            }
            task.onWire = true;
        }
    }

    /** Whether the job's deadline, if any, still allows an attempt at {@code nanos} ({@link System#nanoTime}). */
    boolean mayWaitUntil(long nanos) {
        return deadlineNanos == Long.MAX_VALUE || deadlineNanos - nanos > 0;
    }

    /** Called when an attempt's answer (or failure) came; {@code willRetry} when it provably reached nobody. */
    void attemptEnded(BatchTask task, boolean willRetry) {
        synchronized (gate) {
            task.onWire = false;
            if (willRetry && !task.cancellable && !cancelled) {
                task.cancellable = true;
                cancellable++;
            }
        }
    }

    void batchFinished(Lane lane, BatchTask task, BatchResult result, Throwable error) {
        if (!task.claim()) {
            return; // close() recorded this batch already
        }
        boolean wasCancellable;
        synchronized (gate) {
            wasCancellable = task.cancellable;
            task.cancellable = false;
        }
        try {
            if (error == null) {
                accept(lane, task, result);
            } else {
                Failure f = classify(lane, error, task.maybeDelivered);
                settleAll(lane, task.targets, task.sources, f.outcome, f.code, f.message, f.requestId,
                        task.attempts, task.firstAttemptAt, null);
            }
            Duration latency = task.attempts == 0 ? Duration.ZERO
                    : Duration.ofNanos(System.nanoTime() - task.firstAttemptNanos);
            rt.listener().batchFinished(lane.provider(), task.kind, task.targets.size(), task.attempts, latency,
                    error == null);
        } catch (RuntimeException e) {
            failure = new NotifyException("recording a batch of job " + id + " failed: " + e, e);
        } finally {
            done(task, wasCancellable);
        }
    }

    private void accept(Lane lane, BatchTask task, BatchResult result) {
        Map<String, TargetResult> per = index(result.perTarget());
        String providerJobId = result.providerJobId().orElse(null);
        String requestId = result.requestId().orElse(null);
        DeliveryRecord.Builder builder = records(lane, providerJobId, requestId, task.attempts, task.firstAttemptAt);
        List<DeliveryRecord> records = new ArrayList<>(task.targets.size());
        List<Target> pending = null;
        List<Target> pendingSources = null;
        String noJobMessage = null;
        for (int i = 0; i < task.targets.size(); i++) {
            Target t = task.targets.get(i);
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
                    pendingSources = task.sources == null ? null : new ArrayList<>();
                }
                pending.add(t);
                if (pendingSources != null) {
                    pendingSources.add(task.source(i));
                }
            }
            records.add(builder.target(t).requestedTarget(task.source(i)).outcome(outcome).error(code, message)
                    .build());
        }
        save(lane, records);
        if (pending != null) {
            FollowUp f = new FollowUp(lane, providerJobId, pending, pendingSources, requestId, task.attempts,
                    task.firstAttemptAt, System.nanoTime() + rt.polling().timeout().toNanos());
            if (register(f)) {
                schedulePoll(f);
            } else {
                forceFollowUp(f);
            }
        }
    }

    private void schedulePoll(FollowUp f) {
        try {
            rt.scheduler().schedule(() -> pollOnce(f), rt.polling().delayBefore(f.poll).toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // close() stopped the scheduler while this batch was in flight: nobody will poll again
            finishFollowUp(f, "NOTIFIER_CLOSED", "the notifier was closed before the provider job ended");
        }
    }

    private void pollOnce(FollowUp f) {
        if (f.isSettled()) {
            return;
        }
        if (abandoned) {
            finishFollowUp(f, "NOTIFIER_CLOSED", "the notifier was closed before the provider job ended");
            return;
        }
        CompletionStage<ProviderJobStatus> stage;
        try {
            stage = f.lane.poll(new ProviderJobPoll(f.providerJobId, f.targets, f.poll));
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((status, error) -> {
            try {
                if (f.isSettled()) {
                    return;
                }
                boolean late = System.nanoTime() - f.giveUpNanos > 0;
                if (error != null) {
                    Throwable cause = Lane.unwrap(error);
                    f.failures++;
                    if (cause instanceof AuthenticationException) {
                        Failure fl = classify(f.lane, cause, true);
                        finishFollowUp(f, fl.code, "could not follow provider job " + f.providerJobId + ": "
                                + fl.message);
                    } else if (f.failures >= rt.polling().maxConsecutiveFailures() || late) {
                        Failure fl = classify(f.lane, cause, true);
                        finishFollowUp(f, FOLLOW_UP_FAILED, "the provider accepted the targets as job "
                                + f.providerJobId + ", but following it failed " + f.failures + " time(s) in a row"
                                + (late ? " until the follow-up timed out" : "") + "; last error (" + fl.code + "): "
                                + fl.message);
                    } else {
                        f.poll++;
                        schedulePoll(f);
                    }
                } else if (status.finished()) {
                    foldJob(f, status);
                } else if (late) {
                    finishFollowUp(f, "PROVIDER_JOB_TIMEOUT",
                            "provider job " + f.providerJobId + " still running after " + rt.polling().timeout());
                } else {
                    f.failures = 0;
                    f.poll++;
                    schedulePoll(f);
                }
            } catch (RuntimeException e) {
                failure = new NotifyException("following provider job of job " + id + " failed: " + e, e);
                finishFollowUp(f, "INTERNAL_ERROR", "following the provider job failed: " + e);
            }
        });
    }

    private void foldJob(FollowUp f, ProviderJobStatus status) {
        if (!f.claim()) {
            return;
        }
        try {
            Map<String, TargetResult> per = index(status.perTarget());
            DeliveryRecord.Builder builder = records(f.lane, f.providerJobId, f.requestId, f.attempts,
                    f.firstAttemptAt);
            List<DeliveryRecord> records = new ArrayList<>(f.targets.size());
            for (int i = 0; i < f.targets.size(); i++) {
                Target t = f.targets.get(i);
                TargetResult r = per.get(t.value());
                Outcome outcome = r != null ? r.outcome() : status.defaultOutcome();
                if (!outcome.isFinal()) {
                    outcome = Outcome.UNKNOWN;
                }
                records.add(builder.target(t).requestedTarget(f.sources == null ? null : f.sources.get(i))
                        .outcome(outcome).error(r != null ? r.errorCode() : null, r != null ? r.errorMessage() : null)
                        .build());
            }
            save(f.lane, records, true);
        } finally {
            done(f, false);
        }
    }

    private void finishFollowUp(FollowUp f, String code, String message) {
        if (!f.claim()) {
            return;
        }
        try {
            settleFollowUp(f, code, message);
        } finally {
            done(f, false);
        }
    }

    private void settleFollowUp(FollowUp f, String code, String message) {
        settleAll(f.lane, f.targets, f.sources, Outcome.UNKNOWN, code, message, f.requestId, f.attempts,
                f.firstAttemptAt, f.providerJobId);
    }

    // ---- close()

    /**
     * Records every unit whose answer has not come as close() must leave it: batches on the wire (or that may
     * have been acted on) UNKNOWN, batches not sent CANCELLED, provider jobs still followed UNKNOWN, resolutions
     * in flight CANCELLED. Called by close() after {@link #abandon()} and its wait; answers that come later are
     * ignored.
     */
    public void forceFinish() {
        forced = true;
        for (Work w : List.copyOf(open)) {
            if (w instanceof BatchTask task) {
                forceBatch(task);
            } else if (w instanceof FollowUp f) {
                forceFollowUp(f);
            } else if (w instanceof Resolving r) {
                forceResolving(r);
            } else if (w instanceof Planning p && p.claim()) {
                // start() never ran: nothing was sent
                for (LanePlan plan : plans) {
                    Stop stop = new Stop(Outcome.CANCELLED, "NOTIFIER_CLOSED", "not sent: the notifier was closed");
                    targets.addAndGet(plan.toResolve.size());
                    settleAll(plan.lane, plan.toResolve, null, stop.outcome, stop.code, stop.getMessage(), null, 0,
                            null, null);
                    cancelUnsent(plan, stop);
                }
                plans = null;
                done(p, true);
            }
        }
    }

    private void forceBatch(BatchTask task) {
        if (!task.claim()) {
            return;
        }
        boolean wasCancellable;
        synchronized (gate) {
            wasCancellable = task.cancellable;
            task.cancellable = false;
        }
        try {
            Lane lane = task.lane;
            if (task.onWire || task.maybeDelivered) {
                settleAll(lane, task.targets, task.sources, Outcome.UNKNOWN, CLOSED_IN_FLIGHT, "the notifier was "
                        + "closed while the request for this target was on its way and its answer never came; the "
                        + "provider may have shown it", null, task.attempts, task.firstAttemptAt, null);
            } else {
                settleAll(lane, task.targets, task.sources, Outcome.CANCELLED, "NOTIFIER_CLOSED",
                        "not sent: the notifier was closed", null, task.attempts, task.firstAttemptAt, null);
            }
        } finally {
            done(task, wasCancellable);
        }
    }

    private void forceFollowUp(FollowUp f) {
        finishFollowUp(f, "NOTIFIER_CLOSED", "the notifier was closed before the provider job ended");
    }

    private void forceResolving(Resolving r) {
        if (!r.claim()) {
            return;
        }
        try {
            Stop stop = new Stop(Outcome.CANCELLED, "NOTIFIER_CLOSED", "not sent: the notifier was closed while "
                    + "its targets were being resolved");
            targets.addAndGet(r.asked.size());
            settleAll(r.plan.lane, r.asked, null, stop.outcome, stop.code, stop.getMessage(), null, 0, null, null);
            cancelUnsent(r.plan, stop);
        } finally {
            done(r, true);
        }
    }

    // ---- outcomes

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

    private void settleAll(Lane lane, List<Target> ts, List<Target> sources, Outcome outcome, String code,
            String message, String requestId, int attempts, Instant firstAttemptAt, String providerJobId) {
        if (ts.isEmpty()) {
            return;
        }
        DeliveryRecord.Builder builder = records(lane, providerJobId, requestId, attempts, firstAttemptAt)
                .outcome(outcome).error(code, message);
        List<DeliveryRecord> records = new ArrayList<>(ts.size());
        for (int i = 0; i < ts.size(); i++) {
            records.add(builder.target(ts.get(i)).requestedTarget(sources == null ? null : sources.get(i)).build());
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

    /** The status of a finished job, as {@link JobStatus} documents it. */
    static JobStatus status(OutcomeCounts c, boolean cancelledByCall, boolean closedFirst) {
        long delivered = c.get(Outcome.DELIVERED);
        long total = c.total();
        if (cancelledByCall || closedFirst && c.get(Outcome.CANCELLED) > 0) {
            return JobStatus.CANCELLED;
        }
        if (total > 0 && delivered + c.get(Outcome.SKIPPED) == total) {
            return JobStatus.SUCCEEDED;
        }
        if (delivered > 0) {
            return JobStatus.PARTIALLY_SUCCEEDED;
        }
        if (c.get(Outcome.FAILED) == 0 && c.get(Outcome.UNKNOWN) > 0) {
            return JobStatus.UNKNOWN;
        }
        return JobStatus.FAILED;
    }

    private void finish() {
        OutcomeCounts c = snapshot();
        JobReport report = JobReport.of(id, status(c, cancelledByCall, abandoned), c, startedAt,
                rt.clock().instant(), failure);
        try {
            onFinish.accept(this);
            rt.listener().jobFinished(report);
        } finally {
            completion.complete(report);
        }
    }
}
