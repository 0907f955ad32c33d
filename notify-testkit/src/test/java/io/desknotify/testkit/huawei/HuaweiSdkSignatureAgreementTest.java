package io.desknotify.testkit.huawei;

import static org.assertj.core.api.Assertions.assertThat;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.workspace.v2.WorkspaceClient;
import com.huaweicloud.sdk.workspace.v2.model.ConnectDesktopsInfo;
import com.huaweicloud.sdk.workspace.v2.model.ListDesktopsConnectStatusRequest;
import com.huaweicloud.sdk.workspace.v2.model.ListDesktopsConnectStatusResponse;
import com.huaweicloud.sdk.workspace.v2.model.SendDesktopPoolNotificationsReq;
import com.huaweicloud.sdk.workspace.v2.model.SendDesktopPoolNotificationsRequest;
import com.huaweicloud.sdk.workspace.v2.model.ShowJobRequest;
import com.huaweicloud.sdk.workspace.v2.model.ShowJobResponse;
import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.huawei.sdk.SdkClients;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Huawei's official Java SDK and our signing rules agree on every signature the emulator checks.
 *
 * <p>The same logical requests (connect-desktops with several {@code user_names} in two orders, a send to a pool,
 * job polls) are sent once by the SDK's {@code WorkspaceClient} (signed by its {@code AKSKSigner}) and once by
 * {@link TestSigner}. {@code HuaweiWorkspaceTransport} itself lives in {@code notify-transport-http}, which is not a
 * dependency of the testkit (the testkit must not depend on what it tests), so {@link TestSigner} stands in for it:
 * it applies the transport's rules ({@code SdkHmacSigner} of the transport): RFC 3986 encoding with {@code %20} for
 * a space, query keys sorted, the values of a repeated key in the caller's order, each path segment encoded and a
 * trailing {@code /}, {@code host}, {@code x-project-id} and {@code x-sdk-date} signed. Each test asserts that the
 * emulator accepted both clients and journaled no request outside the contract, and that the canonical query the
 * emulator verified keeps repeated values in the caller's order for both; that order is also the one the SDK's own
 * {@code AKSKSigner} produces for the same parameters.
 */
class HuaweiSdkSignatureAgreementTest {

    static final String AK = "AGREEAK000000000001";
    static final String SK = "agree-secret";

    static HuaweiWorkspaceEmulator emulator;
    static Inventory inventory;
    static WorkspaceClient sdk;
    static TestSigner ours;

    /** Reaches the SDK's own canonical query builder (protected) to compare with what the emulator verifies. */
    static final class SdkCanonical extends AKSKSigner {
        String query(Map<String, List<String>> params) {
            return buildCanonicalQueryString(null, params);
        }
    }

    @BeforeAll
    static void start() {
        inventory = Inventory.builder().seed(33).desktops(120).pools(2).users(30).build();
        emulator = HuaweiWorkspaceEmulator.builder().inventory(inventory).credentials(AK, SK).threads(4).start();
        sdk = SdkClients.workspace(emulator, AK, SK);
        ours = new TestSigner(AK, SK, emulator.projectId());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.journal().clear();
        emulator.faults().clear();
    }

    private static URI uri(String pathAndQuery) {
        return URI.create(emulator.baseUri() + "/v2/" + emulator.projectId() + pathAndQuery);
    }

    private static HttpResponse<String> ourGet(String pathAndQuery) {
        return Http.send(ours.sign("GET", uri(pathAndQuery), null, Instant.now()).build());
    }

    private static HttpResponse<String> ourPost(String path, String body) {
        return Http.send(ours.sign("POST", uri(path), body, Instant.now()).build());
    }

    private static List<String> usersWithDesktops(int n) {
        List<String> users = inventory.users().stream().map(Inventory.User::name)
                .filter(u -> !inventory.desktopsOfUser(u).isEmpty()).limit(n).collect(Collectors.toList());
        assertThat(users).hasSize(n);
        return users;
    }

    private static Set<String> ourDesktopIds(HttpResponse<String> r) {
        return ((JsonObject) Http.json(r.body())).getJsonArray("desktops").stream()
                .map(v -> v.asJsonObject().getString("desktop_id")).collect(Collectors.toSet());
    }

    private static Set<String> sdkDesktopIds(ListDesktopsConnectStatusResponse r) {
        return r.getDesktops().stream().map(ConnectDesktopsInfo::getDesktopId).collect(Collectors.toSet());
    }

    private static String canonicalVerified(RecordedRequest r) {
        return SdkHmacSha256Verifier.canonicalQuery(r.query());
    }

    @Test
    void connectDesktopsWithRepeatedUserNamesInTwoOrdersIsAcceptedFromBothAndCanonicalInTheCallersOrder() {
        List<String> users = usersWithDesktops(3);
        List<List<String>> orders = List.of(users, List.of(users.get(2), users.get(0), users.get(1)));
        Set<String> expected = users.stream().flatMap(u -> inventory.desktopsOfUser(u).stream())
                .map(Inventory.Desktop::id).collect(Collectors.toSet());

        for (List<String> order : orders) {
            ListDesktopsConnectStatusResponse bySdk = sdk.listDesktopsConnectStatus(
                    new ListDesktopsConnectStatusRequest().withUserNames(order).withOffset(0).withLimit(50));
            // our side puts the keys in another order on the wire: only the canonical form may matter
            HttpResponse<String> byUs = ourGet("/connect-desktops?"
                    + order.stream().map(u -> "user_names=" + TestSigner.enc(u)).collect(Collectors.joining("&"))
                    + "&limit=50&offset=0");

            assertThat(bySdk.getHttpStatusCode()).isEqualTo(200);
            assertThat(byUs.statusCode()).as(byUs.body()).isEqualTo(200);
            assertThat(sdkDesktopIds(bySdk)).isEqualTo(ourDesktopIds(byUs)).isEqualTo(expected);

            Map<String, List<String>> params = new LinkedHashMap<>();
            params.put("user_names", order);
            params.put("offset", List.of("0"));
            params.put("limit", List.of("50"));
            String callersOrder = "limit=50&offset=0&"
                    + order.stream().map(u -> "user_names=" + u).collect(Collectors.joining("&"));
            List<RecordedRequest> sent = emulator.journal().requests(Route.HUAWEI_CONNECT_DESKTOPS);
            RecordedRequest sdkRequest = sent.get(sent.size() - 2);
            RecordedRequest ourRequest = sent.get(sent.size() - 1);
            assertThat(new SdkCanonical().query(params)).isEqualTo(callersOrder);
            assertThat(canonicalVerified(sdkRequest)).isEqualTo(callersOrder);
            assertThat(canonicalVerified(ourRequest)).isEqualTo(callersOrder);
        }
        assertThat(emulator.journal().requests(Route.HUAWEI_CONNECT_DESKTOPS)).hasSize(4);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    @Test
    void theSdksSignatureCoversTheOrderOfRepeatedValuesSoTheSameValuesReorderedAreRefused() {
        List<String> users = usersWithDesktops(2);
        sdk.listDesktopsConnectStatus(new ListDesktopsConnectStatusRequest().withUserNames(users));
        RecordedRequest signedBySdk = emulator.journal().requests(Route.HUAWEI_CONNECT_DESKTOPS).get(0);

        HttpResponse<String> asSigned = replay(signedBySdk, signedBySdk.query());
        HttpResponse<String> reordered = replay(signedBySdk,
                "user_names=" + users.get(1) + "&user_names=" + users.get(0));

        assertThat(asSigned.statusCode()).as(asSigned.body()).isEqualTo(200);
        assertThat(reordered.statusCode()).isEqualTo(401);
        assertThat(((JsonObject) Http.json(reordered.body())).getString("error_code")).isEqualTo("APIG.0301");
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    /** Sends the SDK's recorded signature and signed headers again, with the given query. */
    private static HttpResponse<String> replay(RecordedRequest signed, String query) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUri() + signed.path() + "?" + query))
                .GET();
        for (String name : List.of("authorization", "x-sdk-date", "x-project-id", "user-agent", "content-type")) {
            if (signed.header(name) != null) {
                b.header(name, signed.header(name));
            }
        }
        return Http.send(b.build());
    }

    @Test
    void poolSendsAndJobPollsFromBothClientsAreAcceptedAndEitherClientReadsTheOthersJob() {
        Inventory.Pool pool = inventory.pools().stream().filter(p -> !p.desktopIds().isEmpty()).findFirst()
                .orElseThrow();

        String sdkJob = sdk.sendDesktopPoolNotifications(new SendDesktopPoolNotificationsRequest()
                .withPoolId(pool.id()).withBody(new SendDesktopPoolNotificationsReq().withNotifications("from the SDK")))
                .getJobId();
        HttpResponse<String> ourSend = ourPost("/desktop-pools/" + pool.id() + "/notifications",
                "{\"notifications\":\"from our signer\"}");
        assertThat(ourSend.statusCode()).as(ourSend.body()).isEqualTo(200);
        String ourJob = ((JsonObject) Http.json(ourSend.body())).getString("job_id");

        ShowJobResponse sdkReadsOurs = sdk.showJob(new ShowJobRequest().withJobId(ourJob));
        HttpResponse<String> weReadTheSdks = ourGet("/workspace-jobs/" + sdkJob);

        assertThat(sdkReadsOurs.getStatus()).isEqualTo("SUCCESS");
        assertThat(sdkReadsOurs.getSubJobs()).extracting(s -> s.getEntities().getDesktopId())
                .containsExactlyInAnyOrderElementsOf(pool.desktopIds());
        assertThat(weReadTheSdks.statusCode()).as(weReadTheSdks.body()).isEqualTo(200);
        JsonObject job = (JsonObject) Http.json(weReadTheSdks.body());
        assertThat(job.getString("status")).isEqualTo("SUCCESS");
        assertThat(job.getJsonArray("sub_jobs").stream().map(JsonValue::asJsonObject)
                .map(s -> s.getJsonObject("entities").getString("desktop_id")))
                .containsExactlyInAnyOrderElementsOf(pool.desktopIds());
        for (String id : pool.desktopIds()) {
            assertThat(emulator.journal().shownOn(id)).extracting(n -> n.text())
                    .containsExactlyInAnyOrder("from the SDK", "from our signer");
        }
        assertThat(emulator.journal().requests(Route.HUAWEI_SEND_POOL)).hasSize(2);
        assertThat(emulator.journal().requests(Route.HUAWEI_JOB)).hasSize(2);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }
}
