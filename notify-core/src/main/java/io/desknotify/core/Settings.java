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
}
