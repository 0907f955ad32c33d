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
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/** Processing and error wording of the Horizon emulator. */
final class HorizonHandler implements EmulatorServer.Handler, Dialect {

    static final String THROTTLE_KEY = "common.api-throttle-limit.exceeded.error";
    static final String SESSION_NOT_FOUND = "session.not.found";
    static final String SEND_FAILED = "session.send.message.failed";

    private static final Set<String> SESSION_FIELDS =
            Set.of("id", "user_id", "desktop_pool_id", "machine_id", "session_state", "session_type");
    private static final Set<String> AD_FIELDS = Set.of("id", "login_name", "domain", "name", "display_name");
    private static final Set<String> MESSAGE_TYPES = Set.of("INFO", "WARNING", "ERROR");

    private record Refresh(String userKey, Instant expiresAt) { }

    private record Access(String refreshToken, Instant expiresAt, AtomicInteger usesLeft) { }

    private final HorizonEmulator.Settings settings;
    private final JournalImpl journal;
    private final FaultEngine faults;
    private final Clock clock;
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();

    HorizonHandler(HorizonEmulator.Settings settings, JournalImpl journal, FaultEngine faults) {
        this.settings = settings;
        this.clock = settings.clock;
        this.journal = journal;
        this.faults = faults;
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
            default -> throw new IllegalStateException("not a Horizon route: " + request.route());
        };
    }

    void expireAllAccessTokens() {
        accessTokens.clear();
    }

    // ---- authentication

    private Response login(Request request) {
        JsonObject body = jsonBody(request);
        String domain = Jsons.string(body, "domain");
        String username = Jsons.string(body, "username");
        String password = Jsons.string(body, "password");
        if (domain == null || username == null || password == null) {
            throw new HttpError(error(400, "login.invalid", "domain, username and password are required"));
        }
        String key = HorizonEmulator.loginKey(domain, username);
        String expected = settings.logins.get(key);
        if (expected == null || !java.security.MessageDigest.isEqual(expected.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), password.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new HttpError(error(401, "login.invalid.credentials", "Invalid user credentials."));
        }
        String refresh = token("r");
        refreshTokens.put(refresh, new Refresh(key, clock.instant().plus(settings.refreshTokenTtl)));
        String access = newAccessToken(refresh);
        return Response.json(200, Jsons.object().add("access_token", access).add("refresh_token", refresh).build());
    }

    private Response refresh(Request request) {
        String refresh = Jsons.string(jsonBody(request), "refresh_token");
        Refresh r = refresh == null ? null : refreshTokens.get(refresh);
        if (r == null || clock.instant().isAfter(r.expiresAt())) {
            if (refresh != null) {
                refreshTokens.remove(refresh);
            }
            throw new HttpError(error(401, "refresh.token.invalid", "Refresh token is invalid or expired."));
        }
        return Response.json(200, Jsons.object().add("access_token", newAccessToken(refresh)).build());
    }

    private Response logout(Request request) {
        String refresh = Jsons.string(jsonBody(request), "refresh_token");
        if (refresh == null || refreshTokens.remove(refresh) == null) {
            throw new HttpError(error(400, "refresh.token.invalid", "Refresh token is invalid."));
        }
        accessTokens.values().removeIf(a -> a.refreshToken().equals(refresh));
        return Response.empty(200);
    }

    private String newAccessToken(String refresh) {
        String access = token("a");
        int uses = settings.accessTokenMaxUses == 0 ? Integer.MAX_VALUE : settings.accessTokenMaxUses;
        accessTokens.put(access, new Access(refresh, clock.instant().plus(settings.accessTokenTtl),
                new AtomicInteger(uses)));
        return access;
    }

    private void authenticate(Request request) {
        String header = request.header("authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpError(unauthorizedBody("User is not authenticated."));
        }
        String token = header.substring(7).trim();
        Access a = accessTokens.get(token);
        if (a == null) {
            throw new HttpError(unauthorizedBody("User is not authenticated."));
        }
        if (clock.instant().isAfter(a.expiresAt()) || a.usesLeft().getAndDecrement() <= 0) {
            accessTokens.remove(token);
            throw new HttpError(unauthorizedBody("Access token has expired."));
        }
    }

    private static String token(String kind) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        byte[] bytes = new byte[24];
        r.nextBytes(bytes);
        return kind + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---- inventory queries

    private Response sessions(Request request) {
        Predicate<Function<String, String>> filter = filter(request, SESSION_FIELDS);
        List<Inventory.Session> matching = new ArrayList<>();
        for (Inventory.Session s : settings.inventory.sessions()) {
            if (filter.test(field -> sessionField(s, field))) {
                matching.add(s);
            }
        }
        String pageParam = request.query("page");
        String sizeParam = request.query("size");
        int from = 0;
        int to = matching.size();
        boolean more = false;
        if (pageParam != null || sizeParam != null) {
            int page = integer("page", pageParam, 1, 1, Integer.MAX_VALUE);
            int size = integer("size", sizeParam, 10, 1, settings.maxPageSize);
            long start = (long) (page - 1) * size;
            from = (int) Math.min(start, matching.size());
            to = (int) Math.min(start + size, matching.size());
            more = to < matching.size();
        }
        JsonArrayBuilder out = Jsons.array();
        for (Inventory.Session s : matching.subList(from, to)) {
            JsonObjectBuilder b = Jsons.object().add("id", s.id()).add("user_id", s.userSid());
            if (s.poolId() != null) {
                b.add("desktop_pool_id", s.poolId());
            }
            b.add("machine_id", s.desktopId()).add("session_type", "DESKTOP")
                    .add("session_state", s.state().name()).add("session_protocol", "BLAST");
            out.add(b);
        }
        Response r = Response.json(200, out.build());
        if (more) {
            r.header("HAS_MORE_RECORDS", "TRUE");
        }
        return r;
    }

    private static String sessionField(Inventory.Session s, String field) {
        return switch (field) {
            case "id" -> s.id();
            case "user_id" -> s.userSid();
            case "desktop_pool_id" -> s.poolId();
            case "machine_id" -> s.desktopId();
            case "session_state" -> s.state().name();
            case "session_type" -> "DESKTOP";
            default -> null;
        };
    }

    private Response adUsers(Request request) {
        Predicate<Function<String, String>> filter = filter(request, AD_FIELDS);
        String groupOnly = request.query("group_only");
        JsonArrayBuilder out = Jsons.array();
        if (!"true".equalsIgnoreCase(groupOnly)) {
            for (Inventory.User u : settings.inventory.users()) {
                if (filter.test(field -> userField(u, field))) {
                    out.add(Jsons.object().add("id", u.sid()).add("login_name", u.name())
                            .add("domain", u.domain()).add("name", u.name()).add("display_name", u.name())
                            .add("email", u.name() + "@" + u.domain().toLowerCase(java.util.Locale.ROOT) + ".example")
                            .add("group", false));
                }
            }
        }
        return Response.json(200, out.build());
    }

    private static String userField(Inventory.User u, String field) {
        return switch (field) {
            case "id" -> u.sid();
            case "login_name", "name", "display_name" -> u.name();
            case "domain" -> u.domain();
            default -> null;
        };
    }

    private Predicate<Function<String, String>> filter(Request request, Set<String> fields) {
        try {
            return Filters.parse(request.query("filter"), fields, fields == AD_FIELDS ? AD_FIELDS : Set.of());
        } catch (Filters.InvalidFilter e) {
            throw new HttpError(error(400, "filter.invalid", e.getMessage()));
        }
    }

    // ---- sending

    private Response sendMessage(Request request) {
        JsonObject body = jsonBody(request);
        String message = Jsons.string(body, "message");
        if (message == null || message.isEmpty()) {
            throw new HttpError(error(400, "message.required", "message is required."));
        }
        if (message.length() > settings.maxMessageLength) {
            throw new HttpError(error(400, "message.too.long",
                    "message must not be longer than " + settings.maxMessageLength + " characters."));
        }
        String type = Jsons.string(body, "message_type");
        if (type == null || !MESSAGE_TYPES.contains(type)) {
            throw new HttpError(error(400, "message_type.invalid", "message_type must be INFO, WARNING or ERROR."));
        }
        JsonValue ids = body.get("session_ids");
        if (ids == null || ids.getValueType() != JsonValue.ValueType.ARRAY || ids.asJsonArray().isEmpty()) {
            throw new HttpError(error(400, "session_ids.required", "session_ids is required."));
        }
        JsonArray array = ids.asJsonArray();
        if (array.size() > settings.maxIdsPerCall) {
            throw new HttpError(error(400, "session_ids.too.many",
                    "session_ids must not contain more than " + settings.maxIdsPerCall + " items."));
        }
        Instant now = clock.instant();
        long millis = now.toEpochMilli();
        JsonArrayBuilder out = Jsons.array();
        for (JsonValue v : array) {
            if (v.getValueType() != JsonValue.ValueType.STRING) {
                throw new HttpError(error(400, "session_ids.invalid", "session_ids must contain strings."));
            }
            String id = ((JsonString) v).getString();
            JsonObjectBuilder item = Jsons.object().add("id", id);
            if (settings.inventory.session(id).isEmpty()) {
                item.add("status_code", 404)
                        .add("error_messages", Jsons.array().add("Entity does not exists."))
                        .add("errors", Jsons.array().add(Jsons.object().add("error_key", SESSION_NOT_FOUND)
                                .add("error_message", "Session " + id + " not found.")));
            } else if (faults.targetFails(id)) {
                item.add("status_code", 400)
                        .add("error_messages", Jsons.array().add("Failed to send message to session."))
                        .add("errors", Jsons.array().add(Jsons.object().add("error_key", SEND_FAILED)
                                .add("error_message", "Failed to send message to session " + id + ".")));
            } else {
                journal.record(new ShownNotification(Route.Provider.HORIZON, id, message, type, now,
                        request.requestId()));
                item.add("status_code", 200);
            }
            out.add(item.add("timestamp", millis));
        }
        return Response.json(200, out.build());
    }

    // ---- helpers

    private JsonObject jsonBody(Request request) {
        try {
            return Jsons.parseObject(request.body());
        } catch (JsonException e) {
            throw new HttpError(error(400, "request.body.invalid", "The request body is not a valid JSON object."));
        }
    }

    private int integer(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(value);
            if (i >= min && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HttpError(error(400, "pagination.invalid", name + " must be an integer within [" + min + ", "
                + max + "]."));
    }

    private Response unauthorizedBody(String message) {
        return error(401, "user.not.authenticated", message);
    }

    Response error(int status, String key, String message) {
        return error(settings.errorStyle, status, key, message);
    }

    Response error(HorizonErrorStyle style, int status, String key, String message) {
        JsonObject body = switch (style) {
            case ERROR_MESSAGE -> Jsons.object().add("error_message", message).build();
            case ERROR_MESSAGES -> Jsons.object().add("error_messages", Jsons.array().add(message)).build();
            case ERRORS -> Jsons.object().add("status", statusName(status))
                    .add("timestamp", clock.millis())
                    .add("errors", Jsons.array().add(Jsons.object().add("error_key", key)
                            .add("error_message", message))).build();
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

    @Override
    public Response throttled(long retryAfterSeconds) {
        // throttling exists only in versions that answer with the "errors" shape
        return error(HorizonErrorStyle.ERRORS, 429, THROTTLE_KEY, "API throttle limit exceeded.")
                .header("X-Rate-Limit-Retry-After-Seconds", Long.toString(retryAfterSeconds))
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response serverError() {
        return error(500, "internal.server.error", "Internal server error.");
    }

    @Override
    public Response unavailable(long retryAfterSeconds) {
        return error(503, "service.unavailable", "Service unavailable.")
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response unauthorized() {
        return unauthorizedBody("Access token has expired.");
    }

    @Override
    public Response badRequest(String message) {
        return error(400, "request.invalid", message);
    }

    @Override
    public Response notFound(String method, String path) {
        return error(404, "not.found", "No resource found for " + method + " " + path);
    }
}
