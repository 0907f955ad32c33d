package io.desknotify.testkit.horizon;

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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An emulator of the Horizon Server REST API (login, sessions, AD users, send message) on a
 * real loopback HTTP server ({@code http://127.0.0.1:<ephemeral port>}).
 *
 * <p>Served routes (see {@link Route}): {@code POST /rest/login}, {@code /rest/refresh},
 * {@code /rest/logout}; {@code GET /rest/inventory/v1/sessions} and {@code GET
 * /rest/external/v1/ad-users-or-groups} with JSON {@code filter} and {@code page}/{@code size} paging;
 * {@code POST /rest/inventory/v1/sessions/action/send-message}, answering one item per session (200, 404 for an
 * unknown session, 400 for an {@linkplain FaultInjector#failTargets injected failure}); and, for Cloud Pod
 * Architecture, {@code GET /rest/inventory/v1/global-sessions} and {@code POST
 * /rest/inventory/v1/global-sessions/action/send-message} over the local pod and every {@link Builder#pod pod}
 * added (409 while CPA is not initialised). All but login and refresh need
 * {@code Authorization: Bearer <access_token>}. Access tokens expire after {@link Builder#accessTokenTtl} (default
 * 30 min) or
 * {@link Builder#accessTokenMaxUses} uses (401); error bodies take the configured {@link HorizonErrorStyle};
 * throttling (a {@linkplain Builder#requestLimit request limit} or an injected fault) answers 429 with
 * {@code common.api-throttle-limit.exceeded.error} and {@code X-Rate-Limit-Retry-After-Seconds}.
 *
 * <p><b>Strict.</b> A request the published API does not allow (a filter type a field does not support, an Or
 * that breaks the {@code ADUserOrGroupSummary} rule, {@code page} without {@code size}, a size above 1000, a
 * send-message body without a required field, ...) is answered 400 and journaled as a
 * {@link io.desknotify.testkit.ContractViolation}; the rules and their sources are listed in the
 * {@linkplain io.desknotify.testkit.horizon package documentation}.
 *
 * <p><b>Lifecycle and thread-safety.</b> {@link Builder#start()} binds the port and serves
 * until {@link #close()}. The emulator is thread-safe.
 *
 * <pre>{@code
 * try (HorizonEmulator horizon = HorizonEmulator.builder()
 *         .inventory(Inventory.builder().seed(7).desktops(200).build())
 *         .login("DESKNOTIFY", "admin", "secret")
 *         .accessTokenMaxUses(10)
 *         .start()) {
 *     URI endpoint = horizon.baseUri();
 *     // ... run the code under test ...
 *     assertThat(horizon.journal().shownCount(sessionId)).isEqualTo(1);
 * }
 * }</pre>
 */
public final class HorizonEmulator implements Emulator {

    private final Settings settings;
    private final EmulatorCore core;
    private final HorizonHandler handler;

    private HorizonEmulator(Settings settings) throws IOException {
        this.settings = settings;
        this.core = new EmulatorCore(settings.core);
        this.handler = new HorizonHandler(settings, core.journal(), core.faults());
        core.start(handler, handler);
    }

    /** @return a builder; at least one {@link Builder#login} is required */
    public static Builder builder() {
        return new Builder();
    }

    static String loginKey(String domain, String username) {
        return domain.toUpperCase(Locale.ROOT) + "\\" + username.toLowerCase(Locale.ROOT);
    }

    /** @return the endpoint, {@code http://127.0.0.1:<port>}, without trailing slash */
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

    /**
     * Invalidates every access token issued so far: the next call with one is answered 401
     * and the client must refresh (refresh tokens stay valid).
     */
    public void expireAccessTokens() {
        handler.expireAllAccessTokens();
    }

    /** Stops serving and releases the port and threads. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "HorizonEmulator[" + core.baseUri() + ", logins=" + settings.logins.size() + ", "
                + settings.inventory + "]";
    }

    /** Immutable settings handed to the handler. */
    static final class Settings {
        final EmulatorCore.Settings core;
        final Inventory inventory;
        final Map<String, String> logins;
        final Clock clock;
        final Duration accessTokenTtl;
        final Duration refreshTokenTtl;
        final int accessTokenMaxUses;
        final HorizonErrorStyle errorStyle;
        final int maxIdsPerCall;
        final int maxMessageLength;
        final int maxPageSize;
        final HorizonVersion version;
        final boolean hasMoreRecordsHeader;
        final String localPodId;
        final List<Inventory> localExtras;
        final Map<String, Inventory> remotePods;
        final boolean cpaInitialized;

        Settings(Builder b, EmulatorCore.Settings core, Inventory inventory, Duration accessTokenTtl,
                 int accessTokenMaxUses) {
            this.core = core;
            this.inventory = inventory;
            this.logins = Map.copyOf(b.logins);
            this.clock = core.clock();
            this.accessTokenTtl = accessTokenTtl;
            this.refreshTokenTtl = b.refreshTokenTtl;
            this.accessTokenMaxUses = accessTokenMaxUses;
            this.errorStyle = b.errorStyle;
            this.maxIdsPerCall = b.maxIdsPerCall;
            this.maxMessageLength = b.maxMessageLength;
            this.maxPageSize = b.maxPageSize;
            this.version = b.version;
            this.hasMoreRecordsHeader = b.hasMoreRecordsHeader;
            this.localPodId = b.localPodId;
            this.localExtras = List.copyOf(b.localExtras);
            this.remotePods = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.remotePods));
            this.cpaInitialized = b.cloudPodArchitecture || !b.remotePods.isEmpty();
        }
    }

    /**
     * Settings of a {@link HorizonEmulator}: those of every emulator ({@link TokenEmulatorBuilder}; access tokens
     * live 30 min by default) and Horizon's own. Not thread-safe; setters reject bad input with an
     * exception naming the parameter. Passwords are never shown by {@code toString}.
     */
    public static final class Builder extends TokenEmulatorBuilder<Builder, HorizonEmulator> {
        private final Map<String, String> logins = new LinkedHashMap<>();
        private Duration refreshTokenTtl = Duration.ofHours(8);
        private HorizonErrorStyle errorStyle = HorizonErrorStyle.ERRORS;
        private int maxIdsPerCall = 1000;
        private int maxMessageLength = 1024;
        private int maxPageSize = 1000;
        private HorizonVersion version = HorizonVersion.V2406;
        private boolean hasMoreRecordsHeader = true;
        private String localPodId = "local-pod";
        private final List<Inventory> localExtras = new ArrayList<>();
        private final Map<String, Inventory> remotePods = new LinkedHashMap<>();
        private boolean cloudPodArchitecture;

        private Builder() {
            super(Duration.ofMinutes(30));
        }

        /**
         * @param version the Horizon Server version whose published behaviour is modelled where versions differ
         *     (default {@link HorizonVersion#V2406}, the newest documented one)
         * @return this builder
         */
        public Builder version(HorizonVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * @param send whether a page of a paginated list that has more records after it carries the optional
         *     {@code HAS_MORE_RECORDS: TRUE} header (default true, as the Pagination and Filter Guide documents it;
         *     false models a server that leaves the optional header out, so clients must page on full pages)
         * @return this builder
         */
        public Builder hasMoreRecordsHeader(boolean send) {
            this.hasMoreRecordsHeader = send;
            return this;
        }

        /**
         * Serves another inventory's users, desktops and sessions in the same (local) pod, e.g. users of a second
         * Active Directory domain; give it a different seed so that ids do not collide.
         *
         * @param inventory more users and sessions of the local pod
         * @return this builder
         */
        public Builder addInventory(Inventory inventory) {
            localExtras.add(Objects.requireNonNull(inventory, "inventory"));
            return this;
        }

        /**
         * @param podId the id of the pod this emulator is (Cloud Pod Architecture {@code pod_id}); default
         *     {@code local-pod}
         * @return this builder
         */
        public Builder localPodId(String podId) {
            this.localPodId = Checks.nonBlank(podId, "podId");
            return this;
        }

        /**
         * Adds another pod of a Cloud Pod Architecture federation; its sessions are reached only through the
         * global-sessions calls, and its users are in the shared directory. Adding a pod initialises CPA.
         *
         * @param podId the pod's {@code pod_id}
         * @param inventory the pod's users and sessions (use another seed than the local one)
         * @return this builder
         */
        public Builder pod(String podId, Inventory inventory) {
            String id = Checks.nonBlank(podId, "podId");
            Objects.requireNonNull(inventory, "inventory");
            if (remotePods.containsKey(id)) {
                throw new IllegalArgumentException("podId " + id + " was already added");
            }
            remotePods.put(id, inventory);
            return this;
        }

        /**
         * @param initialized whether Cloud Pod Architecture is initialised for this pod even without other pods
         *     (default false; adding a {@link #pod} initialises it). Without it the global-sessions calls answer
         *     409 Conflict, as the definition documents.
         * @return this builder
         */
        public Builder cloudPodArchitecture(boolean initialized) {
            this.cloudPodArchitecture = initialized;
            return this;
        }

        /**
         * Accepts this login at {@code POST /rest/login}; may be called several times. The
         * domain and user name compare case-insensitively, the password exactly.
         *
         * @param domain AD domain
         * @param username user name
         * @param password password
         * @return this builder
         */
        public Builder login(String domain, String username, String password) {
            logins.put(loginKey(Checks.nonBlank(domain, "domain"), Checks.nonBlank(username, "username")),
                    Checks.nonBlank(password, "password"));
            return this;
        }

        /**
         * @param ttl how long a refresh token is valid (default 8 h)
         * @return this builder
         */
        public Builder refreshTokenTtl(Duration ttl) {
            this.refreshTokenTtl = Checks.positive(ttl, "ttl");
            return this;
        }

        /**
         * @param style the shape of error bodies (default {@link HorizonErrorStyle#ERRORS});
         *     429 throttling answers always use {@link HorizonErrorStyle#ERRORS}
         * @return this builder
         */
        public Builder errorStyle(HorizonErrorStyle style) {
            this.errorStyle = Objects.requireNonNull(style, "style");
            return this;
        }

        /**
         * @param max most session ids accepted in one send-message; more is a 400 (default 1000)
         * @return this builder
         */
        public Builder maxIdsPerCall(int max) {
            this.maxIdsPerCall = Checks.positive(max, "max");
            return this;
        }

        /**
         * @param max longest message accepted, in chars; longer is a 400 (default 1024)
         * @return this builder
         */
        public Builder maxMessageLength(int max) {
            this.maxMessageLength = Checks.positive(max, "max");
            return this;
        }

        /**
         * @param max largest {@code size} accepted for paging; more is a 400 (default 1000)
         * @return this builder
         */
        public Builder maxPageSize(int max) {
            this.maxPageSize = Checks.positive(max, "max");
            return this;
        }

        /**
         * Binds {@code 127.0.0.1} on an ephemeral port and starts serving.
         *
         * @return the running emulator; close it
         * @throws IllegalStateException if no login was configured
         * @throws UncheckedIOException if the server cannot be started
         */
        @Override
        public HorizonEmulator start() {
            if (logins.isEmpty()) {
                throw new IllegalStateException("at least one login(domain, username, password) is required");
            }
            if (version == HorizonVersion.V2111 && !configuredLimits().isEmpty()) {
                throw new IllegalStateException("maxRequestsPerSecond and requestLimit need version V2406 or later:"
                        + " Horizon has API throttling only since 2406");
            }
            if (remotePods.containsKey(localPodId)) {
                throw new IllegalStateException("a pod added with pod(...) has the local pod id " + localPodId);
            }
            Inventory inv = inventoryOrDefault();
            EmulatorCore.Settings core = new EmulatorCore.Settings("horizon-emulator", Route.Provider.HORIZON,
                    configuredClock(), seedFor(inv), configuredThreads(), configuredJournalDetails(),
                    configuredLimits(), configuredLatency());
            try {
                return new HorizonEmulator(new Settings(this, core, inv, configuredAccessTokenTtl(),
                        configuredAccessTokenMaxUses()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Horizon emulator", e);
            }
        }

        @Override
        public String toString() {
            return "HorizonEmulator.Builder[logins=" + logins.keySet() + ", version=" + version + ", errorStyle="
                    + errorStyle + ", pods=" + remotePods.keySet()
                    + ", accessTokenTtl=" + configuredAccessTokenTtl() + ", accessTokenMaxUses="
                    + configuredAccessTokenMaxUses() + "]";
        }
    }
}
