package io.desknotify.testkit.internal;

import io.desknotify.testkit.Route;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A received request as handlers see it.
 *
 * @param route the matched route
 * @param method HTTP method
 * @param rawPath path, still percent-encoded
 * @param rawQuery query string still encoded, or empty
 * @param headers header names in lower case
 * @param body the body bytes
 * @param requestId the X-Request-Id answered
 */
public record Request(Route route, String method, String rawPath, String rawQuery,
                      Map<String, List<String>> headers, byte[] body, String requestId) {

    /**
     * @param name lower-case header name
     * @return first value or null
     */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** @return decoded query parameters, repeated keys kept in order */
    public Map<String, List<String>> queryParams() {
        return parseQuery(rawQuery);
    }

    /**
     * @param name parameter name
     * @return first decoded value or null
     */
    public String query(String name) {
        List<String> v = queryParams().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** @return the decoded path segments, without the empty first one */
    public List<String> pathSegments() {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(decode(s));
            }
        }
        return out;
    }

    /**
     * Parses a raw query string.
     *
     * @param rawQuery encoded query, may be null
     * @return decoded parameters, repeated keys kept in order
     */
    public static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    /**
     * Percent-decodes; {@code +} is kept as a plus sign (RFC 3986, not form encoding).
     *
     * @param s encoded text
     * @return decoded text
     */
    public static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
