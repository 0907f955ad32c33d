package io.desknotify.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an emulator received and what it displayed, for assertions in tests.
 *
 * <p>Thread-safe. Recording is cheap (lock-free appends and per-target counters), so an
 * emulator can journal tens of thousands of notifications under load. Read methods return
 * snapshots: they are consistent per call, not across calls made while requests still run.
 *
 * <p>An emulator built with {@code journalDetails(false)} keeps only counts: the list methods
 * ({@link #requests()}, {@link #requests(Route)}, {@link #shown()}, {@link #shownOn(String)})
 * return empty lists, while the counting methods keep working. Use that for benchmarks with
 * millions of notifications.
 *
 * <pre>{@code
 * Journal journal = emulator.journal();
 * assertThat(journal.shownTargets()).containsOnlyKeys(expectedDesktopIds);
 * assertThat(journal.targetsShownMoreThanOnce()).isEmpty();
 * assertThat(journal.requests(Route.HUAWEI_SEND_DESKTOPS)).hasSize(3);
 * }</pre>
 */
public interface Journal {

    /** @return every request received, in arrival order */
    List<RecordedRequest> requests();

    /**
     * @param route a route
     * @return the requests that matched that route, in arrival order
     */
    List<RecordedRequest> requests(Route route);

    /**
     * @param route a route
     * @return how many requests matched that route
     */
    int requestCount(Route route);

    /**
     * Counted like {@link #requestCount(Route)}, also by an emulator built with {@code journalDetails(false)}, so that
     * a benchmark can tell accepted requests from refused ones as they happen (accepted = received - refused).
     * Injected {@linkplain Fault#throttled throttling faults} are not counted here.
     *
     * @param route a route
     * @return how many requests on that route a {@linkplain RequestLimit request limit} refused (answered 429
     *     without processing them); they are counted in {@link #requestCount(Route)} too
     */
    int refusedCount(Route route);

    /** @return every notification shown, in the order they were shown */
    List<ShownNotification> shown();

    /**
     * @param targetId a desktop or session id
     * @return the notifications shown on that target, in order
     */
    List<ShownNotification> shownOn(String targetId);

    /**
     * @param targetId a desktop or session id
     * @return how many times a notification was shown on it
     */
    int shownCount(String targetId);

    /** @return the number of times a notification was shown, per target id (a multiset) */
    Map<String, Integer> shownTargets();

    /** @return the total number of notifications shown */
    int totalShown();

    /**
     * When the latest notification was shown, kept also by an emulator built with {@code journalDetails(false)}, so
     * that a benchmark can tell how long after the last desktop saw the message its report was final.
     *
     * @return the time of the most recent {@link ShownNotification}, or empty when nothing was shown
     */
    Optional<Instant> lastShown();

    /** @return the ids of targets that were shown a notification more than once */
    Set<String> targetsShownMoreThanOnce();

    /**
     * The requests that broke a rule of the provider's published API, in arrival order. Kept even by an emulator
     * built with {@code journalDetails(false)} (up to the first 10,000), since a benchmark must be able to prove
     * that it stayed inside the contract too.
     *
     * @return the violations recorded so far; empty when every request kept to the contract
     */
    List<ContractViolation> contractViolations();

    /** Forgets everything recorded so far. */
    void clear();
}
