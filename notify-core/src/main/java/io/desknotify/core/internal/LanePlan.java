package io.desknotify.core.internal;

import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.TransportCapabilities;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The targets of one job for one lane, de-duplicated by kind and id as they are added. The lists hold each target
 * once; the indexes that de-duplicate them ({@link DistinctTargets}) are dropped when the batches are cut.
 */
public final class LanePlan {
    final Lane lane;
    private final boolean resolveAll;
    final Map<TargetKind, List<Target>> direct = new EnumMap<>(TargetKind.class);
    // beside each list of direct, the requested target (user, pool) each resolved target came from, or null where
    // it was requested as it is; made only when a resolution reports a source, so direct sends pay nothing
    final Map<TargetKind, List<Target>> sources = new EnumMap<>(TargetKind.class);
    // targets to deliver as they are and targets to resolve are de-duplicated apart: a target sent to
    // resolution comes back as deliverable and must not then count as its own duplicate
    private final Map<TargetKind, DistinctTargets> seen = new EnumMap<>(TargetKind.class);
    private final Map<TargetKind, DistinctTargets> seenForResolution = new EnumMap<>(TargetKind.class);
    List<Target> toResolve = new ArrayList<>();
    // sizes the first index and list made, so that a large single-provider job does not grow them step by step
    private int expected;

    /**
     * @param resolveAll send every target through {@code resolve} (only connected targets wanted and the transport
     *                   filters connections)
     * @param expected   how many targets this plan will likely get; 0 when unknown
     */
    public LanePlan(Lane lane, boolean resolveAll, int expected) {
        this.lane = lane;
        this.resolveAll = resolveAll;
        this.expected = expected;
    }

    private int takeExpected() {
        int n = expected;
        expected = 0;
        return n;
    }

    public Lane lane() {
        return lane;
    }

    /** Adds a validated target; returns false when it duplicates one already added. */
    public boolean add(Target target) {
        TransportCapabilities caps = lane.capabilities();
        if (resolveAll || !caps.isNative(target.kind())) {
            // not computeIfAbsent here and below: its lambda would capture this and be allocated once per target
            DistinctTargets distinct = seenForResolution.get(target.kind());
            if (distinct == null) {
                distinct = new DistinctTargets(toResolve, takeExpected());
                seenForResolution.put(target.kind(), distinct);
            }
            return distinct.add(target);
        }
        return addResolved(target, null);
    }

    /**
     * Adds a target returned by resolution; false when it duplicates a target already planned.
     *
     * @param source the requested target it was resolved from, or null (or the target) when it was requested as is
     */
    boolean addResolved(Target target, Target source) {
        DistinctTargets distinct = seen.get(target.kind());
        if (distinct == null) {
            int n = takeExpected();
            List<Target> list = new ArrayList<>(Math.max(10, n));
            direct.put(target.kind(), list);
            distinct = new DistinctTargets(list, n);
            seen.put(target.kind(), distinct);
        }
        if (!distinct.add(target)) {
            return false;
        }
        boolean differs = source != null && !source.equals(target);
        List<Target> src = sources.get(target.kind());
        if (src == null && differs) {
            int before = direct.get(target.kind()).size() - 1;
            src = new ArrayList<>(before + 16);
            for (int i = 0; i < before; i++) {
                src.add(null);
            }
            sources.put(target.kind(), src);
        }
        if (src != null) {
            src.add(differs ? source : null);
        }
        return true;
    }

    /** The de-duplication indexes are not needed once the batches are cut. */
    void releaseSeen() {
        seen.clear();
        seenForResolution.clear();
    }
}
