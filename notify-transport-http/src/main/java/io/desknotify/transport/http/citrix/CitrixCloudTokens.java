package io.desknotify.transport.http.citrix;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.TransportException;
import io.desknotify.transport.http.AccessToken;
import io.desknotify.transport.http.AccessTokenSource;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The Citrix Cloud trust service's client-credentials grant: {@code POST /cctrustoauth2/{customer}/tokens/clients}
 * with a form body, answered {@code {token_type, access_token, expires_in}} where {@code expires_in} is a JSON string
 * such as {@code "3600"} (Citrix's own client reads it so) or a number. A refusal of the credentials is an
 * {@link AuthenticationException}; any other failure is {@code RETRYABLE}, since the request that needed the token
 * was not sent.
 */
final class CitrixCloudTokens implements AccessTokenSource {
    private static final System.Logger LOG = System.getLogger(CitrixCloudTokens.class.getName());

    private final CitrixHttp http;
    private final String customerId;
    private final String clientId;
    private final Supplier<char[]> clientSecret;
    private final Clock clock;

    CitrixCloudTokens(CitrixHttp http, String customerId, String clientId, Supplier<char[]> clientSecret,
            Clock clock) {
        this.http = http;
        this.customerId = customerId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    public CompletionStage<AccessToken> fetch() {
        char[] secret = clientSecret.get();
        byte[] form;
        try {
            if (secret == null || secret.length == 0) {
                return CompletableFuture.failedFuture(failure("the client secret supplier gave no secret", 0, null));
            }
            form = ("grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret="
                    + encode(new String(secret))).getBytes(StandardCharsets.UTF_8);
        } finally {
            if (secret != null) {
                Arrays.fill(secret, '\0');
            }
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "Citrix " + http.provider() + ": requesting an access token for API"
                + " client " + clientId + " of customer " + customerId);
        String path = "/cctrustoauth2/" + encode(customerId) + "/tokens/clients";
        return http.exchange("token request", "POST", path, "application/x-www-form-urlencoded", form, Map.of())
                .handle((a, e) -> {
                    if (e != null) {
                        TransportException te = CitrixErrors.fromFailure(http.provider(), "token request", e);
                        throw failure("the token request failed: " + te.getMessage(), te.httpStatus(), te);
                    }
                    return token(a);
                });
    }

    private AccessToken token(CitrixHttp.Answer a) {
        if (a.status() == 400 || a.status() == 401 || a.status() == 403) {
            CitrixErrors.ErrorInfo info = CitrixErrors.parse(a.body());
            throw AuthenticationException.of(http.provider(), a.status(), info.code(), a.requestId(),
                    "Citrix Cloud refused the API client's credentials: HTTP " + a.status() + " (" + info.describe()
                            + ")");
        }
        if (!a.ok()) {
            TransportException te = CitrixErrors.fromResponse(http.provider(), "token request", a,
                    http.throttlePause());
            throw TransportException.builder(Retryability.RETRYABLE, te.getMessage() + "; nothing else was sent")
                    .provider(http.provider()).httpStatus(a.status()).errorCode(te.errorCode())
                    .requestId(a.requestId()).throttled(te.throttled()).retryAfter(te.retryAfter().orElse(null))
                    .build();
        }
        JsonObject o;
        try {
            o = Jsons.parseObject(a.body(), Jsons.DEFAULT_MAX_DEPTH);
        } catch (RuntimeException e) {
            throw failure("the token answer is not a JSON object", a.status(), null);
        }
        String token = Jsons.string(o, "access_token").filter(s -> !s.isBlank())
                .orElseThrow(() -> failure("the token answer has no access_token", a.status(), null));
        // a JSON string ("3600") as Citrix's own client reads it, or a number
        long seconds;
        try {
            seconds = Long.parseLong(Jsons.text(o, "expires_in").orElseThrow().trim());
        } catch (RuntimeException e) {
            throw failure("the token answer has no expires_in in seconds", a.status(), null);
        }
        if (seconds < 1) {
            throw failure("the token answer's expires_in is not positive", a.status(), null);
        }
        return new AccessToken(token, clock.instant().plusSeconds(seconds));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private TransportException failure(String why, int status, Throwable cause) {
        if (cause instanceof TransportException te && te instanceof AuthenticationException) {
            return te;
        }
        return TransportException.builder(Retryability.RETRYABLE, "Citrix Cloud gave no access token, so the request"
                        + " was not sent: " + why).provider(http.provider()).httpStatus(status)
                .errorCode("NO_ACCESS_TOKEN").cause(cause).build();
    }

    @Override
    public String toString() {
        return "CitrixCloudTokens{customerId=" + customerId + ", clientId=" + clientId + ", clientSecret=******}";
    }
}
