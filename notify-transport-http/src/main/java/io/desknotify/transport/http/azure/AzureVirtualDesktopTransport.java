package io.desknotify.transport.http.azure;

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
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.api.spi.TransportCapabilities.SeveritySupport;
import io.desknotify.api.spi.TransportCapabilities.TitleSupport;
import io.desknotify.api.AuthenticationException;
import io.desknotify.transport.http.AccessTokenSource;
import io.desknotify.transport.http.HttpTransportBuilder;
import io.desknotify.transport.http.internal.BearerTokens;
import io.desknotify.transport.http.internal.Checks;
import io.desknotify.transport.http.internal.HttpSettings;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.Jsons;
import io.desknotify.transport.http.internal.Paging;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Sends notifications to Azure Virtual Desktop user sessions through Azure Resource Manager
 * ({@code UserSessions_SendMessage}), as a message box with the notification's title.
 *
 * <pre>{@code
 * Transport avd = AzureVirtualDesktopTransport.builder()
 *     .tenantId("contoso.onmicrosoft.com").clientId("app-id").clientSecret(vault::avdSecret)
 *     .subscriptionId("4d5e...").resourceGroup("rg-avd").hostPools("hp-finance", "hp-dev")
 *     .build();
 * Notifier notifier = Notifier.builder().transport(avd).build();
 * }</pre>
 * With azure-identity on the class path, a {@code TokenCredential} replaces the client credentials in one line
 * (this library does not depend on azure-identity):
 * <pre>
 * .tokenSource(() -&gt; credential.getToken(new TokenRequestContext().addScopes("https://management.azure.com/.default"))
 *         .map(t -&gt; new AccessToken(t.getToken(), t.getExpiresAt().toInstant())).toFuture())
 * </pre>
 *
 * <h2>What it reaches</h2>
 * User sessions natively, one per call: a session target is {@code hostPool/sessionHost/userSessionId}
 * ({@link #targetIdProblem} refuses other forms). Host pools ({@code DESKTOP_POOL}, by host pool name) resolve to
 * their user sessions; users (by {@code userPrincipalName}, compared case-insensitively) to their user sessions in
 * the {@linkplain Builder#hostPools configured host pools}. "Only connected" keeps sessions whose
 * {@code sessionState} is {@code Active}. The title is sent as {@code messageTitle} ({@link TitleSupport#NATIVE}),
 * left out when the notification has none; the severity, which Azure Virtual Desktop has no field for, is written
 * in front of the message by default ({@link Builder#severity}).
 *
 * <h2>Outcome codes</h2>
 * A refused call carries Azure's error {@code code} (the Desktop Virtualization RP writes the HTTP status there,
 * e.g. {@code "404"}) and the HTTP status. The transport's own codes are the constants of this class:
 * {@value #NO_SESSIONS}, {@value #NO_CONNECTED_SESSIONS}, {@value #NOT_CONNECTED} (SKIPPED);
 * {@value #SESSION_NOT_FOUND}, {@value #UNKNOWN_HOST_POOL}, {@value #NO_HOST_POOLS}, {@value #RESOLUTION_FAILED},
 * {@value #UNSUPPORTED_TARGET} (FAILED).
 *
 * <h2>Failures and limits</h2>
 * {@link #deliver} completes exceptionally with a {@link TransportException}: {@code RETRYABLE} for 429 (with
 * {@code Retry-After}), for 503 with {@code Retry-After}, for a failure to connect and when no token could be had;
 * {@code AMBIGUOUS} for other 5xx, timeouts and broken connections after sending; {@code FATAL} for other 4xx (an
 * unknown session is a 404); {@link AuthenticationException} when Entra ID refuses the credentials or ARM refuses a
 * token (401) even after one renewal, or denies the call (403). Tokens are fetched once for all concurrent
 * requests, renewed a minute before they expire and once after a 401. Lists are read page by page following
 * {@code nextLink} (only on the ARM host), each read retried up to three times. ARM allows about 200 writes per
 * subscription and principal, refilled by 10 a second: one message per session means a notifier rate limit of 10 a
 * second decides how long a large send takes.
 *
 * <h2>Sharing, threads and closing</h2>
 * Thread-safe; build one per subscription and share it. Unless given an {@link Builder#executor executor} it runs
 * its requests on daemon threads named {@code desknotify-avd-http-<n>}, ended at {@link #close()}. Neither the
 * client secret nor a token appears in a log line, an exception message or {@code toString}.
 */
public final class AzureVirtualDesktopTransport implements Transport {
    /** Default transport name. */
    public static final String DEFAULT_NAME = "azure-virtual-desktop";
    /** Azure Resource Manager's endpoint. */
    public static final URI DEFAULT_BASE_URI = URI.create("https://management.azure.com");
    /** Microsoft Entra ID's authority host. */
    public static final URI DEFAULT_LOGIN_URI = URI.create("https://login.microsoftonline.com");
    /** The default {@code api-version}, the stable one Microsoft's retirement notices point to. */
    public static final String DEFAULT_API_VERSION = "2024-04-03";
    /** The {@code api-version} values this transport is written against (same shapes). */
    public static final Set<String> API_VERSIONS = Set.of("2024-04-03", "2025-10-10");

    /** SKIPPED: a host pool or user without any user session. */
    public static final String NO_SESSIONS = "NO_SESSIONS";
    /** SKIPPED: a host pool or user without an Active session, when only connected targets are wanted. */
    public static final String NO_CONNECTED_SESSIONS = "NO_CONNECTED_SESSIONS";
    /** SKIPPED: a user session that is not Active, when only connected targets are wanted. */
    public static final String NOT_CONNECTED = "NOT_CONNECTED";
    /** FAILED: a session target Azure does not know, when only connected targets are wanted. */
    public static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";
    /** FAILED: a host pool target Azure does not know. */
    public static final String UNKNOWN_HOST_POOL = "UNKNOWN_HOST_POOL";
    /** FAILED: a user target, but no host pools are configured to look users up in. */
    public static final String NO_HOST_POOLS = "NO_HOST_POOLS";
    /** FAILED: looking the target up failed (after retries). */
    public static final String RESOLUTION_FAILED = "RESOLUTION_FAILED";
    /** FAILED: a target kind this transport cannot reach (desktops). */
    public static final String UNSUPPORTED_TARGET = "UNSUPPORTED_TARGET";

    static final String PROVIDER_PATH = "/providers/Microsoft.DesktopVirtualization/hostPools/";
    private static final System.Logger LOG = System.getLogger(AzureVirtualDesktopTransport.class.getName());
    /** Definition, path parameters: host pool and session host names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9@.\\-_ ]+");
    private static final int MAX_PAGES = 10_000;
    private static final int READ_ATTEMPTS = 3;
    private static final Duration MAX_READ_WAIT = Duration.ofSeconds(30);
    /** The longest severity prefix, "[WARNING] ". */
    private static final int MAX_PREFIX_LENGTH = 10;

    private final String name;
    private final URI baseUri;
    private final String base;
    private final String subscriptionId;
    private final String resourceGroup;
    private final String apiVersion;
    private final List<String> hostPools;
    private final int maxMessageLength;
    private final int maxTitleLength;
    private final SeveritySupport severity;
    private final TransportCapabilities capabilities;
    private final AvdHttp http;
    private final BearerTokens tokens;
    private final Paging paging;
    private final AvdResolver resolver;

    private AzureVirtualDesktopTransport(Builder b, HttpSettings settings) {
        this.name = settings.name();
        this.baseUri = settings.baseUri();
        this.base = baseUri.toString().replaceAll("/+$", "");
        this.subscriptionId = b.subscriptionId;
        this.resourceGroup = b.resourceGroup;
        this.apiVersion = b.apiVersion;
        this.hostPools = List.copyOf(b.hostPools);
        this.maxMessageLength = b.maxMessageLength;
        this.maxTitleLength = b.maxTitleLength;
        this.severity = b.severity;
        this.capabilities = TransportCapabilities.builder()
                .nativeKind(TargetKind.SESSION, 1)
                .resolvableKind(TargetKind.DESKTOP_POOL)
                .resolvableKind(TargetKind.USER)
                .filtersConnected(true)
                .maxMessageLength(severity == SeveritySupport.PREFIXED ? maxMessageLength - MAX_PREFIX_LENGTH
                        : maxMessageLength)
                .severitySupport(severity)
                .titleSupport(TitleSupport.NATIVE)
                .maxTitleLength(maxTitleLength)
                .build();
        this.http = new AvdHttp(settings);
        AccessTokenSource source = b.tokenSource != null ? b.tokenSource
                : new EntraClientCredentials(http, b.loginUri, b.tenantId, b.clientId, b.clientSecret,
                Clock.systemUTC());
        this.tokens = new BearerTokens(name, source);
        this.paging = new Paging(name, MAX_PAGES);
        this.resolver = new AvdResolver(this, hostPools);
    }

    /**
     * Starts a builder; {@code subscriptionId}, {@code resourceGroup} and either client credentials
     * ({@code tenantId}, {@code clientId}, {@code clientSecret}) or a {@code tokenSource} are required.
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
     * A session id must be {@code hostPool/sessionHost/userSessionId} within the definition's limits (host pool 3 to
     * 64 and session host 3 to 48 characters of letters, digits, {@code @ . - _} and blanks; session id 1 to 24
     * characters, not a dot-segment); a host pool id must be a host pool name.
     */
    @Override
    public Optional<String> targetIdProblem(Target target) {
        return switch (target.kind()) {
            case SESSION -> sessionIdProblem(target.value());
            case DESKTOP_POOL -> nameProblem(target.value(), 3, 64, "host pool name");
            default -> Optional.empty();
        };
    }

    private static Optional<String> sessionIdProblem(String id) {
        String[] p = id.split("/", -1);
        if (p.length != 3) {
            return Optional.of("is not of the form hostPool/sessionHost/userSessionId");
        }
        Optional<String> pool = nameProblem(p[0], 3, 64, "host pool name");
        if (pool.isPresent()) {
            return pool;
        }
        Optional<String> host = nameProblem(p[1], 3, 48, "session host name");
        if (host.isPresent()) {
            return host;
        }
        if (p[2].isEmpty() || p[2].length() > 24 || p[2].equals(".") || p[2].equals("..")) {
            return Optional.of("has a user session id that is not 1 to 24 characters (or is a dot-segment)");
        }
        return Optional.empty();
    }

    private static Optional<String> nameProblem(String v, int min, int max, String what) {
        if (v.length() < min || v.length() > max || !NAME.matcher(v).matches() || v.equals("..")) {
            return Optional.of("has a " + what + " that is not " + min + " to " + max + " letters, digits, @ . - _"
                    + " or blanks");
        }
        return Optional.empty();
    }

    static String[] parts(String sessionId) {
        return sessionId.split("/", -1);
    }

    /**
     * Sends the notification to the batch's one user session.
     *
     * @return completes DELIVERED when Azure accepted it (200); exceptionally with a {@link TransportException}
     *     when it did not (see the class documentation)
     */
    @Override
    public CompletionStage<BatchResult> deliver(Batch batch) {
        Objects.requireNonNull(batch, "batch");
        if (batch.kind() != TargetKind.SESSION) {
            return fatal("Azure Virtual Desktop delivers to user sessions only, not " + batch.kind(),
                    UNSUPPORTED_TARGET);
        }
        if (batch.targets().size() != 1) {
            return fatal("sendMessage reaches one user session per call, not " + batch.targets().size(),
                    "BATCH_TOO_LARGE");
        }
        Target t = batch.targets().get(0);
        Optional<String> problem = sessionIdProblem(t.value());
        if (problem.isPresent()) {
            return fatal("session id " + problem.get(), "INVALID_TARGET_ID");
        }
        Notification n = batch.notification();
        String text = severity == SeveritySupport.PREFIXED ? "[" + n.severity().name() + "] " + n.message()
                : n.message();
        if (text.length() > maxMessageLength) {
            return fatal("message of " + text.length() + " characters exceeds maxMessageLength " + maxMessageLength,
                    "MESSAGE_TOO_LONG");
        }
        if (n.title().map(String::length).orElse(0) > maxTitleLength) {
            return fatal("title exceeds maxTitleLength " + maxTitleLength, "TITLE_TOO_LONG");
        }
        JsonObject body = n.title().map(title -> Jsons.provider().createObjectBuilder().add("messageTitle", title))
                .orElseGet(() -> Jsons.provider().createObjectBuilder()).add("messageBody", text).build();
        byte[] bytes = Jsons.toBytes(body);
        String[] p = parts(t.value());
        URI uri = URI.create(hostPoolUri(p[0]) + "/sessionHosts/" + encodeSegment(p[1]) + "/userSessions/"
                + encodeSegment(p[2]) + "/sendMessage?api-version=" + apiVersion);
        return authorized("sendMessage", "POST", uri, bytes).thenApply(a -> {
            if (!a.ok()) {
                throw http.fromResponse("sendMessage", a);
            }
            return BatchResult.delivered(a.requestId());
        });
    }

    private String hostPoolUri(String hostPool) {
        return base + "/subscriptions/" + encodeSegment(subscriptionId) + "/resourceGroups/"
                + encodeSegment(resourceGroup) + PROVIDER_PATH + encodeSegment(hostPool);
    }

    /** RFC 3986 unreserved characters as they are, everything else percent-encoded. */
    static String encodeSegment(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
            }
        }
        return b.toString();
    }

    /** A request with the current token, repeated once with a renewed one when ARM answers 401. */
    private CompletableFuture<AvdHttp.Answer> authorized(String operation, String method, URI uri, byte[] body) {
        return tokens.call(lease -> http.exchange(operation, method, uri, body, "application/json", lease.value()),
                a -> a.status() == 401);
    }

    @Override
    public CompletionStage<Resolution> resolve(ResolveRequest request) {
        Objects.requireNonNull(request, "request");
        return resolver.resolve(request);
    }

    /**
     * Every user session of a host pool, page by page.
     *
     * @param filter an OData {@code $filter}, or {@code null}
     */
    CompletableFuture<Integer> listSessions(String hostPool, String filter, Consumer<AvdResolver.Listed> sink) {
        String query = "?api-version=" + apiVersion + (filter == null ? ""
                : "&$filter=" + encodeSegment(filter));
        URI first = URI.create(hostPoolUri(hostPool) + "/userSessions" + query);
        return paging.nextLinks(baseUri, first, uri -> read("userSessions list", uri),
                page -> Jsons.string(page, "nextLink"), page -> {
                    for (JsonValue v : AvdResolver.value(page)) {
                        AvdResolver.Listed l = AvdResolver.listed(v);
                        if (l != null) {
                            sink.accept(l);
                        }
                    }
                });
    }

    CompletableFuture<AvdResolver.Listed> getSession(String sessionId) {
        String[] p = parts(sessionId);
        URI uri = URI.create(hostPoolUri(p[0]) + "/sessionHosts/" + encodeSegment(p[1]) + "/userSessions/"
                + encodeSegment(p[2]) + "?api-version=" + apiVersion);
        return readAttempt("userSession get", uri, a -> {
            AvdResolver.Listed l = AvdResolver.listed(object(a, "userSession get"));
            if (l == null) {
                throw http.unexpectedBody("userSession get", a, "expected a UserSession with an id");
            }
            return l;
        }, 1);
    }

    /** A page of a list: an object with a {@code value} array. */
    private CompletableFuture<JsonObject> read(String operation, URI uri) {
        return readAttempt(operation, uri, a -> {
            JsonObject page = object(a, operation);
            JsonArray value = AvdResolver.value(page);
            if (value == null) {
                throw http.unexpectedBody(operation, a, "expected an object with a value array");
            }
            return page;
        }, 1);
    }

    private JsonObject object(AvdHttp.Answer a, String operation) {
        if (!a.ok()) {
            throw http.fromResponse(operation, a);
        }
        try {
            return Jsons.parseObject(a.body(), Jsons.DEFAULT_MAX_DEPTH);
        } catch (Jsons.MalformedJsonException e) {
            throw http.unexpectedBody(operation, a, e.getMessage());
        }
    }

    /** An idempotent GET, tried up to three times on failures that are not final (a 404 or a 401 are). */
    private <T> CompletableFuture<T> readAttempt(String operation, URI uri, Function<AvdHttp.Answer, T> parser,
            int attempt) {
        return authorized(operation, "GET", uri, null).thenApply(parser).handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(v);
            }
            TransportException te = failure(operation, e);
            boolean transientFailure = !(te instanceof AuthenticationException) && !http.isClosed()
                    && (te.retryability() != Retryability.FATAL || AvdHttp.UNEXPECTED_RESPONSE.equals(te.errorCode()));
            if (!transientFailure || attempt >= READ_ATTEMPTS) {
                return CompletableFuture.<T>failedFuture(te);
            }
            Duration wait = te.retryAfter().map(d -> d.compareTo(MAX_READ_WAIT) > 0 ? MAX_READ_WAIT : d)
                    .orElseGet(() -> Duration.ofMillis(ThreadLocalRandom.current().nextLong(100, 200L << attempt)));
            LOG.log(Level.DEBUG, () -> "Azure Virtual Desktop " + name + ": " + operation + " attempt " + attempt
                    + " failed (" + te.getMessage() + "); trying again in " + wait.toMillis() + " ms");
            return http.after(wait, operation).thenCompose(x -> readAttempt(operation, uri, parser, attempt + 1));
        }).thenCompose(Function.identity());
    }

    TransportException failure(String operation, Throwable e) {
        return http.fromFailure(operation, IoFailures.unwrap(e));
    }

    /** A token, and one page of the first host pool's sessions when host pools are configured. */
    @Override
    public CompletionStage<Void> checkHealth() {
        if (hostPools.isEmpty()) {
            return tokens.lease().thenApply(l -> null);
        }
        URI uri = URI.create(hostPoolUri(hostPools.get(0)) + "/sessionHosts?api-version=" + apiVersion);
        return read("health check", uri).thenApply(p -> null);
    }

    private CompletableFuture<BatchResult> fatal(String message, String code) {
        return CompletableFuture.failedFuture(TransportException.builder(Retryability.FATAL,
                "Azure Virtual Desktop: " + message).provider(name).errorCode(code).build());
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "AzureVirtualDesktopTransport{name=" + name + ", baseUri=" + baseUri + ", subscriptionId="
                + subscriptionId + ", resourceGroup=" + resourceGroup + ", hostPools=" + hostPools + ", apiVersion="
                + apiVersion + ", severity=" + severity + '}';
    }

    /**
     * Settings of an {@link AzureVirtualDesktopTransport}: the common HTTP ones and Azure Virtual Desktop's. Every
     * setter rejects a bad value with a {@link ConfigurationException} naming the setting; {@code toString} never
     * shows the secret. Not thread-safe.
     */
    public static final class Builder extends HttpTransportBuilder<Builder> {
        private URI loginUri = DEFAULT_LOGIN_URI;
        private String tenantId;
        private String clientId;
        private Supplier<char[]> clientSecret;
        private AccessTokenSource tokenSource;
        private String subscriptionId;
        private String resourceGroup;
        private final List<String> hostPools = new ArrayList<>();
        private String apiVersion = DEFAULT_API_VERSION;
        private int maxMessageLength = 1024;
        private int maxTitleLength = 256;
        private SeveritySupport severity = SeveritySupport.PREFIXED;

        private Builder() {
            super(DEFAULT_NAME, "baseUri", "desknotify-avd-http-");
            providerUri(DEFAULT_BASE_URI);
        }

        /**
         * Azure Resource Manager's endpoint; default {@code https://management.azure.com} (another cloud, e.g.
         * {@code https://management.usgovcloudapi.net}, or a loopback emulator). {@code https} unless loopback.
         *
         * @param baseUri the absolute URI, without user info, query or fragment
         * @return this builder
         * @throws ConfigurationException if the URI is not acceptable
         */
        public Builder baseUri(URI baseUri) {
            providerUri(baseUri);
            return this;
        }

        /**
         * Microsoft Entra ID's authority host for client credentials; default
         * {@code https://login.microsoftonline.com}. {@code https} unless loopback.
         *
         * @param loginUri the absolute URI, without user info, query or fragment
         * @return this builder
         * @throws ConfigurationException if the URI is not acceptable
         */
        public Builder loginUri(URI loginUri) {
            this.loginUri = Checks.baseUri(loginUri, "loginUri");
            return this;
        }

        /**
         * @param tenantId the Entra ID tenant (GUID or domain) of the application
         * @return this builder
         * @throws ConfigurationException if blank
         */
        public Builder tenantId(String tenantId) {
            this.tenantId = Checks.text(tenantId, "tenantId");
            return this;
        }

        /**
         * @param clientId the application (client) id of the service principal
         * @return this builder
         * @throws ConfigurationException if blank
         */
        public Builder clientId(String clientId) {
            this.clientId = Checks.text(clientId, "clientId");
            return this;
        }

        /**
         * The client secret; copied, so the caller may clear its array.
         *
         * @param clientSecret the secret
         * @return this builder
         * @throws ConfigurationException if {@code null} or empty
         */
        public Builder clientSecret(char[] clientSecret) {
            char[] copy = Checks.nonEmpty(clientSecret, "clientSecret").clone();
            this.clientSecret = copy::clone;
            return this;
        }

        /**
         * The client secret, read when a token is fetched (e.g. from a vault); each array returned is cleared after
         * use.
         *
         * @param clientSecret supplies the secret
         * @return this builder
         * @throws ConfigurationException if {@code null}
         */
        public Builder clientSecret(Supplier<char[]> clientSecret) {
            this.clientSecret = Checks.notNull(clientSecret, "clientSecret");
            return this;
        }

        /**
         * Tokens from a source of the user's (e.g. azure-identity, see the class documentation) instead of client
         * credentials; {@code tenantId}, {@code clientId} and {@code clientSecret} are then not needed. The tokens
         * must be for the scope {@code https://management.azure.com/.default}.
         *
         * @param tokenSource the source
         * @return this builder
         * @throws ConfigurationException if {@code null}
         */
        public Builder tokenSource(AccessTokenSource tokenSource) {
            this.tokenSource = Checks.notNull(tokenSource, "tokenSource");
            return this;
        }

        /**
         * @param subscriptionId the subscription of the host pools
         * @return this builder
         * @throws ConfigurationException if blank
         */
        public Builder subscriptionId(String subscriptionId) {
            this.subscriptionId = Checks.text(subscriptionId, "subscriptionId");
            return this;
        }

        /**
         * @param resourceGroup the resource group of the host pools
         * @return this builder
         * @throws ConfigurationException if blank
         */
        public Builder resourceGroup(String resourceGroup) {
            this.resourceGroup = Checks.text(resourceGroup, "resourceGroup");
            return this;
        }

        /**
         * The host pools user targets are looked up in (replacing any given before). Host pool targets need not be
         * listed here.
         *
         * @param names host pool names, 3 to 64 letters, digits, {@code @ . - _} or blanks
         * @return this builder
         * @throws ConfigurationException if a name is not a host pool name or given twice
         */
        public Builder hostPools(List<String> names) {
            Checks.notNull(names, "hostPools");
            List<String> checked = new ArrayList<>();
            for (String n : names) {
                String v = Checks.text(n, "hostPools");
                if (nameProblem(v, 3, 64, "").isPresent()) {
                    throw new ConfigurationException("hostPools", "hostPools: '" + v + "' is not a host pool name"
                            + " (3 to 64 letters, digits, @ . - _ or blanks)");
                }
                if (checked.stream().anyMatch(v::equalsIgnoreCase)) {
                    throw new ConfigurationException("hostPools", "hostPools: '" + v + "' is given twice");
                }
                checked.add(v);
            }
            hostPools.clear();
            hostPools.addAll(checked);
            return this;
        }

        /**
         * @param names host pool names
         * @return this builder
         * @throws ConfigurationException as {@link #hostPools(List)}
         * @see #hostPools(List)
         */
        public Builder hostPools(String... names) {
            return hostPools(Arrays.asList(Checks.notNull(names, "hostPools")));
        }

        /**
         * @param apiVersion {@code 2024-04-03} (default) or {@code 2025-10-10}
         * @return this builder
         * @throws ConfigurationException for another value
         */
        public Builder apiVersion(String apiVersion) {
            String v = Checks.text(apiVersion, "apiVersion");
            if (!API_VERSIONS.contains(v)) {
                throw new ConfigurationException("apiVersion", "apiVersion must be 2024-04-03 or 2025-10-10, not '"
                        + v + "'");
            }
            this.apiVersion = v;
            return this;
        }

        /**
         * Longest {@code messageBody} sent, severity prefix included; Azure publishes no limit. Default 1024.
         *
         * @param maxMessageLength at least 1, and above 10 with {@link SeveritySupport#PREFIXED}
         * @return this builder
         * @throws ConfigurationException if below 1
         */
        public Builder maxMessageLength(int maxMessageLength) {
            this.maxMessageLength = Checks.atLeast(maxMessageLength, 1, "maxMessageLength");
            return this;
        }

        /**
         * Longest {@code messageTitle} sent; Azure publishes no limit. Default 256.
         *
         * @param maxTitleLength at least 1
         * @return this builder
         * @throws ConfigurationException if below 1
         */
        public Builder maxTitleLength(int maxTitleLength) {
            this.maxTitleLength = Checks.atLeast(maxTitleLength, 1, "maxTitleLength");
            return this;
        }

        /**
         * What to do with the severity, which sendMessage has no field for: {@link SeveritySupport#PREFIXED}
         * (default: {@code "[WARNING] text"}; the message box looks the same for every severity, so a warning
         * would otherwise pass for information) or {@link SeveritySupport#DROPPED}.
         *
         * @param severity {@code PREFIXED} or {@code DROPPED}
         * @return this builder
         * @throws ConfigurationException if {@code null} or {@link SeveritySupport#NATIVE}
         */
        public Builder severity(SeveritySupport severity) {
            if (severity == null || severity == SeveritySupport.NATIVE) {
                throw new ConfigurationException("severity", "severity must be PREFIXED or DROPPED: sendMessage has"
                        + " no severity field");
            }
            this.severity = severity;
            return this;
        }

        /**
         * Builds the transport; nothing is sent until it is used.
         *
         * @return a new transport with these settings
         * @throws ConfigurationException naming the first missing setting: {@code subscriptionId},
         *     {@code resourceGroup}, and without a {@code tokenSource} {@code tenantId}, {@code clientId} and
         *     {@code clientSecret}; or {@code maxMessageLength} when it leaves no room for the severity prefix
         */
        public AzureVirtualDesktopTransport build() {
            HttpSettings http = httpSettings();
            if (tokenSource == null) {
                Checks.required(tenantId, "tenantId");
                Checks.required(clientId, "clientId");
                Checks.required(clientSecret, "clientSecret");
            }
            Checks.required(subscriptionId, "subscriptionId");
            Checks.required(resourceGroup, "resourceGroup");
            if (severity == SeveritySupport.PREFIXED && maxMessageLength <= MAX_PREFIX_LENGTH) {
                throw new ConfigurationException("maxMessageLength", "maxMessageLength must exceed "
                        + MAX_PREFIX_LENGTH + " to leave room for the severity prefix");
            }
            return new AzureVirtualDesktopTransport(this, http);
        }

        @Override
        public String toString() {
            return "AzureVirtualDesktopTransport.Builder{name=" + currentName() + ", baseUri=" + currentUri()
                    + ", loginUri=" + loginUri + ", tenantId=" + tenantId + ", clientId=" + clientId
                    + ", clientSecret=" + (clientSecret == null ? "unset" : "******") + ", tokenSource="
                    + (tokenSource == null ? "unset" : "set") + ", subscriptionId=" + subscriptionId
                    + ", resourceGroup=" + resourceGroup + ", hostPools=" + hostPools + ", apiVersion=" + apiVersion
                    + '}';
        }
    }
}
