package io.desknotify.core.internal;

import io.desknotify.api.Target;
import java.util.HashSet;
import java.util.List;

/**
 * Appends targets to a list unless a target with the same id was appended through this object before. Used to
 * de-duplicate a job's targets of one kind while planning it; dropped once the batches are cut.
 *
 * <p>The index is open addressing over two {@code int} arrays (the id's hash and the target's position in the
 * list), not a {@code HashSet}: no node per target, and no object reference written into a large, long-lived
 * array at a random place. Such writes each dirty a card for the garbage collector to scan, and for a million
 * targets G1's refinement threads spent more CPU on them than the planning itself. Probing compares hashes and
 * looks at a listed target only when they are equal. The slot comes from the high bits of the hash times the
 * golden ratio (Fibonacci hashing): numbered ids have hashes in regular steps that pile up into probe runs of a
 * thousand slots with the plain low bits. Should a probe run still grow long (many equal hashes, e.g. crafted
 * ids), the index moves to a {@link HashSet}, whose tree bins keep such input at logarithmic cost. Not thread-safe.
 */
final class DistinctTargets {
    // far above the longest run seen for a million random or numbered ids (about 40): only equal hashes reach it
    private static final int MAX_PROBES = 256;

    private final List<Target> list;
    private int[] hashes;
    private int[] positions;
    private int shift;
    private int size;
    private HashSet<String> fallback;

    /**
     * @param list     where targets are appended; may be shared with other instances (each de-duplicates only what
     *                 it appended itself)
     * @param expected how many targets will likely be added; the index holds that many without growing
     */
    DistinctTargets(List<Target> list, int expected) {
        this.list = list;
        int capacity = 16;
        while (capacity < expected * 2L && capacity < 1 << 30) {
            capacity <<= 1;
        }
        hashes = new int[capacity];
        positions = new int[capacity];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    /** Appends the target to the list; false (and nothing appended) when its id was appended before. */
    boolean add(Target target) {
        String id = target.value();
        if (fallback != null) {
            if (!fallback.add(id)) {
                return false;
            }
            list.add(target);
            return true;
        }
        int h = hash(id);
        int mask = hashes.length - 1;
        int i = h >>> shift;
        for (int probes = 0; probes < MAX_PROBES; probes++) {
            int there = hashes[i];
            if (there == 0) {
                hashes[i] = h;
                positions[i] = list.size();
                list.add(target);
                // keep at least half of the slots free, so that probe runs stay short
                if (++size * 2 > hashes.length) {
                    grow();
                }
                return true;
            }
            if (there == h && list.get(positions[i]).value().equals(id)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        fallBack();
        return add(target);
    }

    /** Whether the index moved to a {@link HashSet} after a long probe run; for tests. */
    boolean fellBack() {
        return fallback != null;
    }

    // never 0, which marks a free slot
    private static int hash(String id) {
        return id.hashCode() * 0x9E3779B9 | 1;
    }

    private void grow() {
        int[] oldHashes = hashes;
        int[] oldPositions = positions;
        hashes = new int[oldHashes.length * 2];
        positions = new int[oldHashes.length * 2];
        shift--;
        int mask = hashes.length - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldHashes[j] != 0) {
                int i = oldHashes[j] >>> shift;
                while (hashes[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[j];
                positions[i] = oldPositions[j];
            }
        }
    }

    private void fallBack() {
        fallback = new HashSet<>(Math.max(16, size * 2));
        for (int j = 0; j < hashes.length; j++) {
            if (hashes[j] != 0) {
                fallback.add(list.get(positions[j]).value());
            }
        }
        hashes = null;
        positions = null;
    }
}
