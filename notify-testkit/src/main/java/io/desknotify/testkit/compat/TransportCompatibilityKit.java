package io.desknotify.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.InvalidRequestException;
import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.Batch;
import io.desknotify.api.spi.BatchResult;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.core.Notifier;
import io.desknotify.core.RetrySettings;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Journal;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checks every desknotify transport must pass, written once: a provider's test extends this class, supplies
 * its emulator, its transport builder and a few {@linkplain #expectations() declarations}, and inherits every
 * check. See the {@linkplain io.desknotify.testkit.compat package documentation} for how to use it.
 *
 * <p>What the inherited tests prove, over real loopback HTTP and through a {@link Notifier}:
 * <ul>
 *   <li><b>Fault matrix</b>: for every fault at 5 %, 20 % and 50 % of the notification requests, a job of 5,000
 *   targets ends with every target in exactly one record, nobody shown the message twice, the report's counts equal
 *   to the records', the DELIVERED targets exactly those shown, UNKNOWN only for targets whose request reached the
 *   provider, and no request outside the provider's contract.</li>
 *   <li><b>Hostile provider</b>: oversized answers refused without being read whole, deeply nested JSON refused,
 *   redirects not followed (nothing reaches the other host), a 200 of an unexpected shape a record with a reason.</li>
 *   <li><b>Bad input</b>: refused naming the field or setting, and nothing sent.</li>
 *   <li><b>Secrets</b>: the credentials and every token on the wire appear in no log record (at level ALL), console
 *   output, listener event, exception, report, record, meter or {@code toString}.</li>
 *   <li><b>Threads and close</b>: no thread or connection outlives a closed notifier, answers are handed over on
 *   the transport's own reused threads, and {@code close()} waits for in-flight batches up to its deadline, then
 *   cancels the rest, which are recorded CANCELLED and never sent.</li>
 * </ul>
 *
 * <p>The class is not thread-safe and meant for JUnit's default (sequential) execution of one test class at a
 * time: the checks count the JVM's threads and sockets and redirect {@code System.out}.
 */
public abstract class TransportCompatibilityKit {
    /** Targets of a fault-matrix job for a provider that sends 100 or more targets per call. */
    static final int MATRIX_TARGETS = 5_000;
    /**
     * Calls of a fault-matrix job: enough that every fault rate strikes many times. A provider that sends one
     * session per call (Azure Virtual Desktop, Citrix) gets as many targets as calls, not 5,000 calls, each of
     * which a timeout row would hold for the request timeout.
     */
    static final int MATRIX_CALLS = 50;
    /** The fewest targets of a fault-matrix job, whatever the provider's batch size. */
    static final int MIN_MATRIX_TARGETS = 250;
    /** The fewest targets of the per-target failure row. */
    static final int PER_TARGET_MIN_TARGETS = 2_000;
    static final long SEED = 8;
    static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;
    static final Notification MAINTENANCE = Notification.builder()
            .message("Maintenance in 15 minutes, please save your work").severity(Severity.WARNING).build();
    /** Fast retries: 6 attempts, 1-5 ms backoff, retry-after hints honoured up to 5 ms. */
    static final RetrySettings FAST = RetrySettings.custom().maxAttempts(6).initialBackoff(Duration.ofMillis(1))
            .maxBackoff(Duration.ofMillis(5)).maxRetryAfter(Duration.ofMillis(5)).build();
    static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    static final Duration LONG_LATENCY = Duration.ofMillis(1_200);
    private static final int HOSTILE_TARGETS = 250;

    /** Inventories are immutable and costly to generate: one per size and seed, shared by every provider. */
    private static final Map<String, Inventory> INVENTORIES = new ConcurrentHashMap<>();
    private static final List<String> SUMMARY = Collections.synchronizedList(new ArrayList<>());

    private final OutputCapture capture = new OutputCapture();
    private ProviderExpectations expectations;

    /** For subclasses. */
    protected TransportCompatibilityKit() {
    }

    // ------------------------------------------------------------------------------------------------ the SPI

    /**
     * Starts the provider's emulator serving {@code inventory}, with the credentials of {@link #credentials()}.
     *
     * @param inventory what the emulator serves: desktops, each with one connected session, no pools
     * @param options the seed and worker threads to hand to the emulator's builder
     * @return the started emulator; the kit closes it
     */
    protected abstract Emulator startEmulator(Inventory inventory, EmulatorOptions options);

    /**
     * The targets to send to: one per desktop (or session) of the inventory that the provider shows a notification
     * on, of one target kind the transport reaches natively.
     *
     * @param inventory the inventory the emulator serves
     * @return the targets, each one distinct
     */
    protected abstract List<Target> targets(Inventory inventory);

    /**
     * Builds the provider's transport with the credentials of {@link #credentials()}.
     *
     * @param endpoint where to send: the emulator's {@link Emulator#baseUri()} or the kit's hostile server
     * @param settings the settings of the check, to hand to the builder unchanged
     * @return the transport; the kit closes it
     * @throws ConfigurationException from the builder when a setting is refused (the kit passes bad ones on
     *     purpose)
     */
    protected abstract Transport transport(URI endpoint, ClientSettings settings);

    /**
     * The route of the provider's send request, where the kit injects faults and looks for what was sent.
     *
     * @return the route of the send
     */
    protected abstract Route sendRoute();

    /**
     * The routes the transport follows a send with (Huawei Workspace polls the job a send started), where the kit
     * injects the same faults. Default: none.
     *
     * @return the routes, empty when a send's answer is final
     */
    protected List<Route> followUpRoutes() {
        return List.of();
    }

    /**
     * Reads which targets a send request names (in its body or path), so that the kit can prove that every UNKNOWN
     * target was in a request the provider received, and no CANCELLED target ever was.
     *
     * @param send a request on {@link #sendRoute()} from the emulator's journal
     * @return the ids of the targets it names, as in {@link Target#value()}
     */
    protected abstract Set<String> targetIdsIn(RecordedRequest send);

    /**
     * The credentials the emulator and the transport are configured with (passwords, keys, static tokens; user
     * names only where the provider treats them as secret). Use distinctive strings, so that a match in the output
     * is not a coincidence.
     *
     * @return every configured secret, each not blank
     */
    protected abstract Set<String> credentials();

    /**
     * The tokens the provider issued during a check, which must not show either. Default: every token sent as
     * {@code Authorization: Bearer <token>}; override to add tokens sent elsewhere (a refresh token in a body).
     *
     * @param journal the emulator's journal after the check
     * @return the tokens seen on the wire
     */
    protected Set<String> tokensSeen(Journal journal) {
        Set<String> tokens = new LinkedHashSet<>();
        for (RecordedRequest r : journal.requests()) {
            String auth = r.header("authorization");
            if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
                tokens.add(auth.substring(7).trim());
            }
        }
        return tokens;
    }

    /**
     * What truly differs between providers for the kit's checks; called once per test instance.
     *
     * @return the provider's declarations
     */
    protected abstract ProviderExpectations expectations();

    // ------------------------------------------------------------------------------------------ the fixture

    final ProviderExpectations expect() {
        if (expectations == null) {
            expectations = expectations();
        }
        return expectations;
    }

    static Inventory inventory(int targets, long seed) {
        return INVENTORIES.computeIfAbsent(targets + "/" + seed, k -> Inventory.builder().seed(seed)
                .desktops(targets).pools(0).users(Math.max(1, targets / 2)).connectedFraction(1.0)
                .disconnectedFraction(0.0).build());
    }

    final Rig start(int targets, long seed) {
        return start(targets, seed, 24);
    }

    final Rig start(int targets, long seed, int serverThreads) {
        return new Rig(this, inventory(targets, seed), new EmulatorOptions(seed, serverThreads));
    }

    /**
     * Targets of a fault-matrix job: {@link #MATRIX_CALLS} full calls of the provider's batch size for its target
     * kind, between {@link #MIN_MATRIX_TARGETS} and {@link #MATRIX_TARGETS}. Per-target failures cost no waiting
     * and need many targets for their rate, so that row has at least {@link #PER_TARGET_MIN_TARGETS} (5% of them
     * is 100, within 30% of it by three standard deviations); a provider of one target per call gets no more, as
     * each is a call of its own.
     */
    final int matrixTargets(FaultCase f) {
        if (f == FaultCase.PER_TARGET) {
            return Math.max(PER_TARGET_MIN_TARGETS, Math.min(MATRIX_TARGETS, MATRIX_CALLS * targetsPerCall()));
        }
        return Math.max(MIN_MATRIX_TARGETS, Math.min(MATRIX_TARGETS, MATRIX_CALLS * targetsPerCall()));
    }

    /** The most targets of the provider's kind one call carries (1 for Azure Virtual Desktop and Citrix). */
    final int targetsPerCall() {
        TargetKind kind = targets(inventory(20, 3)).get(0).kind();
        try (Transport probe = transportTo(URI.create("http://127.0.0.1:9"), s -> s)) {
            return probe.capabilities().maxBatchSize(kind);
        }
    }

    /**
     * Targets for a hostile server that knows no inventory: the provider's own targets of a generated inventory,
     * so that their ids have the form the transport accepts (Azure Virtual Desktop's {@code hostPool/host/id}).
     */
    final List<Target> madeUpTargets(int count) {
        List<Target> targets = targets(inventory(count, 3));
        if (targets.size() < count) {
            throw new IllegalStateException("targets(inventory) gave " + targets.size() + " targets for an inventory "
                    + "of " + count + " connected desktops");
        }
        return targets.subList(0, count);
    }

    final Transport transportTo(URI endpoint, UnaryOperator<ClientSettings> custom) {
        return transport(endpoint, custom.apply(ClientSettings.defaults()));
    }

    @BeforeEach
    void startCapture() {
        capture.start();
    }

    @AfterEach
    void stopCapture() {
        capture.stop();
    }

    @AfterAll
    static void printSummary() {
        synchronized (SUMMARY) {
            SUMMARY.forEach(System.out::println);
            SUMMARY.clear();
        }
    }

    // ------------------------------------------------------------------------------------------ fault matrix

    /** The faults, and what each one must leave behind besides the common guarantees. */
    enum FaultCase {
        /** 429 with Retry-After: provably not processed, retried. */
        THROTTLED_429(Fault.throttled(Duration.ofSeconds(1)), Expect.NOT_PROCESSED),
        /** 500 after the provider acted: ambiguous, never retried. */
        SERVER_ERROR_500(Fault.serverError().afterProcessing(), Expect.PROCESSED),
        /** 503 with Retry-After before processing: retried. */
        UNAVAILABLE_503(Fault.serviceUnavailable(Duration.ofSeconds(1)), Expect.NOT_PROCESSED),
        /** The connection closes before the provider acts, after the request was written. */
        CONNECTION_RESET(Fault.connectionReset().beforeProcessing(), Expect.AMBIGUOUS_NOT_PROCESSED),
        /** The provider acts, then answers after the client's request timeout. */
        READ_TIMEOUT(Fault.latency(LONG_LATENCY).afterProcessing(), Expect.PROCESSED),
        /** The answer's body trickles before the provider acted, outlasting the client's deadline. */
        SLOW_BODY_BEFORE(Fault.slowBody(LONG_LATENCY).beforeProcessing(), Expect.AMBIGUOUS_NOT_PROCESSED),
        /** The provider acts, then the answer's body trickles past the client's deadline. */
        SLOW_BODY_AFTER(Fault.slowBody(LONG_LATENCY).afterProcessing(), Expect.PROCESSED),
        /** Status and headers at once, then no body, before the provider acted. */
        STALLED_BODY_BEFORE(Fault.stalledBody(LONG_LATENCY).beforeProcessing(), Expect.AMBIGUOUS_NOT_PROCESSED),
        /** The provider acts; status and headers at once, then no body. */
        STALLED_BODY_AFTER(Fault.stalledBody(LONG_LATENCY).afterProcessing(), Expect.PROCESSED),
        /** The provider acts, then answers 200 with broken JSON. */
        MALFORMED_JSON(Fault.malformedJson().afterProcessing(), Expect.PROCESSED),
        /** The provider acts, then the answer is cut half way. */
        TRUNCATED_BODY(Fault.truncatedBody().afterProcessing(), Expect.PROCESSED),
        /** 401 as for an expired token (what follows is the provider's {@link ProviderExpectations.Unauthorized}). */
        TOKEN_EXPIRY(Fault.unauthorized(), Expect.NOT_PROCESSED),
        /** Individual targets fail inside an accepted request. */
        PER_TARGET(null, Expect.NOT_PROCESSED);

        final Fault fault;
        final Expect expect;

        FaultCase(Fault fault, Expect expect) {
            this.fault = fault;
            this.expect = expect;
        }

        /** Whether the fault makes the answer outlast {@link #LONG_LATENCY}, so the client's deadline is short. */
        boolean outlastsTheDeadline() {
            return fault != null && switch (fault.kind()) {
                case LATENCY, SLOW_BODY, STALLED_BODY -> true;
                default -> false;
            };
        }
    }

    /** What a struck request did at the provider. */
    enum Expect {
        /** Nothing: shown exactly the DELIVERED targets, none UNKNOWN. */
        NOT_PROCESSED,
        /** Nothing, but the client cannot know: UNKNOWN targets allowed, none of them shown. */
        AMBIGUOUS_NOT_PROCESSED,
        /** The notification was shown: every UNKNOWN target was shown, nothing FAILED. */
        PROCESSED,
        /** Rejected sends show nothing (FAILED); a rejected follow-up leaves shown targets UNKNOWN. */
        NOT_SENT_OR_FOLLOW_UP_FAILED
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (FaultCase f : FaultCase.values()) {
            for (double rate : new double[] {0.05, 0.20, 0.50}) {
                all.add(Arguments.of(f, rate));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("matrix")
    void everyTargetEndsInExactlyOneTruthfulRecordAndNoSecretShows(FaultCase f, double rate) throws Exception {
        long started = System.nanoTime();
        // Answers held back past the deadline hold an emulator thread each (and a follow-up's too). With too few
        // threads the requests behind them queue in the emulator, time out at the client and are processed later:
        // UNKNOWN and shown, truthfully, but no longer the fault under test.
        int serverThreads = f.outlastsTheDeadline() ? 160 : 24;
        int targets = matrixTargets(f);
        try (Rig rig = start(targets, SEED, serverThreads)) {
            if (f == FaultCase.PER_TARGET) {
                rig.faults().failTargetsWithProbability(rate);
            } else {
                rig.injectEverywhere(f.fault, Trigger.withProbability(rate));
            }
            Transport transport = rig.transport(s -> (f.outlastsTheDeadline() ? s.requestTimeout(SHORT_TIMEOUT) : s)
                    .expiringToken(f == FaultCase.TOKEN_EXPIRY));
            JobOutcome out = run(rig, transport, FAST);
            SUMMARY.add(String.format("matrix %-26s %-16s %3.0f%% strikes=%-4d %s in %d ms", getClass().getSimpleName(),
                    f, rate * 100, rig.strikes(), out.summary(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));

            out.assertConsistent(rig.targets, false);
            if (f != FaultCase.PER_TARGET) {
                assertThat(rig.strikes()).as("the fault struck").isPositive();
            }
            Expect expect = f == FaultCase.TOKEN_EXPIRY
                    && expect().unauthorized() == ProviderExpectations.Unauthorized.IS_FINAL
                    ? Expect.NOT_SENT_OR_FOLLOW_UP_FAILED : f.expect;
            if (f == FaultCase.MALFORMED_JSON && expect().unexpectedSendAnswer().isEmpty()) {
                // the send's answer is an empty 200 (Azure Virtual Desktop): a body put in its place says nothing,
                // so the truthful record of a processed send is DELIVERED, and it is shown
                expect = Expect.NOT_PROCESSED;
            }
            switch (expect) {
                case NOT_PROCESSED -> out.assertShownExactlyTheDelivered();
                case NOT_SENT_OR_FOLLOW_UP_FAILED -> {
                    // a 401 on a follow-up after the send was accepted: shown, outcome unknown
                    Eventually.untilAsserted(Duration.ofSeconds(5), () ->
                            assertThat(rig.journal().shownTargets().keySet()).containsAll(out.ids(Outcome.UNKNOWN)));
                    String prefix = expect().unauthorizedErrorCodePrefix();
                    assertThat(out.records.stream().filter(r -> r.outcome() == Outcome.FAILED)
                            .allMatch(r -> r.errorCode().orElse("").startsWith(prefix)))
                            .as("FAILED only for the rejected token (%s...)", prefix).isTrue();
                }
                case AMBIGUOUS_NOT_PROCESSED -> {
                    assertThat(out.shown.keySet()).isEqualTo(out.ids(Outcome.DELIVERED));
                    assertThat(out.ids(Outcome.UNKNOWN)).as("UNKNOWN after a reset").isNotEmpty();
                }
                case PROCESSED -> {
                    assertThat(out.ids(Outcome.FAILED)).as("FAILED after a processed request").isEmpty();
                    assertThat(out.ids(Outcome.UNKNOWN)).as("UNKNOWN after a processed request").isNotEmpty();
                    // the journal may trail the client by a request still being answered
                    Eventually.untilAsserted(Duration.ofSeconds(5), () ->
                            assertThat(rig.journal().shownTargets().keySet()).containsAll(out.ids(Outcome.UNKNOWN)));
                }
            }
            if (f == FaultCase.PER_TARGET) {
                assertThat(out.ids(Outcome.FAILED).size()).as("per-target failures near the rate")
                        .isBetween((int) (targets * rate * 0.7), (int) (targets * rate * 1.3));
                out.records.stream().filter(r -> r.outcome() == Outcome.FAILED).forEach(r ->
                        assertThat(r.errorCode()).as("the provider's code").isPresent());
            }
            capture.assertNoneOf(rig.secrets());
        }
    }

    /**
     * At-least-once ({@code retryAmbiguous(true)}): ambiguous batches are sent again, so a target may be shown
     * twice, but every target still ends in exactly one record and the report equals the records.
     */
    @Test
    void atLeastOnceMayShowTwiceButStillKeepsOneRecordPerTarget() throws Exception {
        try (Rig rig = start(matrixTargets(FaultCase.SERVER_ERROR_500), SEED)) {
            rig.faults().inject(rig.sendRoute(), Fault.serverError().afterProcessing(), Trigger.withProbability(0.2));
            RetrySettings atLeastOnce = RetrySettings.custom().maxAttempts(6).initialBackoff(Duration.ofMillis(1))
                    .maxBackoff(Duration.ofMillis(5)).retryAmbiguous(true).build();
            JobOutcome out = run(rig, rig.transport(), atLeastOnce);

            out.assertConsistent(rig.targets, true);
            assertThat(rig.journal().targetsShownMoreThanOnce()).as("resent after a 500 that was processed")
                    .isNotEmpty();
            assertThat(out.ids(Outcome.DELIVERED)).containsAll(rig.journal().targetsShownMoreThanOnce());
            capture.assertNoneOf(rig.secrets());
        }
    }

    /**
     * A Retry-After far beyond {@code maxRetryAfter} delays neither the retry nor the provider's other requests
     * longer than {@code maxRetryAfter}.
     */
    @Test
    void aRetryAfterLongerThanTheCapPausesNoLongerThanTheCap() throws Exception {
        try (Rig rig = start(1_000, SEED)) {
            rig.faults().inject(rig.sendRoute(), Fault.throttled(Duration.ofSeconds(30)), Trigger.next(3));
            long started = System.nanoTime();

            JobOutcome out = run(rig, rig.transport(), FAST);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(out.ids(Outcome.DELIVERED)).hasSize(1_000);
            assertThat(rig.faults().strikes(rig.sendRoute())).isEqualTo(3);
            capture.assertNoneOf(rig.secrets());
        }
    }

    /** The scan is not vacuous where the provider's test runs: a secret in a record, a log or the console is found. */
    @Test
    void theSecretScanFindsASecretWhereverItShows() {
        String secret = credentials().iterator().next();
        OutputCapture records = new OutputCapture();
        records.text("a record saying " + secret);
        assertThatThrownBy(() -> records.assertNoneOf(Set.of(secret))).isInstanceOf(AssertionError.class);
        OutputCapture logs = new OutputCapture();
        logs.start();
        try {
            System.getLogger("io.desknotify.test").log(System.Logger.Level.TRACE, "trace with {0}", secret);
        } finally {
            logs.stop();
        }
        assertThatThrownBy(() -> logs.assertNoneOf(Set.of(secret))).isInstanceOf(AssertionError.class);
        OutputCapture console = new OutputCapture();
        console.start();
        try {
            System.err.println("console " + secret);
        } finally {
            console.stop();
        }
        assertThatThrownBy(() -> console.assertNoneOf(Set.of(secret))).isInstanceOf(AssertionError.class);
    }

    /** Sends the rig's targets through a notifier over {@code transport}; closes the notifier; captures output. */
    private JobOutcome run(Rig rig, Transport transport, RetrySettings retry) throws Exception {
        capture.text(transport);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Notifier.Builder b = Notifier.builder().transport(transport).retry(retry).maxConcurrentBatches(8)
                .jobPolling(Duration.ofMillis(20), Duration.ofSeconds(30)).closeTimeout(Duration.ofSeconds(5))
                .meterRegistry(meters).listener(capture);
        JobOutcome out;
        try (Notifier notifier = b.build()) {
            NotificationJob job = notifier.send(MAINTENANCE, rig.targets);
            JobReport report = job.completion().get(90, TimeUnit.SECONDS);
            capture.text(job.progress());
            capture.report(report);
            out = new JobOutcome(notifier, report, rig);
            capture.records(out.records);
        }
        capture.text(transport);
        capture.meters(meters);
        assertThat(capture.logRecords()).as("the transport logged at DEBUG, so the scan saw its logs").isPositive();
        assertThat(capture.listenerEvents()).isPositive();
        return out;
    }

    // -------------------------------------------------------------------------------------- hostile provider

    /** Runs one job against a hostile server; checks one record per target and scans the output. */
    private List<DeliveryRecord> runAgainst(HostileServer hostile, UnaryOperator<ClientSettings> settings)
            throws Exception {
        Transport transport = transportTo(hostile.uri(), settings);
        capture.text(transport);
        List<Target> targets = madeUpTargets(HOSTILE_TARGETS);
        List<DeliveryRecord> records;
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (Notifier notifier = Notifier.builder().transport(transport).retry(FAST)
                .jobPolling(Duration.ofMillis(20), Duration.ofSeconds(5)).closeTimeout(Duration.ofSeconds(2))
                .listener(capture).meterRegistry(meters).build()) {
            JobReport report = notifier.send(MAINTENANCE, targets).completion().get(30, TimeUnit.SECONDS);
            capture.report(report);
            records = notifier.records(RecordQuery.builder().jobId(report.jobId()).limit(RecordQuery.MAX_LIMIT)
                    .build()).items();
            assertThat(report.targets()).isEqualTo(HOSTILE_TARGETS);
            assertThat(report.count(Outcome.PENDING)).as("no record left PENDING").isZero();
        }
        capture.records(records);
        capture.meters(meters);
        Set<String> ids = new HashSet<>();
        records.forEach(r -> assertThat(ids.add(r.target().value())).as("one record for %s", r.target()).isTrue());
        assertThat(ids).hasSize(HOSTILE_TARGETS);
        Set<String> secrets = new LinkedHashSet<>(credentials());
        secrets.addAll(hostile.tokensHandedOut);
        capture.assertNoneOf(secrets);
        return records;
    }

    private HostileServer hostileServer() throws IOException {
        return new HostileServer(expect().hostileSetupAnswers());
    }

    private static void allUnknownSaying(List<DeliveryRecord> records, String code, String reason) {
        for (DeliveryRecord r : records) {
            assertThat(r.outcome()).as("a 2xx answer: the provider may have acted").isEqualTo(Outcome.UNKNOWN);
            assertThat(r.errorCode()).hasValue(code);
            assertThat(r.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains(reason));
            assertThat(r.attempts()).as("never retried: the answer would be the same").isEqualTo(1);
        }
    }

    @Test
    void anAnswerAnnouncedLargerThanTheDefaultCapIsRefusedUnread() throws Exception {
        try (HostileServer hostile = hostileServer()) {
            hostile.answering(HostileServer.huge(64L << 20, true));

            List<DeliveryRecord> records = runAgainst(hostile, s -> s);

            allUnknownSaying(records, expect().responseTooLargeCode(), "limit is " + DEFAULT_MAX_RESPONSE_BYTES
                    + " bytes");
            Eventually.until(Duration.ofSeconds(10), hostile.clientHungUp::get, "the client hung up");
            assertThat(hostile.bodyBytesWritten.get()).as("bytes the provider got to write of 64 MiB")
                    .isLessThan(16L << 20);
        }
    }

    @Test
    void aStreamedAnswerGrowingPastTheCapIsCutOffWithoutReadingItAll() throws Exception {
        try (HostileServer hostile = hostileServer()) {
            hostile.answering(HostileServer.huge(64L << 20, false));

            List<DeliveryRecord> records = runAgainst(hostile, s -> s.maxResponseBytes(64 * 1024));

            allUnknownSaying(records, expect().responseTooLargeCode(), "limit is 65536 bytes");
            Eventually.until(Duration.ofSeconds(10), hostile.clientHungUp::get, "the client hung up");
            assertThat(hostile.bodyBytesWritten.get()).isLessThan(16L << 20);
        }
    }

    /** Both shapes, since a provider answers with an object or an array: the cap holds before the shape is read. */
    @ParameterizedTest(name = "nested in {0}")
    @ValueSource(strings = {"an array", "an object"})
    void deeplyNestedJsonIsRefusedWithoutACrash(String shape) throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String body = shape.equals("an array") ? deep : "{\"items\":" + deep + "}";
        try (HostileServer hostile = hostileServer()) {
            hostile.answering((ex, s) -> HostileServer.respond(ex, 200, body));

            List<DeliveryRecord> records = runAgainst(hostile, s -> s);

            if (expect().unexpectedSendAnswer().isEmpty()) {
                // the send's answer is an empty 200 that the transport does not read: a 200 is an acceptance
                assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.outcome()).as("a 200 to a send "
                        + "whose answer has no body").isEqualTo(Outcome.DELIVERED));
            } else {
                allUnknownSaying(records, expect().unexpectedAnswerCode(), "nested deeper than 32");
            }
        }
    }

    @Test
    void aRedirectIsNotFollowedAndNothingReachesTheOtherHost() throws Exception {
        try (HostileServer hostile = hostileServer(); HostileServer elsewhere = hostileServer()) {
            hostile.redirectEverything = elsewhere.uri();

            List<DeliveryRecord> records = runAgainst(hostile, s -> s);

            assertThat(elsewhere.paths()).as("requests that reached the other host").isEmpty();
            assertThat(hostile.paths()).isNotEmpty();
            for (DeliveryRecord r : records) {
                assertThat(r.outcome()).as("a 307 is no acceptance").isEqualTo(Outcome.FAILED);
                assertThat(r.errorMessage()).hasValueSatisfying(m -> assertThat(m).contains("307"));
            }
        }
    }

    @Test
    void a200OfAnUnexpectedShapeIsARecordWithAClearReasonNotACrash() throws Exception {
        String body = expect().unexpectedSendAnswer().orElse("{\"desknotify-kit\":\"not an answer of the API\"}");
        try (HostileServer hostile = hostileServer()) {
            hostile.answering((ex, s) -> HostileServer.respond(ex, 200, body));

            List<DeliveryRecord> records = runAgainst(hostile, s -> s);

            if (expect().unexpectedSendAnswer().isPresent()) {
                allUnknownSaying(records, expect().unexpectedAnswerCode(), expect().unexpectedSendAnswerReason());
            }
            // else the provider's answer to a send carries nothing to check: one record per target is the proof
        }
    }

    // --------------------------------------------------------------------------------------------- bad input

    private static void setting(ThrowingCallable call, String setting) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.setting()).isEqualTo(setting);
            assertThat(e.getMessage()).contains(setting);
        });
    }

    private static void field(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(field);
        });
    }

    @ParameterizedTest
    @CsvSource({"PT0S", "PT-1S", "PT-0.001S"})
    void zeroAndNegativeTimeoutsAreRefusedByTheBuilderNamingTheSetting(String text) {
        Duration d = Duration.parse(text);
        URI loopback = URI.create("http://127.0.0.1:9");
        setting(() -> transportTo(loopback, s -> s.connectTimeout(d)).close(), "connectTimeout");
        setting(() -> transportTo(loopback, s -> s.requestTimeout(d)).close(), "requestTimeout");
    }

    private Map<String, String> factorySettings(String key, String value) {
        Assumptions.assumeTrue(expect().factoryType().isPresent(), "the provider declares no TransportFactory");
        Map<String, String> m = new HashMap<>(expect().factorySettings());
        m.put(key, value);
        return m;
    }

    private void buildThroughTheFactory(Map<String, String> settings) {
        Notifier.builder().transport(expect().factoryType().orElseThrow(), TransportSettings.of(null, settings));
    }

    @ParameterizedTest
    @CsvSource({
            "connect-timeout, 0s", "connect-timeout, 0ms", "connect-timeout, -5s",
            "request-timeout, 0s", "request-timeout, PT0S", "request-timeout, -1s"})
    void zeroAndNegativeTimeoutsAreRefusedByTheFactoryNamingTheKey(String key, String value) {
        Map<String, String> settings = factorySettings(key, value);
        setting(() -> buildThroughTheFactory(settings), key);
    }

    @ParameterizedTest
    @CsvSource({"http://workspace.example.com", "http://10.0.0.1:8080", "http://127.example.com", "ftp://x.example"})
    void plainHttpOutsideLoopbackIsRefusedByTheFactoryNamingTheKey(String uri) {
        Map<String, String> settings = factorySettings(expect().factoryEndpointKey(), uri);
        setting(() -> buildThroughTheFactory(settings), expect().factoryEndpointKey());
    }

    @Test
    void anUnknownProviderIsRefusedNamingIt() {
        setting(() -> Notifier.builder().transport("no-such-provider", TransportSettings.of(null, Map.of())),
                "provider");
    }

    @Test
    void noSecretShowsInTheFactorysErrors() {
        List<Map<String, String>> bad = List.of(factorySettings("request-timeout", "0s"),
                factorySettings("connect-timeout", "-1s"),
                factorySettings(expect().factoryEndpointKey(), "http://h.example"));
        for (Map<String, String> settings : bad) {
            assertThatThrownBy(() -> buildThroughTheFactory(settings)).isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> {
                        for (String secret : credentials()) {
                            assertThat(e.toString()).doesNotContain(secret);
                        }
                    });
        }
    }

    @Test
    void badSendsThroughTheNotifierNameTheFieldAndNothingReachesTheEmulator() throws Exception {
        try (Rig rig = start(20, 3); Notifier notifier = Notifier.builder().transport(rig.transport()).build()) {
            Notification ok = Notification.builder().message("Maintenance in 15 minutes").build();
            List<Target> targets = rig.targets;

            field(() -> notifier.send(null, targets), "notification");
            field(() -> notifier.send(Notification.builder().message("x".repeat(1025)).build(), targets), "message");
            field(() -> notifier.send(ok, null), "targets");
            field(() -> notifier.send(ok, List.of()), "targets");
            List<Target> withNull = new ArrayList<>(targets);
            withNull.add(3, null);
            field(() -> notifier.send(ok, withNull), "targets[3]");
            List<Target> elsewhere = new ArrayList<>(targets);
            elsewhere.add(Target.desktop("d-1").via("no-such-provider"));
            field(() -> notifier.send(ok, elsewhere), "targets[" + targets.size() + "].provider");
            try (Transport probe = rig.transport()) {
                // a kind the transport cannot reach; every provider so far leaves at least one out
                Stream.of(TargetKind.values()).filter(k -> !probe.capabilities().reaches(k)).findFirst()
                        .ifPresent(k -> field(() -> notifier.send(ok, List.of(targets.get(0),
                                Target.of(k, "x-1", null))), "targets[1]"));
            }
            List<Target> overMillion = IntStream.range(0, 1_000_001)
                    .mapToObj(i -> Target.of(targets.get(0).kind(), "t" + i, null)).toList();
            field(() -> notifier.send(ok, overMillion), "targets");

            assertThat(rig.journal().requests()).as("requests the emulator received").isEmpty();
        }
    }

    @Test
    void duplicateTargetsAreSentOnceAndRecordedOnce() throws Exception {
        try (Rig rig = start(20, 3); Notifier notifier = Notifier.builder().transport(rig.transport()).build()) {
            List<Target> twice = new ArrayList<>(rig.targets);
            twice.addAll(rig.targets);
            twice.add(rig.targets.get(0));

            JobReport report = notifier.send(MAINTENANCE, twice).completion().get(30, TimeUnit.SECONDS);

            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(rig.targets.size());
            assertThat(notifier.records(RecordQuery.builder().jobId(report.jobId()).build()).total())
                    .isEqualTo(rig.targets.size());
            assertThat(rig.journal().targetsShownMoreThanOnce()).isEmpty();
            assertThat(rig.journal().totalShown()).isEqualTo(rig.targets.size());
        }
    }

    // ------------------------------------------------------------------------------------ threads and close

    private static Set<Thread> threads(String... prefixes) {
        Set<Thread> found = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && Stream.of(prefixes).anyMatch(p -> t.getName().startsWith(p))) {
                found.add(t);
            }
        }
        return found;
    }

    /** Open socket descriptors of this JVM (Linux), or -1 where /proc is not available. */
    private static long sockets() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fds)) {
            return s.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Java 17's {@link java.net.http.HttpClient} has no {@code close()}: its selector thread ends when the client
     * becomes unreachable. So release is proven in two steps: the notifier's, the transport's and the emulator's
     * threads end at {@code close()}; the {@code HttpClient-*} threads and the sockets end once the closed notifier
     * and its transport are unreachable and collected.
     */
    @Test
    void noThreadOrConnectionOutlivesCloseAfterAHundredJobs() throws Exception {
        String emulatorThreads = expect().emulatorThreadPrefix();
        Set<Thread> before = threads("desknotify-", "HttpClient-", emulatorThreads);
        long socketsBefore = sockets();

        runAHundredJobsAndClose();

        Eventually.untilAsserted(Duration.ofSeconds(10), () -> {
            Set<Thread> left = threads("desknotify-", emulatorThreads);
            left.removeAll(before);
            assertThat(left).isEmpty();
        });
        Eventually.untilAsserted(Duration.ofSeconds(20), Duration.ofMillis(200), () -> {
            System.gc();
            Set<Thread> left = threads("HttpClient-");
            left.removeAll(before);
            assertThat(left).as("HttpClient threads after close and collection").isEmpty();
            if (socketsBefore >= 0) {
                assertThat(sockets()).as("open sockets").isLessThanOrEqualTo(socketsBefore);
            }
        });
    }

    private void runAHundredJobsAndClose() throws Exception {
        try (Rig rig = start(1_000, 5)) {
            Notifier notifier = Notifier.builder().transport(rig.transport()).retry(FAST)
                    .jobPolling(Duration.ofMillis(10), Duration.ofSeconds(30)).build();
            List<NotificationJob> jobs = new ArrayList<>();
            for (int j = 0; j < 100; j++) {
                jobs.add(notifier.send(MAINTENANCE, rig.targets.subList(j * 10, j * 10 + 10)));
            }
            for (NotificationJob job : jobs) {
                assertThat(job.completion().get(60, TimeUnit.SECONDS).count(Outcome.DELIVERED)).isEqualTo(10);
            }
            assertThat(threads("HttpClient-")).as("the transport's HTTP threads while running").isNotEmpty();
            notifier.close();
            assertThat(threads("desknotify-")).as("notifier threads right after close()").allMatch(t -> {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return !t.isAlive();
            });
            assertThat(rig.journal().totalShown()).isEqualTo(1_000);
        }
    }

    /**
     * Java 17's {@code HttpClient.sendAsync} completes answers on {@code CompletableFuture}'s default executor,
     * which on a 2-CPU machine starts a new thread per task. A transport sends on threads of its own instead,
     * reused from one request to the next and ended by {@code close()}.
     */
    @Test
    void sendsOneAfterAnotherStartNoThreadPerAnswerAndTheirThreadsEndAtClose() throws Exception {
        ThreadMXBean jvm = ManagementFactory.getThreadMXBean();
        String transportThreads = expect().transportThreadPrefix();
        String caller = Thread.currentThread().getName();
        Set<String> completedOn = ConcurrentHashMap.newKeySet();
        try (Rig rig = start(100, 8)) {
            Transport transport = rig.transport();
            long started;
            try {
                // warm-up: the emulator's server starts its threads, the transport its first (and logs in)
                for (int i = 0; i < 30; i++) {
                    deliver(transport, rig, i).get(10, TimeUnit.SECONDS);
                }
                long startedBefore = jvm.getTotalStartedThreadCount();

                for (int i = 0; i < 60; i++) {
                    deliver(transport, rig, i).whenComplete((r, e) -> completedOn.add(Thread.currentThread()
                            .getName())).get(10, TimeUnit.SECONDS);
                }

                started = jvm.getTotalStartedThreadCount() - startedBefore;
                assertThat(threads(transportThreads)).as("the transport's threads after 60 sends").isNotEmpty()
                        .allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
            } finally {
                transport.close();
            }

            assertThat(started).as("threads started in the JVM during 60 sends").isLessThan(10);
            assertThat(completedOn).as("threads the answers were handed over on")
                    .allSatisfy(n -> assertThat(n.startsWith(transportThreads) || n.equals(caller)).isTrue());
            Eventually.untilAsserted(Duration.ofSeconds(5),
                    () -> assertThat(threads(transportThreads)).as("after close()").isEmpty());
        }
    }

    private static CompletableFuture<BatchResult> deliver(Transport transport, Rig rig, int i) {
        Target t = rig.targets.get(i % rig.targets.size());
        return transport.deliver(new Batch("threads-" + i, t.kind(), List.of(t), MAINTENANCE, 1))
                .toCompletableFuture();
    }

    @Test
    void closeWaitsForInFlightBatchesWithinItsDeadline() throws Exception {
        // 20 rounds of 8 calls at 150 ms: about 3 s however many targets a call carries
        int targets = Math.min(2_000, 20 * 8 * targetsPerCall());
        try (Rig rig = start(targets, 6)) {
            rig.faults().inject(rig.sendRoute(), Fault.latency(Duration.ofMillis(150)), Trigger.always());
            Notifier notifier = Notifier.builder().transport(rig.transport()).maxConcurrentBatches(8)
                    .jobPolling(Duration.ofMillis(10), Duration.ofSeconds(30)).closeTimeout(Duration.ofSeconds(30))
                    .build();
            NotificationJob job = notifier.send(MAINTENANCE, rig.targets);

            notifier.close();

            assertThat(job.completion()).as("close() returned after the job ended").isDone();
            JobReport report = job.completion().get();
            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(targets);
            assertThat(rig.journal().totalShown()).isEqualTo(targets);
            assertThat(rig.journal().targetsShownMoreThanOnce()).isEmpty();
        }
    }

    @Test
    void afterTheDeadlineCloseCancelsTheRestWhichIsRecordedCancelledAndNeverSent() throws Exception {
        try (Rig rig = start(2_000, 7)) {
            rig.faults().inject(rig.sendRoute(), Fault.latency(Duration.ofMillis(1_500)), Trigger.always());
            Notifier notifier = Notifier.builder().transport(rig.transport()).maxConcurrentBatches(4)
                    .jobPolling(Duration.ofMillis(10), Duration.ofSeconds(30)).closeTimeout(Duration.ofMillis(300))
                    .build();
            NotificationJob job = notifier.send(MAINTENANCE, rig.targets);
            Eventually.until(Duration.ofSeconds(5), () -> rig.journal().requestCount(rig.sendRoute()) > 0,
                    "a send reached the emulator");

            long started = System.nanoTime();
            notifier.close();
            long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertThat(closeMillis).as("close() waits about twice its timeout, not for the batches").isLessThan(1_400);
            JobReport report = job.completion().get(20, TimeUnit.SECONDS);
            JobOutcome out = new JobOutcome(notifier, report, rig);
            out.assertConsistent(rig.targets, false);
            assertThat(report.status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(out.ids(Outcome.CANCELLED)).as("batches never started").hasSizeGreaterThanOrEqualTo(1_500);
            assertThat(out.inSendRequests).as("CANCELLED targets were never sent")
                    .doesNotContainAnyElementsOf(out.ids(Outcome.CANCELLED));
            out.records.stream().filter(r -> r.outcome() == Outcome.CANCELLED)
                    .forEach(r -> assertThat(r.errorCode()).hasValue("NOTIFIER_CLOSED"));
        }
    }

    @Test
    void batchesThatWouldBeStartedOrRetriedAfterCloseGaveUpAreCancelledNotUnknown() throws Exception {
        try (HostileServer slowThenThrottled = hostileServer()) {
            slowThenThrottled.answering((ex, s) -> {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.getResponseHeaders().set("Retry-After", "1");
                HostileServer.respond(ex, 429, "{\"error\":\"throttled\"}");
            });
            List<Target> targets = madeUpTargets(300);
            Notifier notifier = Notifier.builder().transport(transportTo(slowThenThrottled.uri(), s -> s))
                    // close() waits closeTimeout (1 s), stops the jobs, waits closeTimeout again: the 429s, 1.5 s
                    // after the sends arrived, come half way into the second wait, so the retries they ask for are
                    // the ones close() refuses. (At 1 s they raced the end of the first wait: a retry sent then was
                    // still unanswered at the end of the second, truthfully UNKNOWN, on a loaded machine.)
                    .retry(FAST).maxConcurrentBatches(2).closeTimeout(Duration.ofSeconds(1)).build();
            NotificationJob job = notifier.send(MAINTENANCE, targets);
            Eventually.until(Duration.ofSeconds(5), () -> slowThenThrottled.paths().stream()
                    .anyMatch(p -> !slowThenThrottled.isSetup(p.substring(p.indexOf(' ') + 1))),
                    "a send reached the server");

            notifier.close();

            JobReport report = job.completion().get(20, TimeUnit.SECONDS);
            List<DeliveryRecord> records = notifier.records(RecordQuery.builder().jobId(report.jobId()).limit(1_000)
                    .build()).items();
            assertThat(records).hasSize(300);
            assertThat(records.stream().map(r -> r.target().value()).distinct().count()).isEqualTo(300);
            assertThat(report.count(Outcome.PENDING)).isZero();
            assertThat(report.count(Outcome.CANCELLED)).as("%s", report).isPositive();
            assertThat(records).as("a batch not sent because of close() is CANCELLED, never UNKNOWN")
                    .allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED))
                    .allSatisfy(r -> assertThat(r.errorCode()).hasValue("NOTIFIER_CLOSED"));
        }
    }
}
