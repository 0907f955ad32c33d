package io.desknotify.testkit.huawei;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A second, independent implementation of SDK-HMAC-SHA256 signing for the tests: it encodes
 * with {@link URLEncoder} plus fix-ups instead of byte tables, and sorts keys with a TreeMap
 * keeping each key's values in the order given (as Huawei's SDK {@code AKSKSigner} does), so a
 * shared bug with the emulator's verifier is unlikely.
 */
final class TestSigner {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secretKey;
    private final String projectId;

    TestSigner(String accessKey, String secretKey, String projectId) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.projectId = projectId;
    }

    HttpRequest.Builder sign(String method, URI uri, String body, Instant at) {
        String date = DATE.format(at);
        String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        TreeMap<String, String> headers = new TreeMap<>();
        headers.put("host", host);
        headers.put("x-sdk-date", date);
        headers.put("x-project-id", projectId);
        String signature = signature(method, uri.getRawPath(), uri.getRawQuery(), headers,
                body == null ? "" : body, date);
        String signed = String.join(";", headers.keySet());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("X-Sdk-Date", date)
                .header("X-Project-Id", projectId)
                .header("Content-Type", "application/json")
                .header("Authorization", "SDK-HMAC-SHA256 Access=" + accessKey + ", SignedHeaders=" + signed
                        + ", Signature=" + signature);
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
    }

    String signature(String method, String rawPath, String rawQuery, TreeMap<String, String> headers, String body,
                     String date) {
        StringBuilder canonical = new StringBuilder();
        canonical.append(method).append('\n');
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/", -1)) {
            segments.add(enc(java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)));
        }
        String path = String.join("/", segments);
        canonical.append(path.endsWith("/") ? path : path + "/").append('\n');
        TreeMap<String, List<String>> query = new TreeMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                String[] kv = pair.split("=", 2);
                String k = enc(java.net.URLDecoder.decode(kv[0].replace("+", "%2B"), StandardCharsets.UTF_8));
                String v = kv.length < 2 ? "" : enc(java.net.URLDecoder.decode(kv[1].replace("+", "%2B"),
                        StandardCharsets.UTF_8));
                query.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
            }
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            // as Huawei's SDK: keys sorted, a repeated key's values in the order given
            e.getValue().forEach(v -> pairs.add(e.getKey() + "=" + v));
        }
        canonical.append(String.join("&", pairs)).append('\n');
        headers.forEach((k, v) -> canonical.append(k).append(':').append(v.trim()).append('\n'));
        canonical.append('\n').append(String.join(";", headers.keySet())).append('\n');
        canonical.append(hex(sha(body.getBytes(StandardCharsets.UTF_8))));
        String toSign = "SDK-HMAC-SHA256\n" + date + "\n"
                + hex(sha(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return hex(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] sha(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte x : bytes) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }
}
