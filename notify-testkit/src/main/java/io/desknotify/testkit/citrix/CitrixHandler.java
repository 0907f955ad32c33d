package io.desknotify.testkit.citrix;

import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.ShownNotification;
import io.desknotify.testkit.internal.Dialect;
import io.desknotify.testkit.internal.EmulatorServer;
import io.desknotify.testkit.internal.FaultEngine;
import io.desknotify.testkit.internal.HttpError;
import io.desknotify.testkit.internal.JournalImpl;
import io.desknotify.testkit.internal.Jsons;
import io.desknotify.testkit.internal.Request;
import io.desknotify.testkit.internal.Response;
import io.desknotify.testkit.internal.TokenIssuer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/** Processing and error wording of the Citrix DaaS emulator; the rules and their sources are in package-info. */
final class CitrixHandler implements EmulatorServer.Handler, Dialect {

    static final Set<String> STYLES = Set.of("Unknown", "Critical", "Question", "Exclamation", "Information");
    private static final String SCHEME = "CwsAuth Bearer=";

    /** A session as the CVAD API describes it, made once from the inventory. */
    record CitrixSession(String id, int uid, String state, Inventory.User user, String samName, String upn,
                         String machineId, String machineName, String dnsName, String hostedName,
                         String groupId, String groupName, int groupUid) { }

    private record Cursor(Route route, JsonValue query, int offset) { }

    private record Job(String id, String sessionId, boolean failed, Instant created) { }

    private final CitrixDaasEmulator.Settings settings;
    private final JournalImpl journal;
    private final FaultEngine faults;
    private final Clock clock;
    private final TokenIssuer tokens;
    private final List<CitrixSession> sessions;
    private final Map<String, CitrixSession> sessionsById;
    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private volatile String baseUri = "";

    CitrixHandler(CitrixDaasEmulator.Settings settings, JournalImpl journal, FaultEngine faults) {
        this.settings = settings;
        this.journal = journal;
        this.faults = faults;
        this.clock = settings.clock;
        this.tokens = new TokenIssuer(clock, "cws", settings.accessTokenTtl, settings.accessTokenMaxUses, false);
        Inventory inv = settings.inventory;
        Map<String, Integer> groupUids = new HashMap<>();
        for (int i = 0; i < inv.pools().size(); i++) {
            groupUids.put(inv.pools().get(i).id(), i + 1);
        }
        List<CitrixSession> list = new ArrayList<>();
        String dnsSuffix = inv.users().isEmpty() ? "example" : dnsDomain(inv.users().get(0).domain());
        int uid = 1;
        for (Inventory.Session s : inv.sessions()) {
            Inventory.User u = inv.user(s.userName()).orElseThrow();
            Inventory.Desktop d = inv.desktop(s.desktopId()).orElseThrow();
            Inventory.Pool p = s.poolId() == null ? null : inv.pool(s.poolId()).orElseThrow();
            list.add(new CitrixSession(s.id(), uid++, state(s.state()), u, samName(u), upn(u), d.id(),
                    u.domain() + "\\" + d.name(), d.name() + "." + dnsSuffix, d.name(),
                    p == null ? null : p.id(), p == null ? null : p.name(),
                    p == null ? 0 : groupUids.get(p.id())));
        }
        this.sessions = List.copyOf(list);
        Map<String, CitrixSession> byId = new HashMap<>();
        sessions.forEach(s -> byId.put(s.id(), s));
        this.sessionsById = Map.copyOf(byId);
    }

    void baseUri(String uri) {
        this.baseUri = uri;
    }

    static String state(Inventory.SessionState state) {
        return switch (state) {
            case CONNECTED -> "Active";
            case DISCONNECTED -> "Disconnected";
            case PENDING -> "Connected";
        };
    }

    static String samName(Inventory.User u) {
        return u.domain() + "\\" + u.name();
    }

    static String upn(Inventory.User u) {
        return u.name() + "@" + dnsDomain(u.domain());
    }

    private static String dnsDomain(String domain) {
        return domain.toLowerCase(Locale.ROOT) + ".example";
    }

    void expireAccessTokens() {
        tokens.expireAll();
    }

    @Override
    public Response handle(Request request) {
        return switch (request.route()) {
            case CITRIX_TOKEN -> token(request);
            case CITRIX_ME -> {
                String customer = authenticate(request);
                yield me(customer);
            }
            case CITRIX_SEARCH_SESSIONS -> {
                site(request);
                yield search(request);
            }
            case CITRIX_SESSIONS -> {
                site(request);
                yield list(request);
            }
            case CITRIX_SESSION -> {
                String id = request.pathSegments().get(3);
                if (id.startsWith("$")) {
                    // GET on an action path: the route of GET Sessions/{id} caught it
                    throw HttpError.outOfContract(wrongMethod(request.method(), request.rawPath()),
                            "no operation of the API has this method and path");
                }
                site(request);
                yield Response.json(200, session(known(id)).build());
            }
            case CITRIX_SEND_MESSAGE -> {
                site(request);
                yield send(request);
            }
            case CITRIX_JOB -> {
                site(request);
                yield job(request.pathSegments().get(3));
            }
            default -> throw new IllegalStateException("not a Citrix route: " + request.route());
        };
    }

    // ---- the trust service's token endpoint

    private Response token(Request request) {
        String customer = request.pathSegments().get(1);
        String type = request.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw HttpError.outOfContract(oauth(400, "invalid_request", "the token request must be form-encoded"),
                    "the token request must be application/x-www-form-urlencoded (client credentials)");
        }
        Map<String, String> form = form(request.body());
        String grant = form.get("grant_type");
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        if (!"client_credentials".equals(grant)) {
            throw HttpError.outOfContract(oauth(400, "unsupported_grant_type", "grant_type must be client_credentials"),
                    "grant_type must be client_credentials");
        }
        if (clientId == null || secret == null) {
            throw HttpError.outOfContract(oauth(400, "invalid_request", "client_id and client_secret are required"),
                    "client_id and client_secret are required");
        }
        String expected = settings.clients.get(clientId);
        if (!customer.equals(settings.customerId) || expected == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(oauth(settings.badCredentialsStatus, "invalid_client", "Invalid client credentials."));
        }
        TokenIssuer.Token token = tokens.issue(customer);
        long seconds = tokens.ttl().getSeconds();
        JsonObjectBuilder b = Jsons.object().add("token_type", settings.tokenType)
                .add("access_token", token.value());
        if (settings.expiresInAsString) {
            b.add("expires_in", Long.toString(seconds));
        } else {
            b.add("expires_in", seconds);
        }
        return Response.json(200, b.build());
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> out = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private Response oauth(int status, String error, String description) {
        return Response.json(status, Jsons.object().add("error", error).add("error_description", description)
                .build());
    }

    // ---- authentication and the site headers

    /** @return the customer the token was issued for, after checking the Citrix-CustomerId header against it */
    private String authenticate(Request request) {
        String header = request.header("authorization");
        String scheme = SCHEME;
        if (header != null && settings.acceptPlainBearer && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            scheme = "Bearer ";
        } else if (header != null && header.regionMatches(true, 0, "CwsAuth ", 0, 8)) {
            // the documents write "CwsAuth Bearer=", "CWSAuth bearer=": case and the blanks between do not matter
            String rest = header.substring(8).stripLeading();
            if (rest.regionMatches(true, 0, "Bearer=", 0, 7)) {
                scheme = header.substring(0, header.length() - rest.length()) + rest.substring(0, 7);
            }
        }
        String customer = tokens.authenticate(request, scheme, failure -> switch (failure) {
            case WRONG_SCHEME -> HttpError.outOfContract(error(401, "Unauthorized",
                            "Authorization must be CwsAuth Bearer=<token>."),
                    "Authorization must use the CwsAuth scheme: CwsAuth Bearer=<token>");
            case MISSING -> HttpError.outOfContract(error(401, "Unauthorized", "Missing Authorization header."),
                    "Authorization: CwsAuth Bearer=<token> is required");
            case UNKNOWN, EXPIRED -> new HttpError(error(401, "Unauthorized", "The bearer token is invalid or expired."));
        });
        String given = request.header("citrix-customerid");
        if (given == null || given.isBlank()) {
            throw HttpError.outOfContract(error(settings.customerIdRefusalStatus, "MissingCustomerId",
                    "Citrix-CustomerId header is required."), "the Citrix-CustomerId header is required");
        }
        if (!given.equals(customer)) {
            throw HttpError.outOfContract(error(settings.customerIdRefusalStatus, "CustomerIdMismatch",
                            "Citrix-CustomerId does not match the bearer token."),
                    "Citrix-CustomerId must be the customer the token was issued for");
        }
        acceptJson(request);
        return customer;
    }

    private void site(Request request) {
        authenticate(request);
        String site = request.header("citrix-instanceid");
        if (site == null || site.isBlank()) {
            throw HttpError.outOfContract(error(400, "MissingInstanceId", "Citrix-InstanceId header is required."),
                    "the Citrix-InstanceId header (the site id) is required on site-scoped calls");
        }
        if (!site.equalsIgnoreCase(settings.siteId)) {
            // other sites are listed by /me only: the emulator serves the sessions of one site
            throw new HttpError(error(settings.unknownSiteStatus, "SiteNotFound", "Site " + site + " not found."));
        }
    }

    private void acceptJson(Request request) {
        String accept = request.header("accept");
        if (accept == null) {
            return; // no Accept means any type (RFC 9110)
        }
        String a = accept.toLowerCase(Locale.ROOT);
        if (!a.contains("application/json") && !a.contains("*/*") && !a.contains("application/*")) {
            throw HttpError.outOfContract(error(406, "NotAcceptable", "The client must accept application/json."),
                    "Accept must allow application/json");
        }
        if (a.contains("charset=") && !a.contains("charset=utf-8")) {
            throw HttpError.outOfContract(error(406, "NotAcceptable", "The client must accept utf-8."),
                    "Accept must allow the utf-8 charset");
        }
    }

    // ---- /me

    private Response me(String customer) {
        JsonArrayBuilder sites = Jsons.array().add(Jsons.object().add("Id", settings.siteId)
                .add("Name", settings.siteName));
        settings.extraSiteIds.forEach(id -> sites.add(Jsons.object().add("Id", id).add("Name", "site " + id)));
        Instant expiry = clock.instant().plus(settings.accessTokenTtl);
        return Response.json(200, Jsons.object().add("UserId", "api-client").add("DisplayName", "desknotify")
                .add("ExpiryTime", expiry.toString()).add("RefreshExpirationTime", expiry.toString())
                .addNull("VerifiedEmail").add("IsCspCustomer", false)
                .add("Customers", Jsons.array().add(Jsons.object().add("Id", customer).add("Name", customer)
                        .add("Sites", sites)))
                .build());
    }

    // ---- sessions

    private CitrixSession known(String id) {
        CitrixSession s = sessionsById.get(id);
        if (s == null) {
            throw new HttpError(error(404, "SessionNotFound", "Session " + id + " not found."));
        }
        return s;
    }

    private Response search(Request request) {
        JsonObject body = jsonBody(request);
        noAsync(request);
        Predicate<Function<String, List<String>>> filter;
        try {
            filter = CitrixSearch.parse(body, settings.caseSensitiveEnums, settings.caseSensitiveValues);
        } catch (CitrixSearch.OutOfContract e) {
            throw refused(e.getMessage());
        } catch (CitrixSearch.NotModelled e) {
            throw new HttpError(badRequest(e.getMessage()));
        }
        List<CitrixSession> matching = new ArrayList<>();
        for (CitrixSession s : sessions) {
            if (filter.test(p -> values(s, p))) {
                matching.add(s);
            }
        }
        int skip = 0;
        String skipParam = request.query("skip");
        if (skipParam != null) {
            skip = integer("skip", skipParam, 0, Integer.MAX_VALUE);
        }
        List<CitrixSession> rest = matching.subList(Math.min(skip, matching.size()), matching.size());
        return page(request, body, rest, true);
    }

    private Response list(Request request) {
        noAsync(request);
        return page(request, JsonValue.NULL, sessions, false);
    }

    private void noAsync(Request request) {
        String async = request.query("async");
        if (async != null && !async.equalsIgnoreCase("false")) {
            throw new HttpError(badRequest("async searches and lists are not modelled by the emulator"));
        }
    }

    private Response page(Request request, JsonValue query, List<CitrixSession> all, boolean total) {
        int limit = settings.defaultPageSize;
        String limitParam = request.query("limit");
        if (limitParam != null) {
            limit = integer("limit", limitParam, 1, settings.maxPageSize);
        }
        int from = 0;
        String token = request.query("continuationToken");
        if (token != null) {
            Cursor c = cursors.get(token);
            if (c == null) {
                throw new HttpError(badRequest("The continuation token is invalid."));
            }
            if (c.route() != request.route() || !c.query().equals(query)) {
                throw refused("a continuationToken must be sent with the same request it was answered to");
            }
            from = Math.min(c.offset(), all.size());
        }
        int to = (int) Math.min((long) from + limit, all.size());
        JsonArrayBuilder items = Jsons.array();
        for (CitrixSession s : all.subList(from, to)) {
            items.add(session(s));
        }
        JsonObjectBuilder out = Jsons.object().add("Items", items);
        if (to < all.size()) {
            String next = randomToken();
            cursors.put(next, new Cursor(request.route(), query, to));
            out.add("ContinuationToken", next);
        }
        if (total) {
            out.add("TotalItems", all.size());
        }
        return Response.json(200, out.build());
    }

    private int integer(String name, String value, int min, int max) {
        try {
            int i = Integer.parseInt(value);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw refused(name + " must be an integer within [" + min + ", " + max + "] but was '" + value + "'");
    }

    /** The values a search filter property has for a session; empty when the emulator models none. */
    private List<String> values(CitrixSession s, String property) {
        return switch (property) {
            case "UserName", "CurrentUser", "LastConnectionUser" ->
                    settings.bareUserNames ? List.of(s.samName(), s.user().name()) : List.of(s.samName());
            case "UserPrincipalName" -> List.of(s.upn());
            case "UserDisplayName" -> List.of(s.user().name());
            case "SessionState" -> List.of(s.state());
            case "DeliveryGroup" -> s.groupId() == null ? List.of() : switch (settings.deliveryGroupMatch) {
                case NAME -> List.of(s.groupName());
                case ID -> List.of(s.groupId());
                case NAME_OR_ID -> List.of(s.groupName(), s.groupId());
            };
            case "MachineName" -> List.of(s.machineName());
            case "DnsName" -> List.of(s.dnsName());
            case "HostedMachineName" -> List.of(s.hostedName());
            case "SessionSupport" -> List.of("SingleSession");
            default -> List.of();
        };
    }

    private JsonObjectBuilder session(CitrixSession s) {
        Inventory.User u = s.user();
        JsonObjectBuilder machine = Jsons.object().add("Id", s.machineId()).add("Name", s.machineName())
                .add("DnsName", s.dnsName()).add("SessionSupport", "SingleSession");
        if (s.groupId() != null) {
            machine.add("DeliveryGroup", Jsons.object().add("Id", s.groupId()).add("Uid", s.groupUid())
                    .add("Name", s.groupName()));
        }
        return Jsons.object().add("Id", s.id()).add("Uid", s.uid()).add("State", s.state())
                .add("User", Jsons.object().add("DisplayName", u.name()).add("Name", s.samName())
                        .add("SamName", s.samName()).add("SamAccountName", u.name())
                        .add("PrincipalName", s.upn()).add("Sid", u.sid()).add("Domain", u.domain())
                        .add("PropertiesFetched", 0))
                .add("Machine", machine)
                .add("SessionType", "Desktop");
    }

    // ---- sending

    private Response send(Request request) {
        String id = request.pathSegments().get(3);
        String async = request.query("async");
        if (async != null && !async.equalsIgnoreCase("true") && !async.equalsIgnoreCase("false")) {
            throw refused("async must be true or false but was '" + async + "'");
        }
        String type = request.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw HttpError.outOfContract(error(415, "UnsupportedMediaType",
                    "The body must be application/json; charset=utf-8."), "Content-Type must be application/json");
        }
        JsonObject body = jsonBody(request);
        String style = style(body);
        String title = text(body, "Title", settings.requireTitle, settings.maxTitleLength);
        String text = text(body, "Text", settings.requireText, settings.maxTextLength);
        CitrixSession session = known(id);
        boolean failed = faults.targetFails(id);
        if (!failed) {
            journal.record(new ShownNotification(Route.Provider.CITRIX_DAAS, id, text == null ? "" : text, style,
                    clock.instant(), request.requestId(), title));
        }
        if ("true".equalsIgnoreCase(async)) {
            String jobId = UUID.randomUUID().toString();
            jobs.put(jobId, new Job(jobId, id, failed, clock.instant()));
            String path = "/cvad/manage/Jobs/" + jobId;
            return transaction(Response.empty(202), request)
                    .header("Location", settings.relativeJobLocation ? path : baseUri + path);
        }
        if (failed) {
            throw new HttpError(transaction(error(400, "SendMessageFailed",
                    "Failed to send the message to session " + id + "."), request));
        }
        return transaction(Response.json(200, session(session).build()), request);
    }

    private Response transaction(Response r, Request request) {
        String given = request.header("citrix-transactionid");
        return r.header("Citrix-TransactionId", given != null && settings.echoTransactionId ? given
                : UUID.randomUUID().toString());
    }

    private String style(JsonObject body) {
        JsonValue v = body.get("Style");
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return settings.defaultStyle;
        }
        String given = v.getValueType() == JsonValue.ValueType.STRING ? Jsons.string(body, "Style") : v.toString();
        String style = CitrixSearch.find(STYLES, given, settings.caseSensitiveEnums);
        if (style == null) {
            throw refused("Style must be a MessageStyle (" + STYLES + ") but was " + given);
        }
        if (style.equals("Unknown") && !settings.acceptUnknownStyle) {
            throw refused("Style Unknown is not a style a message box can show");
        }
        return style;
    }

    private String text(JsonObject body, String field, boolean required, int max) {
        JsonValue v = body.get(field);
        String s = null;
        if (v != null && v.getValueType() != JsonValue.ValueType.NULL) {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw refused(field + " must be a string");
            }
            s = Jsons.string(body, field);
        }
        if (required && (s == null || s.isBlank())) {
            throw refused(field + " must not be blank");
        }
        if (s != null && s.length() > max) {
            // no documented limit: the emulator's setting, a refusal the contract foresees
            throw new HttpError(badRequest(field + " must not be longer than " + max + " characters."));
        }
        return s;
    }

    // ---- jobs

    private Response job(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new HttpError(error(404, "JobNotFound", "Job " + id + " not found."));
        }
        JsonObjectBuilder b = Jsons.object().add("Id", job.id()).add("Type", "SendSessionMessage")
                .add("Parameters", Jsons.array().add(Jsons.object().add("Name", "Id").add("Value", job.sessionId())))
                .add("Status", job.failed() ? "Failed" : "Complete")
                .add("CreationTime", job.created().toString()).add("FormattedCreationTime", job.created().toString())
                .add("OverallProgressPercent", 100).add("IsCancellable", false);
        if (job.failed()) {
            b.add("ErrorString", "Failed to send the message to session " + job.sessionId() + ".");
        }
        return Response.json(200, b.build());
    }

    // ---- helpers

    private JsonObject jsonBody(Request request) {
        if (request.body().length == 0) {
            throw refused("the request body is required");
        }
        try {
            return Jsons.parseObject(request.body());
        } catch (JsonException e) {
            throw refused("the request body must be a JSON object");
        }
    }

    private HttpError refused(String rule) {
        return HttpError.outOfContract(badRequest(rule), rule);
    }

    private static String randomToken() {
        byte[] bytes = new byte[18];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Response error(int status, String errorId, String message) {
        JsonObject body = switch (settings.errorShape) {
            case ERROR_DATA -> Jsons.object().add("ErrorMessage", message).add("SdkErrorId", errorId)
                    .add("ErrorType", errorId).build();
            case ERROR_RESPONSE -> Jsons.object().add("Type", "https://errors-api.cloud.com/cvad/" + errorId)
                    .add("Detail", message).add("Parameters", Jsons.array()).build();
        };
        return Response.json(status, body);
    }

    private Response wrongMethod(String method, String path) {
        return error(settings.wrongMethodStatus, settings.wrongMethodStatus == 405 ? "MethodNotAllowed" : "NotFound",
                "No operation for " + method + " " + path + ".");
    }

    // ---- dialect

    @Override
    public Response throttled(long retryAfterSeconds) {
        Response r = error(429, "TooManyRequests", "Too many requests; slow down.");
        return settings.retryAfterHeader ? r.header("Retry-After", Long.toString(retryAfterSeconds)) : r;
    }

    @Override
    public Response serverError() {
        return error(500, "InternalServerError", "Internal server error.");
    }

    @Override
    public Response unavailable(long retryAfterSeconds) {
        Response r = error(503, "ServiceUnavailable", "Service temporarily unavailable; retry with back-off.");
        return settings.retryAfterHeader ? r.header("Retry-After", Long.toString(retryAfterSeconds)) : r;
    }

    @Override
    public Response unauthorized() {
        return error(401, "Unauthorized", "The bearer token is invalid or expired.");
    }

    @Override
    public Response badRequest(String message) {
        return error(400, "BadRequest", message);
    }

    /** A known path with another method gets the wrong-method answer; an unknown path 404. */
    @Override
    public Response notFound(String method, String path) {
        for (Route r : Route.values()) {
            if (r.provider() == Route.Provider.CITRIX_DAAS && !r.method().equalsIgnoreCase(method)
                    && r.matches(r.method(), path)) {
                return wrongMethod(method, path);
            }
        }
        return error(404, "NotFound", "No resource found for " + method + " " + path + ".");
    }
}
