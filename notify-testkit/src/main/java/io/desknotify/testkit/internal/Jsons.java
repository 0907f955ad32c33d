package io.desknotify.testkit.internal;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;

/** The one JSON provider of the testkit and a few helpers around it. */
public final class Jsons {

    /** Looked up once: provider lookup goes through ServiceLoader and is costly. */
    private static final JsonProvider PROVIDER = JsonProvider.provider();
    private static final JsonReaderFactory READERS = PROVIDER.createReaderFactory(Map.of());
    private static final JsonWriterFactory WRITERS = PROVIDER.createWriterFactory(Map.of());
    private static final JsonBuilderFactory BUILDERS = PROVIDER.createBuilderFactory(Map.of());

    private Jsons() {
    }

    /** @return a new object builder */
    public static JsonObjectBuilder object() {
        return BUILDERS.createObjectBuilder();
    }

    /** @return a new array builder */
    public static JsonArrayBuilder array() {
        return BUILDERS.createArrayBuilder();
    }

    /**
     * Parses a request body.
     *
     * @param body UTF-8 JSON
     * @return the value
     * @throws JsonException if the body is not JSON
     */
    public static JsonValue parse(byte[] body) {
        try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(body))) {
            return reader.readValue();
        }
    }

    /**
     * Parses a body that must be a JSON object.
     *
     * @param body UTF-8 JSON
     * @return the object
     * @throws JsonException if the body is not a JSON object
     */
    public static JsonObject parseObject(byte[] body) {
        JsonValue value = parse(body);
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new JsonException("expected a JSON object");
        }
        return value.asJsonObject();
    }

    /**
     * Parses JSON text.
     *
     * @param text JSON
     * @return the value
     */
    public static JsonValue parse(String text) {
        return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * @param value a JSON structure
     * @return its UTF-8 bytes
     */
    public static byte[] bytes(JsonStructure value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonWriter writer = WRITERS.createWriter(out)) {
            writer.write(value);
        }
        return out.toByteArray();
    }

    /**
     * @param object an object
     * @param key a key
     * @return the string value, or {@code null} when absent or not a string
     */
    public static String string(JsonObject object, String key) {
        JsonValue v = object.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.STRING
                ? ((jakarta.json.JsonString) v).getString() : null;
    }
}
