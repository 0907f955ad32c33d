package io.desknotify.transport.http.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the signer to vectors computed independently: the canonical requests below are written out by hand from
 * DESIGN.md, and the signatures were computed from them with Python's {@code hashlib}/{@code hmac}, not with
 * this code.
 */
class SdkHmacSignerTest {
    private static final String SK = "MySecretKey+/=";
    private static final String DATE = "20261123T063000Z";

    @Test
    void encodesPerRfc3986WithSpaceAsPercent20StarEncodedAndTildeLiteral() {
        assertThat(SdkHmacSigner.encode("a b*c~d-e_f.g")).isEqualTo("a%20b%2Ac~d-e_f.g");
        assertThat(SdkHmacSigner.encode("x/y+z=&?")).isEqualTo("x%2Fy%2Bz%3D%26%3F");
        assertThat(SdkHmacSigner.encode("张三")).isEqualTo("%E5%BC%A0%E4%B8%89");
        assertThat(SdkHmacSigner.encode("!'()")).isEqualTo("%21%27%28%29");
    }

    @Test
    void sdkDateIsUtcBasicIsoFormat() {
        assertThat(SdkHmacSigner.sdkDate(Instant.parse("2026-11-23T06:30:00.987Z"))).isEqualTo(DATE);
    }

    @Test
    void canonicalUriEncodesEverySegmentAndEndsWithSlash() {
        assertThat(SdkHmacSigner.canonicalUri("/v2/p/connect-desktops")).isEqualTo("/v2/p/connect-desktops/");
        assertThat(SdkHmacSigner.canonicalUri("/v2/p/desktop-pools/pool%20a%2ab~c/notifications"))
                .isEqualTo("/v2/p/desktop-pools/pool%20a%2Ab~c/notifications/");
        assertThat(SdkHmacSigner.canonicalUri("")).isEqualTo("/");
        assertThat(SdkHmacSigner.encodedPath("v2", "p", "desktop-pools", "pool a*b~c"))
                .isEqualTo("/v2/p/desktop-pools/pool%20a%2Ab~c");
    }

    @Test
    void canonicalQuerySortsByKeyAndKeepsARepeatedKeysValuesInTheCallersOrderAsTheSdkDoes() {
        String q = SdkHmacSigner.canonicalQuery(List.of(Map.entry("user_names", "zhang san"),
                Map.entry("offset", "0"), Map.entry("user_names", "alice*"), Map.entry("limit", "1000"),
                Map.entry("connect_status", "CONNECTED")));
        assertThat(q).isEqualTo(
                "connect_status=CONNECTED&limit=1000&offset=0&user_names=zhang%20san&user_names=alice%2A");
        assertThat(SdkHmacSigner.canonicalQuery(List.of())).isEmpty();
    }

    @Test
    void signsAPostWithAnEncodedPathToTheIndependentlyComputedSignature() {
        byte[] body = "{\"notifications\":\"Maintenance at 22:00\"}".getBytes(StandardCharsets.UTF_8);
        SortedMap<String, String> headers = new TreeMap<>(Map.of("content-type", "application/json;charset=UTF-8",
                "host", "workspace.example.com", "x-project-id", "proj-1", "x-sdk-date", DATE));
        String rawPath = SdkHmacSigner.encodedPath("v2", "proj-1", "desktop-pools", "pool a*b~c", "notifications");

        String canonical = SdkHmacSigner.canonicalRequest("POST", rawPath, "", headers, body);

        assertThat(canonical).isEqualTo("POST\n"
                + "/v2/proj-1/desktop-pools/pool%20a%2Ab~c/notifications/\n"
                + "\n"
                + "content-type:application/json;charset=UTF-8\n"
                + "host:workspace.example.com\n"
                + "x-project-id:proj-1\n"
                + "x-sdk-date:20261123T063000Z\n"
                + "\n"
                + "content-type;host;x-project-id;x-sdk-date\n"
                + "7140be83861e7c592d025f1873837056a065fd3173efaae1b2f88e2c4096e78f");
        assertThat(SdkHmacSigner.sign("POST", rawPath, "", headers, body, "AKTEST", SK.toCharArray()))
                .isEqualTo("SDK-HMAC-SHA256 Access=AKTEST, SignedHeaders=content-type;host;x-project-id;x-sdk-date, "
                        + "Signature=dc3c2ca21b1405827626fe19f3bfab964098c218df702043d34f84a6e784c94f");
    }

    @Test
    void signsAGetWithRepeatedQueryKeysAndASecurityTokenToTheIndependentlyComputedSignature() {
        SortedMap<String, String> headers = new TreeMap<>(Map.of("host", "127.0.0.1:8443",
                "x-project-id", "proj-1", "x-sdk-date", DATE, "x-security-token", " temp-token-xyz "));
        // the values in sorted order, so the independently computed signature (over sorted values) still applies
        String query = SdkHmacSigner.canonicalQuery(List.of(Map.entry("user_names", "alice*"),
                Map.entry("user_names", "zhang san"), Map.entry("offset", "0"), Map.entry("limit", "1000"),
                Map.entry("connect_status", "CONNECTED")));

        String canonical = SdkHmacSigner.canonicalRequest("GET", "/v2/proj-1/connect-desktops", query, headers,
                new byte[0]);

        assertThat(canonical).isEqualTo("GET\n"
                + "/v2/proj-1/connect-desktops/\n"
                + "connect_status=CONNECTED&limit=1000&offset=0&user_names=alice%2A&user_names=zhang%20san\n"
                + "host:127.0.0.1:8443\n"
                + "x-project-id:proj-1\n"
                + "x-sdk-date:20261123T063000Z\n"
                + "x-security-token:temp-token-xyz\n"
                + "\n"
                + "host;x-project-id;x-sdk-date;x-security-token\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(SdkHmacSigner.signature(SK.toCharArray(), SdkHmacSigner.stringToSign(DATE, canonical)))
                .isEqualTo("d813c79f34948ba369fc73f6458cda277ba8e789194adde6a12865c5595d7c65");
    }

    @Test
    void stringToSignIsAlgorithmDateAndHashOfTheCanonicalRequest() {
        assertThat(SdkHmacSigner.stringToSign(DATE, ""))
                .isEqualTo("SDK-HMAC-SHA256\n20261123T063000Z\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
