package io.desknotify.transport.http.horizon;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Horizon's query filters ({@code {"type":"Equals","name":..,"value":..}}, {@code And}/{@code Or} with
 * {@code filters}) and their encoding into a query parameter.
 */
final class HorizonFilters {
    private HorizonFilters() {
    }

    static JsonObject equalTo(String name, String value) {
        return HorizonJson.PROVIDER.createObjectBuilder()
                .add("type", "Equals").add("name", name).add("value", value).build();
    }

    static JsonObject and(List<JsonObject> filters) {
        return combine("And", filters);
    }

    /** An {@code Or} of the filters; a single filter is returned as it is. */
    static JsonObject or(List<JsonObject> filters) {
        return filters.size() == 1 ? filters.get(0) : combine("Or", filters);
    }

    private static JsonObject combine(String type, List<JsonObject> filters) {
        JsonArrayBuilder a = HorizonJson.PROVIDER.createArrayBuilder();
        filters.forEach(a::add);
        return HorizonJson.PROVIDER.createObjectBuilder().add("type", type).add("filters", a).build();
    }

    /** The compact JSON of the filter, percent-encoded as one query parameter value. */
    static String encode(JsonObject filter) {
        return encodeQueryValue(filter.toString());
    }

    /**
     * Percent-encodes a query parameter value per RFC 3986: unreserved characters stay, everything else
     * (including space, {@code +}, {@code &}, {@code =}, {@code %}, quotes and non-ASCII as UTF-8) is escaped.
     * {@link URLEncoder} writes form encoding, which turns a space into {@code +}; servers that decode per
     * RFC 3986 would read that {@code +} literally, so it is rewritten.
     */
    static String encodeQueryValue(String value) {
        String form = URLEncoder.encode(value, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(form.length() + 16);
        for (int i = 0; i < form.length(); i++) {
            char c = form.charAt(i);
            if (c == '+') {
                sb.append("%20");
            } else if (c == '*') {
                sb.append("%2A");
            } else if (c == '%' && form.startsWith("%7E", i)) {
                sb.append('~');
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
