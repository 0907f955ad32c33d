package io.desknotify.transport.http.huawei;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ProviderJobPoll;
import io.desknotify.api.spi.ProviderJobStatus;
import io.desknotify.api.spi.ProviderRecord;
import io.desknotify.api.spi.ProviderRecordQuery;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.api.spi.TransportCapabilities.SeveritySupport;
import io.desknotify.transport.http.HttpTransportBuilder;
import io.desknotify.transport.http.internal.Checks;
import io.desknotify.transport.http.internal.HttpSettings;
import io.desknotify.transport.http.internal.ExchangeExecutor;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.JsonWriter;
import io.desknotify.transport.http.internal.Jsons;
import io.desknotify.transport.http.internal.ThrottlePause;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends notifications to Huawei Cloud Workspace desktops through the Workspace REST API (v2) of one project.
 *
 * <pre>{@code
 * Transport huawei = HuaweiWorkspaceTransport.builder()
 *     .endpoint(URI.create("https://workspace.cn-north-4.myhuaweicloud.com"))
 *     .projectId("0bec5db98280d2d02fd6c00c2de791ce")
 *     .accessKey(ak).secretKey(sk)            // or .authToken(() -> iamToken)
 *     .build();
 * }</pre>
 *
 * <h2>What it does</h2>
 * <ul>
 *   <li>Desktops: {@code POST /v2/{project_id}/desktops/notifications}, up to
 *   {@link Builder#maxDesktopsPerCall(int)} ids a call; pools: {@code POST
 *   /v2/{project_id}/desktop-pools/{pool_id}/notifications}, one pool a call. Both start a Workspace job whose id
 *   comes back in {@link BatchResult#providerJobId()}; {@link #pollJob} reads it
 *   ({@code GET /v2/{project_id}/workspace-jobs/{job_id}}) and folds its sub-jobs into per-desktop outcomes.</li>
 *   <li>Users are resolved to their desktops, and the "only connected" filter applied, with
 *   {@code GET /v2/{project_id}/connect-desktops}. Desktop pools are sent as they are: the API documents no way
 *   to list a pool's desktops, so they are not filtered by connection.</li>
 *   <li>{@link #queryProviderRecords} reads Workspace's notification blocking records.</li>
 * </ul>
 *
 * <h2>Failures</h2>
 * HTTP 429 and gateway throttling ({@code APIG.0308}, {@code APIGW.0308}) fail with a {@code RETRYABLE},
 * throttled {@link TransportException} carrying the answer's {@code Retry-After} or, as Workspace documents none, a
 * pause of 2 to 5 s with jitter ({@link Builder#throttlePause}); 401 and 403 with an
 * {@link io.desknotify.api.AuthenticationException} (never retried: five bad signatures in a row lock the access
 * key); 5xx and timeouts after the request was sent with {@code AMBIGUOUS} (503 with {@code Retry-After}:
 * {@code RETRYABLE}); other 4xx with {@code FATAL}. A send answered 2xx whose body cannot be read fails
 * {@code AMBIGUOUS} (the desktops may show the message); a failure before anything was sent (a path id that no path
 * can carry, a failing key supplier) is never {@code AMBIGUOUS}. Deliveries and job polls are sent once per call: the notifier
 * retries them, and paces its retries, so a 429 on a poll reaches it. The reads of a resolution and record queries,
 * which nothing else retries, are retried here a bounded number of times ({@link Builder#readRetry}) because they
 * are idempotent.
 *
 * <h2>Sharing, threads and closing</h2>
 * Immutable and thread-safe: build one per Workspace project and share it. It owns one {@link HttpClient} and,
 * unless given an {@link Builder#executor executor}, a pool of daemon threads named
 * {@code desknotify-huawei-http-<n>}: each request in flight holds one while it waits for its answer (at most 256,
 * more requests wait for a thread), started when needed and ended after 30 s idle. {@link #close()} makes further
 * calls fail and ends those threads once the requests in flight are answered. No secret (secret key, security
 * token, IAM token) appears in a log line, exception message or {@code toString}.
 */
public final class HuaweiWorkspaceTransport implements Transport {

    /** The default routing name, also the {@link HuaweiWorkspaceTransportFactory} id. */
    public static final String DEFAULT_NAME = "huawei-workspace";

    /** Users a {@code connect-desktops} query may name ({@code user_names}, "up to 100"). */
    static final int MAX_USERS_PER_QUERY = 100;
    /** The largest {@code offset} of a {@code connect-desktops} query ("0 (default) to 2,000"). */
    static final int MAX_CONNECT_DESKTOPS_OFFSET = 2000;
    /** Desktop ids a {@code GET desktops} query may name ({@code desktop_id}, "up to 100"). */
    static final int MAX_IDS_PER_DESKTOP_QUERY = 100;
    /** Huawei's advice for a 429 without a retry header: wait about 2 to 5 seconds. */
    static final ThrottlePause DEFAULT_THROTTLE_PAUSE = ThrottlePause.DEFAULT;
    /** The longest severity prefix, "[WARNING] ". */
    static final int MAX_PREFIX_LENGTH = "[WARNING] ".length();

    private final String name;
    private final URI endpoint;
    private final String projectId;
    private final HuaweiAuth auth;
    private final int maxDesktopsPerCall;
    private final int maxMessageLength;
    private final int pageSize;
    private final SeveritySupport severity;
    private final TransportCapabilities capabilities;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ThrottlePause throttlePause;
    private final HuaweiApi api;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HuaweiWorkspaceTransport(Builder b, HttpSettings settings) {
        this.name = settings.name();
        this.endpoint = settings.baseUri();
        this.projectId = b.projectId;
        this.auth = b.auth();
        this.maxDesktopsPerCall = b.maxDesktopsPerCall;
        this.maxMessageLength = b.maxMessageLength;
        this.pageSize = b.pageSize;
        this.severity = b.severity;
        this.connectTimeout = settings.connectTimeout();
        this.requestTimeout = settings.requestTimeout();
        this.throttlePause = settings.throttlePause();
        this.capabilities = TransportCapabilities.builder()
                .nativeKind(TargetKind.DESKTOP, maxDesktopsPerCall)
                .nativeKind(TargetKind.DESKTOP_POOL, 1)
                .resolvableKind(TargetKind.USER)
                .filtersConnected(true)
                // with a prefix, the text users may write is shorter by the longest prefix
                .maxMessageLength(severity == SeveritySupport.PREFIXED ? maxMessageLength - MAX_PREFIX_LENGTH
                        : maxMessageLength)
                .severitySupport(severity)
                .build();
        // blocking sends on threads of our own (or the user's), not sendAsync: see ExchangeExecutor
        ExchangeExecutor exchanges = settings.newExchangeExecutor();
        this.api = new HuaweiApi(name, endpoint, projectId, auth, settings.newClient(exchanges), requestTimeout,
                settings.maxResponseBytes(), Jsons.DEFAULT_MAX_DEPTH, b.clock,
                new HuaweiApi.ReadRetry(b.readAttempts, b.readRetryBackoff, b.maxReadRetryDelay), exchanges,
                throttlePause);
    }

    /**
     * Starts a builder; {@link Builder#endpoint}, {@link Builder#projectId} and credentials (AK/SK or an IAM token)
     * are required.
     *
     * @return a new builder with every optional setting at its default
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String provider() {
        return name;
    }

    @Override
    public TransportCapabilities capabilities() {
        return capabilities;
    }

    /**
     * Sends one batch of desktops (up to {@code maxDesktopsPerCall}) or one desktop pool. Completes with
     * {@link BatchResult#accepted} naming the Workspace job, or exceptionally with a {@link TransportException}.
     */
    @Override
    public CompletionStage<BatchResult> deliver(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        if (closed.get()) {
            return closedFailure("deliver");
        }
        String text = render(batch.notification());
        if (text.length() > maxMessageLength) {
            return CompletableFuture.failedFuture(fatal("MESSAGE_TOO_LONG", "the notification is " + text.length()
                    + " characters long with its severity prefix; the limit is " + maxMessageLength));
        }
        // {"desktop_ids":[...],"notifications":"..."}: ids of at most 36 characters, the text at most its limit
        JsonWriter body = JsonWriter.withCapacity(48 + 40 * batch.targets().size() + text.length()).beginObject();
        String what;
        String path;
        switch (batch.kind()) {
            case DESKTOP -> {
                if (batch.targets().size() > maxDesktopsPerCall) {
                    return CompletableFuture.failedFuture(fatal("BATCH_TOO_LARGE", "a batch holds "
                            + batch.targets().size() + " desktops; the limit is " + maxDesktopsPerCall));
                }
                body.name("desktop_ids").beginArray();
                batch.targets().forEach(t -> body.value(t.value()));
                body.endArray();
                what = "POST desktops/notifications";
                path = api.path("desktops", "notifications");
            }
            case DESKTOP_POOL -> {
                if (batch.targets().size() != 1) {
                    return CompletableFuture.failedFuture(fatal("BATCH_TOO_LARGE",
                            "a desktop pool batch must hold exactly one pool but held " + batch.targets().size()));
                }
                String poolId = batch.targets().get(0).value();
                String problem = pathIdProblem(poolId);
                if (problem != null) {
                    return CompletableFuture.failedFuture(fatal("INVALID_TARGET_ID", "the desktop pool id '"
                            + clip(poolId) + "' " + problem + "; nothing was sent"));
                }
                what = "POST desktop-pools/{pool_id}/notifications";
                path = api.path("desktop-pools", poolId, "notifications");
            }
            default -> {
                return CompletableFuture.failedFuture(fatal("UNSUPPORTED_TARGET",
                        batch.kind() + " targets cannot be sent to directly; resolve them first"));
            }
        }
        byte[] payload = body.name("notifications").value(text).endObject().toBytes();
        return api.send("POST", what, path, List.of(), payload).thenApply(reply -> {
            JsonObject o = api.json(reply);
            String jobId = Jsons.string(o, "job_id").filter(s -> !s.isBlank())
                    .orElseThrow(() -> api.unexpected(reply, "no job_id string in the answer"));
            return BatchResult.accepted(jobId, reply.requestId());
        }).exceptionallyCompose(failure -> CompletableFuture.failedFuture(actedOn(failure)));
    }

    /**
     * A send answered 2xx was accepted, whatever its body: the desktops may show the message, so an unreadable answer
     * (no {@code job_id}, malformed, too large) is AMBIGUOUS (the notifier records UNKNOWN), never FATAL (FAILED).
     */
    private Throwable actedOn(Throwable failure) {
        Throwable t = IoFailures.unwrap(failure);
        if (t instanceof TransportException te && te.retryability() == Retryability.FATAL
                && te.httpStatus() >= 200 && te.httpStatus() < 300) {
            return TransportException.builder(Retryability.AMBIGUOUS, te.getMessage()
                    + "; the provider accepted the request, so the desktops may show the message")
                    .provider(name).httpStatus(te.httpStatus()).errorCode(te.errorCode()).requestId(te.requestId())
                    .cause(te).build();
        }
        return t;
    }

    /**
     * Why an id cannot be one path segment, or {@code null} when it can. Only RFC 3986 unreserved characters
     * ({@code A-Z a-z 0-9 - . _ ~}) pass, and not {@code .} or {@code ..}: a dot-segment or a {@code /} would change
     * the path (a gateway may normalise it, so the signature would not match: a 401 that counts toward the access
     * key's lockout), and how API Gateway canonicalises a percent-encoded segment when it checks a signature is not
     * documented (the official SDK encodes the already-encoded path again). Workspace ids (UUIDs, numbered desktop
     * ids) are made of unreserved characters.
     */
    /**
     * A desktop pool id travels in the URL path ({@code /desktop-pools/{pool_id}/notifications}): one the path cannot
     * carry as it is is refused before the job sends anything. Desktop ids travel in the JSON body.
     */
    @Override
    public Optional<String> targetIdProblem(Target target) {
        if (target.kind() != TargetKind.DESKTOP_POOL) {
            return Optional.empty();
        }
        return Optional.ofNullable(pathIdProblem(target.value())).map(p -> "'" + clip(target.value()) + "' " + p);
    }

    static String pathIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "is empty";
        }
        if (id.equals(".") || id.equals("..")) {
            return "is a dot-segment, which would change the request path";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (!unreserved) {
                return "holds the character " + describe(c) + " at index " + i
                        + "; a path id may hold only A-Z a-z 0-9 - . _ ~";
            }
        }
        return null;
    }

    private static String describe(char c) {
        return c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
    }

    private static String clip(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 80; i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04x", (int) c));
        }
        return s.length() > 80 ? sb + "..." : sb.toString();
    }

    /** The text sent: the message, with the severity in front when {@link SeveritySupport#PREFIXED}. */
    String render(Notification n) {
        return severity == SeveritySupport.PREFIXED ? "[" + n.severity().name() + "] " + n.message() : n.message();
    }

    /**
     * Resolves users to their desktops and, when only connected targets are wanted, keeps only desktops whose
     * {@code connect_status} is {@code CONNECTED}; the others become SKIPPED results with code
     * {@code NOT_CONNECTED}. A user with no desktop becomes a FAILED result with code {@code USER_HAS_NO_DESKTOP}.
     *
     * <p>Every query keeps within the documented bounds, for any number of desktops:
     * <ul>
     *   <li>Users: {@code GET connect-desktops?user_names=...}, {@value #MAX_USERS_PER_QUERY} users a query, every
     *   page up to the largest documented {@code offset} ({@value #MAX_CONNECT_DESKTOPS_OFFSET}). When a group of
     *   users has more desktops than those pages reach, the group is asked again in halves; a single user with more
     *   desktops than one query can reach is FAILED with code {@code TOO_MANY_DESKTOPS}, saying so, because no
     *   documented query lists them all.</li>
     *   <li>Desktops named directly (only connected): {@code GET desktops?desktop_id=...} (ListDesktops),
     *   {@value #MAX_IDS_PER_DESKTOP_QUERY} ids a query (its documented maximum), reading each desktop's
     *   {@code connect_status}; its {@code offset} has no upper bound. A desktop the provider does not return is
     *   FAILED with code {@code DESKTOP_NOT_FOUND}; one returned without a {@code connect_status} is FAILED with
     *   code {@code CONNECTION_STATUS_UNKNOWN} instead of being guessed.</li>
     * </ul>
     * Only ids of the request are kept, so memory stays proportional to the request.
     */
    @Override
    public CompletionStage<Resolution> resolve(ResolveRequest request) {
        Objects.requireNonNull(request, "request");
        if (closed.get()) {
            return closedFailure("resolve");
        }
        ResolutionBuilder result = new ResolutionBuilder();
        List<Target> users = new ArrayList<>();
        Map<String, Target> desktopsToFilter = new LinkedHashMap<>();
        for (Target t : request.targets()) {
            switch (t.kind()) {
                case USER -> users.add(t);
                case DESKTOP -> {
                    if (request.onlyConnected()) {
                        desktopsToFilter.put(t.value(), t);
                    } else {
                        result.deliver(t);
                    }
                }
                case DESKTOP_POOL -> result.deliver(t);
                default -> result.settle(TargetResult.failed(t, "UNSUPPORTED_TARGET",
                        name + " cannot reach " + t.kind() + " targets"));
            }
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < users.size(); from += MAX_USERS_PER_QUERY) {
            List<Target> chunk = users.subList(from, Math.min(users.size(), from + MAX_USERS_PER_QUERY));
            chain = chain.thenCompose(x -> resolveUsers(chunk, request.onlyConnected(), result));
        }
        List<Target> desktops = new ArrayList<>(desktopsToFilter.values());
        for (int from = 0; from < desktops.size(); from += MAX_IDS_PER_DESKTOP_QUERY) {
            List<Target> chunk = desktops.subList(from, Math.min(desktops.size(), from + MAX_IDS_PER_DESKTOP_QUERY));
            chain = chain.thenCompose(x -> filterConnected(chunk, result));
        }
        return chain.thenApply(x -> result.build());
    }

    private CompletableFuture<Void> resolveUsers(List<Target> users, boolean onlyConnected, ResolutionBuilder result) {
        Map<String, Target> byName = new HashMap<>();
        Map<Target, Map<String, String>> desktopsOfUser = new LinkedHashMap<>();
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (Target u : users) {
            byName.putIfAbsent(u.value().toLowerCase(Locale.ROOT), u);
            desktopsOfUser.put(u, new LinkedHashMap<>());
            query.add(Map.entry("user_names", u.value()));
        }
        return forEachDesktop("GET connect-desktops?user_names", api.path("connect-desktops"), query, pageSize,
                MAX_CONNECT_DESKTOPS_OFFSET, desktop -> {
            String id = Jsons.string(desktop, "desktop_id").orElse(null);
            String status = Jsons.string(desktop, "connect_status").orElse("UNKNOWN");
            JsonArray attached = Jsons.array(desktop, "attach_users").orElse(JsonValue.EMPTY_JSON_ARRAY);
            if (id == null || id.isBlank()) {
                return;
            }
            for (JsonValue v : attached) {
                if (v instanceof JsonObject a) {
                    String type = Jsons.string(a, "type").orElse("USER");
                    Target user = Jsons.string(a, "name").map(n -> byName.get(n.toLowerCase(Locale.ROOT)))
                            .orElse(null);
                    if (user != null && "USER".equalsIgnoreCase(type)) {
                        desktopsOfUser.get(user).put(id, status);
                    }
                }
            }
        }).thenCompose(complete -> {
            if (!complete) {
                if (users.size() > 1) {
                    // more desktops than the bounded offset reaches: ask again in halves, each reaching as far
                    int half = users.size() / 2;
                    return resolveUsers(users.subList(0, half), onlyConnected, result)
                            .thenCompose(x -> resolveUsers(users.subList(half, users.size()), onlyConnected, result));
                }
                Target user = users.get(0);
                result.settle(TargetResult.failed(user, "TOO_MANY_DESKTOPS", "user '" + user.value()
                        + "' has more desktops than GET connect-desktops can list within its documented bounds "
                        + "(offset at most " + MAX_CONNECT_DESKTOPS_OFFSET + ", " + pageSize
                        + " a page); no documented query lists them all, so none was sent"));
                return CompletableFuture.<Void>completedFuture(null);
            }
            desktopsOfUser.forEach((user, desktops) -> {
                if (desktops.isEmpty()) {
                    result.settle(TargetResult.failed(user, "USER_HAS_NO_DESKTOP",
                            "user '" + user.value() + "' has no desktop in project " + projectId));
                    return;
                }
                desktops.forEach((id, status) -> {
                    Target desktop = Target.of(TargetKind.DESKTOP, id, user.provider());
                    if (onlyConnected && !"CONNECTED".equals(status)) {
                        result.settle(notConnected(desktop, status));
                    } else {
                        result.deliver(desktop, user);
                    }
                });
            });
            return CompletableFuture.<Void>completedFuture(null);
        });
    }

    /** Keeps the connected desktops of at most {@value #MAX_IDS_PER_DESKTOP_QUERY} named ones (ListDesktops). */
    private CompletableFuture<Void> filterConnected(List<Target> desktops, ResolutionBuilder result) {
        Map<String, Target> byId = new LinkedHashMap<>();
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (Target t : desktops) {
            byId.put(t.value(), t);
            query.add(Map.entry("desktop_id", t.value()));
        }
        Map<String, String> statusById = new HashMap<>();
        return forEachDesktop("GET desktops?desktop_id", api.path("desktops"), query, MAX_IDS_PER_DESKTOP_QUERY,
                Integer.MAX_VALUE, desktop -> Jsons.string(desktop, "desktop_id").filter(byId::containsKey)
                        .ifPresent(id -> statusById.put(id, Jsons.string(desktop, "connect_status").orElse(""))))
                .thenRun(() -> byId.forEach((id, t) -> {
                    String status = statusById.get(id);
                    if (status == null) {
                        result.settle(TargetResult.failed(t, "DESKTOP_NOT_FOUND", "desktop '" + id
                                + "' was not found in project " + projectId));
                    } else if (status.isEmpty()) {
                        result.settle(TargetResult.failed(t, "CONNECTION_STATUS_UNKNOWN", "the provider listed "
                                + "desktop '" + id + "' without a connect_status, so whether it is connected is "
                                + "unknown; not sent"));
                    } else if (status.equals("CONNECTED")) {
                        result.deliver(t);
                    } else {
                        result.settle(notConnected(t, status));
                    }
                }));
    }

    private static TargetResult notConnected(Target desktop, String status) {
        return TargetResult.skipped(desktop, "NOT_CONNECTED",
                "desktop is not connected" + (status != null ? " (connect_status " + status + ")" : ""));
    }

    /**
     * Reads the pages of a desktop listing ({@code {desktops:[...], total_count}}) for the query, handing each desktop
     * object to the sink, with offsets up to {@code maxOffset}. Completes with true when every page was read, false
     * when more desktops exist than offsets up to {@code maxOffset} reach.
     */
    private CompletableFuture<Boolean> forEachDesktop(String what, String path, List<Map.Entry<String, String>> base,
            int limit, int maxOffset, Consumer<JsonObject> sink) {
        return desktopPage(what, path, base, 0, limit, maxOffset, sink);
    }

    private CompletableFuture<Boolean> desktopPage(String what, String path, List<Map.Entry<String, String>> base,
            long offset, int limit, int maxOffset, Consumer<JsonObject> sink) {
        List<Map.Entry<String, String>> query = new ArrayList<>(base);
        query.add(Map.entry("offset", Long.toString(offset)));
        query.add(Map.entry("limit", Integer.toString(limit)));
        return api.get(what, path, query).thenCompose(reply -> {
            JsonObject o = api.json(reply);
            JsonArray desktops = Jsons.array(o, "desktops")
                    .orElseThrow(() -> api.unexpected(reply, "no desktops array in the answer"));
            for (JsonValue v : desktops) {
                if (!(v instanceof JsonObject d)) {
                    throw api.unexpected(reply, "a desktops element is not an object");
                }
                sink.accept(d);
            }
            long next = offset + desktops.size();
            Long total = Jsons.longValue(o, "total_count").orElse(null);
            if (offset == 0 && total != null && total > (long) maxOffset + limit) {
                return CompletableFuture.completedFuture(false); // the bounded offsets cannot reach them all
            }
            boolean more = !desktops.isEmpty() && (total != null ? next < total : desktops.size() >= limit);
            if (!more) {
                return CompletableFuture.completedFuture(true);
            }
            if (next > maxOffset) {
                return CompletableFuture.completedFuture(false);
            }
            return desktopPage(what, path, base, next, limit, maxOffset, sink);
        });
    }

    /**
     * Reads a Workspace job. INIT, WAITING and RUNNING jobs are running; a SUCCESS or FAILED job is finished:
     * each desktop takes the state of its sub-job ({@code entities.desktop_id}), FAILED with the sub-job's
     * {@code error_code} and {@code fail_reason}, and desktops without a sub-job (or a pool) take the job's own.
     *
     * <p>One GET per call, never retried here: any failure, a 429 with its {@code Retry-After} included, completes
     * the stage exceptionally, for the notifier to pace and retry.
     */
    @Override
    public CompletionStage<ProviderJobStatus> pollJob(ProviderJobPoll poll) {
        Objects.requireNonNull(poll, "poll");
        if (closed.get()) {
            return closedFailure("pollJob");
        }
        String problem = pathIdProblem(poll.providerJobId());
        if (problem != null) {
            return CompletableFuture.failedFuture(fatal("INVALID_JOB_ID", "the provider's job_id '"
                    + clip(poll.providerJobId()) + "' " + problem + "; the job was not polled"));
        }
        String what = "GET workspace-jobs/{job_id}";
        // sent once: the notifier's paced read retry repeats it, and its pacer learns of a 429 only if it sees it
        return api.send("GET", what, api.path("workspace-jobs", poll.providerJobId()), List.of(), null)
                .thenApply(reply -> {
                    WorkspaceJobAnswer job = api.job(reply);
                    String status = WorkspaceJobAnswer.string(job.status);
                    if (status == null) {
                        throw api.unexpected(reply, "no status string in the job");
                    }
                    return switch (status) {
                        case "INIT", "WAITING", "RUNNING" -> ProviderJobStatus.running();
                        case "SUCCESS", "FAILED" -> finished(job, "SUCCESS".equals(status), poll.targets());
                        default -> throw api.unexpected(reply, "unknown job status '" + status + "'");
                    };
                });
    }

    private static ProviderJobStatus finished(WorkspaceJobAnswer job, boolean succeeded, List<Target> targets) {
        if (succeeded && !job.anySubJobFailed()) {
            // the whole job succeeded and no sub-job says otherwise: nothing to look up target by target
            return new ProviderJobStatus(true, Outcome.DELIVERED, List.of());
        }
        String jobCode = Jsons.text(job.jobErrorCode).filter(s -> !s.isBlank()).orElse("JOB_FAILED");
        String jobReason = Jsons.text(job.failReason).filter(s -> !s.isBlank())
                .orElse("the Workspace job failed");
        List<TargetResult> failed = new ArrayList<>();
        Map<String, WorkspaceJobAnswer.SubJob> subJobs = job.subJobs();
        for (Target t : targets) {
            WorkspaceJobAnswer.SubJob sub = t.kind() == TargetKind.DESKTOP ? subJobs.get(t.value()) : null;
            String subStatus = sub == null ? null : WorkspaceJobAnswer.string(sub.status());
            if ("FAILED".equals(subStatus)) {
                failed.add(TargetResult.failed(t,
                        Jsons.text(sub.errorCode()).filter(s -> !s.isBlank()).orElse(jobCode),
                        Jsons.text(sub.failReason()).filter(s -> !s.isBlank()).orElse(jobReason)));
            } else if (!"SUCCESS".equals(subStatus) && !succeeded) {
                failed.add(TargetResult.failed(t, jobCode, jobReason));
            }
        }
        return new ProviderJobStatus(true, Outcome.DELIVERED, failed);
    }

    /**
     * Queries Workspace's notification blocking records ({@code GET /v2/{project_id}/users/notification-records}):
     * scope becomes {@code query_type}, the target name {@code desktop_name} or {@code desktop_pool_name}, the
     * channel {@code type}, sorted by {@code operate_time}.
     */
    @Override
    public CompletionStage<Page<ProviderRecord>> queryProviderRecords(ProviderRecordQuery query) {
        Objects.requireNonNull(query, "query");
        if (closed.get()) {
            return closedFailure("queryProviderRecords");
        }
        boolean pools = query.scope() == TargetKind.DESKTOP_POOL;
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(Map.entry("query_type", query.scope().name()));
        query.targetName().ifPresent(n -> params.add(Map.entry(pools ? "desktop_pool_name" : "desktop_name", n)));
        query.userName().ifPresent(n -> params.add(Map.entry("user_name", n)));
        query.channel().ifPresent(c -> params.add(Map.entry("type", c)));
        params.add(Map.entry("offset", Long.toString(query.offset())));
        params.add(Map.entry("limit", Integer.toString(query.limit())));
        params.add(Map.entry("sort_field", "operate_time"));
        params.add(Map.entry("sort_type", query.newestFirst() ? "DESC" : "ASC"));
        return api.get("GET users/notification-records", api.path("users", "notification-records"), params)
                .thenApply(reply -> {
                    JsonObject o = api.json(reply);
                    JsonArray records = Jsons.array(o, "notification_records")
                            .orElseThrow(() -> api.unexpected(reply, "no notification_records array in the answer"));
                    List<ProviderRecord> items = new ArrayList<>(records.size());
                    for (JsonValue v : records) {
                        if (!(v instanceof JsonObject r)) {
                            throw api.unexpected(reply, "a notification_records element is not an object");
                        }
                        items.add(record(r, query.scope()));
                    }
                    long total = Jsons.longValue(o, "total_count").orElse(query.offset() + items.size());
                    return new Page<>(items, query.offset(), query.limit(),
                            Math.max(total, query.offset() + items.size()));
                });
    }

    private ProviderRecord record(JsonObject r, TargetKind scope) {
        String desktopName = Jsons.string(r, "desktop_name").orElse(null);
        String poolName = Jsons.string(r, "desktop_pool_name").orElse(null);
        String targetName = scope == TargetKind.DESKTOP_POOL ? (poolName != null ? poolName : desktopName)
                : (desktopName != null ? desktopName : poolName);
        Map<String, String> attributes = new LinkedHashMap<>();
        Set<String> mapped = Set.of("user_name", "type", "operate_time", "error_message",
                scope == TargetKind.DESKTOP_POOL ? "desktop_pool_name" : "desktop_name");
        for (String key : r.keySet()) {
            if (!mapped.contains(key)) {
                Jsons.text(r, key).ifPresent(v -> attributes.put(key, v));
            }
        }
        return new ProviderRecord(name, scope, targetName, Jsons.string(r, "user_name").orElse(null),
                Jsons.string(r, "type").orElse(null), time(Jsons.string(r, "operate_time").orElse(null)),
                Jsons.string(r, "error_message").orElse(null), attributes);
    }

    private static Instant time(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One authenticated {@code GET connect-desktops?limit=1}: proves reachability and credentials. */
    @Override
    public CompletionStage<Void> checkHealth() {
        if (closed.get()) {
            return closedFailure("checkHealth");
        }
        List<Map.Entry<String, String>> q = List.of(Map.entry("offset", "0"), Map.entry("limit", "1"));
        return api.send("GET", "GET connect-desktops (health)", api.path("connect-desktops"), q, null)
                .thenApply(reply -> {
                    api.json(reply);
                    return null;
                });
    }

    /**
     * Makes every later call fail; idempotent. Requests in flight are answered as usual, and then the transport's
     * own threads end (an {@link Builder#executor executor} given to the builder is not shut down).
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.close();
        }
    }

    private <T> CompletableFuture<T> closedFailure(String operation) {
        return CompletableFuture.failedFuture(fatal("TRANSPORT_CLOSED", operation + " called after close()"));
    }

    private TransportException fatal(String code, String message) {
        return TransportException.builder(Retryability.FATAL, name + ": " + message).provider(name)
                .errorCode(code).build();
    }

    @Override
    public String toString() {
        return "HuaweiWorkspaceTransport{name=" + name + ", endpoint=" + endpoint + ", projectId=" + projectId
                + ", auth=" + auth + ", maxDesktopsPerCall=" + maxDesktopsPerCall + ", maxMessageLength="
                + maxMessageLength + ", severity=" + severity + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", throttlePause=" + throttlePause + ", closed=" + closed.get()
                + '}';
    }

    /** Collects a resolution; a target is settled at most once and never both settled and deliverable. */
    private static final class ResolutionBuilder {
        /** Each deliverable target with the requested one it came from, so its record can be found by it. */
        private final Map<Target, Target> deliverable = new LinkedHashMap<>();
        private final Map<Target, TargetResult> settled = new LinkedHashMap<>();

        synchronized void deliver(Target t) {
            deliver(t, t);
        }

        synchronized void deliver(Target t, Target requested) {
            deliverable.putIfAbsent(t, requested);
            settled.remove(t);
        }

        synchronized void settle(TargetResult r) {
            if (!deliverable.containsKey(r.target())) {
                settled.putIfAbsent(r.target(), r);
            }
        }

        synchronized Resolution build() {
            return new Resolution(new ArrayList<>(deliverable.keySet()), new ArrayList<>(settled.values()),
                    new ArrayList<>(deliverable.values()));
        }
    }

    /**
     * Builds {@link HuaweiWorkspaceTransport}s. Every setter rejects bad input with a
     * {@link ConfigurationException} naming the setting; {@link #build()} rejects missing or conflicting ones.
     * Not thread-safe. Its {@code toString} shows no secret. The common HTTP settings are those of
     * {@link HttpTransportBuilder}; the default {@linkplain #name name} is {@value HuaweiWorkspaceTransport#DEFAULT_NAME}
     * and the transport's own threads are named {@code desknotify-huawei-http-<n>}.
     *
     * <p>{@linkplain #throttlePause Throttle pause}: Workspace documents no {@code Retry-After} on its throttling
     * answers (HTTP 429, {@code APIG.0308}), and Huawei advises waiting about 2 to 5 seconds, the default.
     */
    public static final class Builder extends HttpTransportBuilder<Builder> {
        private String projectId;
        private String accessKey;
        private Supplier<char[]> secretKey;
        private Supplier<char[]> securityToken;
        private Supplier<? extends CompletionStage<String>> authToken;
        private int maxDesktopsPerCall = 100;
        private int maxMessageLength = 1024;
        private int pageSize = 1000;
        private SeveritySupport severity = SeveritySupport.DROPPED;
        private Clock clock = Clock.systemUTC();
        private int readAttempts = 3;
        private Duration readRetryBackoff = Duration.ofMillis(200);
        private Duration maxReadRetryDelay = Duration.ofSeconds(10);

        private Builder() {
            super(DEFAULT_NAME, "endpoint", "desknotify-huawei-http-");
        }

        /**
         * The Workspace endpoint, e.g. {@code https://workspace.cn-north-4.myhuaweicloud.com}. Must be https,
         * except for a loopback host (tests, emulators).
         *
         * @param endpoint the absolute URI of the regional Workspace endpoint, without user info, query or fragment
         * @return this builder
         * @throws ConfigurationException if {@code endpoint} is {@code null}, not absolute, has no host, carries user
         *     info, a query or a fragment, or uses plain {@code http} for a host that is not a loopback host
         */
        public Builder endpoint(URI endpoint) {
            providerUri(endpoint);
            return this;
        }

        /**
         * The Huawei Cloud project id, sent as {@code X-Project-Id} and in every path.
         *
         * @param projectId the id of the project the desktops belong to; leading and trailing blanks are removed
         * @return this builder
         * @throws ConfigurationException if {@code projectId} is {@code null} or blank
         */
        public Builder projectId(String projectId) {
            this.projectId = Checks.text(projectId, "projectId");
            return this;
        }

        /**
         * The access key id (AK) of AK/SK signing; needs a {@link #secretKey(char[]) secret key} too.
         *
         * @param accessKey the access key id; leading and trailing blanks are removed
         * @return this builder
         * @throws ConfigurationException if {@code accessKey} is {@code null} or blank
         */
        public Builder accessKey(String accessKey) {
            this.accessKey = Checks.text(accessKey, "accessKey");
            return this;
        }

        /**
         * The secret key (SK). The array is copied; clear yours after the call.
         *
         * @param secretKey the secret key that signs every request; it is never sent
         * @return this builder
         * @throws ConfigurationException if {@code secretKey} is {@code null} or empty
         */
        public Builder secretKey(char[] secretKey) {
            char[] copy = Checks.nonEmpty(secretKey, "secretKey").clone();
            this.secretKey = copy::clone;
            return this;
        }

        /**
         * Supplies the secret key for each request, for keys that rotate. The returned array is copied and never
         * modified; the copy is cleared after signing.
         *
         * @param secretKey asked for the current secret key before each request is signed
         * @return this builder
         * @throws ConfigurationException if {@code secretKey} is {@code null}
         */
        public Builder secretKey(Supplier<char[]> secretKey) {
            this.secretKey = copying(Checks.notNull(secretKey, "secretKey"));
            return this;
        }

        /** A supplier of copies, so that clearing what it gives never clears the caller's array. */
        private static Supplier<char[]> copying(Supplier<char[]> supplier) {
            return () -> {
                char[] value = supplier.get();
                return value == null ? null : value.clone();
            };
        }

        /**
         * The security token of temporary AK/SK, sent (and signed) as {@code X-Security-Token}. Copied; clear
         * your array after the call. Only for temporary credentials, together with their AK and SK.
         *
         * @param securityToken the security token issued with the temporary AK/SK
         * @return this builder
         * @throws ConfigurationException if {@code securityToken} is {@code null} or empty
         */
        public Builder securityToken(char[] securityToken) {
            char[] copy = Checks.nonEmpty(securityToken, "securityToken").clone();
            this.securityToken = copy::clone;
            return this;
        }

        /**
         * Supplies the security token of temporary AK/SK per request, for temporary credentials that are renewed;
         * the returned array is copied, never modified.
         *
         * @param securityToken asked for the current security token before each request is signed
         * @return this builder
         * @throws ConfigurationException if {@code securityToken} is {@code null}
         */
        public Builder securityToken(Supplier<char[]> securityToken) {
            this.securityToken = copying(Checks.notNull(securityToken, "securityToken"));
            return this;
        }

        /**
         * Authenticates with an IAM token instead of AK/SK, sent as {@code X-Auth-Token}. The supplier is called
         * for every request, so it should cache the token (IAM tokens last 24 hours). Not together with AK/SK.
         *
         * @param token gives the IAM token to send with each request
         * @return this builder
         * @throws ConfigurationException if {@code token} is {@code null}
         */
        public Builder authToken(Supplier<String> token) {
            Checks.notNull(token, "authToken");
            this.authToken = () -> CompletableFuture.completedFuture(token.get());
            return this;
        }

        /**
         * Like {@link #authToken(Supplier)}, for a supplier that fetches the token asynchronously.
         *
         * @param token gives, for each request, a stage that completes with the IAM token to send
         * @return this builder
         * @throws ConfigurationException naming {@code authToken} if {@code token} is {@code null}
         */
        public Builder authTokenAsync(Supplier<? extends CompletionStage<String>> token) {
            this.authToken = Checks.notNull(token, "authToken");
            return this;
        }

        /**
         * Most desktop ids per send call; Huawei documents no limit. Default 100.
         *
         * @param maxDesktopsPerCall the largest number of desktop ids in one send call
         * @return this builder
         * @throws ConfigurationException if {@code maxDesktopsPerCall} is below 1
         */
        public Builder maxDesktopsPerCall(int maxDesktopsPerCall) {
            this.maxDesktopsPerCall = Checks.atLeast(maxDesktopsPerCall, 1, "maxDesktopsPerCall");
            return this;
        }

        /**
         * Longest text sent, severity prefix included; Huawei documents no limit. Default 1024.
         *
         * @param maxMessageLength the longest text sent; with {@link SeveritySupport#PREFIXED} it must leave room for
         *     the longest prefix ({@code "[WARNING] "}), which {@link #build()} checks
         * @return this builder
         * @throws ConfigurationException if {@code maxMessageLength} is below 1
         */
        public Builder maxMessageLength(int maxMessageLength) {
            this.maxMessageLength = Checks.atLeast(maxMessageLength, 1, "maxMessageLength");
            return this;
        }

        /**
         * What to do with the severity, which Workspace has no field for: {@link SeveritySupport#DROPPED}
         * (default) or {@link SeveritySupport#PREFIXED} ({@code "[WARNING] text"}).
         *
         * <p>With the default {@code DROPPED} the desktop shows the text alone: a notification sent with
         * {@code Severity.WARNING} or {@code Severity.ERROR} looks exactly like one sent with {@code INFO}. Choose
         * {@code PREFIXED} if users should see the severity.
         *
         * @param severity {@code DROPPED} or {@code PREFIXED}
         * @return this builder
         * @throws ConfigurationException if {@code severity} is {@code null} or {@link SeveritySupport#NATIVE}
         */
        public Builder severity(SeveritySupport severity) {
            if (severity == null || severity == SeveritySupport.NATIVE) {
                throw new ConfigurationException("severity", "severity must be DROPPED or PREFIXED: Workspace "
                        + "notifications have no severity field");
            }
            this.severity = severity;
            return this;
        }

        /**
         * Page size of {@code connect-desktops} reads, 1 to 1000. Default 1000.
         *
         * @param pageSize the {@code limit} asked for in each page
         * @return this builder
         * @throws ConfigurationException if {@code pageSize} is below 1 or above 1000
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = (int) Checks.range(pageSize, 1, 1000, "pageSize");
            return this;
        }

        /**
         * The clock {@code X-Sdk-Date} and HTTP-date {@code Retry-After} values are read with. Default: the system
         * clock in UTC.
         *
         * @param clock the clock to date signatures and to measure {@code Retry-After} dates with
         * @return this builder
         * @throws ConfigurationException if {@code clock} is {@code null}
         */
        public Builder clock(Clock clock) {
            this.clock = Checks.notNull(clock, "clock");
            return this;
        }

        /**
         * How the GETs of a resolution (each page) and of record queries are retried on transient failures: at most
         * {@code maxAttempts} attempts, backoff from {@code initialBackoff} doubling, and a {@code Retry-After}
         * above {@code maxDelay} ends the retries. Default 3 attempts, 200 ms, 10 s. Job polls are not retried here
         * but by the notifier, which paces them.
         *
         * @param maxAttempts the number of tries of each read, the first included; at least 1
         * @param initialBackoff the pause before the second try, doubled before each further one
         * @param maxDelay the longest {@code Retry-After} still waited for; a longer one ends the retries
         * @return this builder
         * @throws ConfigurationException naming {@code readRetry.maxAttempts}, {@code readRetry.initialBackoff} or
         *     {@code readRetry.maxDelay} if {@code maxAttempts} is below 1 or a duration is {@code null}, zero or
         *     negative
         */
        public Builder readRetry(int maxAttempts, Duration initialBackoff, Duration maxDelay) {
            Checks.atLeast(maxAttempts, 1, "readRetry.maxAttempts");
            this.readRetryBackoff = Checks.positive(initialBackoff, "readRetry.initialBackoff");
            this.maxReadRetryDelay = Checks.positive(maxDelay, "readRetry.maxDelay");
            this.readAttempts = maxAttempts;
            return this;
        }

        HuaweiAuth auth() {
            return authToken != null ? new HuaweiAuth.Token(authToken)
                    : new HuaweiAuth.AkSk(accessKey, secretKey, securityToken);
        }

        /**
         * Builds the transport.
         *
         * @return a new transport with these settings
         * @throws ConfigurationException when endpoint, projectId or credentials are missing, or both AK/SK and a
         *                                token are set, or only one of access key and secret key is set, or
         *                                {@code maxMessageLength} leaves no room for the severity prefix of
         *                                {@link SeveritySupport#PREFIXED}
         */
        public HuaweiWorkspaceTransport build() {
            HttpSettings http = httpSettings();
            Checks.required(projectId, "projectId");
            boolean akSk = accessKey != null || secretKey != null || securityToken != null;
            if (akSk && authToken != null) {
                throw new ConfigurationException("authToken",
                        "choose AK/SK signing or an IAM token, not both");
            }
            if (!akSk && authToken == null) {
                throw new ConfigurationException("accessKey",
                        "credentials are required: accessKey and secretKey, or authToken");
            }
            if (akSk && accessKey == null) {
                throw new ConfigurationException("accessKey", "accessKey is required with secretKey");
            }
            if (akSk && secretKey == null) {
                throw new ConfigurationException("secretKey", "secretKey is required with accessKey");
            }
            if (severity == SeveritySupport.PREFIXED && maxMessageLength <= MAX_PREFIX_LENGTH) {
                throw new ConfigurationException("maxMessageLength", "maxMessageLength must exceed "
                        + MAX_PREFIX_LENGTH + " to leave room for the severity prefix");
            }
            return new HuaweiWorkspaceTransport(this, http);
        }

        @Override
        public String toString() {
            return "HuaweiWorkspaceTransport.Builder{name=" + currentName() + ", endpoint=" + currentUri() + ", projectId="
                    + projectId + ", auth=" + (authToken != null ? "token" : secretKey != null ? "AK/SK" : "none")
                    + ", maxDesktopsPerCall=" + maxDesktopsPerCall + ", maxMessageLength=" + maxMessageLength
                    + ", severity=" + severity + ", throttlePause=" + currentThrottlePause() + '}';
        }
    }
}
