package io.desknotify.core.internal;

import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.TransportCapabilities;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The targets of one job for one lane, de-duplicated by kind and id as they are added. Only ids are kept in the
 * sets (the strings the targets already hold), so de-duplicating a million targets costs one array slot each.
 */
public final class LanePlan {
    final Lane lane;
    private final boolean resolveAll;
    final Map<TargetKind, List<Target>> direct = new EnumMap<>(TargetKind.class);
    // targets to deliver as they are and targets to resolve are de-duplicated apart: a target sent to
    // resolution comes back as deliverable and must not then count as its own duplicate
    private final Map<TargetKind, IdSet> seen = new EnumMap<>(TargetKind.class);
    private final Map<TargetKind, IdSet> seenForResolution = new EnumMap<>(TargetKind.class);
    List<Target> toResolve = new ArrayList<>();
    // sizes the first set and list made, so that a large single-provider job does not grow them step by step
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

    private IdSet newSet() {
        return new IdSet(takeExpected());
    }

    private List<Target> newList() {
        return new ArrayList<>(Math.max(10, takeExpected()));
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
            if (!set(seenForResolution, target.kind()).add(target.value())) {
                return false;
            }
            toResolve.add(target);
            return true;
        }
        return addResolved(target);
    }

    /** Adds a target returned by resolution; false when it duplicates a target already planned. */
    boolean addResolved(Target target) {
        if (!set(seen, target.kind()).add(target.value())) {
            return false;
        }
        List<Target> list = direct.get(target.kind());
        if (list == null) {
            list = newList();
            direct.put(target.kind(), list);
        }
        list.add(target);
        return true;
    }

    // not computeIfAbsent: its lambda would capture this and be allocated once per target
    private IdSet set(Map<TargetKind, IdSet> sets, TargetKind kind) {
        IdSet set = sets.get(kind);
        if (set == null) {
            set = newSet();
            sets.put(kind, set);
        }
        return set;
    }

    /** The de-duplication sets are not needed once the batches are cut. */
    void releaseSeen() {
        seen.clear();
        seenForResolution.clear();
    }
}
