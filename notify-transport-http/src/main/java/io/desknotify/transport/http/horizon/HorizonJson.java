package io.desknotify.transport.http.horizon;

import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.util.function.Consumer;

/** The Horizon transport's view of the shared {@link Jsons}: nullable accessors and generator-written bodies. */
final class HorizonJson {
    static final JsonProvider PROVIDER = Jsons.provider();

    private HorizonJson() {
    }

    /**
     * Parses an answer body (object or array).
     *
     * @throws Jsons.MalformedJsonException when it is not JSON or nested too deeply
     */
    static JsonStructure parse(byte[] body) {
        return Jsons.parse(body, Jsons.DEFAULT_MAX_DEPTH);
    }

    /** The string member, or {@code null} when absent or not a string. */
    static String string(JsonObject o, String name) {
        return Jsons.string(o, name).orElse(null);
    }

    /** The integral number member (also accepted as a numeric string), or {@code null}. */
    static Integer integer(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v instanceof JsonNumber n && n.isIntegral()) {
            return n.intValue();
        }
        if (v instanceof JsonString s) {
            try {
                return Integer.valueOf(s.getString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Writes one JSON value with a generator, as compact UTF-8. */
    static byte[] write(Consumer<JsonGenerator> content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = PROVIDER.createGenerator(out)) {
            content.accept(g);
        }
        return out.toByteArray();
    }
}
