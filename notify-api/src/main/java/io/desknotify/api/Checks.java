package io.desknotify.api;

import java.time.Duration;

/** Argument checks shared by the API's builders; each failure names the offending field. */
final class Checks {
    private Checks() {
    }

    static String requireText(String value, String field) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " must not be null");
        }
        if (value.isBlank()) {
            throw new InvalidRequestException(field, field + " must not be blank");
        }
        return value;
    }

    /** Rejects control characters other than newline and tab: desktops render them unpredictably or not at all. */
    static String requireNoControlChars(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new InvalidRequestException(field,
                        field + " contains control character U+" + String.format("%04X", (int) c) + " at index " + i);
            }
        }
        return value;
    }

    /** Identifiers are single-line printable strings. */
    static String requireId(String value, String field) {
        requireText(value, field);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidRequestException(field, field + " contains a control character at index " + i);
            }
        }
        if (value.length() > 512) {
            throw new InvalidRequestException(field, field + " is longer than 512 characters");
        }
        return value;
    }

    static Duration requirePositive(Duration value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive but was " + value);
        }
        return value;
    }

    static int requireNonNegative(int value, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative but was " + value);
        }
        return value;
    }
}
