package io.desknotify.testkit.azure;

import static io.desknotify.testkit.azure.Avd.CLIENT;
import static io.desknotify.testkit.azure.Avd.SECRET;
import static io.desknotify.testkit.azure.Avd.builder;
import static io.desknotify.testkit.azure.Avd.error;
import static io.desknotify.testkit.azure.Avd.form;
import static io.desknotify.testkit.azure.Avd.get;
import static io.desknotify.testkit.azure.Avd.hostPoolPath;
import static io.desknotify.testkit.azure.Avd.token;
import static io.desknotify.testkit.azure.Avd.tokenRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.Http;
import io.desknotify.testkit.MutableClock;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AvdTokenAndAuthTest {

    static final String SCOPE = "https://management.azure.com/.default";

    private static HttpResponse<String> list(AzureVirtualDesktopEmulator e, String authorization, String query) {
        HttpRequest.Builder b = HttpRequest.newBuilder(Avd.uri(e, hostPoolPath(e, "pool-01") + "/userSessions",
                query)).timeout(Duration.ofSeconds(10)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return Http.send(b.build());
    }

    @Test
    void issuesABearerTokenForClientCredentialsWithExpiresInAsANumber() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            HttpResponse<String> r = tokenRequest(e, e.tenantId(), form(CLIENT, SECRET, SCOPE));
            JsonObject json = Http.json(r.body()).asJsonObject();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json.getString("token_type")).isEqualTo("Bearer");
            assertThat(json.get("expires_in").getValueType()).isEqualTo(JsonValue.ValueType.NUMBER);
            assertThat(json.getInt("expires_in")).isBetween(3598, 3599);
            assertThat(json.containsKey("ext_expires_in")).isTrue();
            assertThat(list(e, "Bearer " + json.getString("access_token"), "api-version=2024-04-03").statusCode())
                    .isEqualTo(200);
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void leavesExtExpiresInOutWhenSoConfigured() {
        try (AzureVirtualDesktopEmulator e = builder().extExpiresIn(false).start()) {
            HttpResponse<String> r = tokenRequest(e, e.tenantId(), form(CLIENT, SECRET, SCOPE));
            assertThat(Http.json(r.body()).asJsonObject().containsKey("ext_expires_in")).isFalse();
        }
    }

    @Test
    void acceptsHttpBasicClientAuthentication() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String basic = Base64.getEncoder().encodeToString((Avd.enc(CLIENT) + ":" + Avd.enc(SECRET))
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = Http.send(HttpRequest.newBuilder(URI.create(e.baseUri() + "/" + e.tenantId()
                            + "/oauth2/v2.0/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                            + Avd.enc(SCOPE))).build());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
    }

    @Test
    void refusesAWrongSecretWith401InvalidClientInEntraIdsErrorShape() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            HttpResponse<String> r = tokenRequest(e, e.tenantId(), form(CLIENT, "wrong", SCOPE));
            JsonObject json = Http.json(r.body()).asJsonObject();
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json.getString("error")).isEqualTo("invalid_client");
            assertThat(json.getString("error_description")).startsWith("AADSTS7000215:");
            assertThat(json.getJsonArray("error_codes").getInt(0)).isEqualTo(7000215);
            assertThat(json.keySet()).contains("timestamp", "trace_id", "correlation_id", "error_uri");
            assertThat(r.body()).doesNotContain("wrong");
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void refusesAnUnknownClientAndAnotherTenantWith400UnauthorizedClient() {
        try (AzureVirtualDesktopEmulator e = builder().errorUri(false).start()) {
            HttpResponse<String> unknown = tokenRequest(e, e.tenantId(), form("other-app", SECRET, SCOPE));
            HttpResponse<String> otherTenant = tokenRequest(e, "contoso.onmicrosoft.com", form(CLIENT, SECRET, SCOPE));
            for (HttpResponse<String> r : java.util.List.of(unknown, otherTenant)) {
                JsonObject json = Http.json(r.body()).asJsonObject();
                assertThat(r.statusCode()).isEqualTo(400);
                assertThat(json.getString("error")).isEqualTo("unauthorized_client");
                assertThat(json.getJsonArray("error_codes").getInt(0)).isEqualTo(700016);
                assertThat(json.containsKey("error_uri")).isFalse();
            }
        }
    }

    @Test
    void refusesAnotherScopeGrantOrAMissingFieldAndJournalsIt() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            HttpResponse<String> scope = tokenRequest(e, e.tenantId(), form(CLIENT, SECRET,
                    "https://graph.microsoft.com/.default"));
            HttpResponse<String> grant = tokenRequest(e, e.tenantId(), form(CLIENT, SECRET, SCOPE)
                    .replace("client_credentials", "password"));
            HttpResponse<String> missing = tokenRequest(e, e.tenantId(), "grant_type=client_credentials&client_id="
                    + CLIENT + "&scope=" + Avd.enc(SCOPE));
            HttpResponse<String> json = Http.post(URI.create(e.baseUri() + "/" + e.tenantId() + "/oauth2/v2.0/token"),
                    "{\"client_id\":\"" + CLIENT + "\"}");
            assertThat(scope.statusCode()).isEqualTo(400);
            assertThat(Http.json(scope.body()).asJsonObject().getString("error")).isEqualTo("invalid_scope");
            assertThat(grant.statusCode()).isEqualTo(400);
            assertThat(Http.json(grant.body()).asJsonObject().getString("error")).isEqualTo("unsupported_grant_type");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(Http.json(missing.body()).asJsonObject().getString("error")).isEqualTo("invalid_request");
            assertThat(json.statusCode()).isEqualTo(400);
            assertThat(e.journal().contractViolations()).hasSize(4);
        }
    }

    @Test
    void refusesAMissingAuthorizationWith401AuthenticationFailedAndABearerChallenge() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            HttpResponse<String> r = list(e, null, "api-version=2024-04-03");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(error(r).getString("code")).isEqualTo("AuthenticationFailed");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                    assertThat(v).startsWith("Bearer authorization_uri=").contains("error=\"invalid_token\""));
        }
    }

    @Test
    void tellsAnotherSchemeAnUnknownTokenAndAnExpiredTokenApart() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
        try (AzureVirtualDesktopEmulator e = builder().clock(clock).accessTokenTtl(Duration.ofMinutes(5)).start()) {
            String token = token(e);
            assertThat(error(list(e, "Basic " + token, "api-version=2024-04-03")).getString("code"))
                    .isEqualTo("AuthenticationFailedInvalidHeader");
            assertThat(error(list(e, "Bearer not-issued", "api-version=2024-04-03")).getString("code"))
                    .isEqualTo("InvalidAuthenticationToken");
            assertThat(list(e, "Bearer " + token, "api-version=2024-04-03").statusCode()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(6));
            HttpResponse<String> expired = list(e, "Bearer " + token, "api-version=2024-04-03");
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(error(expired).getString("code")).isEqualTo("ExpiredAuthenticationToken");
            assertThat(error(expired).getString("message")).startsWith("The access token expiry UTC time '");
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void expireAccessTokensMakesTheNextCallA401UntilANewTokenIsFetched() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String token = token(e);
            e.expireAccessTokens();
            assertThat(error(list(e, "Bearer " + token, "api-version=2024-04-03")).getString("code"))
                    .isEqualTo("ExpiredAuthenticationToken");
            assertThat(list(e, "Bearer " + token(e), "api-version=2024-04-03").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesAMissingApiVersionAndAnUnsupportedOneAndJournalsBoth() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String bearer = "Bearer " + token(e);
            HttpResponse<String> missing = list(e, bearer, null);
            HttpResponse<String> old = list(e, bearer, "api-version=2019-12-10-preview");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(error(missing).getString("code")).isEqualTo("MissingApiVersionParameter");
            assertThat(old.statusCode()).isEqualTo(400);
            assertThat(error(old).getString("code")).isEqualTo("NoRegisteredProviderFound");
            assertThat(error(old).getString("message")).contains("2024-04-03", "2025-10-10");
            assertThat(list(e, bearer, "api-version=2025-10-10").statusCode()).isEqualTo(200);
            assertThat(e.journal().contractViolations()).hasSize(2);
        }
    }

    @Test
    void answersInvalidApiVersionParameterWhenSoConfiguredAndAcceptsOnlyTheVersionsGiven() {
        try (AzureVirtualDesktopEmulator e = builder().apiVersions("2025-10-10")
                .unsupportedApiVersion(AzureVirtualDesktopEmulator.UnsupportedApiVersion.INVALID_API_VERSION_PARAMETER)
                .start()) {
            HttpResponse<String> r = list(e, "Bearer " + token(e), "api-version=2024-04-03");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(error(r).getString("code")).isEqualTo("InvalidApiVersionParameter");
        }
    }

    @Test
    void answersAnUnknownSubscriptionOrResourceGroup404AndADeniedHostPool403() {
        try (AzureVirtualDesktopEmulator e = builder().denyHostPool("pool-02").start()) {
            String token = token(e);
            String q = "api-version=2024-04-03";
            HttpResponse<String> sub = get(e, token, hostPoolPath(e, "pool-01").replace(e.subscriptionId(),
                    "00000000-0000-0000-0000-000000000000") + "/userSessions", q);
            HttpResponse<String> group = get(e, token, hostPoolPath(e, "pool-01").replace(e.resourceGroup(),
                    "rg-other") + "/userSessions", q);
            HttpResponse<String> denied = get(e, token, hostPoolPath(e, "pool-02") + "/userSessions", q);
            assertThat(sub.statusCode()).isEqualTo(404);
            assertThat(error(sub).getString("code")).isEqualTo("SubscriptionNotFound");
            assertThat(group.statusCode()).isEqualTo(404);
            assertThat(error(group).getString("code")).isEqualTo("ResourceGroupNotFound");
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(error(denied).getString("code")).isEqualTo("AuthorizationFailed");
            assertThat(error(denied).getString("message")).contains(CLIENT);
        }
    }
}
