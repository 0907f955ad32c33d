package io.desknotify.testkit.horizon;

import io.desknotify.testkit.internal.Jsons;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Horizon's JSON query filters, checked against the filter types the published definition allows per field of
 * the listed model ("Supported Filters" of each field).
 */
final class Filters {

    /** A filter the real server refuses (answered 400 and journaled as a contract violation). */
    static final class InvalidFilter extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidFilter(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> EQUALS = Set.of("Equals");
    private static final Set<String> TEXT = Set.of("Equals", "StartsWith", "Contains");

    /** The models a list API filters, with the filter types each field allows. */
    enum Model {
        /** SessionInfo of {@code GET /rest/inventory/v1/sessions}. */
        SESSION_INFO("SessionInfo", Set.of("And", "Or", "Equals", "NotEquals", "Contains"), false, sessionFields()),
        /** ADUserOrGroupSummary of {@code GET /rest/external/v1/ad-users-or-groups}. */
        AD_USER_OR_GROUP("ADUserOrGroupSummary", Set.of("And", "Or", "Equals", "StartsWith", "Contains"), true,
                adFields());

        final String name;
        final Set<String> types;
        /** Active Directory compares names without regard to case. */
        final boolean ignoreCase;
        final Map<String, Set<String>> fields;

        Model(String name, Set<String> types, boolean ignoreCase, Map<String, Set<String>> fields) {
            this.name = name;
            this.types = types;
            this.ignoreCase = ignoreCase;
            this.fields = fields;
        }

        private static Map<String, Set<String>> sessionFields() {
            java.util.HashMap<String, Set<String>> m = new java.util.HashMap<>();
            for (String f : List.of("id", "user_id", "desktop_pool_id", "machine_id", "session_type",
                    "access_group_id", "agent_version", "broker_user_id", "brokered_remotely", "disconnected_time",
                    "farm_id", "idle_duration", "last_session_duration_ms", "rds_server_id", "resourced_remotely",
                    "session_protocol", "start_time", "unauthenticated")) {
                m.put(f, EQUALS);
            }
            m.put("session_state", Set.of("Equals", "NotEquals"));
            m.put("application_names", Set.of("Contains"));
            return Map.copyOf(m);
        }

        private static Map<String, Set<String>> adFields() {
            java.util.HashMap<String, Set<String>> m = new java.util.HashMap<>();
            for (String f : List.of("login_name", "name", "email", "description", "phone", "user_principal_name")) {
                m.put(f, TEXT);
            }
            for (String f : List.of("domain", "id", "guid")) {
                m.put(f, EQUALS);
            }
            return Map.copyOf(m);
        }
    }

    private Filters() {
    }

    /**
     * @param json the filter text (already URL-decoded), or null for "match everything"
     * @param model the model the list API returns
     * @return a predicate over "field name → value" lookups
     * @throws InvalidFilter naming the rule the filter breaks
     */
    static Predicate<Function<String, String>> parse(String json, Model model) {
        if (json == null) {
            return f -> true;
        }
        JsonValue v;
        try {
            v = Jsons.parse(json);
        } catch (JsonException e) {
            throw new InvalidFilter("the filter is not valid JSON");
        }
        return compile(v, model);
    }

    private static Predicate<Function<String, String>> compile(JsonValue v, Model model) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidFilter("a filter must be a JSON object");
        }
        JsonObject o = v.asJsonObject();
        String type = Jsons.string(o, "type");
        if (type == null) {
            throw new InvalidFilter("a filter needs a type");
        }
        if (!model.types.contains(type)) {
            throw new InvalidFilter("filter type " + type + " is not supported by " + model.name
                    + " (supported: " + new java.util.TreeSet<>(model.types) + ")");
        }
        switch (type) {
            case "And", "Or" -> {
                JsonValue list = o.get("filters");
                if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY || list.asJsonArray().isEmpty()) {
                    throw new InvalidFilter(type + " needs a non-empty filters array");
                }
                List<Predicate<Function<String, String>>> parts = new ArrayList<>();
                for (JsonValue x : list.asJsonArray()) {
                    if (type.equals("Or") && model == Model.AD_USER_OR_GROUP && !equalsOnDomainOrId(x)) {
                        throw new InvalidFilter("an Or filter on ADUserOrGroupSummary may nest only Equals filters"
                                + " on domain or id");
                    }
                    parts.add(compile(x, model));
                }
                return type.equals("And")
                        ? f -> parts.stream().allMatch(p -> p.test(f))
                        : f -> parts.stream().anyMatch(p -> p.test(f));
            }
            default -> {
                String name = Jsons.string(o, "name");
                Set<String> allowed = name == null ? null : model.fields.get(name);
                if (allowed == null) {
                    throw new InvalidFilter("field " + name + " of " + model.name + " supports no filter");
                }
                if (!allowed.contains(type)) {
                    throw new InvalidFilter("field " + name + " of " + model.name + " supports only "
                            + new java.util.TreeSet<>(allowed) + ", not " + type);
                }
                JsonValue raw = o.get("value");
                if (raw == null || raw.getValueType() == JsonValue.ValueType.NULL) {
                    throw new InvalidFilter(type + " needs a value");
                }
                String value = raw.getValueType() == JsonValue.ValueType.STRING
                        ? Jsons.string(o, "value") : raw.toString();
                return leaf(type, name, value, model.ignoreCase);
            }
        }
    }

    private static boolean equalsOnDomainOrId(JsonValue v) {
        if (v.getValueType() != JsonValue.ValueType.OBJECT) {
            return false;
        }
        JsonObject o = v.asJsonObject();
        String name = Jsons.string(o, "name");
        return "Equals".equals(Jsons.string(o, "type")) && ("domain".equals(name) || "id".equals(name));
    }

    private static Predicate<Function<String, String>> leaf(String type, String name, String value,
                                                            boolean ignoreCase) {
        String lower = value.toLowerCase(Locale.ROOT);
        Predicate<String> equal = x -> x != null && (ignoreCase ? value.equalsIgnoreCase(x) : value.equals(x));
        return switch (type) {
            case "Equals" -> f -> equal.test(f.apply(name));
            case "NotEquals" -> f -> !equal.test(f.apply(name));
            case "Contains" -> f -> {
                String x = f.apply(name);
                return x != null && (ignoreCase ? x.toLowerCase(Locale.ROOT).contains(lower) : x.contains(value));
            };
            default -> f -> {
                String x = f.apply(name);
                return x != null && (ignoreCase ? x.toLowerCase(Locale.ROOT).startsWith(lower) : x.startsWith(value));
            };
        };
    }
}
