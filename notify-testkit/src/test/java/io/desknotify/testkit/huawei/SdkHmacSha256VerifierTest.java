package io.desknotify.testkit.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SdkHmacSha256VerifierTest {

    static final Instant NOW = Instant.parse("2026-11-23T06:30:00Z");
    static final String DATE = "20261123T063000Z";
    static final String AK = "AK-TEST";
    static final String SK = "test-secret-key";

    // Canonical request, string to sign and signature below were computed by hand with a
    // separate Python script (urllib.parse.quote with safe="-_.~", hashlib, hmac) for:
    // GET /v2/proj%201/connect-desktops?user_names=alice%2A&user_names=zhang%20san&limit=10&connect_status=CONNECTED
    static final String RAW_PATH = "/v2/proj%201/connect-desktops";
    static final String RAW_QUERY = "user_names=alice%2A&user_names=zhang%20san&limit=10&connect_status=CONNECTED";
    static final String EXPECTED_CANONICAL = "GET\n"
            + "/v2/proj%201/connect-desktops/\n"
            + "connect_status=CONNECTED&limit=10&user_names=alice%2A&user_names=zhang%20san\n"
            + "host:127.0.0.1:8443\n"
            + "x-project-id:proj 1\n"
            + "x-sdk-date:20261123T063000Z\n"
            + "\n"
            + "host;x-project-id;x-sdk-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String EXPECTED_STRING_TO_SIGN = "SDK-HMAC-SHA256\n20261123T063000Z\n"
            + "6f6976df7528d811f438fb89ea0edb71bd55a1ecd939e16a9b19752a0e6e8367";
    static final String EXPECTED_SIGNATURE = "cabf9e31916c7525626eb361206871a66ac00a5e1d175a4d41aaba3bdd994217";

    final SdkHmacSha256Verifier verifier =
            new SdkHmacSha256Verifier(Map.of(AK, SK), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(15));

    static Map<String, List<String>> headers(String signature, String signedHeaders) {
        Map<String, List<String>> h = new HashMap<>();
        h.put("host", List.of("127.0.0.1:8443"));
        h.put("x-sdk-date", List.of(DATE));
        h.put("x-project-id", List.of("proj 1"));
        h.put("authorization", List.of("SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature));
        return h;
    }

    @Test
    void buildsTheCanonicalRequestWithEncodedPathTrailingSlashAndSortedKeys() {
        String canonical = SdkHmacSha256Verifier.canonicalRequest("GET", RAW_PATH, RAW_QUERY,
                headers("x", "host;x-project-id;x-sdk-date"), "host;x-project-id;x-sdk-date",
                SdkHmacSha256Verifier.hex(SdkHmacSha256Verifier.sha256(new byte[0])));
        assertThat(canonical).isEqualTo(EXPECTED_CANONICAL);
        assertThat(SdkHmacSha256Verifier.stringToSign(DATE, canonical)).isEqualTo(EXPECTED_STRING_TO_SIGN);
        assertThat(SdkHmacSha256Verifier.sign(SK, EXPECTED_STRING_TO_SIGN)).isEqualTo(EXPECTED_SIGNATURE);
    }

    @Test
    void acceptsTheHandComputedSignature() {
        var result = verifier.verify("GET", RAW_PATH, RAW_QUERY,
                headers(EXPECTED_SIGNATURE, "host;x-project-id;x-sdk-date"), new byte[0]);
        assertThat(result.failure()).isNull();
        assertThat(result.accessKey()).isEqualTo(AK);
    }

    @Test
    void acceptsTheKeysInAnyOrderOnTheWire() {
        String reordered = "connect_status=CONNECTED&user_names=alice%2A&limit=10&user_names=zhang%20san";
        assertThat(verifier.verify("GET", RAW_PATH, reordered,
                headers(EXPECTED_SIGNATURE, "host;x-project-id;x-sdk-date"), new byte[0]).ok()).isTrue();
    }

    @Test
    void verifiesTheValuesOfARepeatedKeyInTheOrderSentAsTheSdkSignsThem() {
        String sorted = "user_names=alice&user_names=bob";
        String callerOrder = "user_names=bob&user_names=alice";
        TreeMap<String, String> signed = new TreeMap<>();
        signed.put("host", "127.0.0.1:8443");
        signed.put("x-project-id", "proj 1");
        signed.put("x-sdk-date", DATE);
        TestSigner signer = new TestSigner(AK, SK, "proj 1");
        String bySorted = signer.signature("GET", RAW_PATH, sorted, signed, "", DATE);
        String byCallerOrder = signer.signature("GET", RAW_PATH, callerOrder, signed, "", DATE);
        assertThat(bySorted).isNotEqualTo(byCallerOrder);
        String names = "host;x-project-id;x-sdk-date";
        // each order is accepted when it is signed as it is sent (the SDK signs the caller's order)
        assertThat(verifier.verify("GET", RAW_PATH, callerOrder, headers(byCallerOrder, names), new byte[0]).ok())
                .isTrue();
        assertThat(verifier.verify("GET", RAW_PATH, sorted, headers(bySorted, names), new byte[0]).ok()).isTrue();
        // a signature over sorted values does not fit values sent in another order
        assertThat(verifier.verify("GET", RAW_PATH, callerOrder, headers(bySorted, names), new byte[0]).failure())
                .contains("signature");
    }

    @Test
    void agreesWithTheIndependentTestSignerOnABodyAndAPathThatNeedsEncoding() {
        String rawPath = "/v2/p/desktop-pools/a%20b%C3%A4~%2A/notifications";
        String body = "{\"notifications\":\"Wartung um 22:00 – bitte speichern\"}";
        TreeMap<String, String> signedHeaders = new TreeMap<>();
        signedHeaders.put("host", "127.0.0.1:8443");
        signedHeaders.put("x-project-id", "p");
        signedHeaders.put("x-sdk-date", DATE);
        String signature = new TestSigner(AK, SK, "p")
                .signature("POST", rawPath, "b=2&a=1&a=0", signedHeaders, body, DATE);
        Map<String, List<String>> h = new HashMap<>();
        signedHeaders.forEach((k, v) -> h.put(k, List.of(v)));
        h.put("authorization", List.of("SDK-HMAC-SHA256 Access=" + AK
                + ", SignedHeaders=host;x-project-id;x-sdk-date, Signature=" + signature));
        var result = verifier.verify("POST", rawPath, "b=2&a=1&a=0", h, body.getBytes(StandardCharsets.UTF_8));
        assertThat(result.failure()).isNull();
        assertThat(SdkHmacSha256Verifier.canonicalUri(rawPath))
                .isEqualTo("/v2/p/desktop-pools/a%20b%C3%A4~%2A/notifications/");
    }

    @Test
    void encodesAsRfc3986() {
        assertThat(SdkHmacSha256Verifier.encode("a b*c~d+e/ä")).isEqualTo("a%20b%2Ac~d%2Be%2F%C3%A4");
        assertThat(SdkHmacSha256Verifier.canonicalQuery("q=a+b&empty&x=%7E")).isEqualTo("empty=&q=a%2Bb&x=~");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        String wrong = SdkHmacSha256Verifier.sign("other", EXPECTED_STRING_TO_SIGN);
        assertThat(verifier.verify("GET", RAW_PATH, RAW_QUERY, headers(wrong, "host;x-project-id;x-sdk-date"),
                new byte[0]).failure()).contains("signature");
    }

    @Test
    void rejectsAChangedQuery() {
        assertThat(verifier.verify("GET", RAW_PATH, RAW_QUERY + "&offset=5",
                headers(EXPECTED_SIGNATURE, "host;x-project-id;x-sdk-date"), new byte[0]).ok()).isFalse();
    }

    @Test
    void rejectsADateOutsideTheAllowedSkew() {
        SdkHmacSha256Verifier later = new SdkHmacSha256Verifier(Map.of(AK, SK),
                Clock.fixed(NOW.plus(Duration.ofMinutes(16)), ZoneOffset.UTC), Duration.ofMinutes(15));
        assertThat(later.verify("GET", RAW_PATH, RAW_QUERY,
                headers(EXPECTED_SIGNATURE, "host;x-project-id;x-sdk-date"), new byte[0]).failure())
                .contains("x-sdk-date");
        SdkHmacSha256Verifier lenient = new SdkHmacSha256Verifier(Map.of(AK, SK),
                Clock.fixed(NOW.plus(Duration.ofMinutes(16)), ZoneOffset.UTC), Duration.ofMinutes(20));
        assertThat(lenient.verify("GET", RAW_PATH, RAW_QUERY,
                headers(EXPECTED_SIGNATURE, "host;x-project-id;x-sdk-date"), new byte[0]).ok()).isTrue();
    }

    @Test
    void requiresTheProjectIdHeaderToBeSignedWhenSent() {
        assertThat(verifier.verify("GET", RAW_PATH, RAW_QUERY, headers(EXPECTED_SIGNATURE, "host;x-sdk-date"),
                new byte[0]).failure()).contains("x-project-id");
    }

    @Test
    void rejectsAnUnknownAccessKeyAndAMalformedHeader() {
        Map<String, List<String>> h = headers(EXPECTED_SIGNATURE, "host;x-project-id;x-sdk-date");
        h.put("authorization", List.of("SDK-HMAC-SHA256 Access=NOPE, SignedHeaders=host;x-sdk-date, Signature=ab"));
        assertThat(verifier.verify("GET", RAW_PATH, RAW_QUERY, h, new byte[0]).failure()).contains("access key");
        h.put("authorization", List.of("Bearer abc"));
        assertThat(verifier.verify("GET", RAW_PATH, RAW_QUERY, h, new byte[0]).failure()).contains("format");
    }

    @Test
    void usesTheLiteralForAnUnsignedPayload() {
        Map<String, List<String>> h = headers("x", "host;x-project-id;x-sdk-date");
        String canonical = SdkHmacSha256Verifier.canonicalRequest("POST", "/v2/p/x", "", h,
                "host;x-project-id;x-sdk-date", "UNSIGNED-PAYLOAD");
        String signature = SdkHmacSha256Verifier.sign(SK, SdkHmacSha256Verifier.stringToSign(DATE, canonical));
        Map<String, List<String>> signed = headers(signature, "host;x-project-id;x-sdk-date");
        signed.put("x-sdk-content-sha256", List.of("UNSIGNED-PAYLOAD"));
        assertThat(verifier.verify("POST", "/v2/p/x", "", signed, "anything".getBytes(StandardCharsets.UTF_8))
                .ok()).isTrue();
    }
}
