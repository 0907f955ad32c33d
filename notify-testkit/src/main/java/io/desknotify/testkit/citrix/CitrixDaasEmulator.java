package io.desknotify.testkit.citrix;

import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.FaultInjector;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.TokenEmulatorBuilder;
import io.desknotify.testkit.internal.Checks;
import io.desknotify.testkit.internal.EmulatorCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An emulator of the Citrix DaaS REST API ({@code /cvad/manage/...}) and of the Citrix Cloud trust service's
 * client-credentials token endpoint, both on one real loopback HTTP server ({@code http://127.0.0.1:<port>}), so a
 * transport configured with the emulator's {@link #baseUri()} finds both where it finds them on
 * {@code https://api.cloud.com}.
 *
 * <p>Served routes (see {@link Route}): {@code POST /cctrustoauth2/{customer_id}/tokens/clients};
 * {@code GET /cvad/manage/me}; {@code POST /cvad/manage/Sessions/$search} and {@code GET /cvad/manage/Sessions},
 * paged by {@code limit} and {@code ContinuationToken}; {@code GET /cvad/manage/Sessions/{id}};
 * {@code POST /cvad/manage/Sessions/{id}/$sendMessage} (200 with the session, 404 for an unknown session, 400 for an
 * {@linkplain FaultInjector#failTargets injected failure}; with {@code async=true} 202 and a {@code Location} of a
 * job served by {@code GET /cvad/manage/Jobs/{id}}). Every {@code /cvad/manage} call needs
 * {@code Authorization: CwsAuth Bearer=<token>} and {@code Citrix-CustomerId}; all but {@code /me} need
 * {@code Citrix-InstanceId} (the site id). The inventory is served as one site: pools are delivery groups (their
 * {@code Id} is the pool id, their {@code Name} the pool name), desktops are machines (<code>DOMAIN&#92;desk-00001</code>),
 * sessions keep their ids with {@code State} {@code Active} (connected), {@code Disconnected} or {@code Connected}
 * (pending), and users are <code>DOMAIN&#92;user</code> with the principal name {@code user@domain.example} (the domain in
 * lower case).
 *
 * <p><b>Strict.</b> A request the published API does not allow (another auth scheme, a missing or wrong
 * {@code Citrix-CustomerId}, a missing {@code Citrix-InstanceId}, a {@code Style} or search property or operator
 * outside its enum, {@code limit} above the maximum, a continuation token sent with another query, ...) is answered
 * as the API answers it and journaled as a {@link io.desknotify.testkit.ContractViolation}. Where the published
 * material is silent, the behaviour is a setting of the {@link Builder}; the rules and their sources are in the
 * {@linkplain io.desknotify.testkit.citrix package documentation}. Throttling (a {@linkplain Builder#requestLimit
 * request limit} or an injected fault) answers 429 with the error body and, only if
 * {@link Builder#retryAfterHeader(boolean)} says so, {@code Retry-After}.
 *
 * <p><b>Lifecycle and thread-safety.</b> {@link Builder#start()} binds the port and serves until {@link #close()}.
 * The emulator is thread-safe.
 *
 * <pre>{@code
 * try (CitrixDaasEmulator citrix = CitrixDaasEmulator.builder()
 *         .inventory(Inventory.builder().seed(7).desktops(200).build())
 *         .customerId("acme1234")
 *         .apiClient("client-id", "client-secret")
 *         .start()) {
 *     URI endpoint = citrix.baseUri();
 *     // ... run the code under test with base-uri = endpoint, site-id = citrix.siteId() ...
 *     assertThat(citrix.journal().shownCount(sessionId)).isEqualTo(1);
 * }
 * }</pre>
 */
public final class CitrixDaasEmulator implements Emulator {

    /** What a {@code DeliveryGroup} search filter's value is compared with. The sources do not say. */
    public enum DeliveryGroupMatch {
        /** The delivery group's {@code Name}. */
        NAME,
        /** The delivery group's {@code Id}. */
        ID,
        /** Either (the default). */
        NAME_OR_ID
    }

    private final Settings settings;
    private final EmulatorCore core;
    private final CitrixHandler handler;

    private CitrixDaasEmulator(Settings settings) throws IOException {
        this.settings = settings;
        this.core = new EmulatorCore(settings.core);
        this.handler = new CitrixHandler(settings, core.journal(), core.faults());
        core.start(handler, handler);
        handler.baseUri(core.baseUri().toString());
    }

    /** @return a builder; at least one {@link Builder#apiClient} is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the endpoint, {@code http://127.0.0.1:<port>}, without trailing slash: API and token service */
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

    /** @return where to inject faults */
    @Override
    public FaultInjector faults() {
        return core.faults();
    }

    /** Replaces every request limit while serving; see {@link Emulator#replaceRequestLimits}. */
    @Override
    public void replaceRequestLimits(RequestLimit... limits) {
        core.replaceRequestLimits(java.util.Arrays.asList(limits));
    }

    /** @return the customer id served ({@code Citrix-CustomerId}) */
    public String customerId() {
        return settings.customerId;
    }

    /** @return the id of the site whose sessions are served ({@code Citrix-InstanceId}) */
    public String siteId() {
        return settings.siteId;
    }

    /**
     * The <code>DOMAIN&#92;user</code> name of an inventory user, as {@code UserName} search filters and {@code User.SamName}
     * carry it.
     *
     * @param user a user of the inventory
     * @return its SAM name
     */
    public static String samName(Inventory.User user) {
        return CitrixHandler.samName(Objects.requireNonNull(user, "user"));
    }

    /**
     * The principal name (UPN) of an inventory user, as {@code UserPrincipalName} search filters and
     * {@code User.PrincipalName} carry it.
     *
     * @param user a user of the inventory
     * @return {@code name@domain.example}, the domain in lower case
     */
    public static String principalName(Inventory.User user) {
        return CitrixHandler.upn(Objects.requireNonNull(user, "user"));
    }

    /** Makes every token issued so far expired: the next call with one is answered 401. */
    public void expireAccessTokens() {
        handler.expireAccessTokens();
    }

    /** Stops serving and releases the port and threads. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "CitrixDaasEmulator[" + core.baseUri() + ", customer=" + settings.customerId + ", site="
                + settings.siteId + ", " + settings.inventory + "]";
    }

    /** Immutable settings handed to the handler. */
    static final class Settings {
        final EmulatorCore.Settings core;
        final Inventory inventory;
        final Clock clock;
        final Duration accessTokenTtl;
        final int accessTokenMaxUses;
        final String customerId;
        final Map<String, String> clients;
        final String siteId;
        final String siteName;
        final Set<String> extraSiteIds;
        final CitrixErrorShape errorShape;
        final boolean acceptPlainBearer;
        final int customerIdRefusalStatus;
        final int unknownSiteStatus;
        final int wrongMethodStatus;
        final int defaultPageSize;
        final int maxPageSize;
        final boolean requireText;
        final boolean requireTitle;
        final int maxTextLength;
        final int maxTitleLength;
        final String defaultStyle;
        final boolean acceptUnknownStyle;
        final boolean caseSensitiveEnums;
        final boolean caseSensitiveValues;
        final DeliveryGroupMatch deliveryGroupMatch;
        final boolean bareUserNames;
        final boolean expiresInAsString;
        final String tokenType;
        final int badCredentialsStatus;
        final boolean retryAfterHeader;
        final boolean echoTransactionId;
        final boolean relativeJobLocation;

        Settings(Builder b, EmulatorCore.Settings core, Inventory inventory, String siteId) {
            this.core = core;
            this.inventory = inventory;
            this.clock = core.clock();
            this.accessTokenTtl = b.ttl();
            this.accessTokenMaxUses = b.maxUses();
            this.customerId = b.customerId;
            this.clients = Map.copyOf(b.clients);
            this.siteId = siteId;
            this.siteName = b.siteName;
            this.extraSiteIds = Set.copyOf(b.extraSiteIds);
            this.errorShape = b.errorShape;
            this.acceptPlainBearer = b.acceptPlainBearer;
            this.customerIdRefusalStatus = b.customerIdRefusalStatus;
            this.unknownSiteStatus = b.unknownSiteStatus;
            this.wrongMethodStatus = b.wrongMethodStatus;
            this.defaultPageSize = b.defaultPageSize;
            this.maxPageSize = b.maxPageSize;
            this.requireText = b.requireText;
            this.requireTitle = b.requireTitle;
            this.maxTextLength = b.maxTextLength;
            this.maxTitleLength = b.maxTitleLength;
            this.defaultStyle = b.defaultStyle;
            this.acceptUnknownStyle = b.acceptUnknownStyle;
            this.caseSensitiveEnums = b.caseSensitiveEnums;
            this.caseSensitiveValues = b.caseSensitiveValues;
            this.deliveryGroupMatch = b.deliveryGroupMatch;
            this.bareUserNames = b.bareUserNames;
            this.expiresInAsString = b.expiresInAsString;
            this.tokenType = b.tokenType;
            this.badCredentialsStatus = b.badCredentialsStatus;
            this.retryAfterHeader = b.retryAfterHeader;
            this.echoTransactionId = b.echoTransactionId;
            this.relativeJobLocation = b.relativeJobLocation;
        }
    }

    /**
     * Settings of a {@link CitrixDaasEmulator}: those of every emulator ({@link TokenEmulatorBuilder}; tokens live
     * one hour by default, as Citrix documents) and Citrix's own, each a point the published material leaves open
     * unless said otherwise. Not thread-safe; setters reject bad input with an exception naming the parameter.
     * Client secrets are never shown by {@code toString}.
     */
    public static final class Builder extends TokenEmulatorBuilder<Builder, CitrixDaasEmulator> {
        private String customerId = "desknotify0001";
        private final Map<String, String> clients = new LinkedHashMap<>();
        private String siteId;
        private String siteName = "desknotify site";
        private final List<String> extraSiteIds = new ArrayList<>();
        private CitrixErrorShape errorShape = CitrixErrorShape.ERROR_DATA;
        private boolean acceptPlainBearer;
        private int customerIdRefusalStatus = 401;
        private int unknownSiteStatus = 404;
        private int wrongMethodStatus = 404;
        private int defaultPageSize = 250;
        private int maxPageSize = 1000;
        private boolean requireText = true;
        private boolean requireTitle;
        private int maxTextLength = 4096;
        private int maxTitleLength = 256;
        private String defaultStyle = "Information";
        private boolean acceptUnknownStyle;
        private boolean caseSensitiveEnums = true;
        private boolean caseSensitiveValues;
        private DeliveryGroupMatch deliveryGroupMatch = DeliveryGroupMatch.NAME_OR_ID;
        private boolean bareUserNames;
        private boolean expiresInAsString = true;
        private String tokenType = "bearer";
        private int badCredentialsStatus = 400;
        private boolean retryAfterHeader;
        private boolean echoTransactionId = true;
        private boolean relativeJobLocation;

        private Builder() {
            super(Duration.ofHours(1));
        }

        Duration ttl() {
            return configuredAccessTokenTtl();
        }

        int maxUses() {
            return configuredAccessTokenMaxUses();
        }

        /**
         * @param customerId the Citrix Cloud customer id: the {@code {customer_id}} of the token path and the
         *     {@code Citrix-CustomerId} every call must carry (default {@code desknotify0001})
         * @return this builder
         */
        public Builder customerId(String customerId) {
            this.customerId = Checks.nonBlank(customerId, "customerId");
            return this;
        }

        /**
         * Accepts this API client at the token endpoint; may be called several times. Both compare exactly.
         *
         * @param clientId the client id
         * @param clientSecret the client secret
         * @return this builder
         */
        public Builder apiClient(String clientId, String clientSecret) {
            clients.put(Checks.nonBlank(clientId, "clientId"), Checks.nonBlank(clientSecret, "clientSecret"));
            return this;
        }

        /**
         * @param siteId the site id ({@code Citrix-InstanceId}) whose sessions are served (default: a GUID made
         *     from the seed)
         * @return this builder
         */
        public Builder siteId(String siteId) {
            this.siteId = Checks.nonBlank(siteId, "siteId");
            return this;
        }

        /**
         * Lists another site of the customer in {@code GET /me}; calls naming it are answered like an unknown site
         * (the emulator serves the sessions of one site). Use it to prove a client does not guess among sites.
         *
         * @param siteId the other site's id
         * @return this builder
         */
        public Builder otherSite(String siteId) {
            extraSiteIds.add(Checks.nonBlank(siteId, "siteId"));
            return this;
        }

        /**
         * @param shape the error body shape (default {@link CitrixErrorShape#ERROR_DATA})
         * @return this builder
         */
        public Builder errorShape(CitrixErrorShape shape) {
            this.errorShape = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /**
         * @param accept whether {@code Authorization: Bearer <token>} is accepted like {@code CwsAuth Bearer=}
         *     (default false: refused with 401 and journaled as a contract violation)
         * @return this builder
         */
        public Builder acceptPlainBearer(boolean accept) {
            this.acceptPlainBearer = accept;
            return this;
        }

        /**
         * @param status the answer to a missing {@code Citrix-CustomerId} or one that is not the token's customer:
         *     400, 401 or 403 (default 401); journaled as a contract violation either way
         * @return this builder
         */
        public Builder customerIdRefusalStatus(int status) {
            this.customerIdRefusalStatus = oneOf(status, "status", 400, 401, 403);
            return this;
        }

        /**
         * @param status the answer to a {@code Citrix-InstanceId} that is not the served site: 403 or 404
         *     (default 404)
         * @return this builder
         */
        public Builder unknownSiteStatus(int status) {
            this.unknownSiteStatus = oneOf(status, "status", 403, 404);
            return this;
        }

        /**
         * @param status the answer to a known path with another method: 404 or 405 (default 404)
         * @return this builder
         */
        public Builder wrongMethodStatus(int status) {
            this.wrongMethodStatus = oneOf(status, "status", 404, 405);
            return this;
        }

        /**
         * @param size the page size when a search or list has no {@code limit} (default 250, which the definition
         *     names as what the server "may" use)
         * @return this builder
         */
        public Builder defaultPageSize(int size) {
            this.defaultPageSize = Checks.positive(size, "size");
            return this;
        }

        /**
         * @param size the largest {@code limit} accepted; more is a 400 and a contract violation (default 1000,
         *     above which the definition says the server "may" refuse)
         * @return this builder
         */
        public Builder maxPageSize(int size) {
            this.maxPageSize = Checks.positive(size, "size");
            return this;
        }

        /**
         * @param required whether {@code $sendMessage} needs a non-blank {@code Text} (default true); a blank one
         *     is then a 400 and a contract violation
         * @return this builder
         */
        public Builder requireText(boolean required) {
            this.requireText = required;
            return this;
        }

        /**
         * @param required whether {@code $sendMessage} needs a non-blank {@code Title} (default false)
         * @return this builder
         */
        public Builder requireTitle(boolean required) {
            this.requireTitle = required;
            return this;
        }

        /**
         * @param max longest {@code Text} accepted, in chars; longer is a 400 (default 4096)
         * @return this builder
         */
        public Builder maxTextLength(int max) {
            this.maxTextLength = Checks.positive(max, "max");
            return this;
        }

        /**
         * @param max longest {@code Title} accepted, in chars; longer is a 400 (default 256)
         * @return this builder
         */
        public Builder maxTitleLength(int max) {
            this.maxTitleLength = Checks.positive(max, "max");
            return this;
        }

        /**
         * @param style the {@code MessageStyle} shown when a send has none (default {@code Information})
         * @return this builder
         * @throws IllegalArgumentException if it is not a MessageStyle value
         */
        public Builder defaultStyle(String style) {
            if (!CitrixHandler.STYLES.contains(Objects.requireNonNull(style, "style"))) {
                throw new IllegalArgumentException("style must be one of " + CitrixHandler.STYLES + ": " + style);
            }
            this.defaultStyle = style;
            return this;
        }

        /**
         * @param accept whether the {@code Unknown} style is shown (default false: 400 and a contract violation)
         * @return this builder
         */
        public Builder acceptUnknownStyle(boolean accept) {
            this.acceptUnknownStyle = accept;
            return this;
        }

        /**
         * @param caseSensitive whether enum names ({@code Style}, search {@code Property}, {@code Operator},
         *     session states) must be spelled exactly (default true)
         * @return this builder
         */
        public Builder caseSensitiveEnums(boolean caseSensitive) {
            this.caseSensitiveEnums = caseSensitive;
            return this;
        }

        /**
         * @param caseSensitive whether search filter values compare case-sensitively (default false, as Active
         *     Directory names do)
         * @return this builder
         */
        public Builder caseSensitiveValues(boolean caseSensitive) {
            this.caseSensitiveValues = caseSensitive;
            return this;
        }

        /**
         * @param match what a {@code DeliveryGroup} filter's value names (default
         *     {@link DeliveryGroupMatch#NAME_OR_ID})
         * @return this builder
         */
        public Builder deliveryGroupMatch(DeliveryGroupMatch match) {
            this.deliveryGroupMatch = Objects.requireNonNull(match, "match");
            return this;
        }

        /**
         * @param bare whether {@code UserName} (and {@code CurrentUser}, {@code LastConnectionUser}) filters also
         *     match the bare login name without the domain (default false: only <code>DOMAIN&#92;user</code>, the form of
         *     the documented example)
         * @return this builder
         */
        public Builder bareUserNames(boolean bare) {
            this.bareUserNames = bare;
            return this;
        }

        /**
         * @param asString whether the token's {@code expires_in} is a JSON string such as {@code "3600"}, as
         *     Citrix's own client reads it (default true), or a number
         * @return this builder
         */
        public Builder expiresInAsString(boolean asString) {
            this.expiresInAsString = asString;
            return this;
        }

        /**
         * @param type the token's {@code token_type} (default {@code bearer})
         * @return this builder
         */
        public Builder tokenType(String type) {
            this.tokenType = Checks.nonBlank(type, "type");
            return this;
        }

        /**
         * @param status the answer to wrong client credentials: 400 or 401 with {@code {"error":"invalid_client"}}
         *     (default 400)
         * @return this builder
         */
        public Builder badCredentialsStatus(int status) {
            this.badCredentialsStatus = oneOf(status, "status", 400, 401);
            return this;
        }

        /**
         * @param send whether 429 and 503 answers carry {@code Retry-After} in seconds (default false: no Citrix
         *     source mentions it for this API)
         * @return this builder
         */
        public Builder retryAfterHeader(boolean send) {
            this.retryAfterHeader = send;
            return this;
        }

        /**
         * @param echo whether a {@code Citrix-TransactionId} the client sent comes back (default true); without
         *     one, or when false, the answer carries a new GUID
         * @return this builder
         */
        public Builder echoTransactionId(boolean echo) {
            this.echoTransactionId = echo;
            return this;
        }

        /**
         * @param relative whether the {@code Location} of an async send is a path (true) or an absolute URI
         *     (default false)
         * @return this builder
         */
        public Builder relativeJobLocation(boolean relative) {
            this.relativeJobLocation = relative;
            return this;
        }

        /**
         * Binds {@code 127.0.0.1} on an ephemeral port and starts serving.
         *
         * @return the running emulator; close it
         * @throws IllegalStateException if no API client was configured, or the default page size is above the
         *     maximum
         * @throws UncheckedIOException if the server cannot be started
         */
        @Override
        public CitrixDaasEmulator start() {
            if (clients.isEmpty()) {
                throw new IllegalStateException("at least one apiClient(clientId, clientSecret) is required");
            }
            if (defaultPageSize > maxPageSize) {
                throw new IllegalStateException("defaultPageSize " + defaultPageSize + " is above maxPageSize "
                        + maxPageSize);
            }
            Inventory inv = inventoryOrDefault();
            long seed = seedFor(inv);
            String site = siteId != null ? siteId : new UUID(seed * 0x9E3779B97F4A7C15L | 0x4000L, ~seed).toString();
            EmulatorCore.Settings core = new EmulatorCore.Settings("citrix-emulator", Route.Provider.CITRIX_DAAS,
                    configuredClock(), seed, configuredThreads(), configuredJournalDetails(), configuredLimits(),
                    configuredLatency());
            try {
                return new CitrixDaasEmulator(new Settings(this, core, inv, site));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Citrix DaaS emulator", e);
            }
        }

        @Override
        public String toString() {
            return "CitrixDaasEmulator.Builder[customerId=" + customerId + ", clients=" + clients.keySet()
                    + ", siteId=" + siteId + ", errorShape=" + errorShape + "]";
        }

        private static int oneOf(int v, String name, int... allowed) {
            for (int a : allowed) {
                if (a == v) {
                    return v;
                }
            }
            throw new IllegalArgumentException(name + " must be one of " + java.util.Arrays.toString(allowed) + ": "
                    + v);
        }
    }
}
