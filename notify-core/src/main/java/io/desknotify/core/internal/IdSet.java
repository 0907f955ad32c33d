package io.desknotify.core.internal;

import java.util.HashSet;

/**
 * A set of strings with open addressing: one array slot per entry instead of a {@code HashMap} node, so
 * de-duplicating a million target ids allocates a few arrays rather than a million nodes. Not thread-safe.
 *
 * <p>Each slot keeps the id's hash beside it, so probing compares ints and touches another id only when the hashes
 * are equal. The slot is taken from the high bits of the hash times the golden ratio (Fibonacci hashing): numbered
 * ids have hashes in regular steps, which with the plain low bits pile up into probe runs of a thousand slots and
 * more; scrambled, a million numbered ids probe one extra slot on average. Should a probe run still grow long
 * (many equal hashes, e.g. crafted ids), the set moves its ids to a {@link HashSet}, whose tree bins keep such
 * input at logarithmic cost.
 */
final class IdSet {
    // far above the longest run of a million random or numbered ids (about 40), so only equal hashes reach it
    private static final int MAX_PROBES = 256;

    private String[] ids;
    private int[] hashes;
    private int shift;
    private int size;
    private HashSet<String> fallback;

    IdSet() {
        this(0);
    }

    /** A set that holds {@code expected} ids without growing. */
    IdSet(int expected) {
        int capacity = 16;
        while (capacity < expected * 2L && capacity < 1 << 30) {
            capacity <<= 1;
        }
        ids = new String[capacity];
        hashes = new int[capacity];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
    }

    /** Adds the id; false when an equal id is already in the set. */
    boolean add(String id) {
        if (fallback != null) {
            return fallback.add(id);
        }
        int h = hash(id);
        int mask = ids.length - 1;
        int i = h >>> shift;
        for (int probes = 0; probes < MAX_PROBES; probes++) {
            int there = hashes[i];
            if (there == 0) {
                hashes[i] = h;
                ids[i] = id;
                // keep at least half of the slots free, so that probe runs stay short
                if (++size * 2 > ids.length) {
                    grow();
                }
                return true;
            }
            if (there == h && ids[i].equals(id)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        fallBack();
        return fallback.add(id);
    }

    int size() {
        return fallback != null ? fallback.size() : size;
    }

    /** Whether the ids moved to a {@link HashSet} after a long probe run; for tests. */
    boolean fellBack() {
        return fallback != null;
    }

    // never 0, which marks a free slot
    private static int hash(String id) {
        return id.hashCode() * 0x9E3779B9 | 1;
    }

    private void grow() {
        String[] oldIds = ids;
        int[] oldHashes = hashes;
        ids = new String[oldIds.length * 2];
        hashes = new int[oldIds.length * 2];
        shift--;
        int mask = ids.length - 1;
        for (int j = 0; j < oldIds.length; j++) {
            if (oldHashes[j] != 0) {
                int i = oldHashes[j] >>> shift;
                while (hashes[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[j];
                ids[i] = oldIds[j];
            }
        }
    }

    private void fallBack() {
        fallback = new HashSet<>(Math.max(16, size * 2));
        for (String id : ids) {
            if (id != null) {
                fallback.add(id);
            }
        }
        ids = null;
        hashes = null;
    }
}
