package io.desknotify.transport.http.internal;

import java.nio.charset.StandardCharsets;

/**
 * Writes a compact JSON request body of objects, arrays and strings straight into text, for the bodies sent once per
 * batch (a hundred ids and a message), where building a {@link jakarta.json.JsonValue} tree and running the general
 * generator over it cost more than the request's signature. Strings are escaped as RFC 8259 requires ({@code "},
 * {@code \}, and the control characters below U+0020); everything else is written as it is and encoded as UTF-8 at
 * the end, an unpaired surrogate becoming {@code ?} as the JDK's encoder (and so the general generator) makes it.
 *
 * <p>The caller nests the calls correctly; the writer places the commas. Not thread-safe: one writer per body.
 */
public final class JsonWriter {
    private final StringBuilder out;
    // one bit per open object or array, from the innermost: whether it has a member or element already
    private long hasItems;
    private int depth;
    private boolean afterName;

    private JsonWriter(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    /**
     * A writer whose text starts with room for {@code capacity} characters.
     *
     * @param capacity the expected length of the body, so that it is not regrown
     * @return a new writer
     */
    public static JsonWriter withCapacity(int capacity) {
        return new JsonWriter(Math.max(16, capacity));
    }

    /** Opens an object. */
    public JsonWriter beginObject() {
        open('{');
        return this;
    }

    /** Closes the innermost object. */
    public JsonWriter endObject() {
        close('}');
        return this;
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        open('[');
        return this;
    }

    /** Closes the innermost array. */
    public JsonWriter endArray() {
        close(']');
        return this;
    }

    /** Writes a member name in the innermost object; its value is written next. */
    public JsonWriter name(String name) {
        separate();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    /** Writes a string value. */
    public JsonWriter value(String value) {
        separate();
        string(value);
        return this;
    }

    /** The body written so far, as UTF-8. */
    public byte[] toBytes() {
        if (depth != 0) {
            throw new IllegalStateException(depth + " objects or arrays are still open");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void open(char c) {
        separate();
        if (depth == Long.SIZE) {
            throw new IllegalStateException("more than " + Long.SIZE + " levels of nesting");
        }
        out.append(c);
        hasItems <<= 1;
        depth++;
    }

    private void close(char c) {
        if (depth == 0) {
            throw new IllegalStateException("nothing is open to close");
        }
        out.append(c);
        hasItems >>>= 1;
        depth--;
    }

    /** A comma before every item of an object or array but its first; none between a name and its value. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            if ((hasItems & 1) != 0) {
                out.append(',');
            }
            hasItems |= 1;
        }
    }

    private void string(String s) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, plain, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
            plain = i + 1;
        }
        // nothing escaped, as in ids and most texts: one copy (appending a range of a String copies char by char)
        (plain == 0 ? out.append(s) : out.append(s, plain, s.length())).append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
