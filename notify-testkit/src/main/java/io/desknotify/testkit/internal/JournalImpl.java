package io.desknotify.testkit.internal;

import io.desknotify.testkit.ContractViolation;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.ShownNotification;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Optional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** Lock-free journal: appends to queues, counts per target in a concurrent map. */
public final class JournalImpl implements Journal {

    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final Map<Route, LongAdder> requestCounts = new EnumMap<>(Route.class);
    private final Map<Route, LongAdder> refusedCounts = new EnumMap<>(Route.class);
    private final ConcurrentLinkedQueue<ShownNotification> shown = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, AtomicInteger> shownCounts = new ConcurrentHashMap<>();
    private final LongAdder totalShown = new LongAdder();
    private final AtomicReference<Instant> lastShown = new AtomicReference<>();
    private final ConcurrentLinkedQueue<ContractViolation> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger violationCount = new AtomicInteger();

    /** Most violations kept: enough to show what went wrong, bounded so a broken benchmark cannot fill the heap. */
    static final int MAX_VIOLATIONS = 10_000;

    private final boolean details;

    /**
     * Creates an empty journal.
     *
     * @param details false to keep only counts (no request or notification lists)
     */
    public JournalImpl(boolean details) {
        this.details = details;
        for (Route r : Route.values()) {
            requestCounts.put(r, new LongAdder());
            refusedCounts.put(r, new LongAdder());
        }
    }

    /**
     * Records a received request.
     *
     * @param request the request
     */
    public void record(RecordedRequest request) {
        if (details) {
            requests.add(request);
        }
        if (request.route() != null) {
            requestCounts.get(request.route()).increment();
        }
    }

    /**
     * Records that a request limit refused a request already {@linkplain #record(RecordedRequest) recorded}.
     *
     * @param route the request's route
     */
    public void recordRefused(Route route) {
        refusedCounts.get(route).increment();
    }

    /**
     * Records a notification shown on a target.
     *
     * @param notification what was shown
     */
    public void record(ShownNotification notification) {
        if (details) {
            shown.add(notification);
        }
        shownCounts.computeIfAbsent(notification.targetId(), k -> new AtomicInteger()).incrementAndGet();
        totalShown.increment();
        lastShown.accumulateAndGet(notification.time(), (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    @Override
    public Optional<Instant> lastShown() {
        return Optional.ofNullable(lastShown.get());
    }

    /**
     * Records a request that broke a rule of the published API. Kept with or without details, up to
     * {@link #MAX_VIOLATIONS}.
     *
     * @param violation the request and the rule
     */
    public void record(ContractViolation violation) {
        if (violationCount.getAndIncrement() < MAX_VIOLATIONS) {
            violations.add(violation);
        }
    }

    @Override
    public List<ContractViolation> contractViolations() {
        return List.copyOf(violations);
    }

    @Override
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public List<RecordedRequest> requests(Route route) {
        return requests.stream().filter(r -> r.route() == route).toList();
    }

    @Override
    public int requestCount(Route route) {
        return requestCounts.get(route).intValue();
    }

    @Override
    public int refusedCount(Route route) {
        return refusedCounts.get(route).intValue();
    }

    @Override
    public List<ShownNotification> shown() {
        return List.copyOf(shown);
    }

    @Override
    public List<ShownNotification> shownOn(String targetId) {
        return shown.stream().filter(s -> s.targetId().equals(targetId)).toList();
    }

    @Override
    public int shownCount(String targetId) {
        AtomicInteger c = shownCounts.get(targetId);
        return c == null ? 0 : c.get();
    }

    @Override
    public Map<String, Integer> shownTargets() {
        Map<String, Integer> copy = new HashMap<>(shownCounts.size() * 2);
        shownCounts.forEach((k, v) -> copy.put(k, v.get()));
        return Map.copyOf(copy);
    }

    @Override
    public int totalShown() {
        return totalShown.intValue();
    }

    @Override
    public Set<String> targetsShownMoreThanOnce() {
        return shownCounts.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void clear() {
        requests.clear();
        requestCounts.values().forEach(LongAdder::reset);
        refusedCounts.values().forEach(LongAdder::reset);
        shown.clear();
        shownCounts.clear();
        totalShown.reset();
        lastShown.set(null);
        violations.clear();
        violationCount.set(0);
    }

    @Override
    public String toString() {
        return "Journal[requests=" + requests.size() + ", shown=" + totalShown.intValue()
                + (violationCount.get() == 0 ? "" : ", contractViolations=" + violationCount.get()) + "]";
    }
}
