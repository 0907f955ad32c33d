package io.desknotify.transport.http.citrix;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.Notification;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.Resolution;
import io.desknotify.api.spi.ResolveRequest;
import io.desknotify.api.spi.TargetResult;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.api.Outcome;
import io.desknotify.transport.http.AccessTokenSource;
import io.desknotify.transport.http.HttpTransportBuilder;
import io.desknotify.transport.http.internal.BearerTokens;
import io.desknotify.transport.http.internal.Checks;
import io.desknotify.transport.http.internal.HttpSettings;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sends notifications to the user sessions of one Citrix DaaS (Citrix Cloud) site through the CVAD REST API:
 * {@code POST {base}/cvad/manage/Sessions/{id}/$sendMessage} with {@code {"Style", "Title", "Text"}}, one session
 * per call (the API has no bulk send).
 *
 * <pre>{@code
 * Transport citrix = CitrixDaasTransport.builder()
 *     .customerId("acme1234")
 *     .clientId("3f1c...").clientSecret(vault::citrixSecret)
 *     .build();
 * Notifier notifier = Notifier.builder().transport(citrix).build();
 * }</pre>
 *
 * <h2>What it reaches</h2>
 * Sessions natively (one per batch: each {@code $sendMessage} is sent synchronously, without {@code async=true},
 * because its answer is then the truth about that session: 200 shown, 404 unknown). Delivery groups
 * ({@link Target#desktopPool}, by name or id, as given) and users ({@link Target#user}: a name with {@code @} is a
 * {@code UserPrincipalName}, anything else a {@code UserName}, which Citrix writes <code>DOMAIN&#92;user</code>) are resolved
 * with {@code POST /cvad/manage/Sessions/$search}, every page by {@code ContinuationToken}. "Only connected" keeps
 * sessions whose {@code State} is {@code Active}: {@code Connected} is a connection still being brokered and
 * {@code Disconnected} has nobody to see the message. Severity becomes {@code Style} ({@link Severity#INFO}
 * {@code Information}, {@link Severity#WARNING} {@code Exclamation}, {@link Severity#ERROR} {@code Critical} by
 * default, see {@link Builder#style}); the title is sent as {@code Title} (shown in the message box's title bar).
 *
 * <h2>Authentication and site</h2>
 * Tokens come from the Citrix Cloud trust service ({@code POST {base}/cctrustoauth2/{customer}/tokens/clients},
 * client credentials of an API client), or from a {@link Builder#tokenSource token source} of the caller's; they
 * are kept until shortly before they expire and renewed when a call is refused with 401 (a 401 proves nothing was
 * done, so the call is repeated, at most four sends in all). Every call carries
 * {@code Authorization: CwsAuth Bearer=<token>} and {@code Citrix-CustomerId}; site calls carry
 * {@code Citrix-InstanceId}, the {@link Builder#siteId site id}, which when not configured is read once from
 * {@code GET /cvad/manage/me}: the customer's only site, or a failure ({@value #SITE_AMBIGUOUS}) when it has
 * several. On-premises Citrix Virtual Apps and Desktops ({@code Citrix-CustomerId: CitrixOnPremises},
 * {@code /cvad/manage/Tokens} with Basic auth) is not supported.
 *
 * <h2>Outcome codes</h2>
 * A session Citrix refuses with 404 is FAILED with Citrix's error id ({@code SdkErrorId}, or the last segment of
 * {@code Type}) or {@code HTTP_404}. The transport's own codes are the constants of this class:
 * {@value #NO_SESSIONS}, {@value #NO_CONNECTED_SESSIONS}, {@value #NOT_CONNECTED} (SKIPPED); {@value #SESSION_NOT_FOUND},
 * {@value #RESOLUTION_FAILED}, {@value #UNSUPPORTED_TARGET}, {@value #SITE_AMBIGUOUS}, {@value #NO_SITE} (FAILED).
 *
 * <h2>Failures</h2>
 * {@link #deliver} completes exceptionally with a {@link TransportException}: {@code RETRYABLE} for 429 (throttled,
 * with {@code Retry-After} when Citrix sends one, else the {@link Builder#throttlePause throttle pause}: no Citrix
 * source documents {@code Retry-After} for this API), for 503 (Citrix documents it as "temporarily unable to process,
 * retry with back-off"), for a failure to connect and
 * when no token could be had; {@code AMBIGUOUS} for other 5xx, timeouts and broken connections after sending;
 * {@code FATAL} for other 4xx and a 2xx body that is not JSON; {@link io.desknotify.api.AuthenticationException} for
 * rejected credentials and for 401 (after the renewals) or 403.
 *
 * <h2>Sharing, threads and closing</h2>
 * Thread-safe; build one per customer and site and share it. It holds one {@link java.net.http.HttpClient} and,
 * unless given an {@link Builder#executor executor}, daemon threads named {@code desknotify-citrix-http-<n>}, ended
 * at {@link #close()}. Neither the client secret nor a token appears in a log line, an exception message or
 * {@code toString}.
 */
public final class CitrixDaasTransport implements Transport {
    /** Default transport name. */
    public static final String DEFAULT_NAME = "citrix-daas";
    /** Default base URI: the Citrix Cloud API gateway (also the trust service's host). */
    public static final URI DEFAULT_BASE_URI = URI.create("https://api.cloud.com");

    /** SKIPPED: a delivery group or user without any session. */
    public static final String NO_SESSIONS = "NO_SESSIONS";
    /** SKIPPED: a delivery group or user without an Active session, when only connected targets are wanted. */
    public static final String NO_CONNECTED_SESSIONS = "NO_CONNECTED_SESSIONS";
    /** SKIPPED: a session that is not Active, when only connected targets are wanted. */
    public static final String NOT_CONNECTED = "NOT_CONNECTED";
    /** FAILED: a session Citrix does not know, when only connected targets are wanted. */
    public static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";
    /** FAILED: looking the target up failed. */
    public static final String RESOLUTION_FAILED = "RESOLUTION_FAILED";
    /** FAILED: a target kind Citrix cannot reach (desktops). */
    public static final String UNSUPPORTED_TARGET = "UNSUPPORTED_TARGET";
    /** FAILED: no site id is configured and the customer has several sites. */
    public static final String SITE_AMBIGUOUS = "SITE_AMBIGUOUS";
    /** FAILED: no site id is configured and Citrix lists no site for the customer. */
    public static final String NO_SITE = "NO_SITE";

    /** The {@code MessageStyle} values a message box shows ({@code Unknown} is left out). */
    static final Set<String> STYLES = Set.of("Critical", "Question", "Exclamation", "Information");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._~-]+");

    private final String name;
    private final URI baseUri;
    private final String customerId;
    private final String siteId;
    private final Map<Severity, String> styles;
    private final TransportCapabilities capabilities;
    private final CitrixHttp http;
    private final CitrixApi api;
    private final CitrixResolver resolver;
    private final boolean ownTokens;

    private CitrixDaasTransport(Builder b, HttpSettings settings) {
        this.name = settings.name();
        this.baseUri = settings.baseUri();
        this.customerId = b.customerId;
        this.siteId = b.siteId;
        this.styles = Map.copyOf(b.styles);
        this.capabilities = TransportCapabilities.builder()
                .nativeKind(TargetKind.SESSION, 1)
                .resolvableKind(TargetKind.DESKTOP_POOL)
                .resolvableKind(TargetKind.USER)
                .filtersConnected(true)
                .maxMessageLength(b.maxMessageLength)
                .severitySupport(TransportCapabilities.SeveritySupport.NATIVE)
                .titleSupport(TransportCapabilities.TitleSupport.NATIVE)
                .maxTitleLength(b.maxTitleLength)
                .build();
        this.http = new CitrixHttp(settings);
        this.ownTokens = b.tokenSource == null;
        AccessTokenSource source = ownTokens
                ? new CitrixCloudTokens(http, b.customerId, b.clientId, b.clientSecret, Clock.systemUTC())
                : b.tokenSource;
        this.api = new CitrixApi(http, new BearerTokens(name, source), b.customerId, b.siteId, b.readAttempts);
        this.resolver = new CitrixResolver(api, b.pageSize);
    }

    /**
     * Starts a builder; {@code customerId} and either {@code clientId} with {@code clientSecret} or a
     * {@code tokenSource} are required.
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

    /** A session id goes into the URL path: only the characters of Citrix's GUID-like ids, no dot-segment. */
    @Override
    public Optional<String> targetIdProblem(Target target) {
        if (target.kind() != TargetKind.SESSION) {
            return Optional.empty();
        }
        String id = target.value();
        if (id.equals(".") || id.equals("..") || !SESSION_ID.matcher(id).matches()) {
            return Optional.of("must be a Citrix session id (letters, digits, '-', '_', '.', '~'; not '.' or '..'),"
                    + " since it is sent in the URL path");
        }
        return Optional.empty();
    }

    static String segment(String sessionId) {
        return sessionId; // checked by targetIdProblem: nothing in it needs encoding
    }

    /**
     * Sends the batch's notification to its one session with {@code $sendMessage}.
     *
     * @return completes DELIVERED on 2xx, FAILED with Citrix's error id on 404; exceptionally with a
     *     {@link TransportException} otherwise (see the class documentation)
     */
    @Override
    public CompletionStage<BatchResult> deliver(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.kind() != TargetKind.SESSION) {
            return fatal("Citrix delivers to sessions only, not " + batch.kind(), UNSUPPORTED_TARGET);
        }
        if (batch.targets().size() != 1) {
            return fatal("Citrix sends to one session per call, not " + batch.targets().size(), "BATCH_TOO_LARGE");
        }
        Target t = batch.targets().get(0);
        Optional<String> problem = targetIdProblem(t);
        if (problem.isPresent()) {
            return fatal("session id " + problem.get(), "INVALID_TARGET_ID");
        }
        Notification n = batch.notification();
        if (n.message().length() > capabilities.maxMessageLength()) {
            return fatal("message of " + n.message().length() + " characters exceeds maxMessageLength "
                    + capabilities.maxMessageLength(), "MESSAGE_TOO_LONG");
        }
        JsonObjectBuilder body = Jsons.provider().createObjectBuilder().add("Style", styles.get(n.severity()));
        n.title().ifPresent(title -> body.add("Title", title));
        body.add("Text", n.message());
        String pq = CitrixResolver.SESSIONS_PATH + segment(t.value()) + "/$sendMessage";
        return clean(api.call("send message", "POST", pq, Jsons.toBytes(body.build())).thenApply(a -> {
            if (a.ok()) {
                if (a.body().length > 0) {
                    api.object(a, "send message"); // a 2xx that is not JSON is not Citrix's answer
                }
                return BatchResult.delivered(a.requestId());
            }
            if (a.status() == 404) {
                CitrixErrors.ErrorInfo info = CitrixErrors.parse(a.body());
                return BatchResult.of(Outcome.DELIVERED, null, a.requestId(), List.of(TargetResult.failed(t,
                        info.code() != null ? info.code() : "HTTP_404",
                        "Citrix: HTTP 404 (" + info.describe() + ")")));
            }
            throw CitrixErrors.fromResponse(name, "send message", a, http.throttlePause());
        }));
    }

    /**
     * Resolves delivery groups and users to sessions and, when only connected targets are wanted, keeps only
     * {@code Active} sessions (direct session targets are looked up with {@code GET /cvad/manage/Sessions/{id}}).
     * Completes exceptionally only when the credentials are rejected; a lookup that fails otherwise (after retries)
     * fails just its targets with {@value #RESOLUTION_FAILED}.
     */
    @Override
    public CompletionStage<Resolution> resolve(ResolveRequest request) {
        Objects.requireNonNull(request, "request");
        return clean(resolver.resolve(request));
    }

    /** Lists one session of the site (getting a token and the site id if needed). */
    @Override
    public CompletionStage<Void> checkHealth() {
        return clean(api.read("health check", "GET", "/cvad/manage/Sessions?limit=1", null).thenApply(a -> {
            if (!a.ok()) {
                throw CitrixErrors.fromResponse(name, "health check", a, http.throttlePause());
            }
            return null;
        }));
    }

    /**
     * Refuses further requests; requests in flight are answered as usual, then the transport's own threads end.
     * Citrix API-client tokens cannot be revoked, so nothing is sent. Idempotent.
     */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "CitrixDaasTransport{name=" + name + ", baseUri=" + baseUri + ", customerId=" + customerId
                + ", siteId=" + (siteId == null ? "from /me" : siteId) + ", tokens="
                + (ownTokens ? "client credentials, clientSecret=******" : "token source") + '}';
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
                out.completeExceptionally(CitrixErrors.fromFailure(name, "request", e));
            } else {
                out.complete(v);
            }
        });
        return out;
    }

    /**
     * Builds {@link CitrixDaasTransport}s. Setters reject bad values with a {@link ConfigurationException} naming the
     * setting. Not thread-safe. The common HTTP settings are those of {@link HttpTransportBuilder}; the default
     * {@linkplain #name name} is {@value CitrixDaasTransport#DEFAULT_NAME}, the default base URI
     * {@code https://api.cloud.com}, and the transport's own threads are named {@code desknotify-citrix-http-<n>}.
     */
    public static final class Builder extends HttpTransportBuilder<Builder> {
        private String customerId;
        private String clientId;
        private Supplier<char[]> clientSecret;
        private AccessTokenSource tokenSource;
        private String siteId;
        private final Map<Severity, String> styles = new EnumMap<>(Map.of(Severity.INFO, "Information",
                Severity.WARNING, "Exclamation", Severity.ERROR, "Critical"));
        private int maxMessageLength = 1024;
        private int maxTitleLength = 256;
        private int pageSize = 500;
        private int readAttempts = 3;

        private Builder() {
            super(DEFAULT_NAME, "baseUri", "desknotify-citrix-http-");
            providerUri(DEFAULT_BASE_URI);
        }

        /**
         * The Citrix Cloud API host, which also serves the trust service's token endpoint; default
         * {@code https://api.cloud.com}. Regional hosts such as {@code https://api-eu.cloud.com},
         * {@code https://api-us.cloud.com}, {@code https://api-ap-s.cloud.com} or Japan's
         * {@code https://api.citrixcloud.jp} serve both too. Must be {@code https}, except for a loopback host.
         *
         * @param baseUri the absolute URI of the API host, without user info, query or fragment
         * @return this builder
         * @throws ConfigurationException if {@code baseUri} is {@code null}, not absolute, has no host, carries user
         *     info, a query or a fragment, or uses plain {@code http} for a host that is not a loopback host
         */
        public Builder baseUri(URI baseUri) {
            providerUri(baseUri);
            return this;
        }

        /**
         * The Citrix Cloud customer id, sent as {@code Citrix-CustomerId} and in the token path.
         *
         * @param customerId the customer id shown in Citrix Cloud's API access page
         * @return this builder
         * @throws ConfigurationException if {@code customerId} is {@code null} or blank
         */
        public Builder customerId(String customerId) {
            this.customerId = Checks.text(customerId, "customerId");
            return this;
        }

        /**
         * The API client's id (Citrix Cloud, Identity and Access Management, API Access).
         *
         * @param clientId the client id
         * @return this builder
         * @throws ConfigurationException if {@code clientId} is {@code null} or blank
         */
        public Builder clientId(String clientId) {
            this.clientId = Checks.text(clientId, "clientId");
            return this;
        }

        /**
         * The API client's secret; copied, so the caller may clear its array.
         *
         * @param clientSecret the secret
         * @return this builder
         * @throws ConfigurationException if {@code clientSecret} is {@code null} or empty
         */
        public Builder clientSecret(char[] clientSecret) {
            char[] copy = Checks.nonEmpty(clientSecret, "clientSecret").clone();
            this.clientSecret = copy::clone;
            return this;
        }

        /**
         * Where to get the secret at each token request (e.g. from a vault). Must return a fresh array each time:
         * the transport clears it after use.
         *
         * @param clientSecret asked for the secret before each token request
         * @return this builder
         * @throws ConfigurationException if {@code clientSecret} is {@code null}
         */
        public Builder clientSecret(Supplier<char[]> clientSecret) {
            this.clientSecret = Checks.notNull(clientSecret, "clientSecret");
            return this;
        }

        /**
         * Tokens from the caller instead of the client-credentials grant; the client id and secret are then not
         * needed. The token is sent as {@code CwsAuth Bearer=<token>}.
         *
         * @param tokenSource where tokens come from
         * @return this builder
         * @throws ConfigurationException if {@code tokenSource} is {@code null}
         */
        public Builder tokenSource(AccessTokenSource tokenSource) {
            this.tokenSource = Checks.notNull(tokenSource, "tokenSource");
            return this;
        }

        /**
         * The site id, sent as {@code Citrix-InstanceId}; by default read once from {@code GET /cvad/manage/me},
         * which must then list exactly one site for the customer.
         *
         * @param siteId the site id
         * @return this builder
         * @throws ConfigurationException if {@code siteId} is {@code null} or blank
         */
        public Builder siteId(String siteId) {
            this.siteId = Checks.text(siteId, "siteId");
            return this;
        }

        /**
         * The {@code Style} a severity is shown with.
         *
         * @param severity the severity
         * @param style    {@code Information}, {@code Exclamation}, {@code Critical} or {@code Question}
         * @return this builder
         * @throws ConfigurationException if either is {@code null} or the style is not one of those
         */
        public Builder style(Severity severity, String style) {
            Checks.notNull(severity, "severity");
            if (style == null || !STYLES.contains(style)) {
                throw new ConfigurationException("style", "style for " + severity + " must be one of "
                        + new java.util.TreeSet<>(STYLES) + ", was " + style);
            }
            styles.put(severity, style);
            return this;
        }

        /**
         * The longest message text in characters; default 1024, as for the other transports (Citrix documents no
         * limit).
         *
         * @param maxMessageLength 1 to 65536
         * @return this builder
         * @throws ConfigurationException if out of range
         */
        public Builder maxMessageLength(int maxMessageLength) {
            this.maxMessageLength = (int) Checks.range(maxMessageLength, 1, 65_536, "maxMessageLength");
            return this;
        }

        /**
         * The longest title in characters; default 256 (Citrix documents no limit).
         *
         * @param maxTitleLength 1 to 4096
         * @return this builder
         * @throws ConfigurationException if out of range
         */
        public Builder maxTitleLength(int maxTitleLength) {
            this.maxTitleLength = (int) Checks.range(maxTitleLength, 1, 4096, "maxTitleLength");
            return this;
        }

        /**
         * Sessions per search page ({@code limit}), 1 to 1000; default 500.
         *
         * @param pageSize the {@code limit} of each {@code $search}
         * @return this builder
         * @throws ConfigurationException if out of range
         */
        public Builder pageSize(int pageSize) {
            this.pageSize = (int) Checks.range(pageSize, 1, 1000, "pageSize");
            return this;
        }

        /**
         * How often a read (search, lookup, health check) is tried before giving up, 1 to 10; default 3.
         *
         * @param readAttempts the number of tries, the first included
         * @return this builder
         * @throws ConfigurationException if out of range
         */
        public Builder readAttempts(int readAttempts) {
            this.readAttempts = (int) Checks.range(readAttempts, 1, 10, "readAttempts");
            return this;
        }

        /**
         * Builds the transport; no request is made until it is used.
         *
         * @return a new transport with these settings
         * @throws ConfigurationException if {@code customerId} is missing, or neither a token source nor both
         *     {@code clientId} and {@code clientSecret} were set
         */
        public CitrixDaasTransport build() {
            HttpSettings http = httpSettings();
            Checks.required(customerId, "customerId");
            if (tokenSource == null) {
                Checks.required(clientId, "clientId");
                Checks.required(clientSecret, "clientSecret");
            }
            return new CitrixDaasTransport(this, http);
        }

        @Override
        public String toString() {
            return "CitrixDaasTransport.Builder{name=" + currentName() + ", baseUri=" + currentUri() + ", customerId="
                    + customerId + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? "unset" : "******") + ", siteId=" + siteId + '}';
        }
    }
}
