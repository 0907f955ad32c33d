package io.desknotify.testkit;

import java.util.Collection;

/**
 * Injects faults into a running emulator. Obtained from the emulator's {@code faults()}.
 *
 * <p>Thread-safe: faults may be injected or cleared while requests are being served.
 * When several injections match a request, the first one injected whose trigger fires wins.
 *
 * <pre>{@code
 * FaultInjector faults = emulator.faults();
 * faults.inject(Route.HUAWEI_SEND_DESKTOPS, Fault.throttled(Duration.ofSeconds(1)), Trigger.next(2));
 * faults.inject(Route.HUAWEI_JOB, Fault.connectionReset(), Trigger.withProbability(0.1));
 * faults.failTarget(someDesktopId);          // that desktop's sub-job / session item fails
 * faults.clear();
 * }</pre>
 */
public interface FaultInjector {

    /**
     * Adds a fault on a route.
     *
     * @param route the route of the emulator to misbehave on
     * @param fault what happens
     * @param trigger when it happens
     * @throws IllegalArgumentException if the route does not belong to this emulator's provider
     */
    void inject(Route route, Fault fault, Trigger trigger);

    /**
     * Makes every future delivery to these targets (Huawei desktop ids, Horizon session ids)
     * fail individually: a FAILED sub-job on Huawei, a non-200 item on Horizon. The call
     * itself still succeeds and the other targets are delivered.
     *
     * @param targetIds desktop or session ids
     */
    void failTargets(Collection<String> targetIds);

    /**
     * Convenience for one target.
     *
     * @param targetId a desktop or session id
     * @see #failTargets(Collection)
     */
    default void failTarget(String targetId) {
        failTargets(java.util.List.of(targetId));
    }

    /**
     * Makes each delivered target fail individually with this probability, drawn from the
     * emulator's seeded random.
     *
     * @param probability within [0, 1]; 0 switches random target failures off
     * @throws IllegalArgumentException if outside [0, 1]
     */
    void failTargetsWithProbability(double probability);

    /** Removes every injected fault and target failure, and resets the {@linkplain #strikes strike counts}. */
    void clear();

    /**
     * @param route a route
     * @return how many requests on that route were struck by a fault so far
     */
    int strikes(Route route);
}
