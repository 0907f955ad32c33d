package io.desknotify.core.internal;

import io.desknotify.api.Target;

/**
 * A 128-bit digest of a send's targets as requested (provider, kind, id), independent of their order, so that a
 * second send with the same idempotency key can be compared with the first without keeping a copy of its
 * targets. Two independent 64-bit hashes per target are summed; a reordered list gives the same digest, a list
 * with a target more, less or changed another one (but for a chance of about 2^-64 per pair of requests).
 * Not thread-safe while it is being filled.
 */
public final class TargetDigest {
    private long count;
    private long sumA;
    private long sumB;

    /**
     * Adds one target.
     *
     * @param provider the provider the target goes to (its own or the default one)
     * @param target   the target, or null (which never equals a valid request)
     */
    public void add(String provider, Target target) {
        count++;
        if (target == null) {
            sumA += 0x5DEECE66DL;
            sumB += 0x2545F4914F6CDD1DL;
            return;
        }
        long a = 0xCBF29CE484222325L ^ target.kind().ordinal();
        long b = 0x9E3779B97F4A7C15L + target.kind().ordinal();
        a = mix(a, b, provider);
        b = mix2(b, provider);
        a = mix(a, b, target.value());
        b = mix2(b, target.value());
        sumA += fmix(a);
        sumB += fmix(b ^ 0xC2B2AE3D27D4EB4FL);
    }

    private static long mix(long h, long salt, String s) {
        h ^= s.length();
        h *= 0x100000001B3L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
        }
        return h ^ (salt >>> 7);
    }

    private static long mix2(long h, String s) {
        h = h * 31 + s.length();
        for (int i = 0; i < s.length(); i++) {
            h = (h + s.charAt(i)) * 0xFF51AFD7ED558CCDL;
            h ^= h >>> 29;
        }
        return h;
    }

    /** MurmurHash3's 64-bit finaliser. */
    private static long fmix(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /**
     * Whether two digests come from the same targets, in any order.
     *
     * @param other another digest
     * @return true when count and both sums are equal
     */
    public boolean sameAs(TargetDigest other) {
        return count == other.count && sumA == other.sumA && sumB == other.sumB;
    }
}
