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

    static final String INVALID_PARAMETER = "WKS.0001";
    static final String DESKTOP_NOT_FOUND = "WKS.0004";
    static final String POOL_NOT_FOUND = "WKS.0005";
    static final String JOB_NOT_FOUND = "WKS.0006";
    static final String SEND_FAILED = "WKS.0500";
    static final String INTERNAL_ERROR = "WKS.0999";
    static final String AUTH_FAILED = "APIG.0301";
    static final String TOKEN_EXPIRED = "APIG.0307";
    static final String THROTTLED = "APIG.0308";
    static final String NO_SUCH_API = "APIG.0101";

    private static final int MAX_USER_NAMES = 100;
    private static final int MAX_LIMIT = 1000;

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
        authenticate(request);
        List<String> segments = request.pathSegments();
        if (!segments.get(1).equals(settings.projectId)) {
            throw new HttpError(error(404, INVALID_PARAMETER, "The project_id " + segments.get(1) + " does not exist."));
        }
        return switch (request.route()) {
            case HUAWEI_SEND_DESKTOPS -> sendToDesktops(request);
            case HUAWEI_SEND_POOL -> sendToPool(request, segments.get(3));
            case HUAWEI_CONNECT_DESKTOPS -> connectDesktops(request);
            case HUAWEI_JOB -> job(segments.get(3));
            case HUAWEI_NOTIFICATION_RECORDS -> notificationRecords(request);
            default -> throw new IllegalStateException("not a Huawei route: " + request.route());
        };
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
        JsonObject body = jsonBody(request);
        JsonValue ids = body.get("desktop_ids");
        if (ids == null || ids.getValueType() != JsonValue.ValueType.ARRAY || ids.asJsonArray().isEmpty()) {
            throw invalid("desktop_ids is required and must be a non-empty array");
        }
        JsonArray array = ids.asJsonArray();
        if (array.size() > settings.maxIdsPerCall) {
            throw invalid("desktop_ids must not contain more than " + settings.maxIdsPerCall + " items");
        }
        List<String> desktopIds = new ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (v.getValueType() != JsonValue.ValueType.STRING || ((JsonString) v).getString().isEmpty()) {
                throw invalid("desktop_ids must contain non-empty strings");
            }
            desktopIds.add(((JsonString) v).getString());
        }
        String text = message(body);
        return jobCreated(deliver(desktopIds, text, request.requestId()));
    }

    private Response sendToPool(Request request, String poolId) {
        Inventory.Pool pool = settings.inventory.pool(poolId).orElseThrow(() ->
                new HttpError(error(404, POOL_NOT_FOUND, "The desktop pool " + poolId + " does not exist.")));
        String text = message(jsonBody(request));
        return jobCreated(deliver(pool.desktopIds(), text, request.requestId()));
    }

    private String message(JsonObject body) {
        String text = Jsons.string(body, "notifications");
        if (text == null || text.isEmpty()) {
            throw invalid("notifications is required and must be a non-empty string");
        }
        if (text.length() > settings.maxMessageLength) {
            throw invalid("notifications must not be longer than " + settings.maxMessageLength + " characters");
        }
        return text;
    }

    private HuaweiJob deliver(List<String> desktopIds, String text, String requestId) {
        Instant now = clock.instant();
        List<HuaweiJob.SubJob> subJobs = new ArrayList<>(desktopIds.size());
        for (String id : desktopIds) {
            String subId = uuid();
            if (settings.inventory.desktop(id).isEmpty()) {
                subJobs.add(new HuaweiJob.SubJob(subId, id, DESKTOP_NOT_FOUND, "The desktop " + id + " does not exist."));
            } else if (faults.targetFails(id)) {
                subJobs.add(new HuaweiJob.SubJob(subId, id, SEND_FAILED,
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

    private Response job(String jobId) {
        HuaweiJob job = jobs.get(jobId);
        if (job == null) {
            throw new HttpError(error(404, JOB_NOT_FOUND, "The job " + jobId + " does not exist."));
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
        Map<String, List<String>> q = request.queryParams();
        List<String> userNames = q.getOrDefault("user_names", List.of());
        if (userNames.size() > MAX_USER_NAMES) {
            throw invalid("user_names must not contain more than " + MAX_USER_NAMES + " items");
        }
        String status = single(q, "connect_status");
        if (status != null) {
            try {
                Inventory.ConnectStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw invalid("connect_status must be one of UNREGISTER, REGISTERED, CONNECTED, DISCONNECTED");
            }
        }
        int offset = integer(q, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = integer(q, "limit", 100, 0, MAX_LIMIT);
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

    private Response notificationRecords(Request request) {
        Map<String, List<String>> q = request.queryParams();
        String queryType = single(q, "query_type");
        if (queryType == null) {
            throw invalid("query_type is required");
        }
        if (!queryType.equals("DESKTOP") && !queryType.equals("DESKTOP_POOL")) {
            throw invalid("query_type must be DESKTOP or DESKTOP_POOL");
        }
        String desktopName = single(q, "desktop_name");
        String poolName = single(q, "desktop_pool_name");
        String userName = single(q, "user_name");
        String type = single(q, "type");
        if (type != null && !type.equals("EMAIL") && !type.equals("SMS")) {
            throw invalid("type must be EMAIL or SMS");
        }
        String sortField = single(q, "sort_field");
        if (sortField != null && !sortField.equals("operate_time")) {
            throw invalid("sort_field must be operate_time");
        }
        String sortType = single(q, "sort_type");
        if (sortType != null && !sortType.equals("ASC") && !sortType.equals("DESC")) {
            throw invalid("sort_type must be ASC or DESC");
        }
        int offset = integer(q, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = integer(q, "limit", 1000, 0, MAX_LIMIT);
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
        try {
            return Jsons.parseObject(request.body());
        } catch (JsonException e) {
            throw invalid("The request body is not a valid JSON object.");
        }
    }

    private static String single(Map<String, List<String>> q, String name) {
        List<String> v = q.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int integer(Map<String, List<String>> q, String name, int dflt, int min, int max) {
        String v = single(q, name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw invalid(name + " must be between " + min + " and " + max);
            }
            return i;
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an integer");
        }
    }

    private static HttpError invalid(String message) {
        return new HttpError(error(400, INVALID_PARAMETER, message));
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
        return error(429, THROTTLED, "The throttling threshold has been reached: policy ip over ratelimit")
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response serverError() {
        return error(500, INTERNAL_ERROR, "Internal server error.");
    }

    @Override
    public Response unavailable(long retryAfterSeconds) {
        return error(503, "APIG.0201", "Backend unavailable.")
                .header("Retry-After", Long.toString(retryAfterSeconds));
    }

    @Override
    public Response unauthorized() {
        return error(401, TOKEN_EXPIRED, "The token must be updated.");
    }

    @Override
    public Response badRequest(String message) {
        return error(400, INVALID_PARAMETER, message);
    }

    @Override
    public Response notFound(String method, String path) {
        return error(404, NO_SUCH_API, "No API found for " + method + " " + path);
    }
}
