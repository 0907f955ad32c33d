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

    /**
     * Checks text a desktop shows (message, title): no control characters other than newline and tab, no lone
     * surrogate (a desktop shows it as {@code ?} or nothing), no bidirectional override or isolate (U+202A to
     * U+202E, U+2066 to U+2069: they reorder what the reader sees, so a text can show something else than it
     * says), and at least one visible character. Indexes in messages are UTF-16 indexes, as in
     * {@link String#charAt(int)}.
     */
    static String requireShowableText(String value, String field) {
        requireText(value, field);
        boolean visible = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    int cp = value.codePointAt(i);
                    visible |= !isInvisible(cp);
                    i++;
                    continue;
                }
                throw new InvalidRequestException(field, field + " contains a lone surrogate " + hex(c)
                        + " at index " + i + " (a high surrogate without its low half)");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidRequestException(field, field + " contains a lone surrogate " + hex(c)
                        + " at index " + i + " (a low surrogate without its high half)");
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                throw new InvalidRequestException(field,
                        field + " contains control character " + hex(c) + " at index " + i);
            }
            if (isBidiControl(c)) {
                throw new InvalidRequestException(field, field + " contains the bidirectional override or isolate "
                        + hex(c) + " at index " + i + "; it would make the text read differently than it is");
            }
            visible |= !isInvisible(c);
        }
        if (!visible) {
            throw new InvalidRequestException(field, field + " must not be blank: it holds only whitespace or "
                    + "invisible characters");
        }
        return value;
    }

    private static String hex(int c) {
        return String.format("U+%04X", c);
    }

    /** U+202A..U+202E (embeddings and overrides) and U+2066..U+2069 (isolates). */
    private static boolean isBidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    /**
     * Whether a code point shows nothing on its own: whitespace and separators, format characters (zero-width
     * space and joiners, BOM, soft hyphen, word joiner, ...), variation selectors and the combining grapheme
     * joiner, the Hangul fillers and the blank Braille pattern, which fonts draw as empty space.
     */
    static boolean isInvisible(int cp) {
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        if (type == Character.FORMAT) {
            return true;
        }
        return cp == 0x034F || cp >= 0xFE00 && cp <= 0xFE0F || cp >= 0xE0100 && cp <= 0xE01EF
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800;
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
