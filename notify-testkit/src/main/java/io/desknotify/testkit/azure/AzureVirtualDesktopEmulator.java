package io.desknotify.testkit.azure;

import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.FaultInjector;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.TokenEmulatorBuilder;
import io.desknotify.testkit.internal.EmulatorCore;
import io.desknotify.testkit.internal.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An emulator of Azure Virtual Desktop's user-session calls on Azure Resource Manager
 * ({@code Microsoft.DesktopVirtualization}) and of the Microsoft Entra ID token endpoint, both on one real loopback
 * HTTP server ({@code http://127.0.0.1:<ephemeral port>}): point a client's ARM endpoint and its Entra authority
 * host at {@link #baseUri()}.
 *
 * <p>Served routes (see {@link Route}): {@code POST /{tenant}/oauth2/v2.0/token} (client credentials);
 * {@code POST .../hostPools/{hostPoolName}/sessionHosts/{sessionHostName}/userSessions/{userSessionId}/sendMessage}
 * (200, empty body); {@code GET .../hostPools/{hostPoolName}/userSessions} (with {@code $filter}),
 * {@code GET .../sessionHosts/{sessionHostName}/userSessions}, {@code GET .../userSessions/{userSessionId}} and
 * {@code GET .../hostPools/{hostPoolName}/sessionHosts}, lists paged by an absolute {@code nextLink}. Every ARM call
 * needs {@code Authorization: Bearer <token>} and an {@code api-version} of {@link Builder#apiVersions}.
 *
 * <p><b>The inventory as Azure Virtual Desktop sees it.</b> Each {@link Inventory.Pool pool} is a host pool named
 * by the pool's {@linkplain Inventory.Pool#name() name} ({@code pool-01}, ...); desktops without a pool are session
 * hosts of one more host pool, {@link Builder#unpooledHostPool} ({@code personal-desktops}). Each desktop is a
 * session host named {@code <desktop name>.<hostDomain>} ({@code desk-00001.desknotify.example}). Each Inventory
 * session is a user session of its desktop's session host with a small numeric id, state {@code Active}
 * (connected) or {@code Disconnected}, {@code userPrincipalName} {@code <user name>@<upnSuffix>}
 * ({@code user00001@desknotify.example}), {@code activeDirectoryUserName} {@code DOMAIN\name} and the user's id as
 * {@code objectId}. {@link #sessionTargetId}, {@link #hostPoolName} and {@link #userPrincipalName} give the names a
 * client uses. A notification shown is journaled with target id {@code hostPool/sessionHost/userSessionId}, its
 * {@code messageBody} as text and its {@code messageTitle} as {@linkplain io.desknotify.testkit.ShownNotification#title
 * title}.
 *
 * <p><b>Strict.</b> A request the published definition does not allow (no or an unsupported {@code api-version}, a
 * path parameter outside its length or pattern, a non-string {@code messageTitle}, a {@code $filter} the list does
 * not support, a forged {@code $skipToken}, a token request without a required field, ...) is answered as Azure
 * answers it and journaled as a {@link io.desknotify.testkit.ContractViolation}; the rules, their sources and the
 * points the sources leave open (each a setting here) are listed in the
 * {@linkplain io.desknotify.testkit.azure package documentation}.
 *
 * <p><b>Limits.</b> None by default, so that tests are not slowed by them. {@link Builder#armRequestLimits()} adds
 * Azure Resource Manager's published token buckets (reads 250 refilled by 25 a second, writes 200 refilled by 10 a
 * second); a refused request is answered 429 with {@code Retry-After} in seconds. Every ARM answer carries
 * {@code x-ms-ratelimit-remaining-subscription-reads} (or {@code -writes}).
 *
 * <p><b>Lifecycle and thread-safety.</b> {@link Builder#start()} binds the port and serves until {@link #close()}.
 * The emulator is thread-safe.
 *
 * <pre>{@code
 * try (AzureVirtualDesktopEmulator avd = AzureVirtualDesktopEmulator.builder()
 *         .inventory(Inventory.builder().seed(7).desktops(200).build())
 *         .client("app-id", "app-secret")
 *         .start()) {
 *     URI armAndLogin = avd.baseUri();
 *     String session = avd.sessionTargetId(avd.inventory().sessions().get(0));
 *     // ... run the code under test ...
 *     assertThat(avd.journal().shownCount(session)).isEqualTo(1);
 * }
 * }</pre>
 */
public final class AzureVirtualDesktopEmulator implements Emulator {

    /** How list items spell {@code name} and {@code type}; the published sources disagree. */
    public enum ResourceNames {
        /** As the definition's examples: {@code name} is the leaf ({@code "1"}), {@code type} camel-cased. */
        SPEC_EXAMPLES,
        /**
         * As the Az PowerShell documentation: {@code name} is {@code hostPool/sessionHost/1}, {@code type} in lower
         * case after the namespace.
         */
        POWERSHELL_DOCS
    }

    /** What sendMessage does for a session that is not {@code Active}; the sources are silent. */
    public enum NonActiveSend {
        /** 200, and the message counts as shown (what a 200 says; default). */
        SHOWN,
        /** 200, but nobody sees the message (a client cannot tell from the answer). */
        LOST,
        /** Refused with {@link Builder#nonActiveRefusal}'s status and code. */
        REFUSED
    }

    /** The error of an unknown host pool, session host or user session; the sources show both. */
    public enum NotFoundStyle {
        /** The Desktop Virtualization RP's observed style: {@code code "404"}, message after an activity id. */
        RP_NUMERIC,
        /** ARM's: {@code code "ResourceNotFound"}. */
        ARM_RESOURCE_NOT_FOUND
    }

    /** The error of an {@code api-version} the resource type does not support; the sources show both. */
    public enum UnsupportedApiVersion {
        /** {@code NoRegisteredProviderFound} (observed for Desktop Virtualization). */
        NO_REGISTERED_PROVIDER_FOUND,
        /** {@code InvalidApiVersionParameter} (observed for ARM's own types). */
        INVALID_API_VERSION_PARAMETER
    }

    private final Settings settings;
    private final EmulatorCore core;
    private final TokenIssuer tokens;
    private final AvdHandler handler;

    private AzureVirtualDesktopEmulator(Settings settings, EmulatorCore.Settings coreSettings) throws IOException {
        this.settings = settings;
        this.core = new EmulatorCore(coreSettings);
        // ARM keeps refusing an expired token as expired: it carries its expiry, nothing is forgotten
        this.tokens = new TokenIssuer(core.clock(), "eyJ0eXAiOiJKV1Qi", settings.accessTokenTtl,
                settings.accessTokenMaxUses, false);
        this.handler = new AvdHandler(settings, core, tokens);
        core.start(handler, handler);
    }

    /** @return a builder; at least one {@link Builder#client} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the endpoint of both ARM and Entra ID, {@code http://127.0.0.1:<port>}, without trailing slash */
    @Override
    public URI baseUri() {
        return core.baseUri();
    }

    /** @return the inventory served */
    @Override
    public Inventory inventory() {
        return settings.inventory;
    }

    /** @return what was received and shown */
    @Override
    public Journal journal() {
        return core.journal();
    }

    /** @return where to inject faults; target ids are {@link #sessionTargetId session target ids} */
    @Override
    public FaultInjector faults() {
        return core.faults();
    }

    /** Replaces every request limit while serving; see {@link Emulator#replaceRequestLimits}. */
    @Override
    public void replaceRequestLimits(RequestLimit... limits) {
        core.replaceRequestLimits(java.util.Arrays.asList(limits));
    }

    /** @return the Entra ID tenant whose clients get tokens */
    public String tenantId() {
        return settings.tenantId;
    }

    /** @return the subscription served */
    public String subscriptionId() {
        return settings.subscriptionId;
    }

    /** @return the resource group of every host pool */
    public String resourceGroup() {
        return settings.resourceGroup;
    }

    /**
     * @param session an Inventory session
     * @return its {@code hostPool/sessionHost/userSessionId}: the id of a session target, and the target id of the
     *     journal
     * @throws IllegalArgumentException if the session is not of this emulator's inventory
     */
    public String sessionTargetId(Inventory.Session session) {
        Objects.requireNonNull(session, "session");
        Inventory.Desktop d = settings.inventory.desktop(session.desktopId())
                .orElseThrow(() -> new IllegalArgumentException("session " + session.id() + " is not served"));
        return hostPoolOf(d) + "/" + AvdWorld.sessionHostName(d, settings.hostDomain) + "/"
                + AvdWorld.sessionId(session);
    }

    /**
     * The session target id an emulator with the default {@link Builder#unpooledHostPool} and
     * {@link Builder#hostDomain} serves a session under, for code that has the inventory but not the emulator (a
     * compatibility kit's list of targets).
     *
     * @param inventory the inventory served
     * @param session one of its sessions
     * @return its {@code hostPool/sessionHost/userSessionId}
     * @throws IllegalArgumentException if the session is not of the inventory
     */
    public static String defaultSessionTargetId(Inventory inventory, Inventory.Session session) {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(session, "session");
        Inventory.Desktop d = inventory.desktop(session.desktopId())
                .orElseThrow(() -> new IllegalArgumentException("session " + session.id() + " is not served"));
        String pool = d.poolId() == null ? Builder.DEFAULT_UNPOOLED_HOST_POOL
                : inventory.pool(d.poolId()).orElseThrow().name();
        return pool + "/" + AvdWorld.sessionHostName(d, Builder.DEFAULT_HOST_DOMAIN) + "/"
                + AvdWorld.sessionId(session);
    }

    /**
     * @param pool an Inventory pool
     * @return the name of the host pool it is served as
     */
    public String hostPoolName(Inventory.Pool pool) {
        return Objects.requireNonNull(pool, "pool").name();
    }

    /**
     * @param desktop an Inventory desktop
     * @return the name of the host pool its session host is in
     */
    public String hostPoolOf(Inventory.Desktop desktop) {
        Objects.requireNonNull(desktop, "desktop");
        return desktop.poolId() == null ? settings.unpooledHostPool
                : settings.inventory.pool(desktop.poolId()).orElseThrow().name();
    }

    /** @return the names of every host pool served, those of the inventory's pools first */
    public List<String> hostPoolNames() {
        return handler.world().hostPools().stream().map(AvdWorld.HostPool::name).toList();
    }

    /**
     * @param userName an Inventory user's login name
     * @return the user's {@code userPrincipalName}
     */
    public String userPrincipalName(String userName) {
        return Objects.requireNonNull(userName, "userName") + "@" + settings.upnSuffix;
    }

    /**
     * Expires every access token issued so far: the next ARM call with one is answered 401
     * {@code ExpiredAuthenticationToken}, and the client must get a new token.
     */
    public void expireAccessTokens() {
        tokens.expireAll();
    }

    /** Stops serving and releases the port and threads. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "AzureVirtualDesktopEmulator[" + core.baseUri() + ", clients=" + settings.clients.size() + ", "
                + settings.inventory + "]";
    }

    /** Immutable settings handed to the handler (but the base URI, known once the server runs). */
    static final class Settings {
        final Inventory inventory;
        final Clock clock;
        final Duration accessTokenTtl;
        final int accessTokenMaxUses;
        final String tenantId;
        final Map<String, String> clients;
        final String subscriptionId;
        final String resourceGroup;
        final Set<String> apiVersions;
        final String unpooledHostPool;
        final String hostDomain;
        final String upnSuffix;
        final String location;
        final ResourceNames resourceNames;
        final NonActiveSend nonActiveSend;
        final int nonActiveStatus;
        final String nonActiveCode;
        final NotFoundStyle notFoundStyle;
        final UnsupportedApiVersion unsupportedApiVersion;
        final String invalidParameterCode;
        final int maxTitleLength;
        final int maxBodyLength;
        final boolean refuseEmptyMessage;
        final boolean filterStateAlias;
        final boolean filterValuesIgnoreCase;
        final int pageSize;
        final int maxPageSize;
        final boolean caseInsensitivePaths;
        final int wrongMethodStatus;
        final boolean extExpiresIn;
        final boolean errorUri;
        final Set<String> deniedHostPools;
        final boolean globalRateLimitHeaders;

        Settings(Builder b, Inventory inventory) {
            this.inventory = inventory;
            this.clock = b.clock();
            this.accessTokenTtl = b.ttl();
            this.accessTokenMaxUses = b.maxUses();
            this.tenantId = b.tenantId;
            this.clients = Map.copyOf(b.clients);
            this.subscriptionId = b.subscriptionId;
            this.resourceGroup = b.resourceGroup;
            this.apiVersions = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(b.apiVersions));
            this.unpooledHostPool = b.unpooledHostPool;
            this.hostDomain = b.hostDomain;
            this.upnSuffix = b.upnSuffix;
            this.location = b.location;
            this.resourceNames = b.resourceNames;
            this.nonActiveSend = b.nonActiveSend;
            this.nonActiveStatus = b.nonActiveStatus;
            this.nonActiveCode = b.nonActiveCode;
            this.notFoundStyle = b.notFoundStyle;
            this.unsupportedApiVersion = b.unsupportedApiVersion;
            this.invalidParameterCode = b.invalidParameterCode;
            this.maxTitleLength = b.maxTitleLength;
            this.maxBodyLength = b.maxBodyLength;
            this.refuseEmptyMessage = b.refuseEmptyMessage;
            this.filterStateAlias = b.filterStateAlias;
            this.filterValuesIgnoreCase = b.filterValuesIgnoreCase;
            this.pageSize = b.pageSize;
            this.maxPageSize = b.maxPageSize;
            this.caseInsensitivePaths = b.caseInsensitivePaths;
            this.wrongMethodStatus = b.wrongMethodStatus;
            this.extExpiresIn = b.extExpiresIn;
            this.errorUri = b.errorUri;
            this.deniedHostPools = Set.copyOf(b.deniedHostPools);
            this.globalRateLimitHeaders = b.globalRateLimitHeaders;
        }
    }

    /**
     * Settings of an {@link AzureVirtualDesktopEmulator}: what every emulator takes (inventory, clock, threads,
     * latency, {@linkplain #requestLimit request limits}, token lifetime) and Azure Virtual Desktop's own. Not
     * thread-safe; setters reject bad input with an exception naming the parameter. Client secrets are never shown
     * by {@code toString}.
     */
    public static final class Builder extends TokenEmulatorBuilder<Builder, AzureVirtualDesktopEmulator> {
        /** ARM resource group names: letters, digits, {@code . _ - ( )}, 1 to 90, not ending in a dot. */
        private static final Pattern RESOURCE_GROUP = Pattern.compile("[-\\w._()]{0,89}[-\\w_()]");
        private static final Pattern HOST_POOL = Pattern.compile("[A-Za-z0-9@.\\-_ ]{3,64}");

        private String tenantId = "72f988bf-0000-4000-8000-00000000d5c7";
        private final Map<String, String> clients = new LinkedHashMap<>();
        private String subscriptionId = "4d5e6f70-8192-4a3b-9c4d-5e6f70819203";
        private String resourceGroup = "rg-desknotify";
        private final Set<String> apiVersions = new LinkedHashSet<>(List.of("2024-04-03", "2025-10-10"));
        static final String DEFAULT_UNPOOLED_HOST_POOL = "personal-desktops";
        static final String DEFAULT_HOST_DOMAIN = "desknotify.example";

        private String unpooledHostPool = DEFAULT_UNPOOLED_HOST_POOL;
        private String hostDomain = DEFAULT_HOST_DOMAIN;
        private String upnSuffix = "desknotify.example";
        private String location = "westeurope";
        private ResourceNames resourceNames = ResourceNames.SPEC_EXAMPLES;
        private NonActiveSend nonActiveSend = NonActiveSend.SHOWN;
        private int nonActiveStatus = 400;
        private String nonActiveCode = "400";
        private NotFoundStyle notFoundStyle = NotFoundStyle.RP_NUMERIC;
        private UnsupportedApiVersion unsupportedApiVersion = UnsupportedApiVersion.NO_REGISTERED_PROVIDER_FOUND;
        private String invalidParameterCode = "400";
        private int maxTitleLength;
        private int maxBodyLength;
        private boolean refuseEmptyMessage;
        private boolean filterStateAlias = true;
        private boolean filterValuesIgnoreCase = true;
        private int pageSize = 100;
        private int maxPageSize = 1000;
        private boolean caseInsensitivePaths = true;
        private int wrongMethodStatus = 405;
        private boolean extExpiresIn = true;
        private boolean errorUri = true;
        private final Set<String> deniedHostPools = new LinkedHashSet<>();
        private boolean globalRateLimitHeaders = true;

        private Builder() {
            super(Duration.ofSeconds(3599));
        }

        /**
         * @param tenantId the Entra ID tenant (GUID or domain) whose token endpoint {@code /{tenant}/oauth2/v2.0/token}
         *     issues tokens; other tenants know no client (default a fixed GUID, see {@link #tenantId()})
         * @return this builder
         */
        public Builder tenantId(String tenantId) {
            this.tenantId = nonBlank(tenantId, "tenantId");
            return this;
        }

        /** @return the tenant configured so far */
        public String tenantId() {
            return tenantId;
        }

        /**
         * Registers an application (service principal) of the tenant that may get tokens with client credentials;
         * may be called several times. The secret compares exactly.
         *
         * @param clientId the application (client) id
         * @param clientSecret its secret
         * @return this builder
         */
        public Builder client(String clientId, String clientSecret) {
            clients.put(nonBlank(clientId, "clientId"), nonBlank(clientSecret, "clientSecret"));
            return this;
        }

        /**
         * @param subscriptionId the one subscription served; another answers 404 {@code SubscriptionNotFound}
         *     (default a fixed GUID, see {@link #subscriptionId()})
         * @return this builder
         */
        public Builder subscriptionId(String subscriptionId) {
            this.subscriptionId = nonBlank(subscriptionId, "subscriptionId");
            return this;
        }

        /** @return the subscription configured so far */
        public String subscriptionId() {
            return subscriptionId;
        }

        /**
         * @param resourceGroup the resource group of every host pool; another answers 404
         *     {@code ResourceGroupNotFound} (default {@code rg-desknotify})
         * @return this builder
         */
        public Builder resourceGroup(String resourceGroup) {
            if (!RESOURCE_GROUP.matcher(nonBlank(resourceGroup, "resourceGroup")).matches()) {
                throw new IllegalArgumentException("resourceGroup must be 1 to 90 letters, digits, . _ - ( ), not"
                        + " ending in a dot: " + resourceGroup);
            }
            this.resourceGroup = resourceGroup;
            return this;
        }

        /**
         * @param versions the {@code api-version} values accepted; another is answered 400 (default
         *     {@code 2024-04-03} and {@code 2025-10-10}, the two newest stable versions)
         * @return this builder
         */
        public Builder apiVersions(String... versions) {
            Objects.requireNonNull(versions, "versions");
            if (versions.length == 0) {
                throw new IllegalArgumentException("versions must not be empty");
            }
            apiVersions.clear();
            for (String v : versions) {
                apiVersions.add(nonBlank(v, "versions element"));
            }
            return this;
        }

        /**
         * @param name the host pool of the desktops that belong to no Inventory pool (default
         *     {@code personal-desktops}); 3 to 64 letters, digits, {@code @ . - _} or blanks
         * @return this builder
         */
        public Builder unpooledHostPool(String name) {
            if (!HOST_POOL.matcher(nonBlank(name, "name")).matches()) {
                throw new IllegalArgumentException("name must be 3 to 64 letters, digits, @ . - _ or blanks: "
                        + name);
            }
            this.unpooledHostPool = name;
            return this;
        }

        /**
         * @param domain the DNS suffix of session host names, {@code <desktop name>.<domain>}; a name must stay
         *     within 48 characters (default {@code desknotify.example})
         * @return this builder
         */
        public Builder hostDomain(String domain) {
            this.hostDomain = nonBlank(domain, "domain");
            return this;
        }

        /**
         * @param suffix what follows the {@code @} of every {@code userPrincipalName} (default
         *     {@code desknotify.example})
         * @return this builder
         */
        public Builder upnSuffix(String suffix) {
            this.upnSuffix = nonBlank(suffix, "suffix");
            return this;
        }

        /**
         * @param names how list items spell {@code name} and {@code type} (default
         *     {@link ResourceNames#SPEC_EXAMPLES}); clients must read the host and session from {@code id}
         * @return this builder
         */
        public Builder resourceNames(ResourceNames names) {
            this.resourceNames = Objects.requireNonNull(names, "names");
            return this;
        }

        /**
         * @param send what sendMessage does for a user session that is not {@code Active} (default
         *     {@link NonActiveSend#SHOWN})
         * @return this builder
         */
        public Builder nonActiveSend(NonActiveSend send) {
            this.nonActiveSend = Objects.requireNonNull(send, "send");
            return this;
        }

        /**
         * The refusal of {@link NonActiveSend#REFUSED}; also sets that mode.
         *
         * @param status HTTP status, 400 to 499 (default 400)
         * @param code the error {@code code} (default {@code "400"}, the RP's numeric style)
         * @return this builder
         */
        public Builder nonActiveRefusal(int status, String code) {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("status must be within [400, 499]: " + status);
            }
            this.nonActiveStatus = status;
            this.nonActiveCode = nonBlank(code, "code");
            this.nonActiveSend = NonActiveSend.REFUSED;
            return this;
        }

        /**
         * @param style the error of an unknown host pool, session host or user session (default
         *     {@link NotFoundStyle#RP_NUMERIC})
         * @return this builder
         */
        public Builder notFoundStyle(NotFoundStyle style) {
            this.notFoundStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /**
         * @param answer the error of an unsupported {@code api-version} (default
         *     {@link UnsupportedApiVersion#NO_REGISTERED_PROVIDER_FOUND})
         * @return this builder
         */
        public Builder unsupportedApiVersion(UnsupportedApiVersion answer) {
            this.unsupportedApiVersion = Objects.requireNonNull(answer, "answer");
            return this;
        }

        /**
         * @param code the error {@code code} of a 400 for a path parameter outside the definition's limits
         *     (default {@code "400"})
         * @return this builder
         */
        public Builder invalidParameterCode(String code) {
            this.invalidParameterCode = nonBlank(code, "code");
            return this;
        }

        /**
         * @param max longest {@code messageTitle} accepted, in chars; longer is a 400; 0 for none (default 0: none
         *     is published)
         * @return this builder
         */
        public Builder maxTitleLength(int max) {
            this.maxTitleLength = nonNegative(max, "max");
            return this;
        }

        /**
         * @param max longest {@code messageBody} accepted, in chars; longer is a 400; 0 for none (default 0: none
         *     is published)
         * @return this builder
         */
        public Builder maxBodyLength(int max) {
            this.maxBodyLength = nonNegative(max, "max");
            return this;
        }

        /**
         * @param refuse whether a sendMessage without body, or with neither title nor body, is answered 400
         *     (default false: the definition makes both optional)
         * @return this builder
         */
        public Builder refuseEmptyMessage(boolean refuse) {
            this.refuseEmptyMessage = refuse;
            return this;
        }

        /**
         * @param accept whether {@code $filter} accepts {@code state} for {@code sessionState}, as the
         *     definition's example writes it (default true)
         * @return this builder
         */
        public Builder filterStateAlias(boolean accept) {
            this.filterStateAlias = accept;
            return this;
        }

        /**
         * @param ignoreCase whether {@code $filter} values compare case-insensitively (default true: user principal
         *     names are case-insensitive in Entra ID)
         * @return this builder
         */
        public Builder filterValuesIgnoreCase(boolean ignoreCase) {
            this.filterValuesIgnoreCase = ignoreCase;
            return this;
        }

        /**
         * @param size items per page of a list when the request sends no {@code pageSize}, at least 1 (default
         *     100)
         * @return this builder
         */
        public Builder pageSize(int size) {
            this.pageSize = positive(size, "size");
            return this;
        }

        /**
         * @param max largest {@code pageSize} honoured; a larger one gives pages of this size (default 1000)
         * @return this builder
         */
        public Builder maxPageSize(int max) {
            this.maxPageSize = positive(max, "max");
            return this;
        }

        /**
         * @param ignoreCase whether the literal path segments ({@code subscriptions}, {@code hostPools},
         *     {@code Microsoft.DesktopVirtualization}, ...) match in any case, as ARM does (default true); false
         *     answers another spelling 404 and journals it
         * @return this builder
         */
        public Builder caseInsensitivePaths(boolean ignoreCase) {
            this.caseInsensitivePaths = ignoreCase;
            return this;
        }

        /**
         * @param status the answer to a route's path with another method: 405 (default) or 404
         * @return this builder
         */
        public Builder wrongMethodStatus(int status) {
            if (status != 404 && status != 405) {
                throw new IllegalArgumentException("status must be 404 or 405: " + status);
            }
            this.wrongMethodStatus = status;
            return this;
        }

        /**
         * @param send whether token answers carry {@code ext_expires_in} (default true, as Entra ID answers in
         *     practice; the current documentation leaves it out)
         * @return this builder
         */
        public Builder extExpiresIn(boolean send) {
            this.extExpiresIn = send;
            return this;
        }

        /**
         * @param send whether token error answers carry {@code error_uri} (default true)
         * @return this builder
         */
        public Builder errorUri(boolean send) {
            this.errorUri = send;
            return this;
        }

        /**
         * @param send whether ARM answers also carry {@code x-ms-ratelimit-remaining-subscription-global-reads} or
         *     {@code -global-writes}, the subscription's limit over all principals, 15 times the per-principal one
         *     (default true, as newer answers are observed to)
         * @return this builder
         */
        public Builder globalRateLimitHeaders(boolean send) {
            this.globalRateLimitHeaders = send;
            return this;
        }

        /**
         * @param hostPool a host pool on which every client is denied: 403 {@code AuthorizationFailed}, as for a
         *     principal without a role on that scope
         * @return this builder
         */
        public Builder denyHostPool(String hostPool) {
            deniedHostPools.add(nonBlank(hostPool, "hostPool").toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * Adds Azure Resource Manager's published limits per subscription and principal: a token bucket of 250
         * reads refilled by 25 a second over the list and get routes, and one of 200 writes refilled by 10 a
         * second over sendMessage (a POST action counts as a write). The token endpoint is not ARM and is not
         * counted. Off unless called.
         *
         * @return this builder
         */
        public Builder armRequestLimits() {
            requestLimit(RequestLimit.tokenBucket(250, 25).onRoutes(Route.AVD_HOST_POOL_SESSIONS,
                    Route.AVD_SESSION_HOST_SESSIONS, Route.AVD_SESSION, Route.AVD_SESSION_HOSTS));
            requestLimit(RequestLimit.tokenBucket(200, 10).onRoutes(Route.AVD_SEND_MESSAGE));
            return this;
        }

        /**
         * Binds {@code 127.0.0.1} on an ephemeral port and starts serving.
         *
         * @return the running emulator; close it
         * @throws IllegalStateException if no client was registered, or a session host name would exceed 48
         *     characters
         * @throws UncheckedIOException if the server cannot be started
         */
        @Override
        public AzureVirtualDesktopEmulator start() {
            if (clients.isEmpty()) {
                throw new IllegalStateException("at least one client(clientId, clientSecret) is required");
            }
            Inventory inv = inventoryOrDefault();
            for (Inventory.Desktop d : inv.desktops()) {
                String host = AvdWorld.sessionHostName(d, hostDomain);
                if (host.length() > 48 || !HOST_POOL.matcher(host).matches()) {
                    throw new IllegalStateException("session host name " + host + " breaks the definition's 3 to"
                            + " 48 characters: choose a shorter hostDomain");
                }
            }
            for (Inventory.Pool p : inv.pools()) {
                if (!HOST_POOL.matcher(p.name()).matches() || p.name().equalsIgnoreCase(unpooledHostPool)) {
                    throw new IllegalStateException("pool name " + p.name() + " is no valid host pool name, or is"
                            + " the unpooledHostPool");
                }
            }
            EmulatorCore.Settings core = new EmulatorCore.Settings("avd-emulator",
                    Route.Provider.AZURE_VIRTUAL_DESKTOP, configuredClock(), seedFor(inv), configuredThreads(),
                    configuredJournalDetails(), configuredLimits(), configuredLatency());
            try {
                return new AzureVirtualDesktopEmulator(new Settings(this, inv), core);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Azure Virtual Desktop emulator", e);
            }
        }

        Clock clock() {
            return configuredClock();
        }

        Duration ttl() {
            return configuredAccessTokenTtl();
        }

        int maxUses() {
            return configuredAccessTokenMaxUses();
        }

        @Override
        public String toString() {
            return "AzureVirtualDesktopEmulator.Builder[tenantId=" + tenantId + ", clients=" + clients.keySet()
                    + ", subscriptionId=" + subscriptionId + ", resourceGroup=" + resourceGroup + ", apiVersions="
                    + apiVersions + "]";
        }

        private static String nonBlank(String v, String name) {
            Objects.requireNonNull(v, name);
            if (v.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return v;
        }

        private static int positive(int v, String name) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + v);
            }
            return v;
        }

        private static int nonNegative(int v, String name) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must not be negative: " + v);
            }
            return v;
        }
    }
}
