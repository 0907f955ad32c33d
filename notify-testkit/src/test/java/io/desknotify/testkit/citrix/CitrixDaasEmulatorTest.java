package io.desknotify.testkit.citrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.ContractViolation;
import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.ShownNotification;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CitrixDaasEmulatorTest {

    static final String CUSTOMER = "acme1234";
    static final String CLIENT = "3f1c-client";
    static final String SECRET = "s3cr+t/=&%x";
    static final Inventory INVENTORY = Inventory.builder().seed(11).desktops(300).pools(3).users(100).build();

    private CitrixDaasEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private CitrixDaasEmulator start(UnaryOperator<CitrixDaasEmulator.Builder> custom) {
        emulator = custom.apply(CitrixDaasEmulator.builder().inventory(INVENTORY).customerId(CUSTOMER)
                .apiClient(CLIENT, SECRET)).start();
        return emulator;
    }

    private CitrixDaasEmulator start() {
        return start(b -> b);
    }

    private URI uri(String path) {
        return URI.create(emulator.baseUri() + path);
    }

    private static String form(String... kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private HttpResponse<String> tokenCall(String contentType, String body) {
        return Http.send(HttpRequest.newBuilder(uri("/cctrustoauth2/" + CUSTOMER + "/tokens/clients"))
                .header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private String token() {
        HttpResponse<String> r = tokenCall("application/x-www-form-urlencoded",
                form("grant_type", "client_credentials", "client_id", CLIENT, "client_secret", SECRET));
        assertThat(r.statusCode()).isEqualTo(200);
        return Http.json(r.body()).asJsonObject().getString("access_token");
    }

    private String[] headers(String token, String... more) {
        List<String> h = new ArrayList<>(List.of("Authorization", "CwsAuth Bearer=" + token,
                "Citrix-CustomerId", CUSTOMER, "Citrix-InstanceId", emulator.siteId(), "Accept", "application/json"));
        h.addAll(List.of(more));
        return h.toArray(String[]::new);
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10));
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return Http.send(b.build());
    }

    private HttpResponse<String> send(String sessionId, String body, String... headers) {
        return call("POST", "/cvad/manage/Sessions/" + sessionId + "/$sendMessage", body, headers);
    }

    private HttpResponse<String> search(String query, String body, String token) {
        return call("POST", "/cvad/manage/Sessions/$search" + query, body, headers(token));
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Http.json(r.body()).asJsonObject();
    }

    private List<String> rules() {
        return emulator.journal().contractViolations().stream().map(ContractViolation::rule).toList();
    }

    private Inventory.Session connectedSession() {
        return INVENTORY.sessions().stream().filter(s -> s.state() == Inventory.SessionState.CONNECTED)
                .findFirst().orElseThrow();
    }

    private static String filters(String property, String operator, String value) {
        return "{\"SearchFilters\":[{\"Property\":\"" + property + "\",\"Operator\":\"" + operator
                + "\",\"Value\":\"" + value.replace("\\", "\\\\") + "\"}]}";
    }

    // ---- token endpoint

    @Test
    void issuesATokenForFormEncodedClientCredentialsWithExpiresInAsAString() {
        start();
        HttpResponse<String> r = tokenCall("application/x-www-form-urlencoded",
                form("grant_type", "client_credentials", "client_id", CLIENT, "client_secret", SECRET));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = json(r);
        assertThat(body.getString("token_type")).isEqualTo("bearer");
        assertThat(body.get("expires_in").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
        assertThat(body.getString("expires_in")).isEqualTo("3600");
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void expiresInIsANumberWhenSoConfigured() {
        start(b -> b.expiresInAsString(false).accessTokenTtl(Duration.ofMinutes(10)));
        HttpResponse<String> r = tokenCall("application/x-www-form-urlencoded",
                form("grant_type", "client_credentials", "client_id", CLIENT, "client_secret", SECRET));
        assertThat(json(r).getJsonNumber("expires_in").longValue()).isEqualTo(600);
    }

    @Test
    void aJsonTokenRequestIsOutOfContract() {
        start();
        HttpResponse<String> r = tokenCall("application/json",
                "{\"clientId\":\"" + CLIENT + "\",\"clientSecret\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).getString("error")).isEqualTo("invalid_request");
        assertThat(rules()).singleElement().asString().contains("x-www-form-urlencoded");
    }

    @Test
    void anotherGrantTypeIsOutOfContract() {
        start();
        HttpResponse<String> r = tokenCall("application/x-www-form-urlencoded",
                form("grant_type", "password", "client_id", CLIENT, "client_secret", SECRET));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).getString("error")).isEqualTo("unsupported_grant_type");
        assertThat(rules()).singleElement().asString().contains("client_credentials");
    }

    @Test
    void wrongCredentialsAreAPlainRefusalWithTheConfiguredStatusAndNoSecret() {
        start();
        HttpResponse<String> r = tokenCall("application/x-www-form-urlencoded",
                form("grant_type", "client_credentials", "client_id", CLIENT, "client_secret", "wrong"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).getString("error")).isEqualTo("invalid_client");
        assertThat(r.body()).doesNotContain(SECRET).doesNotContain("wrong");
        assertThat(emulator.journal().contractViolations()).isEmpty();
        emulator.close();
        start(b -> b.badCredentialsStatus(401));
        assertThat(tokenCall("application/x-www-form-urlencoded", form("grant_type", "client_credentials",
                "client_id", CLIENT, "client_secret", "wrong")).statusCode()).isEqualTo(401);
    }

    @Test
    void anUnencodedPlusInTheSecretIsReadAsABlankAndRefused() {
        start();
        String raw = "grant_type=client_credentials&client_id=" + CLIENT + "&client_secret=" + SECRET;
        assertThat(tokenCall("application/x-www-form-urlencoded", raw).statusCode()).isEqualTo(400);
    }

    // ---- /me and the site headers

    @Test
    void meListsTheCustomerAndItsSitesWithoutAnInstanceId() {
        start(b -> b.otherSite("second-site"));
        HttpResponse<String> r = call("GET", "/cvad/manage/me", null, "Authorization", "CwsAuth Bearer=" + token(),
                "Citrix-CustomerId", CUSTOMER, "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject customer = json(r).getJsonArray("Customers").getJsonObject(0);
        assertThat(customer.getString("Id")).isEqualTo(CUSTOMER);
        assertThat(customer.getJsonArray("Sites").stream().map(s -> s.asJsonObject().getString("Id")))
                .containsExactly(emulator.siteId(), "second-site");
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void aMissingCustomerIdIsOutOfContractWithTheConfiguredStatus() {
        start(b -> b.customerIdRefusalStatus(403));
        String token = token();
        HttpResponse<String> r = call("GET", "/cvad/manage/Sessions/" + connectedSession().id(), null,
                "Authorization", "CwsAuth Bearer=" + token, "Citrix-InstanceId", emulator.siteId());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(rules()).singleElement().asString().contains("Citrix-CustomerId");
    }

    @Test
    void aCustomerIdOtherThanTheTokensIsOutOfContract() {
        start();
        String token = token();
        HttpResponse<String> r = call("GET", "/cvad/manage/me", null, "Authorization", "CwsAuth Bearer=" + token,
                "Citrix-CustomerId", "someoneelse");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(rules()).singleElement().asString().contains("the customer the token was issued for");
    }

    @Test
    void aMissingInstanceIdIsOutOfContractAndAnUnknownSiteIsAPlainRefusal() {
        start();
        String token = token();
        HttpResponse<String> missing = call("GET", "/cvad/manage/Sessions", null, "Authorization",
                "CwsAuth Bearer=" + token, "Citrix-CustomerId", CUSTOMER);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(rules()).singleElement().asString().contains("Citrix-InstanceId");
        emulator.journal().clear();
        HttpResponse<String> unknown = call("GET", "/cvad/manage/Sessions", null, "Authorization",
                "CwsAuth Bearer=" + token, "Citrix-CustomerId", CUSTOMER, "Citrix-InstanceId", "nosuchsite");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    // ---- auth scheme and expiry

    @Test
    void aPlainBearerIsRefusedWith401AndJournaled() {
        start();
        HttpResponse<String> r = send(connectedSession().id(), "{\"Text\":\"hi\"}",
                "Authorization", "Bearer " + token(), "Citrix-CustomerId", CUSTOMER,
                "Citrix-InstanceId", emulator.siteId());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(rules()).singleElement().asString().contains("CwsAuth");
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void aPlainBearerIsAcceptedWhenSoConfigured() {
        start(b -> b.acceptPlainBearer(true));
        HttpResponse<String> r = send(connectedSession().id(), "{\"Text\":\"hi\"}",
                "Authorization", "Bearer " + token(), "Citrix-CustomerId", CUSTOMER,
                "Citrix-InstanceId", emulator.siteId());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void theSchemeIsReadWithoutRegardToCase() {
        start();
        String token = token();
        for (String scheme : List.of("CWSAuth bearer=", "cwsauth BEARER=", "CwsAuth  Bearer=")) {
            HttpResponse<String> r = call("GET", "/cvad/manage/me", null, "Authorization", scheme + token,
                    "Citrix-CustomerId", CUSTOMER);
            assertThat(r.statusCode()).as(scheme).isEqualTo(200);
        }
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void anExpiredTokenIs401AndAPlainRefusal() {
        start();
        String token = token();
        emulator.expireAccessTokens();
        HttpResponse<String> r = call("GET", "/cvad/manage/me", null, "Authorization", "CwsAuth Bearer=" + token,
                "Citrix-CustomerId", CUSTOMER);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).getString("ErrorMessage")).contains("expired");
        assertThat(emulator.journal().contractViolations()).isEmpty();
        assertThat(call("GET", "/cvad/manage/me", null, "Authorization", "CwsAuth Bearer=" + token(),
                "Citrix-CustomerId", CUSTOMER).statusCode()).isEqualTo(200);
    }

    // ---- sendMessage

    @Test
    void sendShowsTitleTextAndStyleAndAnswersTheSessionWithTheTransactionId() {
        start();
        Inventory.Session s = connectedSession();
        HttpResponse<String> r = send(s.id(), "{\"Style\":\"Exclamation\",\"Title\":\"IT\",\"Text\":\"Reboot\"}",
                headers(token(), "Citrix-TransactionId", "tx-1"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).getString("Id")).isEqualTo(s.id());
        assertThat(json(r).getString("State")).isEqualTo("Active");
        assertThat(r.headers().firstValue("Citrix-TransactionId")).contains("tx-1");
        ShownNotification shown = emulator.journal().shownOn(s.id()).get(0);
        assertThat(shown.title()).isEqualTo("IT");
        assertThat(shown.text()).isEqualTo("Reboot");
        assertThat(shown.messageType()).isEqualTo("Exclamation");
        assertThat(shown.provider()).isEqualTo(Route.Provider.CITRIX_DAAS);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void aSendWithoutStyleShowsTheDefaultStyle() {
        start(b -> b.defaultStyle("Critical"));
        Inventory.Session s = connectedSession();
        assertThat(send(s.id(), "{\"Text\":\"x\"}", headers(token())).statusCode()).isEqualTo(200);
        assertThat(emulator.journal().shownOn(s.id()).get(0).messageType()).isEqualTo("Critical");
    }

    @Test
    void stylesOutsideMessageStyleAreOutOfContract() {
        start();
        String token = token();
        for (String style : List.of("None", "Warning", "information", "Unknown")) {
            HttpResponse<String> r = send(connectedSession().id(), "{\"Style\":\"" + style + "\",\"Text\":\"x\"}",
                    headers(token));
            assertThat(r.statusCode()).as(style).isEqualTo(400);
        }
        assertThat(rules()).hasSize(4);
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void enumCaseAndTheUnknownStyleAreSettings() {
        start(b -> b.caseSensitiveEnums(false).acceptUnknownStyle(true));
        String token = token();
        Inventory.Session s = connectedSession();
        assertThat(send(s.id(), "{\"Style\":\"information\",\"Text\":\"x\"}", headers(token)).statusCode())
                .isEqualTo(200);
        assertThat(emulator.journal().shownOn(s.id()).get(0).messageType()).isEqualTo("Information");
        assertThat(send(s.id(), "{\"Style\":\"Unknown\",\"Text\":\"x\"}", headers(token)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aBlankTextIsOutOfContractAndAnOverlongTitleIsAPlainRefusal() {
        start(b -> b.maxTitleLength(5));
        String token = token();
        assertThat(send(connectedSession().id(), "{\"Text\":\" \"}", headers(token)).statusCode()).isEqualTo(400);
        assertThat(rules()).singleElement().asString().contains("Text");
        emulator.journal().clear();
        assertThat(send(connectedSession().id(), "{\"Title\":\"too long\",\"Text\":\"x\"}", headers(token))
                .statusCode()).isEqualTo(400);
        assertThat(emulator.journal().contractViolations()).isEmpty();
        assertThat(emulator.journal().totalShown()).isZero();
    }

    @Test
    void aMissingBodyOrAnotherMediaTypeIsOutOfContract() {
        start();
        String token = token();
        HttpResponse<String> empty = call("POST", "/cvad/manage/Sessions/" + connectedSession().id()
                + "/$sendMessage", "", headers(token));
        assertThat(empty.statusCode()).isEqualTo(400);
        HttpResponse<String> text = Http.send(HttpRequest.newBuilder(uri("/cvad/manage/Sessions/"
                        + connectedSession().id() + "/$sendMessage")).headers(headers(token))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{\"Text\":\"x\"}"))
                .build());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(rules()).hasSize(2);
    }

    @Test
    void anUnknownSessionIs404AndNotAViolation() {
        start();
        HttpResponse<String> r = send("00000000-0000-4000-8000-000000000000", "{\"Text\":\"x\"}", headers(token()));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).getString("SdkErrorId")).isNotBlank();
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void theErrorShapeIsASetting() {
        start(b -> b.errorShape(CitrixErrorShape.ERROR_RESPONSE));
        HttpResponse<String> r = send("nosuchsession", "{\"Text\":\"x\"}", headers(token()));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).getString("Type")).startsWith("https://errors-api.cloud.com/");
        assertThat(json(r).getString("Detail")).contains("nosuchsession");
    }

    @Test
    void anAcceptWithoutJsonIsOutOfContract() {
        start();
        String[] h = headers(token());
        h[7] = "text/html";
        assertThat(send(connectedSession().id(), "{\"Text\":\"x\"}", h).statusCode()).isEqualTo(406);
        assertThat(rules()).singleElement().asString().contains("Accept");
    }

    @Test
    void anotherMethodOnAKnownPathIsOutOfContractWithTheConfiguredStatus() {
        start(b -> b.wrongMethodStatus(405));
        HttpResponse<String> r = call("GET", "/cvad/manage/Sessions/" + connectedSession().id() + "/$sendMessage",
                null, headers(token()));
        assertThat(r.statusCode()).isEqualTo(405);
        HttpResponse<String> search = call("GET", "/cvad/manage/Sessions/$search", null, headers(token()));
        assertThat(search.statusCode()).isEqualTo(405);
        assertThat(rules()).hasSize(2);
    }

    @Test
    void anAsyncSendAnswers202WithTheLocationOfACompleteJob() {
        start();
        String token = token();
        Inventory.Session s = connectedSession();
        HttpResponse<String> r = call("POST", "/cvad/manage/Sessions/" + s.id() + "/$sendMessage?async=true",
                "{\"Text\":\"x\"}", headers(token));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEmpty();
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(emulator.baseUri() + "/cvad/manage/Jobs/");
        HttpResponse<String> job = call("GET", URI.create(location).getRawPath(), null, headers(token));
        assertThat(json(job).getString("Status")).isEqualTo("Complete");
        assertThat(json(job).getString("Type")).isEqualTo("SendSessionMessage");
        assertThat(json(job).getJsonArray("Parameters").getJsonObject(0).getString("Value")).isEqualTo(s.id());
        assertThat(emulator.journal().shownCount(s.id())).isEqualTo(1);
    }

    @Test
    void anInjectedTargetFailureIsA400AndShowsNothing() {
        start();
        Inventory.Session s = connectedSession();
        emulator.faults().failTarget(s.id());
        assertThat(send(s.id(), "{\"Text\":\"x\"}", headers(token())).statusCode()).isEqualTo(400);
        assertThat(emulator.journal().totalShown()).isZero();
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    // ---- search and paging

    @Test
    void searchesByUserNameInDomainFormAndByPrincipalName() {
        start();
        String token = token();
        Inventory.User user = INVENTORY.user(connectedSession().userName()).orElseThrow();
        Set<String> expected = new HashSet<>();
        INVENTORY.sessionsOfUser(user.name()).forEach(s -> expected.add(s.id()));
        HttpResponse<String> byName = search("", filters("UserName", "Equals", CitrixDaasEmulator.samName(user)),
                token);
        assertThat(ids(byName)).containsExactlyInAnyOrderElementsOf(expected);
        HttpResponse<String> byUpn = search("", filters("UserPrincipalName", "Equals",
                CitrixDaasEmulator.principalName(user)), token);
        assertThat(ids(byUpn)).containsExactlyInAnyOrderElementsOf(expected);
        HttpResponse<String> bare = search("", filters("UserName", "Equals", user.name()), token);
        assertThat(ids(bare)).isEmpty();
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void aBareUserNameMatchesWhenSoConfigured() {
        start(b -> b.bareUserNames(true));
        Inventory.User user = INVENTORY.user(connectedSession().userName()).orElseThrow();
        assertThat(ids(search("", filters("UserName", "Equals", user.name()), token()))).isNotEmpty();
    }

    @Test
    void searchesByDeliveryGroupNameOrIdAndByState() {
        start();
        String token = token();
        Inventory.Pool pool = INVENTORY.pools().get(0);
        Set<String> inPool = new HashSet<>();
        INVENTORY.sessionsInPool(pool.id()).forEach(s -> inPool.add(s.id()));
        assertThat(ids(search("?limit=1000", filters("DeliveryGroup", "Equals", pool.name()), token)))
                .containsExactlyInAnyOrderElementsOf(inPool);
        assertThat(ids(search("?limit=1000", filters("DeliveryGroup", "Equals", pool.id()), token)))
                .containsExactlyInAnyOrderElementsOf(inPool);
        String both = "{\"SearchFilters\":[{\"Property\":\"DeliveryGroup\",\"Operator\":\"Equals\",\"Value\":\""
                + pool.name() + "\"},{\"Property\":\"SessionState\",\"Operator\":\"Equals\",\"Value\":\"Active\"}]}";
        Set<String> active = new HashSet<>();
        INVENTORY.sessionsInPool(pool.id()).stream().filter(s -> s.state() == Inventory.SessionState.CONNECTED)
                .forEach(s -> active.add(s.id()));
        assertThat(ids(search("?limit=1000", both, token))).containsExactlyInAnyOrderElementsOf(active);
    }

    @Test
    void theDeliveryGroupMatchIsASetting() {
        start(b -> b.deliveryGroupMatch(CitrixDaasEmulator.DeliveryGroupMatch.NAME));
        Inventory.Pool pool = INVENTORY.pools().get(0);
        assertThat(ids(search("", filters("DeliveryGroup", "Equals", pool.id()), token()))).isEmpty();
    }

    @Test
    void propertiesAndOperatorsOutsideTheirEnumsAreOutOfContract() {
        start();
        String token = token();
        assertThat(search("", filters("UserUPN", "Equals", "x"), token).statusCode()).isEqualTo(400);
        assertThat(search("", filters("UserName", "Is", "x"), token).statusCode()).isEqualTo(400);
        assertThat(search("", "{\"SearchFilters\":[{\"Property\":\"UserName\",\"Value\":\"x\"}]}", token)
                .statusCode()).isEqualTo(400);
        assertThat(search("", filters("SessionState", "Equals", "Connectedish"), token).statusCode())
                .isEqualTo(400);
        assertThat(rules()).hasSize(4);
    }

    @Test
    void aLimitAboveTheMaximumOrBelowOneIsOutOfContract() {
        start();
        String token = token();
        assertThat(search("?limit=1001", "{}", token).statusCode()).isEqualTo(400);
        assertThat(search("?limit=0", "{}", token).statusCode()).isEqualTo(400);
        assertThat(rules()).hasSize(2);
    }

    @Test
    void pagesThroughEverySessionByContinuationTokenWithTotalItems() {
        start();
        String token = token();
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            HttpResponse<String> r = search("?limit=70" + (next == null ? ""
                    : "&continuationToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8)), "{}", token);
            assertThat(r.statusCode()).isEqualTo(200);
            JsonObject page = json(r);
            assertThat(page.getInt("TotalItems")).isEqualTo(INVENTORY.sessions().size());
            seen.addAll(ids(r));
            next = page.containsKey("ContinuationToken") ? page.getString("ContinuationToken") : null;
            pages++;
        } while (next != null);
        assertThat(seen).containsExactlyElementsOf(INVENTORY.sessions().stream().map(Inventory.Session::id)
                .toList());
        assertThat(pages).isEqualTo((INVENTORY.sessions().size() + 69) / 70);
    }

    @Test
    void theDefaultPageIs250AndTheListHasNoTotalItems() {
        start();
        HttpResponse<String> r = call("GET", "/cvad/manage/Sessions", null, headers(token()));
        assertThat(json(r).getJsonArray("Items")).hasSize(Math.min(250, INVENTORY.sessions().size()));
        assertThat(json(r).containsKey("TotalItems")).isFalse();
    }

    @Test
    void anUnknownContinuationTokenIsAPlainRefusalAndOneFromAnotherQueryIsAViolation() {
        start();
        String token = token();
        assertThat(search("?continuationToken=forged", "{}", token).statusCode()).isEqualTo(400);
        assertThat(emulator.journal().contractViolations()).isEmpty();
        String next = json(search("?limit=10", "{}", token)).getString("ContinuationToken");
        HttpResponse<String> other = search("?limit=10&continuationToken=" + next,
                filters("SessionState", "Equals", "Active"), token);
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(rules()).singleElement().asString().contains("same request");
    }

    @Test
    void aRequestLimitAnswers429WithoutRetryAfterUnlessConfigured() {
        start(b -> b.requestLimit(RequestLimit.fixedWindow(1, Duration.ofHours(1)).onRoutes(Route.CITRIX_ME)));
        String token = token();
        String[] h = {"Authorization", "CwsAuth Bearer=" + token, "Citrix-CustomerId", CUSTOMER};
        assertThat(call("GET", "/cvad/manage/me", null, h).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = call("GET", "/cvad/manage/me", null, h);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
        emulator.close();
        start(b -> b.retryAfterHeader(true)
                .requestLimit(RequestLimit.fixedWindow(1, Duration.ofHours(1)).onRoutes(Route.CITRIX_ME)));
        String again = token();
        String[] h2 = {"Authorization", "CwsAuth Bearer=" + again, "Citrix-CustomerId", CUSTOMER};
        call("GET", "/cvad/manage/me", null, h2);
        assertThat(call("GET", "/cvad/manage/me", null, h2).headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void getsOneSessionById() {
        start();
        Inventory.Session s = connectedSession();
        HttpResponse<String> r = call("GET", "/cvad/manage/Sessions/" + s.id(), null, headers(token()));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonObject body = json(r);
        assertThat(body.getJsonObject("User").getString("SamName")).isEqualTo("DESKNOTIFY\\" + s.userName());
        assertThat(body.getJsonObject("Machine").getString("Id")).isEqualTo(s.desktopId());
    }

    private static List<String> ids(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).getJsonArray("Items").stream().map(v -> v.asJsonObject().getString("Id")).toList();
    }
}
