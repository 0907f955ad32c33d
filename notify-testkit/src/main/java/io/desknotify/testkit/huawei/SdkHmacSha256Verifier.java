package io.desknotify.testkit.huawei;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Huawei Cloud AK/SK request signatures ({@code SDK-HMAC-SHA256}) the way API Gateway
 * does, as Huawei's official Java SDK signs them (its {@code AKSKSigner}):
 *
 * <pre>
 * canonical = METHOD \n URI \n QUERY \n HEADERS \n SIGNED \n hex(sha256(body))
 * URI       = each path segment percent-decoded then RFC 3986-encoded, joined by "/", ending in "/"
 * QUERY     = RFC 3986-encoded key=value pairs sorted by key; a repeated key's values in the order sent; joined by "&amp;"
 * HEADERS   = "name:trimmed value\n" for each signed header, in SignedHeaders order
 * SIGNED    = the SignedHeaders list of the Authorization header (lower case, ";"-joined)
 * toSign    = "SDK-HMAC-SHA256\n" + X-Sdk-Date + "\n" + hex(sha256(canonical))
 * signature = hex(HMAC-SHA256(SK, toSign))
 * </pre>
 *
 * <p>The signed headers must include {@code host} and {@code x-sdk-date}, and
 * {@code x-project-id} when the request carries it. {@code X-Sdk-Content-Sha256:
 * UNSIGNED-PAYLOAD} replaces the body hash by that literal. Thread-safe and immutable.
 */
final class SdkHmacSha256Verifier {

    static final String ALGORITHM = "SDK-HMAC-SHA256";
    static final DateTimeFormatter SDK_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "SDK-HMAC-SHA256\\s+Access=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*");

    /** Outcome of a check: {@code null} failure means the signature is good. */
    record Result(String accessKey, String failure) {
        boolean ok() {
            return failure == null;
        }
    }

    private final Map<String, String> secretsByAccessKey;
    private final Clock clock;
    private final Duration maxSkew;

    SdkHmacSha256Verifier(Map<String, String> secretsByAccessKey, Clock clock, Duration maxSkew) {
        this.secretsByAccessKey = Map.copyOf(secretsByAccessKey);
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /**
     * @param method HTTP method
     * @param rawPath request path as sent (percent-encoded)
     * @param rawQuery query as sent, or empty
     * @param headers header names in lower case
     * @param body request body
     * @return the result; on failure, a reason in APIG's words
     */
    Result verify(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String authorization = first(headers, "authorization");
        if (authorization == null) {
            return new Result(null, "Authorization not found");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            return new Result(null, "Authorization format incorrect");
        }
        String accessKey = m.group(1);
        String signedHeaders = m.group(2);
        String signature = m.group(3).toLowerCase(Locale.ROOT);
        String secret = secretsByAccessKey.get(accessKey);
        if (secret == null) {
            return new Result(accessKey, "access key not found");
        }
        String date = first(headers, "x-sdk-date");
        if (date == null) {
            return new Result(accessKey, "x-sdk-date not found");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(date, SDK_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return new Result(accessKey, "x-sdk-date format incorrect");
        }
        Duration skew = Duration.between(signedAt, clock.instant()).abs();
        if (skew.compareTo(maxSkew) > 0) {
            return new Result(accessKey, "x-sdk-date expired (too far from the server time)");
        }
        List<String> signed = List.of(signedHeaders.split(";"));
        if (!signed.contains("host") || !signed.contains("x-sdk-date")) {
            return new Result(accessKey, "SignedHeaders must include host and x-sdk-date");
        }
        if (first(headers, "x-project-id") != null && !signed.contains("x-project-id")) {
            return new Result(accessKey, "SignedHeaders must include x-project-id when it is sent");
        }
        for (String name : signed) {
            if (first(headers, name) == null) {
                return new Result(accessKey, "signed header " + name + " not found");
            }
        }
        String bodyHash = "UNSIGNED-PAYLOAD".equals(first(headers, "x-sdk-content-sha256"))
                ? "UNSIGNED-PAYLOAD" : hex(sha256(body));
        String canonical = canonicalRequest(method, rawPath, rawQuery, headers, signedHeaders, bodyHash);
        String expected = sign(secret, stringToSign(date, canonical));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return new Result(accessKey, "verify aksk signature fail");
        }
        return new Result(accessKey, null);
    }

    static String canonicalRequest(String method, String rawPath, String rawQuery,
                                   Map<String, List<String>> headers, String signedHeaders, String bodyHash) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(method.toUpperCase(Locale.ROOT)).append('\n');
        sb.append(canonicalUri(rawPath)).append('\n');
        sb.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders.split(";")) {
            String value = first(headers, name);
            sb.append(name).append(':').append(value == null ? "" : value.trim()).append('\n');
        }
        sb.append('\n').append(signedHeaders).append('\n').append(bodyHash);
        return sb.toString();
    }

    static String canonicalUri(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        StringBuilder sb = new StringBuilder(rawPath.length() + 8);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(encode(decode(segments[i])));
        }
        if (sb.length() == 0 || sb.charAt(sb.length() - 1) != '/') {
            sb.append('/');
        }
        return sb.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            pairs.add(new String[] {encode(k), encode(v)});
        }
        // stable: a repeated key's values stay in the order sent, which is the order Huawei's SDK signs them in
        pairs.sort(Comparator.comparing(p -> p[0]));
        StringBuilder sb = new StringBuilder(rawQuery.length() + 16);
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    static String stringToSign(String sdkDate, String canonicalRequest) {
        return ALGORITHM + "\n" + sdkDate + "\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    static String sign(String secretKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** RFC 3986: unreserved characters stay, every other byte of the UTF-8 form becomes %XX. */
    static String encode(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** Percent-decoding that keeps '+' as is (query strings here are RFC 3986, not forms). */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write((Character.digit(s.charAt(i + 1), 16) << 4) | Character.digit(s.charAt(i + 2), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String first(Map<String, List<String>> headers, String lowerName) {
        List<String> v = headers.get(lowerName);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public String toString() {
        return "SdkHmacSha256Verifier[accessKeys=" + secretsByAccessKey.size() + ", maxSkew=" + maxSkew + "]";
    }
}
