package io.desknotify.testkit.internal;

import java.time.Duration;
import java.util.Objects;

/** The argument checks of the emulators' builders: one wording for every emulator. */
public final class Checks {

    private Checks() {
    }

    /**
     * @param v a value
     * @param name the parameter's name, for the message
     * @return {@code v}
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is blank
     */
    public static String nonBlank(String v, String name) {
        Objects.requireNonNull(v, name);
        if (v.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return v;
    }

    /**
     * @param v a value
     * @param name the parameter's name, for the message
     * @return {@code v}
     * @throws IllegalArgumentException if it is below 1
     */
    public static int positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1: " + v);
        }
        return v;
    }

    /**
     * @param d a duration
     * @param name the parameter's name, for the message
     * @return {@code d}
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /**
     * @param d a duration
     * @param name the parameter's name, for the message
     * @return {@code d}
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is negative
     */
    public static Duration nonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        return d;
    }
}
