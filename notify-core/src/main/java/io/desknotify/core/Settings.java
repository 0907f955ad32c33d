package io.desknotify.core;

import java.time.Duration;

/** Checks shared by the core's builders. */
final class Settings {
    private Settings() {
    }

    static Duration positive(Duration value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
        return value;
    }

    /** A growth factor: at least 1 and finite (NaN refused too). */
    static double atLeastOne(double value, String name) {
        if (!(value >= 1.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
        }
        return value;
    }
}
