package io.desknotify.transport.http.internal;

import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Renders HTTP headers for log lines with every credential-bearing value replaced by {@code ******}. */
public final class Redaction {

    /** The stand-in for a hidden value. */
    public static final String MASK = "******";

    private static final Set<String> SENSITIVE = Set.of("authorization", "proxy-authorization", "x-auth-token",
            "x-subject-token", "x-security-token", "cookie", "set-cookie");

    private Redaction() {
    }

    /** True when the header's value must never be shown. */
    public static boolean isSensitive(String headerName) {
        String n = headerName.toLowerCase(Locale.ROOT);
        return SENSITIVE.contains(n) || n.contains("token") || n.contains("secret") || n.contains("password");
    }

    /** The headers as {@code {name=[value], ...}}, sorted by name, sensitive values masked. */
    public static String headers(HttpHeaders headers) {
        return headers(headers.map());
    }

    /** The headers as {@code {name=[value], ...}}, sorted by name, sensitive values masked. */
    public static String headers(Map<String, List<String>> headers) {
        Map<String, List<String>> shown = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> shown.put(k, isSensitive(k) ? List.of(MASK) : v));
        return shown.toString();
    }
}
