package io.desknotify.testkit.horizon;

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
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Processing and error wording of the Horizon emulator. Error bodies carry no {@code error_key} except the
 * documented throttling one: the definitions list no keys (they come from the server's message bundle).
 */
final class HorizonHandler implements EmulatorServer.Handler, Dialect {

    static final String THROTTLE_KEY = "common.api-throttle-limit.exceeded.error";

    private static final Set<String> MESSAGE_TYPES = Set.of("INFO", "WARNING", "ERROR");

    /** The sessions one pod hosts. */
    static final class Pod {
        final String id;
        final List<Inventory.Session> sessions;
        final Map<String, Inventory.Session> sessionsById;

        Pod(String id, List<Inventory> inventories) {
            this.id = id;
            List<Inventory.Session> all = new ArrayList<>();
            inventories.forEach(i -> all.addAll(i.sessions()));
            this.sessions = List.copyOf(all);
            Map<String, Inventory.Session> byId = new HashMap<>();
            all.forEach(s -> byId.put(s.id(), s));
            this.sessionsById = Map.copyOf(byId);
        }
    }

    private final HorizonEmulator.Settings settings;
    private final JournalImpl journal;
    private final FaultEngine faults;
    private final Clock clock;
    private final Pod localPod;
    /** Every pod of the federation, the local one first. */
    private final Map<String, Pod> pods;
    /** The Active Directory every pod of a federation shares. */
    private final List<Inventory.User> directory;
    /** Refresh tokens, issued for a login. */
    private final TokenIssuer refreshTokens;
    /** Access tokens, issued for a refresh token; an expired one is unknown from then on. */
    private final TokenIssuer accessTokens;

    HorizonHandler(HorizonEmulator.Settings settings, JournalImpl journal, FaultEngine faults) {
        this.settings = settings;
        this.clock = settings.clock;
        this.journal = journal;
        this.faults = faults;
        List<Inventory> local = new ArrayList<>();
        local.add(settings.inventory);
        local.addAll(settings.localExtras);
        this.localPod = new Pod(settings.localPodId, local);
        Map<String, Pod> all = new LinkedHashMap<>();
        all.put(localPod.id, localPod);
        settings.remotePods.forEach((id, inv) -> all.put(id, new Pod(id, List.of(inv))));
        this.pods = java.util.Collections.unmodifiableMap(all);
        List<Inventory.User> users = new ArrayList<>();
        local.forEach(i -> users.addAll(i.users()));
        settings.remotePods.values().forEach(i -> users.addAll(i.users()));
        this.directory = List.copyOf(users);
        this.refreshTokens = new TokenIssuer(clock, "r", settings.refreshTokenTtl, 0, true);
        this.accessTokens = new TokenIssuer(clock, "a", settings.accessTokenTtl, settings.accessTokenMaxUses, true);
    }

    @Override
    public Response handle(Request request) {
        return switch (request.route()) {
            case HORIZON_LOGIN -> login(request);
            case HORIZON_REFRESH -> refresh(request);
            case HORIZON_LOGOUT -> logout(request);
            case HORIZON_SESSIONS -> {
                authenticate(request);
                yield sessions(request);
            }
            case HORIZON_AD_USERS -> {
                authenticate(request);
                yield adUsers(request);
            }
            case HORIZON_SEND_MESSAGE -> {
                authenticate(request);
                yield sendMessage(request);
            }
            case HORIZON_GLOBAL_SESSIONS -> {
                authenticate(request);
                yield globalSessions(request);
            }
            case HORIZON_GLOBAL_SEND_MESSAGE -> {
                authenticate(request);
                yield globalSendMessage(request);
            }
            default -> throw new IllegalStateException("not a Horizon route: " + request.route());
        };
    }

    void expireAllAccessTokens() {
        // forgotten rather than marked expired: the next call is answered as with an unknown token
        accessTokens.revokeAll();
    }

    // ---- authentication

    private Response login(Request request) {
        JsonObject body = jsonBody(request);
        String domain = Jsons.string(body, "domain");
        String username = Jsons.string(body, "username");
        String password = Jsons.string(body, "password");
        if (domain == null || username == null || password == null) {
            throw refused("domain, username and password are required (AuthLogin)");
        }
        String key = HorizonEmulator.loginKey(domain, username);
        String expected = settings.logins.get(key);
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(error(401, "Invalid user credentials."));
        }
        String refresh = refreshTokens.issue(key).value();
        String access = accessTokens.issue(refresh).value();
        return Response.json(200, Jsons.object().add("access_token", access).add("refresh_token", refresh).build());
    }

    /** The definition lists 400 (and 500) for refresh, not 401: an unknown or expired refresh token is a 400. */
    private Response refresh(Request request) {
        String refresh = Jsons.string(jsonBody(request), "refresh_token");
        if (refresh == null) {
            throw refused("refresh_token is required (RefreshToken)");
        }
        if (refreshTokens.use(refresh) != null) {
            throw new HttpError(badRequest("Refresh token is invalid or expired."));
        }
        return Response.json(200, Jsons.object().add("access_token", accessTokens.issue(refresh).value()).build());
    }

    private Response logout(Request request) {
        String refresh = Jsons.string(jsonBody(request), "refresh_token");
        if (refresh == null) {
            throw refused("refresh_token is required (RefreshToken)");
        }
        if (!refreshTokens.revoke(refresh)) {
            throw new HttpError(badRequest("Refresh token is invalid."));
        }
        accessTokens.revokeSubject(refresh);
        return Response.empty(200);
    }

    private void authenticate(Request request) {
        accessTokens.authenticate(request, "Bearer ", failure -> new HttpError(failure == TokenIssuer.Failure.EXPIRED
                ? error(401, "Access token has expired.") : error(401, "User is not authenticated.")));
    }

    // ---- inventory queries

    private Response sessions(Request request) {
        Predicate<Function<String, String>> filter = filter(request, Filters.Model.SESSION_INFO);
        List<Inventory.Session> matching = new ArrayList<>();
        for (Inventory.Session s : localPod.sessions) {
            if (filter.test(field -> sessionField(s, field))) {
                matching.add(s);
            }
        }
        return page(request, matching, HorizonHandler::sessionInfo);
    }

    private static JsonObjectBuilder sessionInfo(Inventory.Session s) {
        JsonObjectBuilder b = Jsons.object().add("id", s.id()).add("user_id", s.userSid());
        if (s.poolId() != null) {
            b.add("desktop_pool_id", s.poolId());
        }
        b.add("machine_id", s.desktopId()).add("session_type", "DESKTOP").add("session_state", s.state().name());
        if (s.state() == Inventory.SessionState.CONNECTED) {
            // the definition: the protocol is unset for disconnected sessions
            b.add("session_protocol", "BLAST");
        }
        return b;
    }

    private static String sessionField(Inventory.Session s, String field) {
        return switch (field) {
            case "id" -> s.id();
            case "user_id" -> s.userSid();
            case "desktop_pool_id" -> s.poolId();
            case "machine_id" -> s.desktopId();
            case "session_state" -> s.state().name();
            case "session_type" -> "DESKTOP";
            case "session_protocol" -> s.state() == Inventory.SessionState.CONNECTED ? "BLAST" : null;
            default -> null;
        };
    }

    private Response adUsers(Request request) {
        Predicate<Function<String, String>> filter = filter(request, Filters.Model.AD_USER_OR_GROUP);
        String groupOnly = request.query("group_only");
        List<Inventory.User> matching = new ArrayList<>();
        if (!"true".equalsIgnoreCase(groupOnly)) {
            for (Inventory.User u : directory) {
                if (filter.test(field -> userField(u, field))) {
                    matching.add(u);
                }
            }
        }
        return page(request, matching, u -> Jsons.object().add("id", u.sid()).add("login_name", u.name())
                .add("domain", u.domain()).add("name", u.name())
                .add("display_name", u.domain() + "\\" + u.name())
                .add("email", email(u)).add("group", false));
    }

    private static String email(Inventory.User u) {
        return u.name() + "@" + u.domain().toLowerCase(Locale.ROOT) + ".example";
    }

    private static String userField(Inventory.User u, String field) {
        return switch (field) {
            case "id" -> u.sid();
            case "login_name", "name" -> u.name();
            case "domain" -> u.domain();
            case "email" -> email(u);
            default -> null;
        };
    }

    private Predicate<Function<String, String>> filter(Request request, Filters.Model model) {
        try {
            return Filters.parse(request.query("filter"), model);
        } catch (Filters.InvalidFilter e) {
            throw HttpError.outOfContract(badRequest(e.getMessage()),
                    e.getMessage() + " (" + model.name + " supported filters)");
        }
    }

    /**
     * One page of a list API, by the rules of the Pagination and Filter Guide: {@code page} and {@code size} both
     * or neither (then the whole list), positive integers, {@code size} at most the maximum.
     */
    private <T> Response page(Request request, List<T> all, Function<T, JsonObjectBuilder> render) {
        String pageParam = request.query("page");
        String sizeParam = request.query("size");
        int from = 0;
        int to = all.size();
        if (pageParam != null || sizeParam != null) {
            if (pageParam == null || sizeParam == null) {
                throw refused("page and size must be sent together (no page is assumed when only size is sent)");
            }
            int page = positive("page", pageParam, Integer.MAX_VALUE);
            int size = positive("size", sizeParam, settings.maxPageSize);
            long start = (long) (page - 1) * size;
            from = (int) Math.min(start, all.size());
            to = (int) Math.min(start + size, all.size());
        }
        JsonArrayBuilder out = Jsons.array();
        for (T item : all.subList(from, to)) {
            out.add(render.apply(item));
        }
        Response r = Response.json(200, out.build());
        if (to < all.size() && settings.hasMoreRecordsHeader) {
            r.header("HAS_MORE_RECORDS", "TRUE");
        }
        return r;
    }

    private int positive(String name, String value, int max) {
        try {
            int i = Integer.parseInt(value);
            if (i >= 1 && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw refused(name + " must be an integer within [1, " + max + "] but was '" + value + "'");
    }

    // ---- sending

    private Response sendMessage(Request request) {
        JsonObject body = jsonBody(request);
        String message = message(body);
        String type = messageType(body);
        List<String> ids = ids(body, "session_ids");
        if (ids.size() > settings.maxIdsPerCall) {
            // no documented limit: the emulator's setting, answered as a refusal the contract foresees
            throw new HttpError(badRequest("session_ids must not contain more than " + settings.maxIdsPerCall
                    + " items."));
        }
        Instant now = clock.instant();
        JsonArrayBuilder out = Jsons.array();
        for (String id : ids) {
            out.add(sendTo(localPod, id, message, type, now, request));
        }
        return Response.json(200, out.build());
    }

    /** A BulkItemResponseInfo: {@code id, status_code, timestamp} and, when it failed, the version's error fields. */
    private JsonObjectBuilder sendTo(Pod pod, String id, String message, String type, Instant now, Request request) {
        JsonObjectBuilder item = Jsons.object().add("id", id);
        if (!pod.sessionsById.containsKey(id)) {
            item.add("status_code", 404);
            addErrors(item, "Entity does not exist.");
        } else if (faults.targetFails(id)) {
            item.add("status_code", 400);
            addErrors(item, "Failed to send message to session.");
        } else {
            journal.record(new ShownNotification(Route.Provider.HORIZON, id, message, type, now,
                    request.requestId()));
            item.add("status_code", 200);
        }
        return item.add("timestamp", now.toEpochMilli());
    }

    /** The failure fields of a per-item result: {@code error_messages}, and {@code errors} since 2203. */
    private void addErrors(JsonObjectBuilder item, String text) {
        item.add("error_messages", Jsons.array().add(text));
        if (settings.version != HorizonVersion.V2111) {
            item.add("errors", Jsons.array().add(Jsons.object().add("error_message", text)));
        }
    }

    private String message(JsonObject body) {
        String message = Jsons.string(body, "message");
        if (message == null || message.isEmpty()) {
            throw refused("message is required");
        }
        if (message.length() > settings.maxMessageLength) {
            // no documented limit: the emulator's setting
            throw new HttpError(badRequest("message must not be longer than " + settings.maxMessageLength
                    + " characters."));
        }
        return message;
    }

    private String messageType(JsonObject body) {
        String type = Jsons.string(body, "message_type");
        if (type == null || !MESSAGE_TYPES.contains(type)) {
            throw refused("message_type is required and must be INFO, WARNING or ERROR");
        }
        return type;
    }

    private List<String> ids(JsonObject body, String field) {
        JsonValue ids = body.get(field);
        if (ids == null || ids.getValueType() != JsonValue.ValueType.ARRAY || ids.asJsonArray().isEmpty()) {
            throw refused(field + " is required and must be a non-empty array");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue v : ids.asJsonArray()) {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw refused(field + " must contain strings only");
            }
            out.add(((JsonString) v).getString());
        }
        return out;
    }

    // ---- Cloud Pod Architecture

    private void requireCpa() {
        if (!settings.cpaInitialized) {
            throw new HttpError(error(409, "CPA not initialized for the pod"));
        }
    }

    private Response globalSessions(Request request) {
        requireCpa();
        if (request.query("filter") != null) {
            throw refused("global-sessions takes no filter, only one of user_id, pod_id and brokering_pod_id");
        }
        String userId = request.query("user_id");
        String podId = request.query("pod_id");
        String brokeringPodId = request.query("brokering_pod_id");
        int set = (userId != null ? 1 : 0) + (podId != null ? 1 : 0) + (brokeringPodId != null ? 1 : 0);
        if (set != 1) {
            throw refused("exactly one of user_id, pod_id and brokering_pod_id must be set");
        }
        List<Map.Entry<Pod, Inventory.Session>> matching = new ArrayList<>();
        for (Pod pod : pods.values()) {
            String only = podId != null ? podId : brokeringPodId;
            if (only != null && !pod.id.equals(only)) {
                continue;
            }
            for (Inventory.Session s : pod.sessions) {
                if (userId == null || userId.equals(s.userSid())) {
                    matching.add(Map.entry(pod, s));
                }
            }
        }
        return page(request, matching, e -> globalSessionInfo(e.getKey(), e.getValue()));
    }

    private JsonObjectBuilder globalSessionInfo(Pod pod, Inventory.Session s) {
        boolean local = pod == localPod;
        JsonObjectBuilder b = Jsons.object().add("id", s.id()).add("user_id", s.userSid())
                .add("pod_id", pod.id).add("brokering_pod_id", pod.id);
        if (local) {
            // the definition: pool and machine ids are unset for a session hosted by a remote pod
            if (s.poolId() != null) {
                b.add("desktop_pool_id", s.poolId());
            }
            b.add("machine_id", s.desktopId());
        }
        b.add("resourced_remotely", !local).add("session_type", "DESKTOP").add("session_state", s.state().name());
        if (s.state() == Inventory.SessionState.CONNECTED) {
            b.add("session_protocol", "BLAST");
        }
        return b;
    }

    /** Answers a BulkGlobalSessionActionResponseInfo per pod: {@code pod_id, status_code, details[], timestamp}. */
    private Response globalSendMessage(Request request) {
        requireCpa();
        JsonObject body = jsonBody(request);
        String message = message(body);
        String type = messageType(body);
        JsonValue specs = body.get("global_session_action_specs");
        if (specs == null || specs.getValueType() != JsonValue.ValueType.ARRAY || specs.asJsonArray().isEmpty()) {
            throw refused("global_session_action_specs is required and must be a non-empty array");
        }
        Map<JsonObject, List<String>> idsOf = new LinkedHashMap<>();
        int total = 0;
        for (JsonValue v : specs.asJsonArray()) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT || Jsons.string(v.asJsonObject(), "pod_id") == null) {
                throw refused("each of global_session_action_specs needs pod_id and ids (GlobalSessionActionSpec)");
            }
            List<String> ids = ids(v.asJsonObject(), "ids");
            total += ids.size();
            idsOf.put(v.asJsonObject(), ids);
        }
        if (total > settings.maxIdsPerCall) {
            throw new HttpError(badRequest("no more than " + settings.maxIdsPerCall
                    + " session ids may be sent in one call."));
        }
        Instant now = clock.instant();
        JsonArrayBuilder out = Jsons.array();
        idsOf.forEach((spec, ids) -> {
            String podId = Jsons.string(spec, "pod_id");
            Pod pod = pods.get(podId);
            JsonObjectBuilder perPod = Jsons.object().add("pod_id", podId);
            if (pod == null) {
                perPod.add("status_code", 404);
                addErrors(perPod, "Entity does not exist.");
            } else {
                JsonArrayBuilder details = Jsons.array();
                ids.forEach(id -> details.add(sendTo(pod, id, message, type, now, request)));
                perPod.add("status_code", 200).add("details", details);
            }
            out.add(perPod.add("timestamp", now.toEpochMilli()));
        });
        return Response.json(200, out.build());
    }

    // ---- helpers

    private JsonObject jsonBody(Request request) {
        try {
            return Jsons.parseObject(request.body());
        } catch (JsonException e) {
            throw refused("the request body must be a JSON object");
        }
    }

    /** A request the definition does not allow: 400 and a contract violation. */
    private HttpError refused(String rule) {
        return HttpError.outOfContract(badRequest(rule), rule);
    }

    Response error(int status, String message) {
        return error(settings.errorStyle, status, null, message);
    }

    Response error(HorizonErrorStyle style, int status, String key, String message) {
        JsonObject body = switch (style) {
            case ERROR_MESSAGE -> Jsons.object().add("error_message", message).build();
            case ERROR_MESSAGES -> Jsons.object().add("error_messages", Jsons.array().add(message)).build();
            case ERRORS -> {
                JsonObjectBuilder e = Jsons.object();
                if (key != null) {
                    e.add("error_key", key);
                }
                yield Jsons.object().add("status", statusName(status))
                        .add("timestamp", clock.millis())
                        .add("errors", Jsons.array().add(e.add("error_message", message))).build();
            }
        };
        return Response.json(status, body);
    }

    private static String statusName(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 401 -> "UNAUTHORIZED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 409 -> "CONFLICT";
            case 429 -> "TOO_MANY_REQUESTS";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> "INTERNAL_SERVER_ERROR";
        };
    }

    // ---- dialect

    /** As the API Throttling guide documents it: the errors shape, and X-Rate-Limit-Retry-After-Seconds only. */
    @Override
    public Response throttled(long retryAfterSeconds) {
        return error(HorizonErrorStyle.ERRORS, 429, THROTTLE_KEY,
                        "API throttle limit exceeded; retry later.")
                .header("X-Rate-Limit-Retry-After-Seconds", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response serverError() {
        return error(500, "Internal server error.");
    }

    @Override
    public Response unavailable(long retryAfterSeconds) {
        return error(503, "Service unavailable.").header("Retry-After", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response unauthorized() {
        return error(401, "Access token has expired.");
    }

    @Override
    public Response badRequest(String message) {
        return error(400, message);
    }

    @Override
    public Response notFound(String method, String path) {
        return error(404, "No resource found for " + method + " " + path);
    }
}
