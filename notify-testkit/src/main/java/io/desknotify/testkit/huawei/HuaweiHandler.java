package io.desknotify.testkit.huawei;

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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Processing and error wording of the Huawei Workspace emulator. */
final class HuaweiHandler implements EmulatorServer.Handler, Dialect {

    /** Documented (Workspace application error codes): "The request message input by the interface is empty." */
    static final String REQUEST_EMPTY = "WKS.0001";
    /** Documented API Gateway codes (APIG error code table). */
    static final String AUTH_FAILED = "APIG.0301";
    static final String TOKEN_EXPIRED = "APIG.0307";
    static final String THROTTLED = "APIG.0308";
    static final String NO_SUCH_API = "APIG.0101";

    /** connect-desktops: "Up to 100 users can be filtered in batches". */
    static final int MAX_USER_NAMES = 100;
    /** connect-desktops: offset "ranges from 0 (default) to 2,000", limit "0 to 2,000, default 100". */
    static final int MAX_CONNECT_OFFSET = 2000;
    static final int MAX_CONNECT_LIMIT = 2000;
    static final int DEFAULT_CONNECT_LIMIT = 100;
    /** ListDesktops: desktop_id "up to 100 desktop IDs", limit "0 to 1000, defaults to 1000", offset from 0. */
    static final int MAX_DESKTOP_IDS = 100;
    static final int MAX_DESKTOPS_LIMIT = 1000;
    /** notification-records: limit "0 to 1,000, defaults to 1000". */
    static final int MAX_RECORDS_LIMIT = 1000;

    private static final Set<String> CONNECT_PARAMS = Set.of("user_names", "connect_status", "offset", "limit");
    private static final Set<String> DESKTOPS_PARAMS = Set.of("user_name", "computer_name", "desktop_ip", "offset",
            "limit", "pool_id", "enterprise_project_id", "desktop_type", "is_share_desktop", "subnet_id", "status",
            "desktop_id", "tag");
    /** ListDesktops filters the emulator does not model: refused (not ignored, which would answer too much). */
    private static final Set<String> DESKTOPS_UNMODELLED = Set.of("desktop_ip", "enterprise_project_id",
            "desktop_type", "is_share_desktop", "subnet_id", "status", "tag");
    private static final Set<String> RECORDS_PARAMS = Set.of("query_type", "desktop_name", "desktop_pool_name",
            "user_name", "type", "offset", "limit", "sort_field", "sort_type");

    private final HuaweiWorkspaceEmulator.Settings settings;
    private final SdkHmacSha256Verifier verifier;
    private final JournalImpl journal;
    private final FaultEngine faults;
    private final Clock clock;
    private final Map<String, HuaweiJob> jobs = new ConcurrentHashMap<>();
    private final Map<String, Lockout> lockouts = new ConcurrentHashMap<>();

    /** Consecutive signature failures of one access key, and until when it is locked. */
    private record Lockout(int failures, Instant lockedUntil) { }

    HuaweiHandler(HuaweiWorkspaceEmulator.Settings settings, JournalImpl journal, FaultEngine faults) {
        this.settings = settings;
        this.clock = settings.clock;
        this.verifier = new SdkHmacSha256Verifier(settings.credentials, settings.clock, settings.maxClockSkew);
        this.journal = journal;
        this.faults = faults;
    }

    @Override
    public Response handle(Request request) {
        checkPathIds(request);
        authenticate(request);
        List<String> segments = request.pathSegments();
        if (!segments.get(1).equals(settings.projectId)) {
            throw new HttpError(error(404, code(HuaweiErrorCode.PROJECT_NOT_FOUND),
                    "The project_id " + segments.get(1) + " does not exist."));
        }
        return switch (request.route()) {
            case HUAWEI_SEND_DESKTOPS -> sendToDesktops(request);
            case HUAWEI_SEND_POOL -> sendToPool(request, segments.get(3));
            case HUAWEI_CONNECT_DESKTOPS -> connectDesktops(request);
            case HUAWEI_LIST_DESKTOPS -> listDesktops(request);
            case HUAWEI_JOB -> job(request, segments.get(3));
            case HUAWEI_NOTIFICATION_RECORDS -> notificationRecords(request);
            default -> throw new IllegalStateException("not a Huawei route: " + request.route());
        };
    }

    /**
     * Path ids (project, pool, job) as sent, not normalised: a dot-segment would make a gateway route the request
     * elsewhere (answered as no API), and an id of other than RFC 3986 unreserved characters is outside what
     * Workspace ids are (the reference gives ids only as strings; its ids are UUIDs and numbered desktop ids).
     */
    private void checkPathIds(Request request) {
        String[] raw = request.rawPath().split("/", -1);
        String[] template = request.route().pathTemplate().split("/", -1);
        for (int i = 0; i < template.length && i < raw.length; i++) {
            if (!template[i].startsWith("{")) {
                continue;
            }
            String name = template[i].substring(1, template[i].length() - 1);
            String decoded = Request.decode(raw[i]);
            if (decoded.equals(".") || decoded.equals("..")) {
                throw HttpError.outOfContract(error(404, NO_SUCH_API, "The API does not exist or has not been "
                        + "published in the environment."), "path parameter " + name + " is a dot-segment ('"
                        + decoded + "'), which changes the request path");
            }
            for (int c = 0; c < decoded.length(); c++) {
                if (!unreserved(decoded.charAt(c))) {
                    throw HttpError.outOfContract(invalidResponse("The " + name + " is invalid."),
                            "path parameter " + name + " holds a character outside A-Z a-z 0-9 - . _ ~");
                }
            }
        }
    }

    private static boolean unreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /**
     * The query parameters, refusing (as a contract violation) any name the reference does not list for the route
     * and a repeated single-valued one.
     */
    private Map<String, List<String>> query(Request request, Set<String> allowed, Set<String> repeatable) {
        Map<String, List<String>> q = request.queryParams();
        for (Map.Entry<String, List<String>> e : q.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw violation("The query parameter " + e.getKey() + " is not supported.",
                        "query parameter " + e.getKey() + " is not in the API reference of " + request.route());
            }
            if (e.getValue().size() > 1 && !repeatable.contains(e.getKey())) {
                throw violation("The query parameter " + e.getKey() + " must not be repeated.",
                        "query parameter " + e.getKey() + " is single-valued but was sent " + e.getValue().size()
                                + " times");
            }
        }
        return q;
    }

    private void authenticate(Request request) {
        if (settings.credentials.isEmpty() && settings.authToken == null) {
            return;
        }
        if (request.header("authorization") != null) {
            SdkHmacSha256Verifier.Result result = verifier.verify(request.method(), request.rawPath(),
                    request.rawQuery(), request.headers(), request.body());
            checkLockout(result);
            if (!result.ok()) {
                throw new HttpError(error(401, AUTH_FAILED, "Incorrect IAM authentication information: "
                        + result.failure()));
            }
            return;
        }
        String token = request.header("x-auth-token");
        if (token != null) {
            if (settings.authToken != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                    settings.authToken.getBytes(StandardCharsets.UTF_8))) {
                return;
            }
            throw new HttpError(error(401, AUTH_FAILED, "Incorrect IAM authentication information: token invalid"));
        }
        throw new HttpError(error(401, AUTH_FAILED,
                "Incorrect IAM authentication information: Authorization not found"));
    }

    /** Like API Gateway, locks an access key after too many bad signatures in a row (if configured). */
    private void checkLockout(SdkHmacSha256Verifier.Result result) {
        String ak = result.accessKey();
        if (settings.lockAfterFailures == 0 || ak == null || result.failure() != null
                && result.failure().equals("access key not found")) {
            return;
        }
        Instant now = clock.instant();
        Lockout current = lockouts.get(ak);
        if (current != null && current.lockedUntil() != null && now.isBefore(current.lockedUntil())) {
            throw new HttpError(error(401, AUTH_FAILED, "Incorrect IAM authentication information: "
                    + "access key locked after " + settings.lockAfterFailures + " failed signatures"));
        }
        if (result.ok()) {
            lockouts.remove(ak);
            return;
        }
        lockouts.compute(ak, (k, old) -> {
            int failures = (old == null || old.lockedUntil() != null ? 0 : old.failures()) + 1;
            return failures >= settings.lockAfterFailures
                    ? new Lockout(0, now.plus(settings.lockDuration)) : new Lockout(failures, null);
        });
    }

    // ---- sending

    private Response sendToDesktops(Request request) {
        query(request, Set.of(), Set.of());
        JsonObject body = jsonBody(request);
        JsonValue ids = body.get("desktop_ids");
        if (ids == null || ids.getValueType() != JsonValue.ValueType.ARRAY || ids.asJsonArray().isEmpty()) {
            throw violation("desktop_ids is required and must be a non-empty array",
                    "desktop_ids is required (a non-empty array of strings)");
        }
        JsonArray array = ids.asJsonArray();
        if (array.size() > settings.maxIdsPerCall) {
            throw violation("desktop_ids must not contain more than " + settings.maxIdsPerCall + " items",
                    "desktop_ids held " + array.size() + " ids; the emulator accepts at most "
                            + settings.maxIdsPerCall + " a call (maxIdsPerCall; the reference documents no limit)");
        }
        List<String> desktopIds = new ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (v.getValueType() != JsonValue.ValueType.STRING || ((JsonString) v).getString().isEmpty()) {
                throw violation("desktop_ids must contain non-empty strings",
                        "desktop_ids must hold non-empty strings");
            }
            desktopIds.add(((JsonString) v).getString());
        }
        String text = message(body);
        return jobCreated(deliver(desktopIds, text, request.requestId()));
    }

    private Response sendToPool(Request request, String poolId) {
        query(request, Set.of(), Set.of());
        JsonObject body = jsonBody(request);
        String text = message(body);
        Inventory.Pool pool = settings.inventory.pool(poolId).orElseThrow(() ->
                new HttpError(error(404, code(HuaweiErrorCode.POOL_NOT_FOUND),
                        "The desktop pool " + poolId + " does not exist.")));
        return jobCreated(deliver(pool.desktopIds(), text, request.requestId()));
    }

    private String message(JsonObject body) {
        JsonValue v = body.get("notifications");
        if (v == null || v.getValueType() != JsonValue.ValueType.STRING || ((JsonString) v).getString().isEmpty()) {
            throw violation("notifications is required and must be a non-empty string",
                    "notifications is required (a non-empty string)");
        }
        String text = ((JsonString) v).getString();
        if (text.length() > settings.maxMessageLength) {
            throw violation("notifications must not be longer than " + settings.maxMessageLength + " characters",
                    "notifications is " + text.length() + " characters long; the emulator accepts at most "
                            + settings.maxMessageLength + " (maxMessageLength; the reference documents no limit)");
        }
        return text;
    }

    private HuaweiJob deliver(List<String> desktopIds, String text, String requestId) {
        Instant now = clock.instant();
        List<HuaweiJob.SubJob> subJobs = new ArrayList<>(desktopIds.size());
        for (String id : desktopIds) {
            String subId = uuid();
            if (settings.inventory.desktop(id).isEmpty()) {
                subJobs.add(new HuaweiJob.SubJob(subId, id, code(HuaweiErrorCode.DESKTOP_NOT_FOUND),
                        "The desktop " + id + " does not exist."));
            } else if (faults.targetFails(id)) {
                subJobs.add(new HuaweiJob.SubJob(subId, id, code(HuaweiErrorCode.SEND_FAILED),
                        "Failed to send the notification to the desktop."));
            } else {
                journal.record(new ShownNotification(Route.Provider.HUAWEI_WORKSPACE, id, text, null, now, requestId));
                subJobs.add(new HuaweiJob.SubJob(subId, id, null, null));
            }
        }
        HuaweiJob job = new HuaweiJob(uuid(), now, now.plus(settings.jobDuration), settings.jobPolls, subJobs);
        jobs.put(job.id, job);
        return job;
    }

    private static Response jobCreated(HuaweiJob job) {
        return Response.json(200, Jsons.object().add("job_id", job.id).build());
    }

    // ---- jobs

    private Response job(Request request, String jobId) {
        query(request, Set.of(), Set.of());
        HuaweiJob job = jobs.get(jobId);
        if (job == null) {
            throw new HttpError(error(404, code(HuaweiErrorCode.JOB_NOT_FOUND), "The job " + jobId + " does not exist."));
        }
        int poll = job.polls.incrementAndGet();
        Instant now = clock.instant();
        boolean done = poll > job.pollsBeforeDone && !now.isBefore(job.doneAt);
        String status = !done ? "RUNNING" : job.anyFailed() ? "FAILED" : "SUCCESS";
        JsonObjectBuilder b = Jsons.object()
                .add("id", job.id)
                .add("job_type", "SEND_NOTIFICATIONS")
                .add("begin_time", format(job.begin))
                .add("status", status);
        long failed = job.subJobs.stream().filter(HuaweiJob.SubJob::failed).count();
        if (done) {
            b.add("end_time", format(job.doneAt.isAfter(job.begin) ? job.doneAt : job.begin));
        } else {
            b.add("end_time", JsonValue.NULL);
        }
        if (done && failed > 0) {
            HuaweiJob.SubJob first = job.subJobs.stream().filter(HuaweiJob.SubJob::failed).findFirst().orElseThrow();
            b.add("job_error_code", first.errorCode())
                    .add("fail_reason", failed + " of " + job.subJobs.size() + " sub jobs failed.");
        } else {
            b.add("job_error_code", JsonValue.NULL).add("fail_reason", JsonValue.NULL);
        }
        b.add("sub_jobs_total", job.subJobs.size());
        JsonArrayBuilder subs = Jsons.array();
        for (HuaweiJob.SubJob s : job.subJobs) {
            JsonObjectBuilder sb = Jsons.object().add("id", s.id())
                    .add("status", !done ? "RUNNING" : s.failed() ? "FAILED" : "SUCCESS");
            if (done && s.failed()) {
                sb.add("error_code", s.errorCode()).add("fail_reason", s.failReason());
            } else {
                sb.add("error_code", JsonValue.NULL).add("fail_reason", JsonValue.NULL);
            }
            sb.add("entities", Jsons.object().add("desktop_id", s.desktopId()));
            subs.add(sb);
        }
        b.add("sub_jobs", subs);
        return Response.json(200, b.build());
    }

    // ---- queries

    private Response connectDesktops(Request request) {
        Map<String, List<String>> q = query(request, CONNECT_PARAMS, Set.of("user_names"));
        List<String> userNames = q.getOrDefault("user_names", List.of());
        if (userNames.size() > MAX_USER_NAMES) {
            throw violation("user_names must not contain more than " + MAX_USER_NAMES + " items",
                    "user_names named " + userNames.size() + " users; at most " + MAX_USER_NAMES + " a query");
        }
        String status = single(q, "connect_status");
        if (status != null && !Set.of("UNREGISTER", "REGISTERED", "CONNECTED", "DISCONNECTED").contains(status)) {
            throw violation("connect_status must be one of UNREGISTER, REGISTERED, CONNECTED, DISCONNECTED",
                    "connect_status '" + status + "' is not UNREGISTER, REGISTERED, CONNECTED or DISCONNECTED");
        }
        int offset = integer(q, "offset", 0, 0, MAX_CONNECT_OFFSET);
        int limit = integer(q, "limit", DEFAULT_CONNECT_LIMIT, 0, MAX_CONNECT_LIMIT);
        Set<String> users = new HashSet<>(userNames);
        List<Inventory.Desktop> matching = new ArrayList<>();
        if (!users.isEmpty()) {
            for (String u : users) {
                matching.addAll(settings.inventory.desktopsOfUser(u));
            }
            // keep inventory order so pages are stable
            matching.sort(Comparator.comparing(d -> d.name()));
        } else {
            matching.addAll(settings.inventory.desktops());
        }
        if (status != null) {
            matching.removeIf(d -> !d.status().name().equals(status));
        }
        JsonArrayBuilder desktops = Jsons.array();
        for (int i = offset; i < Math.min(matching.size(), (long) offset + limit); i++) {
            Inventory.Desktop d = matching.get(i);
            Inventory.User u = settings.inventory.user(d.userName()).orElseThrow();
            desktops.add(Jsons.object()
                    .add("desktop_id", d.id())
                    .add("desktop_name", d.name())
                    .add("connect_status", d.status().name())
                    .add("attach_users", Jsons.array().add(Jsons.object()
                            .add("id", u.id()).add("name", u.name()).add("user_group", u.userGroup())
                            .add("type", "USER"))));
        }
        return Response.json(200, Jsons.object().add("desktops", desktops).add("total_count", matching.size()).build());
    }

    /** ListDesktops ({@code GET /v2/{project_id}/desktops}), with the filters a notifier needs. */
    private Response listDesktops(Request request) {
        Map<String, List<String>> q = query(request, DESKTOPS_PARAMS, Set.of("user_name", "desktop_id"));
        for (String name : q.keySet()) {
            if (DESKTOPS_UNMODELLED.contains(name)) {
                // documented, so no violation; refused rather than ignored, which would list too many desktops
                throw new HttpError(invalidResponse("The emulator does not model the filter " + name + "."));
            }
        }
        List<String> ids = q.getOrDefault("desktop_id", List.of());
        if (ids.size() > MAX_DESKTOP_IDS) {
            throw violation("desktop_id must not contain more than " + MAX_DESKTOP_IDS + " items",
                    "desktop_id named " + ids.size() + " desktops; at most " + MAX_DESKTOP_IDS + " a query");
        }
        int offset = integer(q, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = integer(q, "limit", MAX_DESKTOPS_LIMIT, 0, MAX_DESKTOPS_LIMIT);
        List<String> userNames = q.getOrDefault("user_name", List.of());
        String computerName = single(q, "computer_name");
        String pools = single(q, "pool_id");
        Set<String> poolIds = pools == null ? null : Set.of(pools.split(","));
        List<Inventory.Desktop> matching = new ArrayList<>();
        if (!ids.isEmpty()) {
            for (String id : new java.util.LinkedHashSet<>(ids)) {
                settings.inventory.desktop(id).ifPresent(matching::add);
            }
        } else {
            matching.addAll(settings.inventory.desktops());
        }
        // user_name and computer_name are fuzzy (the reference: "fuzzy user name search supported")
        matching.removeIf(d -> !userNames.isEmpty() && userNames.stream().noneMatch(u -> d.userName().contains(u))
                || computerName != null && !d.name().contains(computerName)
                || poolIds != null && (d.poolId() == null || !poolIds.contains(d.poolId())));
        JsonArrayBuilder desktops = Jsons.array();
        for (int i = offset; i < Math.min(matching.size(), (long) offset + limit); i++) {
            Inventory.Desktop d = matching.get(i);
            Inventory.User u = settings.inventory.user(d.userName()).orElseThrow();
            JsonObjectBuilder b = Jsons.object()
                    .add("desktop_id", d.id())
                    .add("computer_name", d.name())
                    .add("user_name", u.name())
                    .add("attach_user_infos", Jsons.array().add(Jsons.object().add("user_id", u.id())
                            .add("user_name", u.name()).add("user_group", u.userGroup()).add("type", "USER")))
                    .add("desktop_type", d.poolId() == null ? "DEDICATED" : "POOLED")
                    .add("connect_status", d.status().name());
            if (d.poolId() != null) {
                b.add("pool_id", d.poolId());
            }
            desktops.add(b);
        }
        return Response.json(200, Jsons.object().add("total_count", matching.size()).add("desktops", desktops)
                .build());
    }

    private Response notificationRecords(Request request) {
        Map<String, List<String>> q = query(request, RECORDS_PARAMS, Set.of());
        String queryType = single(q, "query_type");
        if (queryType == null) {
            throw violation("query_type is required", "query_type is mandatory");
        }
        if (!queryType.equals("DESKTOP") && !queryType.equals("DESKTOP_POOL")) {
            throw violation("query_type must be DESKTOP or DESKTOP_POOL",
                    "query_type '" + queryType + "' is not DESKTOP or DESKTOP_POOL");
        }
        String desktopName = single(q, "desktop_name");
        String poolName = single(q, "desktop_pool_name");
        String userName = single(q, "user_name");
        String type = single(q, "type");
        if (type != null && !type.equals("EMAIL") && !type.equals("SMS")) {
            throw violation("type must be EMAIL or SMS", "type '" + type + "' is not EMAIL or SMS");
        }
        String sortField = single(q, "sort_field");
        if (sortField != null && !sortField.equals("operate_time")) {
            throw violation("sort_field must be operate_time", "sort_field '" + sortField + "' is not operate_time");
        }
        String sortType = single(q, "sort_type");
        if (sortType != null && !sortType.equals("ASC") && !sortType.equals("DESC")) {
            throw violation("sort_type must be ASC or DESC", "sort_type '" + sortType + "' is not ASC or DESC");
        }
        if ((sortField == null) != (sortType == null)) {
            throw violation("sort_field and sort_type must be used together",
                    "sort_field and sort_type must be used together");
        }
        int offset = integer(q, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = integer(q, "limit", MAX_RECORDS_LIMIT, 0, MAX_RECORDS_LIMIT);
        List<BlockedNotificationRecord> matching = new ArrayList<>();
        for (BlockedNotificationRecord r : settings.notificationRecords) {
            boolean kind = queryType.equals("DESKTOP") ? r.desktopName() != null : r.desktopPoolName() != null;
            if (kind && (desktopName == null || desktopName.equals(r.desktopName()))
                    && (poolName == null || poolName.equals(r.desktopPoolName()))
                    && (userName == null || userName.equals(r.userName()))
                    && (type == null || type.equals(r.type()))) {
                matching.add(r);
            }
        }
        Comparator<BlockedNotificationRecord> order = Comparator.comparing(BlockedNotificationRecord::operateTime);
        matching.sort("DESC".equals(sortType) ? order.reversed() : order);
        JsonArrayBuilder records = Jsons.array();
        for (int i = offset; i < Math.min(matching.size(), (long) offset + limit); i++) {
            BlockedNotificationRecord r = matching.get(i);
            JsonObjectBuilder b = Jsons.object().add("project_id", settings.projectId).add("type", r.type())
                    .add("user_name", r.userName());
            if (r.desktopName() != null) {
                b.add("desktop_name", r.desktopName());
            }
            if (r.desktopPoolName() != null) {
                b.add("desktop_pool_name", r.desktopPoolName());
            }
            b.add("result", r.result());
            if (r.errorMessage() != null) {
                b.add("error_message", r.errorMessage());
            }
            b.add("operate_time", format(r.operateTime()));
            records.add(b);
        }
        return Response.json(200, Jsons.object().add("total_count", matching.size())
                .add("notification_records", records).build());
    }

    // ---- helpers

    private JsonObject jsonBody(Request request) {
        if (request.body().length == 0) {
            // the one general code the Workspace reference documents
            throw HttpError.outOfContract(error(400, REQUEST_EMPTY, "The request message input by the interface is "
                    + "empty."), "the request body is required");
        }
        try {
            return Jsons.parseObject(request.body());
        } catch (JsonException e) {
            throw violation("The request body is not a valid JSON object.", "the request body must be a JSON object");
        }
    }

    private static String single(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private int integer(Map<String, List<String>> q, String name, int dflt, int min, int max) {
        String v = single(q, name);
        if (v == null) {
            return dflt;
        }
        int i;
        try {
            i = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw violation(name + " must be an integer", name + " '" + v + "' is not an integer");
        }
        if (i < min || i > max) {
            throw violation(name + " must be between " + min + " and " + max,
                    name + " " + i + " is outside " + min + ".." + max);
        }
        return i;
    }

    private String code(HuaweiErrorCode which) {
        return settings.code(which);
    }

    private Response invalidResponse(String message) {
        return error(400, code(HuaweiErrorCode.INVALID_PARAMETER), message);
    }

    /** A 400 for a request outside the reference, journaled as a contract violation. */
    private HttpError violation(String message, String rule) {
        return HttpError.outOfContract(invalidResponse(message), rule);
    }

    static Response error(int status, String code, String message) {
        return Response.json(status, Jsons.object().add("error_code", code).add("error_msg", message).build());
    }

    private static String format(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    private static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    // ---- dialect

    @Override
    public Response throttled(long retryAfterSeconds) {
        Response r = error(429, THROTTLED, "The throttling threshold has been reached: policy ip over ratelimit");
        // Workspace documents no retry header on its 429; sending one is a deviation the builder must ask for
        return settings.throttleRetryAfter ? r.header("Retry-After", Long.toString(retryAfterSeconds)) : r;
    }

    @Override
    public Response serverError() {
        return error(500, code(HuaweiErrorCode.INTERNAL_ERROR), "Internal server error.");
    }

    @Override
    public Response unavailable(long retryAfterSeconds) {
        return error(503, code(HuaweiErrorCode.UNAVAILABLE), "Backend unavailable.")
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response unauthorized() {
        return error(401, TOKEN_EXPIRED, "The token must be updated.");
    }

    @Override
    public Response badRequest(String message) {
        return invalidResponse(message);
    }

    @Override
    public Response notFound(String method, String path) {
        return error(404, NO_SUCH_API, "The API does not exist or has not been published in the environment.");
    }
}
