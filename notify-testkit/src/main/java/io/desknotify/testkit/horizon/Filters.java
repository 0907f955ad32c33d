package io.desknotify.testkit.horizon;

import io.desknotify.testkit.internal.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** Horizon's JSON query filters: Equals, NotEquals, Contains, StartsWith, And, Or, Not. */
final class Filters {

    /** Thrown for a filter the emulator cannot understand; answered as 400. */
    static final class InvalidFilter extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidFilter(String message) {
            super(message, null, false, false);
        }
    }

    private Filters() {
    }

    /**
     * @param json the filter text (already URL-decoded), or null for "match everything"
     * @param fields names a filter may use
     * @param caseInsensitive names whose Equals/NotEquals ignore case (Active Directory names)
     * @return a predicate over "field name → value" lookups
     */
    static Predicate<Function<String, String>> parse(String json, Set<String> fields, Set<String> caseInsensitive) {
        if (json == null || json.isBlank()) {
            return f -> true;
        }
        JsonValue v;
        try {
            v = Jsons.parse(json);
        } catch (JsonException e) {
            throw new InvalidFilter("filter is not valid JSON");
        }
        return compile(v, fields, caseInsensitive);
    }

    private static Predicate<Function<String, String>> compile(JsonValue v, Set<String> fields,
                                                               Set<String> caseInsensitive) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidFilter("a filter must be a JSON object");
        }
        JsonObject o = v.asJsonObject();
        String type = Jsons.string(o, "type");
        if (type == null) {
            throw new InvalidFilter("a filter needs a type");
        }
        switch (type) {
            case "And", "Or" -> {
                JsonValue list = o.get("filters");
                if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY || list.asJsonArray().isEmpty()) {
                    throw new InvalidFilter(type + " needs a non-empty filters array");
                }
                List<Predicate<Function<String, String>>> parts = new ArrayList<>();
                list.asJsonArray().forEach(x -> parts.add(compile(x, fields, caseInsensitive)));
                return type.equals("And")
                        ? f -> parts.stream().allMatch(p -> p.test(f))
                        : f -> parts.stream().anyMatch(p -> p.test(f));
            }
            case "Not" -> {
                JsonValue inner = o.get("filter");
                if (inner == null) {
                    throw new InvalidFilter("Not needs a filter");
                }
                Predicate<Function<String, String>> p = compile(inner, fields, caseInsensitive);
                return p.negate();
            }
            case "Equals", "NotEquals", "Contains", "StartsWith" -> {
                String name = Jsons.string(o, "name");
                if (name == null || !fields.contains(name)) {
                    throw new InvalidFilter("unsupported filter field: " + name + "; supported: " + fields);
                }
                JsonValue raw = o.get("value");
                if (raw == null || raw.getValueType() == JsonValue.ValueType.NULL) {
                    throw new InvalidFilter(type + " needs a value");
                }
                String value = raw.getValueType() == JsonValue.ValueType.STRING
                        ? Jsons.string(o, "value") : raw.toString();
                boolean ignoreCase = caseInsensitive.contains(name);
                Predicate<String> equal = x -> x != null && (ignoreCase ? value.equalsIgnoreCase(x) : value.equals(x));
                return switch (type) {
                    case "Equals" -> f -> equal.test(f.apply(name));
                    case "NotEquals" -> f -> !equal.test(f.apply(name));
                    case "Contains" -> f -> {
                        String x = f.apply(name);
                        return x != null && x.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
                    };
                    default -> f -> {
                        String x = f.apply(name);
                        return x != null && x.startsWith(value);
                    };
                };
            }
            default -> throw new InvalidFilter("unsupported filter type: " + type);
        }
    }
}
