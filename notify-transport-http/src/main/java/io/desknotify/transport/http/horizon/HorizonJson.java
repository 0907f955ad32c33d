package io.desknotify.transport.http.horizon;

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
import java.util.function.Consumer;

/** JSON for the Horizon transport: one provider, looked up once (a ServiceLoader scan is not per-request work). */
final class HorizonJson {
    static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());

    private HorizonJson() {
    }

    /** The body was not JSON. The message never quotes the body. */
    static final class MalformedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    static JsonStructure parse(byte[] body) {
        try (JsonReader r = READERS.createReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8)) {
            return r.read();
        } catch (JsonException | IllegalStateException e) {
            throw new MalformedException("not valid JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The string member, or {@code null} when absent or not a string. */
    static String string(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v instanceof JsonString s ? s.getString() : null;
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
