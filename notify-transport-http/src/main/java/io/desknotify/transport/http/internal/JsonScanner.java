package io.desknotify.transport.http.internal;

import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser.Event;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict pull parser of a UTF-8 JSON body held in memory (RFC 8259), with the events of
 * {@link jakarta.json.stream.JsonParser}, for answers so large that the general parser's cost shows: it reads the
 * bytes in place, compares member names without making strings of them, and makes a string only of what the
 * caller asks for. It refuses what {@link Jsons#parse} refuses, reads nothing after the top-level value (as that
 * does), and turns malformed UTF-8 into U+FFFD as decoding does. It refuses nesting deeper than its bound with the
 * message of {@link Jsons#checkDepth}, so a hostile answer cannot make it grow without the caller scanning the body
 * twice.
 *
 * <p>Not thread-safe: one scanner per body.
 */
public final class JsonScanner {
    private static final int OBJECT_FIRST = 0;
    private static final int OBJECT_AFTER_KEY = 1;
    private static final int OBJECT_AFTER_VALUE = 2;
    private static final int ARRAY_FIRST = 3;
    private static final int ARRAY_AFTER_VALUE = 4;

    /** The bytes that end a plain run in a string: the quote, the backslash and the control characters. */
    private static final boolean[] SPECIAL = new boolean[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            SPECIAL[c] = true;
        }
        SPECIAL['"'] = true;
        SPECIAL['\\'] = true;
    }

    private final byte[] in;
    private final int maxDepth;
    private int pos;
    private int[] stack = new int[16];
    private int depth;
    private boolean started;
    // the current string or number token: [start, end) of the bytes, and whether a string holds escapes
    private int start;
    private int end;
    private boolean escaped;
    private Event current;

    /**
     * A scanner of {@code body}, which it does not copy.
     *
     * @param body     UTF-8 JSON
     * @param maxDepth the deepest nesting of objects and arrays allowed
     */
    public JsonScanner(byte[] body, int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1 but was " + maxDepth);
        }
        this.in = body;
        this.maxDepth = maxDepth;
    }

    /**
     * Whether another event follows: false once the top-level value has ended.
     *
     * @return whether {@link #next()} may be called
     */
    public boolean hasNext() {
        return !started || depth > 0;
    }

    /**
     * Reads the next event.
     *
     * @return the event
     * @throws Jsons.MalformedJsonException when the body is not valid JSON there, or nothing follows
     */
    public Event next() {
        if (!started) {
            started = true;
            skipWhitespace();
            if (pos >= in.length) {
                throw malformed("no value");
            }
            return current = value();
        }
        if (depth == 0) {
            throw malformed("nothing follows the value");
        }
        skipWhitespace();
        int state = stack[depth - 1];
        switch (state) {
            case OBJECT_FIRST -> {
                if (peek() == '}') {
                    pos++;
                    return current = close(Event.END_OBJECT);
                }
                return current = key();
            }
            case OBJECT_AFTER_KEY -> {
                expect(':');
                skipWhitespace();
                stack[depth - 1] = OBJECT_AFTER_VALUE;
                return current = value();
            }
            case OBJECT_AFTER_VALUE -> {
                int c = peek();
                if (c == '}') {
                    pos++;
                    return current = close(Event.END_OBJECT);
                }
                expect(',');
                skipWhitespace();
                return current = key();
            }
            case ARRAY_FIRST -> {
                if (peek() == ']') {
                    pos++;
                    return current = close(Event.END_ARRAY);
                }
                stack[depth - 1] = ARRAY_AFTER_VALUE;
                return current = value();
            }
            default -> {
                int c = peek();
                if (c == ']') {
                    pos++;
                    return current = close(Event.END_ARRAY);
                }
                expect(',');
                skipWhitespace();
                return current = value();
            }
        }
    }

    /**
     * Whether the current {@code KEY_NAME} or {@code VALUE_STRING} is {@code text}, compared without making a string.
     *
     * @param text ASCII text without characters that need escaping
     * @return whether they are equal
     */
    public boolean is(String text) {
        if (escaped) {
            return getString().equals(text);
        }
        int n = end - start;
        if (n != text.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The current {@code KEY_NAME} or {@code VALUE_STRING}, unescaped, or the text of the current
     * {@code VALUE_NUMBER}.
     *
     * @return the text
     */
    public String getString() {
        if (!escaped) {
            return new String(in, start, end - start, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(end - start);
        int i = start;
        while (i < end) {
            int run = i;
            while (i < end && in[i] != '\\') {
                i++;
            }
            if (i > run) {
                sb.append(new String(in, run, i - run, StandardCharsets.UTF_8));
            }
            if (i >= end) {
                break;
            }
            byte e = in[i + 1];
            i += 2;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                default -> { // 'u', checked when scanned
                    sb.append((char) (hex(in[i]) << 12 | hex(in[i + 1]) << 8 | hex(in[i + 2]) << 4 | hex(in[i + 3])));
                    i += 4;
                }
            }
        }
        return sb.toString();
    }

    /**
     * The current scalar value as the tree read holds it: a string, a number (its text that of a
     * {@link BigDecimal}), {@code true}, {@code false} or {@code null}.
     *
     * @return the value
     * @throws IllegalStateException when the current event is not a scalar value
     */
    public JsonValue getValue() {
        return switch (current) {
            case VALUE_STRING -> Jsons.provider().createValue(getString());
            case VALUE_NUMBER -> Jsons.provider().createValue(new BigDecimal(getString()));
            case VALUE_TRUE -> JsonValue.TRUE;
            case VALUE_FALSE -> JsonValue.FALSE;
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IllegalStateException("not a scalar value: " + current);
        };
    }

    /**
     * Reads past the value that began with {@code e} (nothing more when it is a scalar), checking its grammar.
     *
     * @param e the event the value began with
     */
    public void skip(Event e) {
        if (e == Event.START_OBJECT || e == Event.START_ARRAY) {
            int until = depth - 1;
            while (depth > until) {
                next();
            }
        }
    }

    private Event close(Event e) {
        depth--;
        return e;
    }

    private Event key() {
        if (peek() != '"') {
            throw malformed("a member name was expected");
        }
        string();
        stack[depth - 1] = OBJECT_AFTER_KEY;
        return Event.KEY_NAME;
    }

    private Event value() {
        int c = peek();
        switch (c) {
            case '{' -> {
                pos++;
                push(OBJECT_FIRST);
                return Event.START_OBJECT;
            }
            case '[' -> {
                pos++;
                push(ARRAY_FIRST);
                return Event.START_ARRAY;
            }
            case '"' -> {
                string();
                return Event.VALUE_STRING;
            }
            case 't' -> {
                literal("true");
                return Event.VALUE_TRUE;
            }
            case 'f' -> {
                literal("false");
                return Event.VALUE_FALSE;
            }
            case 'n' -> {
                literal("null");
                return Event.VALUE_NULL;
            }
            default -> {
                number();
                return Event.VALUE_NUMBER;
            }
        }
    }

    private void push(int state) {
        if (depth == maxDepth) {
            throw Jsons.tooDeep(maxDepth);
        }
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = state;
    }

    /** Scans a string from its opening quote; sets start, end and escaped. */
    private void string() {
        pos++;
        start = pos;
        escaped = false;
        byte[] b = in;
        while (true) {
            // the run of plain bytes first, in locals: most strings (ids, states) are nothing else
            int p = pos;
            while (p < b.length && !SPECIAL[b[p] & 0xff]) {
                p++;
            }
            pos = p;
            if (pos >= b.length) {
                throw malformed("a string does not end");
            }
            int c = b[pos] & 0xff;
            if (c == '"') {
                end = pos++;
                return;
            }
            if (c < 0x20) {
                throw malformed("a control character in a string");
            }
            // a backslash, the only special byte left
            escaped = true;
            if (pos + 1 >= in.length) {
                throw malformed("a string does not end");
            }
            int e = in[pos + 1];
            if (e == 'u') {
                if (pos + 5 >= in.length || hex(in[pos + 2]) < 0 || hex(in[pos + 3]) < 0 || hex(in[pos + 4]) < 0
                        || hex(in[pos + 5]) < 0) {
                    throw malformed("a bad \\u escape");
                }
                pos += 6;
                continue;
            }
            if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
                throw malformed("a bad escape");
            }
            pos += 2;
        }
    }

    /** Scans {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}; sets start and end. */
    private void number() {
        start = pos;
        escaped = false;
        if (peek() == '-') {
            pos++;
        }
        int c = peek();
        if (c == '0') {
            pos++;
        } else if (c >= '1' && c <= '9') {
            digits();
        } else {
            throw malformed("a value was expected");
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw malformed("a digit was expected after the decimal point");
            }
            digits();
        }
        c = peek();
        if (c == 'e' || c == 'E') {
            pos++;
            c = peek();
            if (c == '+' || c == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw malformed("a digit was expected in the exponent");
            }
            digits();
        }
        end = pos;
    }

    private void digits() {
        while (isDigit(peek())) {
            pos++;
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) {
        if (pos + word.length() > in.length) {
            throw malformed("a value was expected");
        }
        for (int i = 0; i < word.length(); i++) {
            if (in[pos + i] != word.charAt(i)) {
                throw malformed("a value was expected");
            }
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw malformed("'" + c + "' was expected");
        }
        pos++;
    }

    /** The byte at the position, or -1 at the end. */
    private int peek() {
        return pos < in.length ? in[pos] & 0xff : -1;
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte b = in[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    private Jsons.MalformedJsonException malformed(String problem) {
        return new Jsons.MalformedJsonException("body is not valid JSON: " + problem + " at offset " + pos);
    }
}
