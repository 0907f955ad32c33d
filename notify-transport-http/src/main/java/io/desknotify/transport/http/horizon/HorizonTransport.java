package io.desknotify.transport.http.horizon;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.Notification;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.transport.http.horizon.HorizonHttp.Answer;
import io.desknotify.api.Outcome;
import io.desknotify.transport.http.HttpTransportBuilder;
import io.desknotify.transport.http.internal.Checks;
import io.desknotify.transport.http.internal.HttpSettings;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Sends notifications to the user sessions of one VMware/Omnissa Horizon pod through the Horizon Server REST API
 * ({@code POST /rest/inventory/v1/sessions/action/send-message}).
 *
 * <pre>{@code
 * Transport horizon = HorizonTransport.builder()
 *     .baseUri(URI.create("https://horizon.example.com"))
 *     .domain("EXAMPLE").username("svc-notify").password(vault::horizonPassword)
 *     .build();
 * Notifier notifier = Notifier.builder().transport(horizon).build();
 * }</pre>
 *
 * <h2>What it reaches</h2>
 * Sessions natively (at most {@link Builder#maxSessionsPerCall} per call), desktop pools and users by resolving
 * them to their sessions, and the "only connected" filter ({@code session_state} {@code CONNECTED}). A user is
 * named {@code DOMAIN\login}, {@code login@domain} or plainly {@code login}, which means the
 * {@linkplain Builder#userDomain user domain} (by default the login domain); the domain is compared with the
 * {@code domain} Horizon reports for the user. The notification's severity becomes Horizon's
 * {@code message_type}; its title is not sent (Horizon messages have none).
 *
 * <h2>Outcome codes</h2>
 * Per-session rejections carry Horizon's {@code error_key}, or {@code HTTP_<status_code>} when there is none
 * and Horizon's error messages.
 * The transport's own codes are the constants of this class:
 * <table>
 *   <caption>Codes</caption>
 *   <tr><th>code</th><th>outcome</th><th>meaning</th></tr>
 *   <tr><td>{@value #MISSING_FROM_RESPONSE}</td><td>UNKNOWN</td><td>Horizon's answer did not mention the session
 *       (the request reached Horizon, so it may have been shown)</td></tr>
 *   <tr><td>{@value #NO_STATUS_CODE}</td><td>UNKNOWN</td><td>Horizon's answer for the session has no status
 *       code</td></tr>
 *   <tr><td>{@value #UNKNOWN_USER}</td><td>FAILED</td><td>no such user in the directory Horizon sees</td></tr>
 *   <tr><td>{@value #NO_SESSIONS}</td><td>SKIPPED</td><td>the pool or user has no session (a pool id that does
 *       not exist looks the same)</td></tr>
 *   <tr><td>{@value #NO_CONNECTED_SESSIONS}</td><td>SKIPPED</td><td>only connected targets were wanted and the
 *       pool or user has none; its sessions are recorded {@value #NOT_CONNECTED}</td></tr>
 *   <tr><td>{@value #NOT_CONNECTED}</td><td>SKIPPED</td><td>a session that is not {@code CONNECTED}</td></tr>
 *   <tr><td>{@value #SESSION_NOT_FOUND}</td><td>FAILED</td><td>only connected sessions were wanted and Horizon
 *       does not know this one (it may have ended)</td></tr>
 *   <tr><td>{@value #CPA_NOT_INITIALIZED}</td><td>FAILED</td><td>{@link Builder#globalSessions(boolean)} is on and
 *       Horizon answered 409: Cloud Pod Architecture is not initialised for the pod</td></tr>
 *   <tr><td>{@value #RESOLUTION_FAILED}</td><td>FAILED</td><td>looking up the pool, user or session failed
 *       (after retries); other targets of the same request are still resolved</td></tr>
 *   <tr><td>{@value #UNSUPPORTED_TARGET}</td><td>FAILED</td><td>a target kind Horizon cannot reach (desktops)</td></tr>
 * </table>
 *
 * <h2>Failures</h2>
 * {@link #deliver} completes exceptionally with a {@link TransportException}: {@code RETRYABLE} (throttled, with
 * {@code retryAfter} from {@code X-Rate-Limit-Retry-After-Seconds} or {@code Retry-After}) for 429, for 503 with
 * {@code Retry-After}, for a failure to connect, and for a login that timed out or failed with a 5xx (the batch
 * itself was not sent then);
 * {@code AMBIGUOUS} for other 5xx, timeouts and broken connections after the request was sent; {@code FATAL} for
 * other 4xx and for a 200 answer of an unexpected shape; {@link io.desknotify.api.AuthenticationException} when
 * the credentials are rejected or a request is refused (401) even after renewing the session. Reads (resolution,
 * health check) are retried here up to {@link Builder#readAttempts} times.
 *
 * <h2>Sharing, threads and closing</h2>
 * Thread-safe; build one per Horizon pod and share it. It holds one {@link java.net.http.HttpClient}, one Horizon
 * login (see {@link #close()}) and, unless given an {@link Builder#executor executor}, a pool of daemon threads named
 * {@code desknotify-horizon-http-<n>}: each request in flight holds one while it waits for its answer (at most 256,
 * more requests wait for a thread), started when needed and ended after 30 s idle and at {@link #close()}.
 * Redirects are never followed; TLS certificates are always verified (give
 * an {@link SSLContext} that trusts a private CA if needed). Neither the password nor a token appears in a log
 * line, an exception message or {@code toString}.
 */
public final class HorizonTransport implements Transport {
    /** Default transport name. */
    public static final String DEFAULT_NAME = "horizon";

    /** UNKNOWN: a session of the batch is missing from Horizon's answer, which says nothing of its fate. */
    public static final String MISSING_FROM_RESPONSE = "MISSING_FROM_RESPONSE";
    /** UNKNOWN: Horizon's answer for a session has no status code and no error. */
    public static final String NO_STATUS_CODE = "NO_STATUS_CODE";
    /** FAILED: the user is not known to Horizon. */
    public static final String UNKNOWN_USER = "UNKNOWN_USER";
    /** SKIPPED: a pool or user without any session. */
    public static final String NO_SESSIONS = "NO_SESSIONS";
    /** SKIPPED: a pool or user without a connected session, when only connected targets are wanted. */
    public static final String NO_CONNECTED_SESSIONS = "NO_CONNECTED_SESSIONS";
    /** SKIPPED: a session that is not connected, when only connected targets are wanted. */
    public static final String NOT_CONNECTED = "NOT_CONNECTED";
    /** FAILED: a session Horizon does not know, when only connected targets are wanted. */
    public static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";
    /** FAILED: looking the target up failed. */
    public static final String RESOLUTION_FAILED = "RESOLUTION_FAILED";
    /** FAILED: a target kind this transport cannot reach. */
    public static final String UNSUPPORTED_TARGET = "UNSUPPORTED_TARGET";
    /**
     * FAILED: {@link Builder#globalSessions(boolean) globalSessions} is on but Horizon answered 409 because Cloud
     * Pod Architecture is not initialised for the pod.
     */
    public static final String CPA_NOT_INITIALIZED = "CPA_NOT_INITIALIZED";

    static final String SEND_PATH = "/rest/inventory/v1/sessions/action/send-message";
    static final String GLOBAL_SEND_PATH = "/rest/inventory/v1/global-sessions/action/send-message";

    private final String name;
    private final URI baseUri;
    private final String domain;
    private final String username;
    private final int maxSessionsPerCall;
    private final int maxMessageLength;
    private final boolean globalSessions;
    private final TransportCapabilities capabilities;
    private final HorizonHttp http;
    private final HorizonSession session;
    private final HorizonResolver resolver;
    private final Object closeLock = new Object();
    private boolean closed;

    private HorizonTransport(Builder b, HttpSettings settings) {
        this.name = settings.name();
        this.baseUri = settings.baseUri();
        this.domain = b.domain;
        this.username = b.username;
        this.maxSessionsPerCall = b.maxSessionsPerCall;
        this.maxMessageLength = b.maxMessageLength;
        this.globalSessions = b.globalSessions;
        this.capabilities = TransportCapabilities.builder()
                .nativeKind(TargetKind.SESSION, maxSessionsPerCall)
                .resolvableKind(TargetKind.DESKTOP_POOL)
                .resolvableKind(TargetKind.USER)
                .filtersConnected(true)
                .maxMessageLength(maxMessageLength)
                .severitySupport(TransportCapabilities.SeveritySupport.NATIVE)
                .build();
        this.http = new HorizonHttp(settings);
        this.session = new HorizonSession(http, b.domain, b.username, b.password, b.loginFailureHold,
                b.readAttempts);
        this.resolver = new HorizonResolver(session, name, b.userDomain != null ? b.userDomain : b.domain,
                b.pageSize, b.globalSessions);
    }

    /**
     * Starts a builder; {@code baseUri}, {@code domain}, {@code username} and a password are required.
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
     * Sends the batch's notification to its sessions with one {@code send-message} call.
     *
     * @return completes with a result for every session (DELIVERED, or FAILED with Horizon's {@code error_key});
     *     completes exceptionally with a {@link TransportException} when the call failed as a whole (see the class
     *     documentation for its retryability)
     */
    @Override
    public CompletionStage<BatchResult> deliver(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.kind() != TargetKind.SESSION) {
            return fatal("Horizon delivers to sessions only, not " + batch.kind(), UNSUPPORTED_TARGET);
        }
        if (batch.targets().size() > maxSessionsPerCall) {
            return fatal("batch of " + batch.targets().size() + " sessions exceeds maxSessionsPerCall "
                    + maxSessionsPerCall, "BATCH_TOO_LARGE");
        }
        Notification n = batch.notification();
        if (n.message().length() > maxMessageLength) {
            return fatal("message of " + n.message().length() + " characters exceeds maxMessageLength "
                    + maxMessageLength, "MESSAGE_TOO_LONG");
        }
        List<Target> local = new ArrayList<>();
        Map<String, List<Target>> global = new LinkedHashMap<>();
        for (Target t : batch.targets()) {
            String[] g = globalSessions ? HorizonResolver.globalSession(t.value()) : null;
            if (g == null) {
                local.add(t);
            } else {
                global.computeIfAbsent(g[1], p -> new ArrayList<>()).add(t);
            }
        }
        if (global.isEmpty()) {
            return clean(sendLocal(n, local));
        }
        if (local.isEmpty()) {
            return clean(sendGlobal(n, global));
        }
        // Two calls: the federation's sessions, then the local pod's. When the first may have been acted on, the
        // second is still sent and each target's record says what is known about it.
        return clean(sendGlobal(n, global).handle((g, e) -> {
            if (e == null) {
                return sendLocal(n, local).handle((l, e2) -> merge(g, l, e2, local));
            }
            TransportException te = HorizonErrors.fromFailure(name, "global send-message", e);
            if (!mayHaveActed(te)) {
                return CompletableFuture.<BatchResult>failedFuture(te);
            }
            BatchResult unknown = asResult(te, global.values().stream().flatMap(List::stream).toList());
            return sendLocal(n, local).handle((l, e2) -> merge(unknown, l, e2, local));
        }).thenCompose(Function.identity()));
    }

    private CompletableFuture<BatchResult> sendLocal(Notification n, List<Target> targets) {
        byte[] body = HorizonJson.write(g -> {
            g.writeStartObject()
                    .write("message", n.message())
                    .write("message_type", n.severity().name())
                    .writeStartArray("session_ids");
            targets.forEach(t -> g.write(t.value()));
            g.writeEnd().writeEnd();
        });
        return session.authorized("send-message", "POST", SEND_PATH, body).thenApply(a -> sendResult(targets, a));
    }

    /** One call for every pod: {@code global_session_action_specs} of {@code {pod_id, ids}}. */
    private CompletableFuture<BatchResult> sendGlobal(Notification n, Map<String, List<Target>> byPod) {
        byte[] body = HorizonJson.write(g -> {
            g.writeStartObject().writeStartArray("global_session_action_specs");
            byPod.forEach((pod, targets) -> {
                g.writeStartObject().write("pod_id", pod).writeStartArray("ids");
                targets.forEach(t -> g.write(HorizonResolver.globalSession(t.value())[0]));
                g.writeEnd().writeEnd();
            });
            g.writeEnd().write("message", n.message()).write("message_type", n.severity().name()).writeEnd();
        });
        return session.authorized("global send-message", "POST", GLOBAL_SEND_PATH, body)
                .thenApply(a -> globalSendResult(byPod, a));
    }

    /** Whether Horizon may have acted on a request that failed this way (as the core judges it). */
    private static boolean mayHaveActed(TransportException te) {
        return te.retryability() == Retryability.AMBIGUOUS || te.httpStatus() >= 200 && te.httpStatus() < 300;
    }

    /** The targets of a failed call as per-target results: UNKNOWN when it may have been acted on, else FAILED. */
    private static BatchResult asResult(TransportException te, List<Target> targets) {
        Outcome o = mayHaveActed(te) ? Outcome.UNKNOWN : Outcome.FAILED;
        String code = te.errorCode() != null ? te.errorCode()
                : te.httpStatus() > 0 ? "HTTP_" + te.httpStatus() : te.retryability().name() + "_FAILURE";
        List<TargetResult> out = new ArrayList<>();
        targets.forEach(t -> out.add(new TargetResult(t, o, code, te.getMessage())));
        return BatchResult.of(Outcome.DELIVERED, null, te.requestId(), out);
    }

    private BatchResult merge(BatchResult first, BatchResult second, Throwable secondFailure,
            List<Target> secondTargets) {
        BatchResult s = secondFailure == null ? second
                : asResult(HorizonErrors.fromFailure(name, "send-message", secondFailure), secondTargets);
        List<TargetResult> all = new ArrayList<>(first.perTarget());
        all.addAll(s.perTarget());
        return BatchResult.of(Outcome.DELIVERED, null, first.requestId().orElse(s.requestId().orElse(null)), all);
    }

    private BatchResult sendResult(List<Target> batchTargets, Answer a) {
        JsonArray items = items(a, "send-message", "expected an array of per-session results");
        Map<String, JsonObject> byId = byId(items, a, "send-message");
        Map<String, Target> targets = new LinkedHashMap<>();
        batchTargets.forEach(t -> targets.putIfAbsent(t.value(), t));
        List<TargetResult> failed = new ArrayList<>();
        for (Target t : targets.values()) {
            TargetResult r = itemResult(t, byId.get(t.value()));
            if (r != null) {
                failed.add(r);
            }
        }
        return BatchResult.of(Outcome.DELIVERED, null, a.requestId(), failed);
    }

    /** Per pod a BulkGlobalSessionActionResponseInfo: its own status, and {@code details} per session. */
    private BatchResult globalSendResult(Map<String, List<Target>> byPod, Answer a) {
        JsonArray pods = items(a, "global send-message", "expected an array of per-pod results");
        Map<String, JsonObject> byPodId = new HashMap<>();
        for (JsonValue v : pods) {
            if (!(v instanceof JsonObject o)) {
                throw HorizonErrors.unexpectedBody(name, "global send-message", a.status(), a.requestId(),
                        "an item of the array is not an object");
            }
            String pod = HorizonJson.string(o, "pod_id");
            if (pod != null) {
                byPodId.putIfAbsent(pod, o);
            }
        }
        List<TargetResult> failed = new ArrayList<>();
        byPod.forEach((pod, targets) -> {
            JsonObject perPod = byPodId.get(pod);
            Integer status = perPod == null ? null : HorizonJson.integer(perPod, "status_code");
            if (perPod == null || status == null || status < 200 || status >= 300) {
                HorizonErrors.ErrorInfo info = perPod == null ? HorizonErrors.ErrorInfo.NONE
                        : HorizonErrors.fromObject(perPod);
                String code = perPod == null ? MISSING_FROM_RESPONSE : info.code() != null ? info.code()
                        : status != null ? "HTTP_" + status : NO_STATUS_CODE;
                String text = perPod == null ? "Horizon's answer did not mention pod " + pod
                        : "pod " + pod + ": " + (info.message() != null ? info.message()
                                : "Horizon answered status_code " + status);
                // an answer that names no status for the pod does not say its sessions were not shown
                boolean told = perPod != null && (status != null || info.code() != null);
                targets.forEach(t -> failed.add(told ? TargetResult.failed(t, code, text)
                        : TargetResult.unknown(t, code, text)));
                return;
            }
            JsonValue details = perPod.get("details");
            Map<String, JsonObject> byId = details instanceof JsonArray arr ? byId(arr, a, "global send-message")
                    : Map.of();
            for (Target t : targets) {
                TargetResult r = itemResult(t, byId.get(HorizonResolver.globalSession(t.value())[0]));
                if (r != null) {
                    failed.add(r);
                }
            }
        });
        return BatchResult.of(Outcome.DELIVERED, null, a.requestId(), failed);
    }

    private JsonArray items(Answer a, String operation, String expected) {
        JsonStructure s;
        try {
            s = HorizonJson.parse(a.body());
        } catch (Jsons.MalformedJsonException e) {
            throw HorizonErrors.unexpectedBody(name, operation, a.status(), a.requestId(), e.getMessage());
        }
        if (!(s instanceof JsonArray items)) {
            throw HorizonErrors.unexpectedBody(name, operation, a.status(), a.requestId(), expected);
        }
        return items;
    }

    private Map<String, JsonObject> byId(JsonArray items, Answer a, String operation) {
        Map<String, JsonObject> byId = new HashMap<>();
        for (JsonValue v : items) {
            if (!(v instanceof JsonObject o)) {
                throw HorizonErrors.unexpectedBody(name, operation, a.status(), a.requestId(),
                        "an item of the array is not an object");
            }
            String id = HorizonJson.string(o, "id");
            if (id != null) {
                byId.putIfAbsent(id, o);
            }
        }
        return byId;
    }

    /** A BulkItemResponseInfo's verdict for one session: {@code null} when delivered. */
    private static TargetResult itemResult(Target t, JsonObject item) {
        if (item == null) {
            // the request reached Horizon and was accepted: silence about a session does not mean it was not shown
            return TargetResult.unknown(t, MISSING_FROM_RESPONSE,
                    "Horizon's send-message answer did not mention this session; it may have been shown");
        }
        Integer status = HorizonJson.integer(item, "status_code");
        if (status != null && status >= 200 && status < 300) {
            return null;
        }
        HorizonErrors.ErrorInfo info = HorizonErrors.fromObject(item);
        if (status == null && info.code() == null && info.message() == null) {
            return TargetResult.unknown(t, NO_STATUS_CODE,
                    "Horizon's answer for this session has no status_code; it may have been shown");
        }
        String code = info.code() != null ? info.code() : status != null ? "HTTP_" + status : NO_STATUS_CODE;
        String text = info.message() != null ? info.message()
                : "Horizon answered status_code " + status + " for this session";
        return TargetResult.failed(t, code, text);
    }

    /**
     * Resolves desktop pools and users to sessions and, when only connected targets are wanted, keeps only
     * {@code CONNECTED} sessions (direct session targets are looked up). Reads every page of the session
     * inventory. Completes exceptionally only when the credentials are rejected; a lookup that fails otherwise
     * (after retries) fails just its targets with {@value #RESOLUTION_FAILED}.
     */
    @Override
    public CompletionStage<Resolution> resolve(ResolveRequest request) {
        Objects.requireNonNull(request, "request");
        return clean(resolver.resolve(request));
    }

    /** Lists one session with the current login (logging in if needed). */
    @Override
    public CompletionStage<Void> checkHealth() {
        return clean(session.authorized("health check", "GET", HorizonResolver.SESSIONS_PATH + "?page=1&size=1",
                null).thenApply(a -> null));
    }

    /**
     * Logs out of Horizon ({@code POST /rest/logout}), waiting at most the request timeout, and refuses further
     * requests. Requests in flight are answered as usual, and then the transport's own threads end (an
     * {@link Builder#executor executor} given to the builder is not shut down). Idempotent.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            session.logout().get(http.requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // logout() never fails; a timeout leaves a session that expires on its own
        } finally {
            http.close();
        }
    }

    @Override
    public String toString() {
        return "HorizonTransport{name=" + name + ", baseUri=" + baseUri + ", domain=" + domain + ", username="
                + username + ", password=******, maxSessionsPerCall=" + maxSessionsPerCall + '}';
    }

    private <T> CompletionStage<T> fatal(String message, String code) {
        return CompletableFuture.failedFuture(TransportException.builder(Retryability.FATAL, message)
                .provider(name).errorCode(code).build());
    }

    /** Completes with the failure itself, not a {@code CompletionException} around it. */
    private <T> CompletableFuture<T> clean(CompletableFuture<T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e != null) {
                Throwable c = HorizonErrors.unwrap(e);
                out.completeExceptionally(c instanceof TransportException ? c
                        : HorizonErrors.fromFailure(name, "request", c));
            } else {
                out.complete(v);
            }
        });
        return out;
    }

    /**
     * Builds {@link HorizonTransport}s. Setters reject bad values with a {@link ConfigurationException} naming the
     * setting. Not thread-safe. The common HTTP settings are those of {@link HttpTransportBuilder}; the default
     * {@linkplain #name name} is {@value #DEFAULT_NAME} and the transport's own threads are named
     * {@code desknotify-horizon-http-<n>}.
     *
     * <p>{@linkplain #throttlePause Throttle pause}: Horizon itself sends {@code X-Rate-Limit-Retry-After-Seconds}
     * with every 429 (its API Throttling guide), and that value always wins; a 429 without it comes from something in
     * between, such as a proxy or load balancer, and gets the pause (default 2 s to 5 s, as for Huawei Workspace).
     */
    public static final class Builder extends HttpTransportBuilder<Builder> {
        private String domain;
        private String username;
        private Supplier<char[]> password;
        private String userDomain;
        private int maxSessionsPerCall = 100;
        private int maxMessageLength = 1024;
        private int pageSize = 500;
        private boolean globalSessions;
        private int readAttempts = 3;
        private Duration loginFailureHold = Duration.ofSeconds(30);

        private Builder() {
            super(DEFAULT_NAME, "baseUri", "desknotify-horizon-http-");
        }

        /**
         * The Connection Server, e.g. {@code https://horizon.example.com}. Must be {@code https}, except for a
         * loopback host ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}), which may be {@code http}.
         *
         * @param baseUri the absolute URI of the Connection Server, without user info, query or fragment
         * @return this builder
         * @throws ConfigurationException if {@code baseUri} is {@code null}, not absolute, has no host, carries user
         *     info, a query or a fragment, or uses plain {@code http} for a host that is not a loopback host
         */
        public Builder baseUri(URI baseUri) {
            providerUri(baseUri);
            return this;
        }

        /**
         * The login domain, e.g. {@code EXAMPLE}.
         *
         * @param domain the Active Directory domain of the login account
         * @return this builder
         * @throws ConfigurationException if {@code domain} is {@code null} or blank
         */
        public Builder domain(String domain) {
            this.domain = Checks.text(domain, "domain");
            return this;
        }

        /**
         * The account to log in with.
         *
         * @param username the login name, without the domain
         * @return this builder
         * @throws ConfigurationException if {@code username} is {@code null} or blank
         */
        public Builder username(String username) {
            this.username = Checks.text(username, "username");
            return this;
        }

        /**
         * The password; copied, so the caller may clear its array.
         *
         * @param password the password of the login account
         * @return this builder
         * @throws ConfigurationException if {@code password} is {@code null} or empty
         */
        public Builder password(char[] password) {
            char[] copy = Checks.nonEmpty(password, "password").clone();
            this.password = copy::clone;
            return this;
        }

        /**
         * Where to get the password at each login (e.g. from a vault). Must return a fresh array each time: the
         * transport clears it after use.
         *
         * @param password asked for the password before each login
         * @return this builder
         * @throws ConfigurationException if {@code password} is {@code null}
         */
        public Builder password(Supplier<char[]> password) {
            this.password = Checks.notNull(password, "password");
            return this;
        }

        /**
         * The domain of user targets named without one; defaults to the login {@link #domain(String)}.
         *
         * @param userDomain the Active Directory domain given to user names that carry none
         * @return this builder
         * @throws ConfigurationException if {@code userDomain} is {@code null} or blank
         */
        public Builder userDomain(String userDomain) {
            this.userDomain = Checks.text(userDomain, "userDomain");
            return this;
        }

        /**
         * Most session ids per {@code send-message} call, 1 to 1000; default 100. Horizon documents no limit,
         * so this is a setting.
         *
         * @param maxSessionsPerCall the largest number of session ids in one call
         * @return this builder
         * @throws ConfigurationException if {@code maxSessionsPerCall} is below 1 or above 1000
         */
        public Builder maxSessionsPerCall(int maxSessionsPerCall) {
            this.maxSessionsPerCall = (int) Checks.range(maxSessionsPerCall, 1, 1000, "maxSessionsPerCall");
            return this;
        }

        /**
         * The longest message in characters; default 1024.
         *
         * @param maxMessageLength the longest message text accepted, 1 to 65536
         * @return this builder
         * @throws ConfigurationException if {@code maxMessageLength} is below 1 or above 65536
         */
        public Builder maxMessageLength(int maxMessageLength) {
            this.maxMessageLength = (int) Checks.range(maxMessageLength, 1, 65_536, "maxMessageLength");
            return this;
        }

        /**
         * Sessions per page when reading the inventory, 1 to 1000; default 500, since a page of 1000 full session
         * records can come close to the default {@link #maxResponseBytes} cap.
         *
         * @param pageSize the {@code size} asked for in each inventory page
         * @return this builder
         * @throws ConfigurationException if {@code pageSize} is below 1 or above 1000
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = (int) Checks.range(pageSize, 1, 1000, "pageSize");
            return this;
        }

        /**
         * Cloud Pod Architecture: when true, users are reached in every pod of the federation. Their sessions are
         * read with {@code GET /rest/inventory/v1/global-sessions?user_id=} and sent to with {@code POST
         * /rest/inventory/v1/global-sessions/action/send-message} (one call for all pods). Such sessions are
         * session targets written {@code <session id>@<pod id>}; a session target in that form given directly
         * goes to that pod, one without {@code @} and desktop pools stay in the local pod. Default false. When
         * CPA is not initialised Horizon answers 409 and user targets are recorded FAILED with
         * {@value HorizonTransport#CPA_NOT_INITIALIZED}.
         *
         * @param globalSessions true to reach users in every pod of the federation, false for the local pod only
         * @return this builder
         */
        public Builder globalSessions(boolean globalSessions) {
            this.globalSessions = globalSessions;
            return this;
        }

        /**
         * How often a read (GET) is tried before giving up, 1 to 10; default 3.
         *
         * @param readAttempts the number of tries of each read, the first included
         * @return this builder
         * @throws ConfigurationException if {@code readAttempts} is below 1 or above 10
         */
        public Builder readAttempts(int readAttempts) {
            this.readAttempts = (int) Checks.range(readAttempts, 1, 10, "readAttempts");
            return this;
        }

        /**
         * After Horizon rejects the credentials, how long requests fail at once with that error instead of logging
         * in again (bad logins lock directory accounts); default 30 s. Zero tries again at the next request.
         *
         * @param loginFailureHold how long a rejected login is remembered
         * @return this builder
         * @throws ConfigurationException if {@code loginFailureHold} is {@code null} or negative
         */
        public Builder loginFailureHold(Duration loginFailureHold) {
            this.loginFailureHold = Checks.notNegative(loginFailureHold, "loginFailureHold");
            return this;
        }

        /**
         * Builds the transport; no request is made until it is used.
         *
         * @return a new transport with these settings
         * @throws ConfigurationException if {@code baseUri}, {@code domain}, {@code username} or the password was
         *     not set
         */
        public HorizonTransport build() {
            HttpSettings http = httpSettings();
            Checks.required(domain, "domain");
            Checks.required(username, "username");
            Checks.required(password, "password");
            return new HorizonTransport(this, http);
        }

        @Override
        public String toString() {
            return "HorizonTransport.Builder{name=" + currentName() + ", baseUri=" + currentUri() + ", domain=" + domain
                    + ", username=" + username + ", password=" + (password == null ? "unset" : "******") + '}';
        }

    }
}
