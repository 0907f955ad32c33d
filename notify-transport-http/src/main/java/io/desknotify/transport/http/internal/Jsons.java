package io.desknotify.transport.http.internal;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@link JsonProvider} of the HTTP transports, and the few JSON operations they need. Looking a provider
 * up costs a {@link java.util.ServiceLoader} scan, so it is done once here and never per request.
 *
 * <p>Thread-safe: providers and factories are.
 */
public final class Jsons {

    /** Deepest nesting of objects and arrays accepted in a response; provider answers are 4 or 5 deep. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    private static final JsonProvider PROVIDER = JsonProvider.provider();
    // Parsson enforces its own depth limit too when given this setting; other providers ignore it.
    private static final JsonReaderFactory READERS =
            PROVIDER.createReaderFactory(Map.of("org.eclipse.parsson.maxDepth", DEFAULT_MAX_DEPTH));

    private Jsons() {
    }

    /** The shared provider, for building values ({@code createObjectBuilder()}, ...). */
    public static JsonProvider provider() {
        return PROVIDER;
    }

    /**
     * Parses a response body that must be a JSON object.
     *
     * @param body     UTF-8 JSON
     * @param maxDepth the deepest nesting allowed
     * @throws MalformedJsonException when the body is not JSON, not an object, or nested deeper than allowed
     */
    public static JsonObject parseObject(byte[] body, int maxDepth) {
        JsonStructure s = parse(body, maxDepth);
        if (!(s instanceof JsonObject o)) {
            throw new MalformedJsonException("expected a JSON object but got " + s.getValueType());
        }
        return o;
    }

    /**
     * Parses a response body that must be a JSON object or array.
     *
     * @throws MalformedJsonException when the body is not JSON or nested deeper than allowed
     */
    public static JsonStructure parse(byte[] body, int maxDepth) {
        checkDepth(body, maxDepth);
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            return reader.read();
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedJsonException("body is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Refuses JSON nested deeper than {@code maxDepth} before any parser sees it, so that a hostile answer cannot
     * exhaust the stack. Structural characters are ASCII and never part of a UTF-8 multi-byte sequence, so
     * scanning bytes is exact.
     *
     * @throws MalformedJsonException when the body is nested deeper than allowed
     */
    public static void checkDepth(byte[] body, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > maxDepth) {
                    throw tooDeep(maxDepth);
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
    }

    /** Serializes a value as compact UTF-8 JSON. */
    public static byte[] toBytes(JsonValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = PROVIDER.createGenerator(out)) {
            g.write(value);
        }
        return out.toByteArray();
    }

    /** The refusal of a body nested deeper than {@code maxDepth}, the same from every reader. */
    static MalformedJsonException tooDeep(int maxDepth) {
        return new MalformedJsonException("JSON nested deeper than " + maxDepth + " levels refused");
    }

    /** The string member {@code name}, if present and a string. */
    public static Optional<String> string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? Optional.of(s.getString()) : Optional.empty();
    }

    /** The member {@code name} rendered as text when it is a string, number or boolean. */
    public static Optional<String> text(JsonObject o, String name) {
        return text(o.get(name));
    }

    /** The value rendered as text when it is a string, number or boolean; empty for null (absent) and others. */
    public static Optional<String> text(JsonValue v) {
        if (v == null) {
            return Optional.empty();
        }
        return switch (v.getValueType()) {
            case STRING -> Optional.of(((JsonString) v).getString());
            case NUMBER -> Optional.of(v.toString());
            case TRUE -> Optional.of("true");
            case FALSE -> Optional.of("false");
            default -> Optional.empty();
        };
    }

    /** The integral number member {@code name}, if present and integral. */
    public static Optional<Long> longValue(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v instanceof JsonNumber n && n.isIntegral()) {
            return Optional.of(n.longValue());
        }
        return Optional.empty();
    }

    /** The array member {@code name}, if present and an array. */
    public static Optional<JsonArray> array(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonArray a ? Optional.of(a) : Optional.empty();
    }

    /** The object member {@code name}, if present and an object. */
    public static Optional<JsonObject> object(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonObject obj ? Optional.of(obj) : Optional.empty();
    }

    /** A response body was not the JSON expected. The message never quotes the body. */
    public static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedJsonException(String message) {
            super(message);
        }
    }
}
