package io.desknotify.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a user writes without desknotify to tell Huawei Cloud Workspace desktops something: a loop over
 * {@link HttpClient#send}, one batch of desktop ids at a time, signed with AK/SK ({@code SDK-HMAC-SHA256}) by a
 * small signer of its own. The baseline of {@link HandWrittenBenchmark}; deliberately minimal but honest: same
 * batch size, same JSON body, same authentication, and a non-200 answer stops the loop. It does not follow the
 * Workspace jobs, handle throttling or record anything per desktop.
 */
final class HandWrittenHuawei {
    private static final DateTimeFormatter SDK_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;
    private final String path;
    private final String host;
    private final String projectId;
    private final String accessKey;
    private final String secretKey;

    HandWrittenHuawei(URI endpoint, String projectId, String accessKey, String secretKey) {
        this.path = "/v2/" + projectId + "/desktops/notifications";
        this.uri = endpoint.resolve(path);
        this.host = endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
        this.projectId = projectId;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /** Sends {@code text} to every desktop, {@code batchSize} ids a call; returns the desktops sent to. */
    int send(List<String> desktopIds, String text, int batchSize) throws IOException, InterruptedException {
        int sent = 0;
        for (int from = 0; from < desktopIds.size(); from += batchSize) {
            List<String> batch = desktopIds.subList(from, Math.min(desktopIds.size(), from + batchSize));
            byte[] body = ("{\"desktop_ids\":" + Json.array(batch) + ",\"notifications\":" + Json.string(text) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            String date = SDK_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
            String canonical = "POST\n" + path + "/\n\n"
                    + "host:" + host + "\n"
                    + "x-project-id:" + projectId + "\n"
                    + "x-sdk-date:" + date + "\n\n"
                    + "host;x-project-id;x-sdk-date\n"
                    + hex(sha256(body));
            String toSign = "SDK-HMAC-SHA256\n" + date + "\n" + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            String authorization = "SDK-HMAC-SHA256 Access=" + accessKey
                    + ", SignedHeaders=host;x-project-id;x-sdk-date, Signature=" + hex(hmac(toSign));
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .header("X-Sdk-Date", date)
                    .header("X-Project-Id", projectId)
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"job_id\"")) {
                throw new IOException("Workspace answered " + response.statusCode() + ": " + response.body());
            }
            sent += batch.size();
        }
        return sent;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
