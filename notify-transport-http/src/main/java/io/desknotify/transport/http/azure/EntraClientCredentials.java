package io.desknotify.transport.http.azure;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.transport.http.AccessToken;
import io.desknotify.transport.http.AccessTokenSource;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Tokens from Microsoft Entra ID with the client credentials grant: {@code POST {login}/{tenant}/oauth2/v2.0/token},
 * form-encoded, scope {@code https://management.azure.com/.default}. The secret is read from its supplier for each
 * request and the form's bytes are cleared after sending; neither appears in a message.
 */
final class EntraClientCredentials implements AccessTokenSource {

    static final String ARM_SCOPE = "https://management.azure.com/.default";

    private final AvdHttp http;
    private final URI tokenUri;
    private final String clientId;
    private final Supplier<char[]> secret;
    private final Clock clock;

    EntraClientCredentials(AvdHttp http, URI loginUri, String tenantId, String clientId, Supplier<char[]> secret,
                           Clock clock) {
        this.http = http;
        String base = loginUri.toString().replaceAll("/+$", "");
        this.tokenUri = URI.create(base + "/" + AzureVirtualDesktopTransport.encodeSegment(tenantId)
                + "/oauth2/v2.0/token");
        this.clientId = clientId;
        this.secret = secret;
        this.clock = clock;
    }

    @Override
    public CompletionStage<AccessToken> fetch() {
        byte[] form = form();
        return http.exchange("token request", "POST", tokenUri, form, "application/x-www-form-urlencoded", null)
                .handle((a, e) -> {
                    Arrays.fill(form, (byte) 0);
                    if (e != null) {
                        throw notSent(http.fromFailure("token request", e));
                    }
                    return token(a);
                });
    }

    private byte[] form() {
        char[] s = secret.get();
        try {
            StringBuilder b = new StringBuilder(128 + s.length * 3)
                    .append("grant_type=client_credentials&client_id=").append(enc(clientId))
                    .append("&scope=").append(enc(ARM_SCOPE)).append("&client_secret=");
            // the secret is encoded char by char so that no String of it is made
            for (char c : s) {
                if (Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '.' || c == '_' || c == '~') {
                    b.append(c);
                } else {
                    for (byte x : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                        b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                                .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
                    }
                }
            }
            byte[] out = b.toString().getBytes(StandardCharsets.US_ASCII);
            b.setLength(0);
            return out;
        } finally {
            Arrays.fill(s, '\0');
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private AccessToken token(AvdHttp.Answer a) {
        if (a.status() == 400 || a.status() == 401 || a.status() == 403) {
            AvdHttp.ErrorInfo info = AvdHttp.errorInfo(a.body());
            throw AuthenticationException.of(http.provider(), a.status(), info.code(), a.requestId(),
                    "Azure Virtual Desktop: Microsoft Entra ID refused the client credentials of client " + clientId
                            + ": HTTP " + a.status() + " (" + info.describe() + ")");
        }
        if (!a.ok()) {
            throw notSent(http.fromResponse("token request", a));
        }
        JsonObject o;
        try {
            o = Jsons.parseObject(a.body(), Jsons.DEFAULT_MAX_DEPTH);
        } catch (Jsons.MalformedJsonException e) {
            throw notSent(http.unexpectedBody("token request", a, e.getMessage()));
        }
        String value = Jsons.string(o, "access_token").orElse(null);
        String type = Jsons.string(o, "token_type").orElse("Bearer");
        Long seconds = seconds(o.get("expires_in"));
        if (value == null || value.isBlank() || seconds == null || seconds <= 0 || !type.equalsIgnoreCase("Bearer")) {
            throw notSent(http.unexpectedBody("token request", a,
                    "expected access_token, token_type Bearer and a positive expires_in"));
        }
        return new AccessToken(value, clock.instant().plusSeconds(seconds));
    }

    /** A number of seconds, as documented; a numeric string is taken too (some endpoints quote it). */
    private static Long seconds(JsonValue v) {
        if (v instanceof JsonNumber n) {
            return n.longValue();
        }
        if (v instanceof JsonString s) {
            try {
                return Long.parseLong(s.getString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Without a token nothing was sent to any desktop: a token request that may have been acted on is retryable. */
    private TransportException notSent(TransportException te) {
        if (te.retryability() != Retryability.AMBIGUOUS) {
            return te;
        }
        return TransportException.builder(Retryability.RETRYABLE, te.getMessage() + "; no message was sent")
                .provider(te.provider()).httpStatus(te.httpStatus()).errorCode(te.errorCode())
                .requestId(te.requestId()).throttled(te.throttled()).retryAfter(te.retryAfter().orElse(null))
                .cause(te).build();
    }
}
