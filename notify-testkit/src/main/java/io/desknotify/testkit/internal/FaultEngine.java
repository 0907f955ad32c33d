package io.desknotify.testkit.internal;

import io.desknotify.testkit.Fault;
import io.desknotify.testkit.FaultInjector;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Holds injected faults of one emulator and decides, per request, which one strikes. */
public final class FaultEngine implements FaultInjector {

    private static final class Rule {
        final Route route;
        final Fault fault;
        final Trigger trigger;
        final AtomicInteger remaining;
        final AtomicInteger skipLeft;

        Rule(Route route, Fault fault, Trigger trigger) {
            this.route = route;
            this.fault = fault;
            this.trigger = trigger;
            this.remaining = new AtomicInteger(trigger.count());
            this.skipLeft = new AtomicInteger(trigger.skip());
        }
    }

    private final Route.Provider provider;
    private final Random random;
    private final CopyOnWriteArrayList<Rule> rules = new CopyOnWriteArrayList<>();
    private final Set<String> failingTargets = ConcurrentHashMap.newKeySet();
    private volatile double targetFailureProbability;
    private final Map<Route, AtomicInteger> strikes = new EnumMap<>(Route.class);

    /**
     * @param provider the provider whose routes are accepted
     * @param seed seed of the random used by probabilistic triggers
     */
    public FaultEngine(Route.Provider provider, long seed) {
        this.provider = provider;
        this.random = new Random(seed);
        for (Route r : Route.values()) {
            strikes.put(r, new AtomicInteger());
        }
    }

    @Override
    public void inject(Route route, Fault fault, Trigger trigger) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(trigger, "trigger");
        if (route.provider() != provider) {
            throw new IllegalArgumentException("route " + route.name() + " does not belong to " + provider);
        }
        rules.add(new Rule(route, fault, trigger));
    }

    @Override
    public void failTargets(Collection<String> targetIds) {
        Objects.requireNonNull(targetIds, "targetIds");
        targetIds.forEach(id -> failingTargets.add(Objects.requireNonNull(id, "targetIds element")));
    }

    @Override
    public void failTargetsWithProbability(double probability) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be within [0, 1]: " + probability);
        }
        this.targetFailureProbability = probability;
    }

    @Override
    public void clear() {
        rules.clear();
        failingTargets.clear();
        targetFailureProbability = 0.0;
        strikes.values().forEach(c -> c.set(0));
    }

    @Override
    public int strikes(Route route) {
        return strikes.get(route).get();
    }

    /**
     * Picks the fault striking one request on a route, consuming its trigger.
     *
     * @param route the matched route
     * @return the fault, or {@code null} when none strikes
     */
    public Fault pick(Route route) {
        for (Rule rule : rules) {
            if (rule.route != route) {
                continue;
            }
            if (rule.skipLeft.get() > 0 && rule.skipLeft.getAndUpdate(x -> x > 0 ? x - 1 : 0) > 0) {
                continue;
            }
            if (rule.trigger.count() > 0) {
                int left = rule.remaining.getAndDecrement();
                if (left <= 0) {
                    rules.remove(rule);
                    continue;
                }
                if (left == 1) {
                    rules.remove(rule);
                }
            } else if (rule.trigger.probability() < 1.0 && !chance(rule.trigger.probability())) {
                continue;
            }
            strikes.get(route).incrementAndGet();
            return rule.fault;
        }
        return null;
    }

    /**
     * @param targetId a desktop or session id being delivered to
     * @return true when that delivery must fail individually
     */
    public boolean targetFails(String targetId) {
        if (failingTargets.contains(targetId)) {
            return true;
        }
        double p = targetFailureProbability;
        return p > 0.0 && chance(p);
    }

    private boolean chance(double p) {
        synchronized (random) {
            return random.nextDouble() < p;
        }
    }
}
