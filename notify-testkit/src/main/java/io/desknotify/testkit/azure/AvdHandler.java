package io.desknotify.testkit.azure;

import io.desknotify.testkit.Route;
import io.desknotify.testkit.ShownNotification;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator.NonActiveSend;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator.NotFoundStyle;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator.ResourceNames;
import io.desknotify.testkit.internal.Dialect;
import io.desknotify.testkit.internal.EmulatorCore;
import io.desknotify.testkit.internal.EmulatorServer;
import io.desknotify.testkit.internal.FaultEngine;
import io.desknotify.testkit.internal.HttpError;
import io.desknotify.testkit.internal.JournalImpl;
import io.desknotify.testkit.internal.Jsons;
import io.desknotify.testkit.internal.RateLimiter;
import io.desknotify.testkit.internal.Request;
import io.desknotify.testkit.internal.Response;
import io.desknotify.testkit.internal.TokenIssuer;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Processing and error wording of the Azure Virtual Desktop emulator: Azure Resource Manager routes of
 * {@code Microsoft.DesktopVirtualization} and the Microsoft Entra ID token endpoint. The facts and their sources are
 * in the {@linkplain io.desknotify.testkit.azure package documentation}.
 */
final class AvdHandler implements EmulatorServer.Handler, Dialect {

    static final String PROVIDER_SEGMENT = "Microsoft.DesktopVirtualization";
    static final String ARM_SCOPE = "https://management.azure.com/.default";

    /** Spec, path parameters: host pool and session host names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9@.\\-_ ]*");
    private static final DateTimeFormatter ENTRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    /** The "M/d/yyyy h:mm:ss AM" UTC times of ARM's expired-token message. */
    private static final DateTimeFormatter ARM_TIME = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final AzureVirtualDesktopEmulator.Settings settings;
    private final JournalImpl journal;
    private final FaultEngine faults;
    private final EmulatorCore core;
    private final Clock clock;
    private final AvdWorld world;
    private final TokenIssuer tokens;
    private final byte[] skipTokenKey = new byte[32];

    AvdHandler(AzureVirtualDesktopEmulator.Settings settings, EmulatorCore core, TokenIssuer tokens) {
        this.settings = settings;
        this.core = core;
        this.journal = core.journal();
        this.faults = core.faults();
        this.clock = settings.clock;
        this.tokens = tokens;
        this.world = new AvdWorld(settings.inventory, settings.unpooledHostPool, settings.hostDomain,
                settings.upnSuffix, clock.instant());
        ThreadLocalRandom.current().nextBytes(skipTokenKey);
    }

    AvdWorld world() {
        return world;
    }

    @Override
    public Response handle(Request request) {
        if (request.route() == Route.AVD_TOKEN) {
            return token(request);
        }
        try {
            Arm arm = arm(request);
            return quota(request.route(), switch (request.route()) {
                case AVD_SEND_MESSAGE -> sendMessage(request, arm);
                case AVD_HOST_POOL_SESSIONS -> listByHostPool(request, arm);
                case AVD_SESSION_HOST_SESSIONS -> listBySessionHost(request, arm);
                case AVD_SESSION -> getSession(arm);
                case AVD_SESSION_HOSTS -> listSessionHosts(request, arm);
                default -> throw new IllegalStateException("not an Azure Virtual Desktop route: " + request.route());
            });
        } catch (HttpError e) {
            quota(request.route(), e.response());
            throw e;
        }
    }

    /**
     * ARM's remaining-requests headers: what is left of the limit on the route, or, without one, of a bucket of
     * ARM's published size that is always refilled in time.
     */
    private Response quota(Route route, Response response) {
        boolean write = route == Route.AVD_SEND_MESSAGE;
        String kind = write ? "writes" : "reads";
        long capacity = write ? 200 : 250;
        long remaining = capacity - 1;
        RateLimiter.Remaining left = core.remaining(route).orElse(null);
        if (left != null) {
            capacity = left.capacity();
            remaining = left.requests();
        }
        response.header("x-ms-ratelimit-remaining-subscription-" + kind, Long.toString(remaining));
        if (settings.globalRateLimitHeaders) {
            // the subscription's global limit is 15 times the per-principal one, and this principal used its share
            response.header("x-ms-ratelimit-remaining-subscription-global-" + kind,
                    Long.toString(15 * capacity - (capacity - remaining)));
        }
        return response;
    }

    // ---- Azure Resource Manager: what every call checks, in ARM's order

    /** The path parameters of a call, checked. */
    private record Arm(AvdWorld.HostPool hostPool, List<String> segments, String principal) {
        String segment(int i) {
            return segments.get(i);
        }
    }

    private Arm arm(Request request) {
        List<String> segments = request.pathSegments();
        if (!settings.caseInsensitivePaths) {
            checkLiteralCase(request, segments);
        }
        String principal = tokens.authenticate(request, "Bearer ", this::refusal);
        apiVersion(request);
        String subscription = segments.get(1);
        if (!subscription.equalsIgnoreCase(settings.subscriptionId)) {
            throw new HttpError(arm(404, "SubscriptionNotFound", "The subscription '" + subscription
                    + "' could not be found."));
        }
        String group = segments.get(3);
        if (!group.equalsIgnoreCase(settings.resourceGroup)) {
            throw new HttpError(arm(404, "ResourceGroupNotFound", "Resource group '" + group
                    + "' could not be found."));
        }
        String poolName = segments.get(7);
        checkName("hostPoolName", poolName, 3, 64);
        if (segments.size() > 9) {
            checkName("sessionHostName", segments.get(9), 3, 48);
        }
        if (segments.size() > 11) {
            String id = segments.get(11);
            if (id.isEmpty() || id.length() > 24) {
                throw invalidParameter("userSessionId", id, "1 to 24 characters");
            }
        }
        if (settings.deniedHostPools.contains(poolName.toLowerCase(Locale.ROOT))) {
            throw new HttpError(arm(403, "AuthorizationFailed", "The client '" + principal + "' with object id '"
                    + principal + "' does not have authorization to perform action '" + action(request)
                    + "' over scope '" + scope(segments) + "' or the scope is invalid. If access was recently"
                    + " granted, please refresh your credentials."));
        }
        AvdWorld.HostPool pool = world.hostPool(poolName);
        if (pool == null) {
            throw unknownResource("Microsoft.DesktopVirtualization/hostPools/" + poolName, "HostPool not found");
        }
        return new Arm(pool, segments, principal);
    }

    private static String action(Request request) {
        return switch (request.route()) {
            case AVD_SEND_MESSAGE -> "Microsoft.DesktopVirtualization/hostPools/sessionHosts/userSessions/"
                    + "sendMessage/action";
            case AVD_SESSION_HOSTS -> "Microsoft.DesktopVirtualization/hostPools/sessionHosts/read";
            default -> "Microsoft.DesktopVirtualization/hostPools/sessionHosts/userSessions/read";
        };
    }

    private String scope(List<String> segments) {
        return "/subscriptions/" + settings.subscriptionId + "/resourceGroups/" + segments.get(3)
                + "/providers/" + PROVIDER_SEGMENT + "/hostPools/" + segments.get(7);
    }

    /** With case-sensitive paths, a literal segment spelled otherwise than the definition is an unknown route. */
    private void checkLiteralCase(Request request, List<String> segments) {
        String[] template = request.route().pathTemplate().substring(1).split("/");
        for (int i = 0; i < template.length && i < segments.size(); i++) {
            if (!template[i].startsWith("{") && !template[i].equals(segments.get(i))) {
                throw HttpError.outOfContract(notFound(request.method(), request.rawPath()),
                        "path segment '" + segments.get(i) + "' is spelled '" + template[i] + "' in the definition");
            }
        }
    }

    private HttpError refusal(TokenIssuer.Failure failure) {
        return switch (failure) {
            case MISSING -> new HttpError(unauthenticated("AuthenticationFailed",
                    "Authentication failed. The 'Authorization' header is missing.", "The authentication failed"
                            + " because of missing 'Authorization' header."));
            case WRONG_SCHEME -> new HttpError(unauthenticated("AuthenticationFailedInvalidHeader",
                    "Authentication failed. The 'Authorization' header is provided in an invalid format.",
                    "The authentication failed because of invalid 'Authorization' header."));
            case UNKNOWN -> new HttpError(unauthenticated("InvalidAuthenticationToken",
                    "The access token is invalid.", "The access token is invalid."));
            case EXPIRED -> new HttpError(unauthorized());
        };
    }

    private Response unauthenticated(String code, String message, String description) {
        return arm(401, code, message).header("WWW-Authenticate", "Bearer authorization_uri=\""
                + "https://login.windows.net/\", error=\"invalid_token\", error_description=\"" + description + "\"");
    }

    private void apiVersion(Request request) {
        String version = request.query("api-version");
        if (version == null) {
            throw HttpError.outOfContract(arm(400, "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests."),
                    "api-version is required");
        }
        if (!settings.apiVersions.contains(version)) {
            String supported = String.join(", ", settings.apiVersions);
            Response answer = settings.unsupportedApiVersion
                    == AzureVirtualDesktopEmulator.UnsupportedApiVersion.NO_REGISTERED_PROVIDER_FOUND
                    ? arm(400, "NoRegisteredProviderFound", "No registered resource provider found for location '"
                    + settings.location + "' and API version '" + version + "' for type 'hostPools'. The supported"
                    + " api-versions are '" + supported + "'. The supported locations are '" + settings.location
                    + "'.")
                    : arm(400, "InvalidApiVersionParameter", "The api-version '" + version + "' is invalid. The"
                    + " supported versions are '" + supported + "'.");
            throw HttpError.outOfContract(answer, "api-version " + version + " is not one of " + supported);
        }
    }

    private void checkName(String parameter, String value, int min, int max) {
        if (value.length() < min || value.length() > max || !NAME.matcher(value).matches()) {
            throw invalidParameter(parameter, value, min + " to " + max + " characters of letters, digits, @ . - _"
                    + " and blanks");
        }
    }

    private HttpError invalidParameter(String parameter, String value, String rule) {
        return HttpError.outOfContract(rp(400, settings.invalidParameterCode, "The " + parameter + " value '"
                + value + "' is invalid."), parameter + " must be " + rule + " (definition's path parameters)");
    }

    // ---- UserSessions_SendMessage

    private Response sendMessage(Request request, Arm arm) {
        AvdWorld.UserSession session = session(arm);
        String title = null;
        String body = null;
        boolean hasBody = request.body().length > 0;
        if (hasBody) {
            String type = request.header("content-type");
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw HttpError.outOfContract(arm(415, "UnsupportedMediaType", "The content media type '" + type
                        + "' is not supported. Only 'application/json' is supported."),
                        "a sendMessage body must be application/json");
            }
            JsonObject json;
            try {
                json = Jsons.parseObject(request.body());
            } catch (JsonException e) {
                throw HttpError.outOfContract(arm(400, "InvalidRequestContent", "The request content was invalid"
                        + " and could not be deserialized."), "the sendMessage body must be a JSON object");
            }
            title = stringField(json, "messageTitle");
            body = stringField(json, "messageBody");
        }
        if (!hasBody || title == null && body == null) {
            if (settings.refuseEmptyMessage) {
                throw new HttpError(rp(400, "400", "Message body is required"));
            }
        }
        check("messageTitle", title, settings.maxTitleLength);
        check("messageBody", body, settings.maxBodyLength);
        if (!"Active".equals(session.state())) {
            if (settings.nonActiveSend == NonActiveSend.REFUSED) {
                throw new HttpError(rp(settings.nonActiveStatus, settings.nonActiveCode, "User session is not"
                        + " active"));
            }
            if (settings.nonActiveSend == NonActiveSend.LOST) {
                return Response.empty(200);
            }
        }
        if (faults.targetFails(session.targetId())) {
            throw new HttpError(rp(400, "400", "Failed to send message to user session"));
        }
        journal.record(new ShownNotification(Route.Provider.AZURE_VIRTUAL_DESKTOP, session.targetId(),
                body == null ? "" : body, null, clock.instant(), request.requestId(), title));
        return Response.empty(200);
    }

    private static String stringField(JsonObject json, String name) {
        JsonValue v = json.get(name);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw HttpError.outOfContract(arm(400, "InvalidRequestContent", "The request content was invalid and"
                    + " could not be deserialized: could not convert the value of '" + name + "' to a string."),
                    name + " must be a string (definition SendMessage)");
        }
        return ((jakarta.json.JsonString) v).getString();
    }

    /** No length is published: the emulator's setting, refused as the RP refuses a bad value. */
    private void check(String field, String value, int max) {
        if (value != null && max > 0 && value.length() > max) {
            throw new HttpError(rp(400, "400", "The " + field + " must not be longer than " + max
                    + " characters"));
        }
    }

    private AvdWorld.UserSession session(Arm arm) {
        AvdWorld.SessionHost host = AvdWorld.sessionHost(arm.hostPool(), arm.segment(9));
        if (host == null) {
            throw unknownResource("Microsoft.DesktopVirtualization/hostPools/" + arm.segment(7) + "/sessionHosts/"
                    + arm.segment(9), "SessionHost not found");
        }
        AvdWorld.UserSession session = AvdWorld.session(host, arm.segment(11));
        if (session == null) {
            throw unknownResource("Microsoft.DesktopVirtualization/hostPools/" + arm.segment(7) + "/sessionHosts/"
                    + arm.segment(9) + "/userSessions/" + arm.segment(11), "User session ID not found");
        }
        return session;
    }

    // ---- lists

    private Response listByHostPool(Request request, Arm arm) {
        String filterText = request.query("$filter");
        Predicate<AvdWorld.UserSession> filter;
        try {
            filter = AvdFilter.parse(filterText, settings.filterStateAlias, settings.filterValuesIgnoreCase)
                    .predicate();
        } catch (AvdFilter.Invalid e) {
            throw HttpError.outOfContract(rp(400, "400", "Invalid filter: " + e.getMessage()), e.getMessage()
                    + " (UserSessions_ListByHostPool: valid properties are userPrincipalName and sessionState)");
        }
        List<AvdWorld.UserSession> matching = new ArrayList<>();
        for (AvdWorld.UserSession s : arm.hostPool().sessions()) {
            if (filter.test(s)) {
                matching.add(s);
            }
        }
        return page(request, matching, this::userSession);
    }

    private Response listBySessionHost(Request request, Arm arm) {
        if (request.query("$filter") != null) {
            throw HttpError.outOfContract(rp(400, "400", "The $filter parameter is not supported"),
                    "UserSessions_List (per session host) takes no $filter");
        }
        AvdWorld.SessionHost host = AvdWorld.sessionHost(arm.hostPool(), arm.segment(9));
        if (host == null) {
            throw unknownResource("Microsoft.DesktopVirtualization/hostPools/" + arm.segment(7) + "/sessionHosts/"
                    + arm.segment(9), "SessionHost not found");
        }
        return page(request, host.sessions(), this::userSession);
    }

    private Response getSession(Arm arm) {
        return Response.json(200, userSession(session(arm)).build());
    }

    private Response listSessionHosts(Request request, Arm arm) {
        if (request.query("$filter") != null) {
            throw HttpError.outOfContract(rp(400, "400", "The $filter parameter is not supported"),
                    "SessionHosts_List takes no $filter");
        }
        return page(request, arm.hostPool().sessionHosts(), this::sessionHost);
    }

    /**
     * One page of a list: {@code pageSize} items (the setting's default, at most the maximum), after
     * {@code initialSkip}, reversed by {@code isDescending}; an absolute {@code nextLink} with the request's query
     * and a {@code $skipToken} when more follow, none on the last page.
     */
    private <T> Response page(Request request, List<T> all, java.util.function.Function<T, JsonObjectBuilder> render) {
        int size = intParam(request, "pageSize", settings.pageSize);
        size = size < 1 ? settings.pageSize : Math.min(size, settings.maxPageSize);
        int skip = Math.max(0, intParam(request, "initialSkip", 0));
        String descending = request.query("isDescending");
        if (descending != null && !descending.equalsIgnoreCase("true") && !descending.equalsIgnoreCase("false")) {
            throw HttpError.outOfContract(rp(400, "400", "The isDescending value '" + descending
                    + "' is invalid."), "isDescending must be a boolean");
        }
        List<T> ordered = all;
        if ("true".equalsIgnoreCase(descending)) {
            ordered = new ArrayList<>(all);
            Collections.reverse(ordered);
        }
        int from = skip;
        String skipToken = request.query("$skipToken");
        String listKey = listKey(request);
        if (skipToken != null) {
            from = offsetOf(skipToken, listKey);
        }
        from = Math.min(from, ordered.size());
        int to = Math.min(from + size, ordered.size());
        JsonArrayBuilder value = Jsons.array();
        for (T item : ordered.subList(from, to)) {
            value.add(render.apply(item));
        }
        JsonObjectBuilder out = Jsons.object().add("value", value);
        if (to < ordered.size()) {
            out.add("nextLink", nextLink(request, to, listKey));
        }
        return Response.json(200, out.build());
    }

    private static int intParam(Request request, String name, int absent) {
        String v = request.query(name);
        if (v == null) {
            return absent;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw HttpError.outOfContract(rp(400, "400", "The " + name + " value '" + v + "' is invalid."),
                    name + " must be a 32-bit integer");
        }
    }

    /** What a skip token is bound to: the list's path and its query without the token itself. */
    private static String listKey(Request request) {
        StringBuilder key = new StringBuilder(request.rawPath().toLowerCase(Locale.ROOT));
        request.queryParams().forEach((k, v) -> {
            if (!k.equals("$skipToken")) {
                key.append('&').append(k).append('=').append(v);
            }
        });
        return key.toString();
    }

    private String nextLink(Request request, int offset, String listKey) {
        StringBuilder link = new StringBuilder(core.baseUri().toString()).append(request.rawPath())
                .append('?');
        boolean first = true;
        for (Map.Entry<String, List<String>> e : request.queryParams().entrySet()) {
            if (e.getKey().equals("$skipToken")) {
                continue;
            }
            for (String v : e.getValue()) {
                link.append(first ? "" : "&").append(encode(e.getKey())).append('=').append(encode(v));
                first = false;
            }
        }
        return link.append(first ? "" : "&").append("$skipToken=").append(skipToken(offset, listKey)).toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }

    /** Opaque, and bound to its list so that a forged or moved token is refused. */
    private String skipToken(int offset, String listKey) {
        String payload = Integer.toString(offset);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((payload + "." + mac(payload, listKey))
                .getBytes(StandardCharsets.UTF_8));
    }

    private int offsetOf(String token, String listKey) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int dot = text.indexOf('.');
            String payload = text.substring(0, dot);
            if (MessageDigest.isEqual(mac(payload, listKey).getBytes(StandardCharsets.UTF_8),
                    text.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
                return Integer.parseInt(payload);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // answered below
        }
        throw HttpError.outOfContract(rp(400, "400", "The $skipToken value is invalid."),
                "$skipToken must be one the service returned in a nextLink of the same list");
    }

    private String mac(String payload, String listKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(skipTokenKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((listKey + "#" + payload).getBytes(StandardCharsets.UTF_8)),
                    0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String resourceId(AvdWorld.UserSession s) {
        return "/subscriptions/" + settings.subscriptionId + "/resourceGroups/" + settings.resourceGroup
                + "/providers/" + PROVIDER_SEGMENT + "/hostPools/" + s.hostPool() + "/sessionHosts/"
                + s.sessionHost() + "/userSessions/" + s.id();
    }

    private JsonObjectBuilder userSession(AvdWorld.UserSession s) {
        boolean spec = settings.resourceNames == ResourceNames.SPEC_EXAMPLES;
        return Jsons.object().add("id", resourceId(s))
                .add("name", spec ? s.id() : s.hostPool() + "/" + s.sessionHost() + "/" + s.id())
                .add("type", spec ? "Microsoft.DesktopVirtualization/hostPools/sessionHosts/userSessions"
                        : "Microsoft.DesktopVirtualization/hostpools/sessionhosts/usersessions")
                .add("systemData", systemData(s.createTime()))
                .add("properties", Jsons.object()
                        .add("objectId", s.objectId())
                        .add("userPrincipalName", s.userPrincipalName())
                        .add("applicationType", "Desktop")
                        .add("sessionState", s.state())
                        .add("activeDirectoryUserName", s.adUserName())
                        .add("createTime", s.createTime().toString()));
    }

    private static JsonObjectBuilder systemData(Instant createdAt) {
        return Jsons.object().addNull("createdBy").addNull("createdByType").add("createdAt", createdAt.toString())
                .addNull("lastModifiedBy").addNull("lastModifiedByType").addNull("lastModifiedAt");
    }

    private JsonObjectBuilder sessionHost(AvdWorld.SessionHost h) {
        boolean spec = settings.resourceNames == ResourceNames.SPEC_EXAMPLES;
        return Jsons.object().add("id", "/subscriptions/" + settings.subscriptionId + "/resourceGroups/"
                        + settings.resourceGroup + "/providers/" + PROVIDER_SEGMENT + "/hostPools/" + h.hostPool()
                        + "/sessionHosts/" + h.name())
                .add("name", spec ? h.name() : h.hostPool() + "/" + h.name())
                .add("type", "Microsoft.DesktopVirtualization/hostPools/sessionhosts")
                .add("properties", Jsons.object()
                        .add("sessions", h.sessions().size())
                        .add("allowNewSession", true)
                        .add("assignedUser", h.assignedUser())
                        .add("status", "Available")
                        .add("lastHeartBeat", clock.instant().toString()));
    }

    // ---- Microsoft Entra ID: client credentials

    private Response token(Request request) {
        String type = request.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            throw HttpError.outOfContract(entra(400, "invalid_request", 900144, "The request body must contain the"
                    + " following parameter: 'grant_type'."), "the token request must be form-encoded");
        }
        String tenant = request.pathSegments().get(0);
        Map<String, List<String>> form = Request.parseQuery(new String(request.body(), StandardCharsets.UTF_8)
                .replace("+", "%20"));
        String clientId = first(form, "client_id");
        String secret = first(form, "client_secret");
        String basic = request.header("authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            // RFC 6749 2.3.1: form-encoded id and secret, joined by a colon, in Base64
            try {
                String pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                clientId = Request.decode(pair.substring(0, colon).replace("+", "%20"));
                secret = Request.decode(pair.substring(colon + 1).replace("+", "%20"));
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                throw HttpError.outOfContract(entra(401, "invalid_client", 7000215, "Invalid client secret"
                        + " provided."), "the Basic client authentication is malformed");
            }
        }
        for (String field : new String[] {"grant_type", "client_id", "client_secret", "scope"}) {
            String v = field.equals("client_id") ? clientId : field.equals("client_secret") ? secret
                    : first(form, field);
            if (v == null || v.isEmpty()) {
                throw HttpError.outOfContract(entra(400, "invalid_request", 900144, "The request body must contain"
                        + " the following parameter: '" + field + "'."), field + " is required");
            }
        }
        if (!"client_credentials".equals(first(form, "grant_type"))) {
            throw HttpError.outOfContract(entra(400, "unsupported_grant_type", 70003, "The app requested an"
                    + " unsupported grant type '" + first(form, "grant_type") + "'."),
                    "grant_type must be client_credentials");
        }
        String expected = tenant.equalsIgnoreCase(settings.tenantId) ? settings.clients.get(clientId) : null;
        if (expected == null) {
            throw new HttpError(entra(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has"
                    + " not been installed by the administrator of the tenant or consented to by any user in the"
                    + " tenant. You may have sent your authentication request to the wrong tenant."));
        }
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            throw new HttpError(entra(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the"
                    + " secret being sent in the request is the client secret value, not the client secret ID, for"
                    + " a secret added to app '" + clientId + "'."));
        }
        String scope = first(form, "scope");
        if (!ARM_SCOPE.equals(scope)) {
            throw HttpError.outOfContract(entra(400, "invalid_scope", 70011, "The provided request must include a"
                    + " 'scope' input parameter. The provided value for the input parameter 'scope' is not valid."
                    + " The scope " + scope + " is not valid."), "scope must be " + ARM_SCOPE);
        }
        TokenIssuer.Token token = tokens.issue(clientId);
        long expiresIn = token.expiresInSeconds(clock.instant());
        JsonObjectBuilder out = Jsons.object().add("token_type", "Bearer").add("expires_in", expiresIn);
        if (settings.extExpiresIn) {
            out.add("ext_expires_in", expiresIn);
        }
        return Response.json(200, out.add("access_token", token.value()).build())
                .header("Cache-Control", "no-store, no-cache").header("Pragma", "no-cache");
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private Response entra(int status, String error, int code, String description) {
        Instant now = clock.instant();
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        JsonObjectBuilder body = Jsons.object().add("error", error)
                .add("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                        + " Correlation ID: " + correlation + " Timestamp: " + ENTRA_TIME.format(now))
                .add("error_codes", Jsons.array().add(code))
                .add("timestamp", ENTRA_TIME.format(now))
                .add("trace_id", trace)
                .add("correlation_id", correlation);
        if (settings.errorUri) {
            body.add("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        }
        return Response.json(status, body.build());
    }

    // ---- error bodies

    /** An ARM error: {@code {"error":{"code","message"}}}. */
    static Response arm(int status, String code, String message) {
        return Response.json(status, Jsons.object().add("error", Jsons.object().add("code", code)
                .add("message", message)).build());
    }

    /** An error of the Desktop Virtualization RP itself: its message starts with an activity id. */
    static Response rp(int status, String code, String message) {
        return arm(status, code, "ActivityId: " + UUID.randomUUID() + " Error: " + message);
    }

    private HttpError unknownResource(String resource, String rpMessage) {
        if (settings.notFoundStyle == NotFoundStyle.RP_NUMERIC) {
            return new HttpError(rp(404, "404", rpMessage));
        }
        return new HttpError(arm(404, "ResourceNotFound", "The Resource '" + resource + "' under resource group '"
                + settings.resourceGroup + "' was not found. For more details please go to"
                + " https://aka.ms/ARMResourceNotFoundFix"));
    }

    String expiredMessage(Instant expiry) {
        return "The access token expiry UTC time '" + ARM_TIME.format(expiry) + "' is earlier than current UTC time '"
                + ARM_TIME.format(clock.instant()) + "'.";
    }

    // ---- dialect: what the server answers on its own

    /** ARM: 429 with {@code Retry-After} in seconds and an ARM error body. */
    @Override
    public Response throttled(long retryAfterSeconds) {
        return arm(429, "TooManyRequests", "The request is being throttled as the limit has been reached for"
                + " operation type. Please try again after " + retryAfterSeconds + " seconds.")
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response serverError() {
        return arm(500, "InternalServerError", "An internal server error occurred.");
    }

    @Override
    public Response unavailable(long retryAfterSeconds) {
        return arm(503, "ServiceUnavailable", "The service is temporarily unavailable.")
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response unauthorized() {
        Instant now = clock.instant();
        return arm(401, "ExpiredAuthenticationToken", expiredMessage(now.minusSeconds(1)))
                .header("WWW-Authenticate", "Bearer authorization_uri=\"https://login.windows.net/\","
                        + " error=\"invalid_token\", error_description=\"The access token has expired.\"");
    }

    @Override
    public Response badRequest(String message) {
        return arm(400, "BadRequest", message);
    }

    /** An unknown route; the same path with another method is a method the resource does not support. */
    @Override
    public Response notFound(String method, String path) {
        for (Route r : Route.values()) {
            if (r.provider() == Route.Provider.AZURE_VIRTUAL_DESKTOP && !r.method().equalsIgnoreCase(method)
                    && r.matches(r.method(), path) && settings.wrongMethodStatus == 405) {
                return arm(405, "MethodNotAllowed", "The requested resource does not support http method '"
                        + method + "'.");
            }
        }
        return arm(404, "InvalidResourceType", "The resource type could not be found in the namespace '"
                + PROVIDER_SEGMENT + "' for api version.");
    }
}
