package io.desknotify.core.internal;

/**
 * A set of strings with open addressing: one array slot per entry instead of a {@code HashMap} node, so
 * de-duplicating a million target ids allocates a few arrays rather than a million nodes. Not thread-safe.
 */
final class IdSet {
    private String[] slots;
    private int size;

    IdSet() {
        this(0);
    }

    /** A set that holds {@code expected} ids without growing. */
    IdSet(int expected) {
        int capacity = 16;
        while (capacity < expected * 2L && capacity < 1 << 30) {
            capacity <<= 1;
        }
        slots = new String[capacity];
    }

    /** Adds the id; false when an equal id is already in the set. */
    boolean add(String id) {
        if (add(slots, id)) {
            // keep at least half of the slots free, so that probe runs stay short
            if (++size * 2 > slots.length) {
                grow();
            }
            return true;
        }
        return false;
    }

    int size() {
        return size;
    }

    private static boolean add(String[] table, String id) {
        int mask = table.length - 1;
        int i = spread(id.hashCode()) & mask;
        while (true) {
            String there = table[i];
            if (there == null) {
                table[i] = id;
                return true;
            }
            if (there.equals(id)) {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        String[] bigger = new String[slots.length * 2];
        for (String id : slots) {
            if (id != null) {
                add(bigger, id);
            }
        }
        slots = bigger;
    }

    // ids are often numbered, and their String hashes then come in regular steps; multiplying (Fibonacci hashing)
    // scatters such runs so that linear probing does not pile them into long clusters
    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
