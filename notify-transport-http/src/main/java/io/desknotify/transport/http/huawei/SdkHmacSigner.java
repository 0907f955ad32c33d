package io.desknotify.transport.http.huawei;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Huawei Cloud API Gateway's AK/SK signature, {@code SDK-HMAC-SHA256}:
 *
 * <pre>
 * canonical request = METHOD \n canonical URI \n canonical query \n canonical headers \n signed headers \n hex(sha256(body))
 * string to sign    = SDK-HMAC-SHA256 \n X-Sdk-Date \n hex(sha256(canonical request))
 * signature         = hex(HMAC-SHA256(SK, string to sign))
 * Authorization     = SDK-HMAC-SHA256 Access=AK, SignedHeaders=h1;h2, Signature=sig
 * </pre>
 *
 * The canonical URI is the path with every segment percent-encoded (RFC 3986) and a trailing {@code /}; the
 * canonical query is the encoded {@code key=value} pairs sorted by key, the values of a repeated key in the caller's
 * order (as the official SDK signs them); each canonical header is
 * {@code lowercase-name:trimmed-value\n}, sorted by name. Stateless and thread-safe.
 */
final class SdkHmacSigner {
    static final String ALGORITHM = "SDK-HMAC-SHA256";
    static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final HexFormat HEX = HexFormat.of();

    // Looking an algorithm up (MessageDigest.getInstance, Mac.getInstance) walks the security providers each time;
    // an instance per thread is looked up once. Both are reset by each use (digest, doFinal).
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    });
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    });

    /** The last date formatted: requests signed within the same second share it. */
    private static volatile FormattedSecond lastDate = new FormattedSecond(Long.MIN_VALUE, "");

    private record FormattedSecond(long epochSecond, String text) {
    }

    private SdkHmacSigner() {
    }

    /** The {@code X-Sdk-Date} value of an instant. */
    static String sdkDate(Instant instant) {
        FormattedSecond last = lastDate;
        if (last.epochSecond() == instant.getEpochSecond()) {
            return last.text();
        }
        String text = SDK_DATE.format(instant);
        lastDate = new FormattedSecond(instant.getEpochSecond(), text);
        return text;
    }

    /**
     * Percent-encodes per RFC 3986: unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) stay, every other byte of
     * the UTF-8 form becomes {@code %XX} (so space is {@code %20}, {@code *} is {@code %2A}).
     */
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

    /** Decodes {@code %XX} escapes (not {@code +}, which is literal in a path). */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An absolute path of the given raw (unencoded) segments, each encoded: {@code /v2/a%20b/x}. */
    static String encodedPath(String... segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            sb.append('/').append(encode(s));
        }
        return sb.toString();
    }

    /** The canonical URI of a raw (already encoded) path: each segment normalized to RFC 3986, trailing slash. */
    static String canonicalUri(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        String[] segments = path.split("/", -1);
        StringBuilder sb = new StringBuilder(path.length() + 1);
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

    /**
     * The canonical query string of raw (unencoded) parameters: pairs encoded and sorted by encoded key; the values
     * of a repeated key keep the caller's order, as Huawei's official SDK signs them ({@code AKSKSigner} keeps each
     * key's list of values as given). The same string serves as the request's query, so the order sent is the order
     * signed.
     */
    static String canonicalQuery(List<Map.Entry<String, String>> params) {
        List<String[]> pairs = new ArrayList<>(params.size());
        for (Map.Entry<String, String> p : params) {
            pairs.add(new String[] {encode(p.getKey()), encode(p.getValue() == null ? "" : p.getValue())});
        }
        // List.sort is stable: equal keys stay in the caller's order
        pairs.sort((a, b) -> a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** {@code name:value\n} per header, names lowercase and sorted, values trimmed. */
    static String canonicalHeaders(SortedMap<String, String> headers) {
        StringBuilder sb = new StringBuilder();
        headers.forEach((k, v) -> sb.append(k).append(':').append(v.trim()).append('\n'));
        return sb.toString();
    }

    /** The {@code ;}-joined signed header names. */
    static String signedHeaders(SortedMap<String, String> headers) {
        return String.join(";", headers.keySet());
    }

    /**
     * The canonical request.
     *
     * @param method         HTTP method, upper case
     * @param rawPath        the request's encoded path
     * @param canonicalQuery the result of {@link #canonicalQuery}
     * @param headers        the signed headers, names lower case
     * @param body           the body bytes (empty for none)
     */
    static String canonicalRequest(String method, String rawPath, String canonicalQuery,
            SortedMap<String, String> headers, byte[] body) {
        return method + '\n' + canonicalUri(rawPath) + '\n' + canonicalQuery + '\n' + canonicalHeaders(headers)
                + '\n' + signedHeaders(headers) + '\n' + sha256Hex(body);
    }

    static String stringToSign(String sdkDate, String canonicalRequest) {
        return ALGORITHM + '\n' + sdkDate + '\n' + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** hex(HMAC-SHA256(secretKey, stringToSign)); the key bytes are cleared after use. */
    static String signature(char[] secretKey, String stringToSign) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secretKey));
        byte[] key = new byte[encoded.remaining()];
        encoded.get(key);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    static String authorization(String accessKey, SortedMap<String, String> headers, String signature) {
        return ALGORITHM + " Access=" + accessKey + ", SignedHeaders=" + signedHeaders(headers) + ", Signature="
                + signature;
    }

    /**
     * Signs a request: returns the {@code Authorization} value. {@code headers} must already hold every header to
     * sign, including {@code host} and {@code x-sdk-date}.
     */
    static String sign(String method, String rawPath, String canonicalQuery, SortedMap<String, String> headers,
            byte[] body, String accessKey, char[] secretKey) {
        String sdkDate = headers.get("x-sdk-date");
        if (sdkDate == null || !headers.containsKey("host")) {
            throw new IllegalArgumentException("host and x-sdk-date must be signed");
        }
        String canonical = canonicalRequest(method, rawPath, canonicalQuery, headers, body);
        return authorization(accessKey, headers, signature(secretKey, stringToSign(sdkDate, canonical)));
    }

    static String sha256Hex(byte[] data) {
        return HEX.formatHex(SHA256.get().digest(data));
    }
}
