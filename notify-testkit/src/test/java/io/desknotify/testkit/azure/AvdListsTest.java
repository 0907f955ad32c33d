package io.desknotify.testkit.azure;

import static io.desknotify.testkit.azure.Avd.builder;
import static io.desknotify.testkit.azure.Avd.get;
import static io.desknotify.testkit.azure.Avd.hostPoolPath;
import static io.desknotify.testkit.azure.Avd.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AvdListsTest {

    /** Follows nextLink as is, to the end, and returns every item. */
    static List<JsonObject> all(AzureVirtualDesktopEmulator e, String token, String path, String query,
                                List<Integer> pageSizes) {
        List<JsonObject> items = new ArrayList<>();
        URI next = Avd.uri(e, path, query);
        while (next != null) {
            HttpResponse<String> r = Http.get(next, "Authorization", "Bearer " + token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonObject page = Http.json(r.body()).asJsonObject();
            pageSizes.add(page.getJsonArray("value").size());
            page.getJsonArray("value").forEach(v -> items.add(v.asJsonObject()));
            JsonValue link = page.get("nextLink");
            next = link == null ? null : URI.create(page.getString("nextLink"));
        }
        return items;
    }

    static String q(String filter) {
        return "api-version=2024-04-03&$filter=" + Avd.enc(filter).replace("+", "%20");
    }

    @Test
    void mapsPoolsToHostPoolsDesktopsToSessionHostsAndSessionsToUserSessions() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            Inventory inv = e.inventory();
            assertThat(e.hostPoolNames()).containsExactly("pool-01", "pool-02", "personal-desktops");
            String token = token(e);
            List<JsonObject> listed = new ArrayList<>();
            for (String pool : e.hostPoolNames()) {
                listed.addAll(all(e, token, hostPoolPath(e, pool) + "/userSessions", "api-version=2024-04-03",
                        new ArrayList<>()));
            }
            assertThat(listed).hasSize(inv.sessions().size());
            for (Inventory.Session s : inv.sessions()) {
                String target = e.sessionTargetId(s);
                JsonObject item = listed.stream().filter(i -> i.getString("id").endsWith(
                        "/hostPools/" + target.split("/")[0] + "/sessionHosts/" + target.split("/")[1]
                                + "/userSessions/" + target.split("/")[2])).findFirst().orElseThrow();
                JsonObject p = item.getJsonObject("properties");
                assertThat(p.getString("userPrincipalName")).isEqualTo(e.userPrincipalName(s.userName()));
                assertThat(p.getString("sessionState"))
                        .isEqualTo(s.state() == Inventory.SessionState.CONNECTED ? "Active" : "Disconnected");
                assertThat(p.getString("activeDirectoryUserName")).isEqualTo("DESKNOTIFY\\" + s.userName());
                assertThat(item.getString("name")).isEqualTo(target.split("/")[2]);
                assertThat(item.getString("type"))
                        .isEqualTo("Microsoft.DesktopVirtualization/hostPools/sessionHosts/userSessions");
            }
        }
    }

    @Test
    void pagesByAnAbsoluteNextLinkWithTheApiVersionAndLeavesItOutOnTheLastPage() {
        try (AzureVirtualDesktopEmulator e = builder().pageSize(3).start()) {
            String token = token(e);
            String path = hostPoolPath(e, "pool-01") + "/userSessions";
            HttpResponse<String> first = get(e, token, path, "api-version=2024-04-03");
            String link = Http.json(first.body()).asJsonObject().getString("nextLink");
            assertThat(link).startsWith(e.baseUri() + path + "?").contains("api-version=2024-04-03", "$skipToken=");
            List<Integer> sizes = new ArrayList<>();
            List<JsonObject> items = all(e, token, path, "api-version=2024-04-03", sizes);
            long expected = e.inventory().sessions().stream()
                    .filter(s -> s.poolId() != null && e.inventory().pool(s.poolId()).orElseThrow().name()
                            .equals("pool-01")).count();
            assertThat(items).hasSize((int) expected);
            assertThat(items.stream().map(i -> i.getString("id")).distinct()).hasSize((int) expected);
            assertThat(sizes).hasSizeGreaterThan(1).allMatch(s -> s <= 3);
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void honoursPageSizeInitialSkipAndIsDescending() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String token = token(e);
            String path = hostPoolPath(e, "pool-01") + "/userSessions";
            List<String> ids = all(e, token, path, "api-version=2024-04-03", new ArrayList<>()).stream()
                    .map(i -> i.getString("id")).toList();
            JsonObject page = Http.json(get(e, token, path, "api-version=2024-04-03&pageSize=2&initialSkip=1"
                    + "&isDescending=true").body()).asJsonObject();
            List<String> got = page.getJsonArray("value").stream().map(v -> v.asJsonObject().getString("id"))
                    .toList();
            List<String> reversed = new ArrayList<>(ids);
            java.util.Collections.reverse(reversed);
            assertThat(got).containsExactly(reversed.get(1), reversed.get(2));
            assertThat(get(e, token, path, "api-version=2024-04-03&pageSize=two").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void refusesAForgedSkipTokenOrOneOfAnotherListAndJournalsIt() {
        try (AzureVirtualDesktopEmulator e = builder().pageSize(2).start()) {
            String token = token(e);
            String path = hostPoolPath(e, "pool-01") + "/userSessions";
            String link = Http.json(get(e, token, path, "api-version=2024-04-03").body()).asJsonObject()
                    .getString("nextLink");
            String skip = link.substring(link.indexOf("$skipToken=") + "$skipToken=".length());
            HttpResponse<String> forged = get(e, token, path, "api-version=2024-04-03&$skipToken=bm90LW91cnM");
            HttpResponse<String> moved = get(e, token, hostPoolPath(e, "pool-02") + "/userSessions",
                    "api-version=2024-04-03&$skipToken=" + skip);
            assertThat(forged.statusCode()).isEqualTo(400);
            assertThat(moved.statusCode()).isEqualTo(400);
            assertThat(e.journal().contractViolations()).hasSize(2);
        }
    }

    @Test
    void filtersByUserPrincipalNameAndSessionStateAsTheDefinitionDescribes() {
        try (AzureVirtualDesktopEmulator e = builder().start()) {
            String token = token(e);
            Inventory.Session s = e.inventory().sessions().stream().filter(x -> x.poolId() != null).findFirst()
                    .orElseThrow();
            String pool = e.sessionTargetId(s).split("/")[0];
            String path = hostPoolPath(e, pool) + "/userSessions";
            String upn = e.userPrincipalName(s.userName());
            List<JsonObject> byUpn = all(e, token, path, q("userPrincipalName eq '" + upn.toUpperCase() + "'"),
                    new ArrayList<>());
            assertThat(byUpn).isNotEmpty().allSatisfy(i -> assertThat(i.getJsonObject("properties")
                    .getString("userPrincipalName")).isEqualTo(upn));
            String state = s.state() == Inventory.SessionState.CONNECTED ? "active" : "disconnected";
            assertThat(all(e, token, path, q("userPrincipalName eq '" + upn + "' and state eq '" + state + "'"),
                    new ArrayList<>())).hasSize(byUpn.size());
            assertThat(all(e, token, path, q("sessionState eq 'Active'"), new ArrayList<>()))
                    .allSatisfy(i -> assertThat(i.getJsonObject("properties").getString("sessionState"))
                            .isEqualTo("Active"));
            assertThat(e.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void refusesAFilterOutsideTheSupportedPropertiesAndOperatorsAndJournalsIt() {
        try (AzureVirtualDesktopEmulator e = builder().filterStateAlias(false).start()) {
            String token = token(e);
            String path = hostPoolPath(e, "pool-01") + "/userSessions";
            for (String f : List.of("objectId eq 'x'", "userPrincipalName ne 'x'", "state eq 'active'",
                    "userPrincipalName eq 'x' or sessionState eq 'Active'", "userPrincipalName eq 'x")) {
                assertThat(get(e, token, path, q(f)).statusCode()).as(f).isEqualTo(400);
            }
            HttpResponse<String> perHost = get(e, token, hostPoolPath(e, "pool-01") + "/sessionHosts/"
                    + "desk-00001.desknotify.example/userSessions", q("sessionState eq 'Active'"));
            assertThat(perHost.statusCode()).isEqualTo(400);
            assertThat(e.journal().contractViolations()).hasSize(6);
        }
    }

    @Test
    void listsTheSessionsOfASessionHostGetsOneSessionAndListsSessionHosts() {
        try (AzureVirtualDesktopEmulator e = builder()
                .resourceNames(AzureVirtualDesktopEmulator.ResourceNames.POWERSHELL_DOCS).start()) {
            String token = token(e);
            Inventory.Session s = e.inventory().sessions().get(0);
            String[] t = e.sessionTargetId(s).split("/");
            String host = hostPoolPath(e, t[0]) + "/sessionHosts/" + t[1];
            List<JsonObject> onHost = all(e, token, host + "/userSessions", "api-version=2024-04-03",
                    new ArrayList<>());
            assertThat(onHost).singleElement().satisfies(i -> assertThat(i.getString("name"))
                    .isEqualTo(String.join("/", t)));
            HttpResponse<String> one = get(e, token, host + "/userSessions/" + t[2], "api-version=2024-04-03");
            assertThat(one.statusCode()).isEqualTo(200);
            assertThat(Http.json(one.body()).asJsonObject().getString("type"))
                    .isEqualTo("Microsoft.DesktopVirtualization/hostpools/sessionhosts/usersessions");
            List<JsonObject> hosts = all(e, token, hostPoolPath(e, t[0]) + "/sessionHosts", "api-version=2024-04-03",
                    new ArrayList<>());
            assertThat(hosts.stream().map(h -> h.getString("name")).collect(Collectors.toList()))
                    .contains(t[0] + "/" + t[1]);
        }
    }
}
