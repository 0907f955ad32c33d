package io.desknotify.testkit.huawei;

import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.EmulatorBuilder;
import io.desknotify.testkit.FaultInjector;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.internal.Checks;
import io.desknotify.testkit.internal.EmulatorCore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * An emulator of the Huawei Cloud Workspace notification API on a real loopback HTTP server
 * ({@code http://127.0.0.1:<ephemeral port>}).
 *
 * <p>Served routes (see {@link Route}): send to desktops, send to a desktop pool, desktop
 * connection statuses, the desktop list (ListDesktops), workspace jobs and notification blocking
 * records, all under {@code /v2/{project_id}}. Requests are authenticated with AK/SK signatures
 * ({@code SDK-HMAC-SHA256}) and/or {@code X-Auth-Token} when credentials or a token are
 * configured; with neither, every request is accepted. Every response carries an
 * {@code X-Request-Id}; errors use Huawei's body {@code {"error_code","error_msg"}}. Requests
 * outside the published API are refused and journaled as
 * {@linkplain Journal#contractViolations() contract violations}; the rules, their sources and the
 * error codes (documented ones, and {@link HuaweiErrorCode settings} where Huawei documents none)
 * are listed in the {@linkplain io.desknotify.testkit.huawei package documentation}. A throttling
 * 429 ({@code APIG.0308}) carries no {@code Retry-After} unless {@link Builder#throttleRetryAfter}
 * asks for that deviation.
 *
 * <p>Notifications are shown (and {@linkplain #journal() journaled}) when the send request
 * is processed; the job then reports RUNNING until {@link Builder#jobDuration} has passed
 * and {@link Builder#jobPolls} polls were answered, then SUCCESS, or FAILED if any sub-job
 * failed (unknown desktop or {@linkplain FaultInjector#failTargets injected failure}).
 *
 * <p><b>Lifecycle and thread-safety.</b> {@link Builder#start()} binds the port and serves
 * until {@link #close()}. The emulator is thread-safe; it serves concurrent clients with
 * {@link Builder#threads} worker threads.
 *
 * <pre>{@code
 * try (HuaweiWorkspaceEmulator huawei = HuaweiWorkspaceEmulator.builder()
 *         .inventory(Inventory.builder().seed(7).desktops(500).build())
 *         .credentials("my-ak", "my-sk")
 *         .start()) {
 *     URI endpoint = huawei.baseUri();              // give it to the transport under test
 *     huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS, Fault.serverError(), Trigger.next(1));
 *     // ... run the code under test ...
 *     assertThat(huawei.journal().targetsShownMoreThanOnce()).isEmpty();
 * }
 * }</pre>
 */
public final class HuaweiWorkspaceEmulator implements Emulator {

    /** The project id used when none is configured. */
    public static final String DEFAULT_PROJECT_ID = "0bec5db98280d2d02fd6c00c2de791ce";

    private final Settings settings;
    private final EmulatorCore core;

    private HuaweiWorkspaceEmulator(Settings settings) throws IOException {
        this.settings = settings;
        this.core = new EmulatorCore(settings.core);
        HuaweiHandler handler = new HuaweiHandler(settings, core.journal(), core.faults());
        core.start(handler, handler);
    }

    /** @return a builder with defaults: no auth, default inventory, 100 ids per call */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the endpoint, {@code http://127.0.0.1:<port>}, without trailing slash */
    @Override
    public URI baseUri() {
        return core.baseUri();
    }

    /** @return the project id expected in paths */
    public String projectId() {
        return settings.projectId;
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

    /** Stops serving and releases the port and threads. Idempotent. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "HuaweiWorkspaceEmulator[" + core.baseUri() + ", project=" + settings.projectId + ", "
                + settings.inventory + "]";
    }

    /** Immutable settings handed to the handler. */
    static final class Settings {
        final EmulatorCore.Settings core;
        final String projectId;
        final Inventory inventory;
        final Map<String, String> credentials;
        final String authToken;
        final Clock clock;
        final Duration maxClockSkew;
        final Duration jobDuration;
        final int jobPolls;
        final int maxIdsPerCall;
        final int maxMessageLength;
        final int lockAfterFailures;
        final Duration lockDuration;
        final List<BlockedNotificationRecord> notificationRecords;
        final Map<HuaweiErrorCode, String> errorCodes;
        final boolean throttleRetryAfter;

        Settings(Builder b, EmulatorCore.Settings core, Inventory inventory, List<BlockedNotificationRecord> records) {
            this.core = core;
            this.projectId = b.projectId;
            this.inventory = inventory;
            this.credentials = Map.copyOf(b.credentials);
            this.authToken = b.authToken;
            this.clock = core.clock();
            this.maxClockSkew = b.maxClockSkew;
            this.jobDuration = b.jobDuration;
            this.jobPolls = b.jobPolls;
            this.maxIdsPerCall = b.maxIdsPerCall;
            this.maxMessageLength = b.maxMessageLength;
            this.lockAfterFailures = b.lockAfterFailures;
            this.lockDuration = b.lockDuration;
            this.notificationRecords = List.copyOf(records);
            EnumMap<HuaweiErrorCode, String> codes = new EnumMap<>(HuaweiErrorCode.class);
            for (HuaweiErrorCode c : HuaweiErrorCode.values()) {
                codes.put(c, b.errorCodes.getOrDefault(c, c.defaultCode()));
            }
            this.errorCodes = Map.copyOf(codes);
            this.throttleRetryAfter = b.throttleRetryAfter;
        }

        String code(HuaweiErrorCode which) {
            return errorCodes.get(which);
        }
    }

    /**
     * Settings of a {@link HuaweiWorkspaceEmulator}: those of every emulator ({@link EmulatorBuilder}; a throttling
     * answer is a 429 {@code APIG.0308}) and Huawei's own. Not thread-safe; each setter rejects bad
     * input with an exception naming the parameter. Secrets are never shown by {@code toString}.
     */
    public static final class Builder extends EmulatorBuilder<Builder, HuaweiWorkspaceEmulator> {
        private String projectId = DEFAULT_PROJECT_ID;
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private String authToken;
        private Duration maxClockSkew = Duration.ofMinutes(15);
        private Duration jobDuration = Duration.ZERO;
        private int jobPolls;
        private int maxIdsPerCall = 100;
        private int maxMessageLength = 1024;
        private final List<BlockedNotificationRecord> notificationRecords = new ArrayList<>();
        private int generatedNotificationRecords;
        private int lockAfterFailures;
        private Duration lockDuration = Duration.ofMinutes(5);
        private final Map<HuaweiErrorCode, String> errorCodes = new EnumMap<>(HuaweiErrorCode.class);
        private boolean throttleRetryAfter;

        private Builder() {
        }

        /**
         * @param projectId the project id accepted in paths (default {@link #DEFAULT_PROJECT_ID})
         * @return this builder
         */
        public Builder projectId(String projectId) {
            this.projectId = Checks.nonBlank(projectId, "projectId");
            return this;
        }

        /**
         * Accepts requests signed with this access key pair; may be called several times.
         *
         * @param accessKey AK
         * @param secretKey SK
         * @return this builder
         */
        public Builder credentials(String accessKey, String secretKey) {
            credentials.put(Checks.nonBlank(accessKey, "accessKey"), Checks.nonBlank(secretKey, "secretKey"));
            return this;
        }

        /**
         * Accepts requests carrying this {@code X-Auth-Token}.
         *
         * @param token the IAM token
         * @return this builder
         */
        public Builder authToken(String token) {
            this.authToken = Checks.nonBlank(token, "token");
            return this;
        }

        /**
         * @param skew how far {@code X-Sdk-Date} may be from the emulator's clock, either way (default 15 min)
         * @return this builder
         */
        public Builder maxClockSkew(Duration skew) {
            this.maxClockSkew = Checks.nonNegative(skew, "skew");
            return this;
        }

        /**
         * @param duration how long after creation a job stays RUNNING (default zero)
         * @return this builder
         */
        public Builder jobDuration(Duration duration) {
            this.jobDuration = Checks.nonNegative(duration, "duration");
            return this;
        }

        /**
         * @param polls how many polls of a job answer RUNNING before it ends (default 0)
         * @return this builder
         */
        public Builder jobPolls(int polls) {
            if (polls < 0) {
                throw new IllegalArgumentException("polls must not be negative: " + polls);
            }
            this.jobPolls = polls;
            return this;
        }

        /**
         * @param max most desktop ids accepted in one send; more is a 400 and a contract violation (default 100; the
         *     reference documents no limit, so this is a setting)
         * @return this builder
         */
        public Builder maxIdsPerCall(int max) {
            this.maxIdsPerCall = Checks.positive(max, "max");
            return this;
        }

        /**
         * @param max longest message text accepted, in chars; longer is a 400 and a contract violation (default
         *     1024; the reference documents no limit, so this is a setting)
         * @return this builder
         */
        public Builder maxMessageLength(int max) {
            this.maxMessageLength = Checks.positive(max, "max");
            return this;
        }

        /**
         * Locks an access key, like API Gateway, after {@code failures} bad signatures (or
         * dates) in a row: for {@code lockDuration} every request with that key is answered
         * 401, even a correctly signed one. Off by default; the real gateway uses 5 and 5 min.
         *
         * @param failures consecutive failures that lock the key, at least 1
         * @param lockDuration how long the key stays locked, positive
         * @return this builder
         */
        public Builder lockAccessKeyAfterFailures(int failures, Duration lockDuration) {
            this.lockAfterFailures = Checks.positive(failures, "failures");
            Objects.requireNonNull(lockDuration, "lockDuration");
            if (lockDuration.isZero() || lockDuration.isNegative()) {
                throw new IllegalArgumentException("lockDuration must be positive: " + lockDuration);
            }
            this.lockDuration = lockDuration;
            return this;
        }

        /**
         * Sets the error code of a refusal Huawei documents no code for (see {@link HuaweiErrorCode}).
         *
         * @param which the refusal
         * @param code the {@code error_code} to answer, e.g. one seen on a real server
         * @return this builder
         */
        public Builder errorCode(HuaweiErrorCode which, String code) {
            errorCodes.put(Objects.requireNonNull(which, "which"), Checks.nonBlank(code, "code"));
            return this;
        }

        /**
         * A deviation from the documented API, off by default: answers a throttling 429 ({@code APIG.0308}) with a
         * {@code Retry-After} header. Workspace documents no retry header on its 429 (Huawei advises waiting about 2
         * to 5 s), so a client must not need one; turn this on only to test how a client uses one if it comes.
         *
         * @param send true to add {@code Retry-After} (whole seconds) to throttling answers
         * @return this builder
         */
        public Builder throttleRetryAfter(boolean send) {
            this.throttleRetryAfter = send;
            return this;
        }

        /**
         * @param record a notification blocking record to serve
         * @return this builder
         */
        public Builder notificationRecord(BlockedNotificationRecord record) {
            notificationRecords.add(Objects.requireNonNull(record, "record"));
            return this;
        }

        /**
         * Adds generated blocking records about the inventory's users, desktops and pools.
         *
         * @param count how many, at least 0
         * @return this builder
         */
        public Builder generatedNotificationRecords(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("count must not be negative: " + count);
            }
            this.generatedNotificationRecords = count;
            return this;
        }

        /**
         * Binds {@code 127.0.0.1} on an ephemeral port and starts serving.
         *
         * @return the running emulator; close it
         * @throws UncheckedIOException if the server cannot be started
         */
        @Override
        public HuaweiWorkspaceEmulator start() {
            Inventory inv = inventoryOrDefault();
            EmulatorCore.Settings core = new EmulatorCore.Settings("huawei-emulator", Route.Provider.HUAWEI_WORKSPACE,
                    configuredClock(), seedFor(inv), configuredThreads(), configuredJournalDetails(),
                    configuredLimits(), configuredLatency());
            List<BlockedNotificationRecord> records = new ArrayList<>(notificationRecords);
            records.addAll(generate(inv, generatedNotificationRecords, core.seed()));
            try {
                return new HuaweiWorkspaceEmulator(new Settings(this, core, inv, records));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the Huawei Workspace emulator", e);
            }
        }

        private static List<BlockedNotificationRecord> generate(Inventory inv, int count, long seed) {
            List<BlockedNotificationRecord> out = new ArrayList<>(count);
            if (count == 0 || inv.desktops().isEmpty()) {
                return out;
            }
            Random random = new Random(seed ^ 0x5DEECE66DL);
            Instant base = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < count; i++) {
                Inventory.Desktop d = inv.desktops().get(random.nextInt(inv.desktops().size()));
                String type = random.nextBoolean() ? "EMAIL" : "SMS";
                String poolName = d.poolId() == null || random.nextBoolean() ? null
                        : inv.pool(d.poolId()).orElseThrow().name();
                String desktopName = poolName == null ? d.name() : null;
                Instant at = base.plusSeconds(random.nextInt(300 * 24 * 3600)).plusMillis(random.nextInt(1000));
                out.add(new BlockedNotificationRecord(type, d.userName(), desktopName, poolName, "FAIL",
                        "The " + d.userName() + "," + (poolName == null ? desktopName : poolName)
                                + " information you provided violates relevant laws and regulations.", at));
            }
            return out;
        }

        @Override
        public String toString() {
            return "HuaweiWorkspaceEmulator.Builder[projectId=" + projectId + ", accessKeys=" + credentials.keySet()
                    + ", token=" + (authToken == null ? "none" : "***") + ", maxIdsPerCall=" + maxIdsPerCall + "]";
        }
    }
}
