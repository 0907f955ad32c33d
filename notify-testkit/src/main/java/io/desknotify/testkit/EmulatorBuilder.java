package io.desknotify.testkit;

import io.desknotify.testkit.internal.Checks;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What every emulator's builder offers: the inventory served, the clock, the seed of probabilistic faults, the
 * server's threads, how much the journal keeps, a latency and request-rate limits. Each emulator's builder extends
 * it with the settings of its provider's API, e.g. {@code HorizonEmulator.builder().login(...).threads(4)}.
 *
 * <p>Not thread-safe. Each setter rejects bad input with an exception naming the parameter. {@link #start()} may
 * be called more than once; each call starts another emulator with the settings of that moment.
 *
 * @param <B> the concrete builder, returned by every setter
 * @param <E> the emulator it starts
 */
public abstract class EmulatorBuilder<B extends EmulatorBuilder<B, E>, E extends Emulator> {

    private Inventory inventory;
    private Clock clock = Clock.systemUTC();
    private Long seed;
    private int threads = 32;
    private boolean journalDetails = true;
    private Duration latency = Duration.ZERO;
    private int maxRequestsPerSecond;
    private final List<RequestLimit> limits = new ArrayList<>();

    /** For the builders of the emulators. */
    protected EmulatorBuilder() {
    }

    /** @return this builder as its concrete type, for the setters of intermediate builders */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * @param inventory desktops, sessions, pools and users served (default {@link Inventory#ofDefaults()})
     * @return this builder
     */
    public B inventory(Inventory inventory) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        return self();
    }

    /**
     * @param clock the emulator's time source: times in the journal, request limits, and whatever the provider's
     *     API dates, such as token lifetimes, signature dates or jobs (default UTC system clock)
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * @param seed seed of the random used by probabilistic faults and by anything else the emulator generates
     *     (default: the inventory's seed)
     * @return this builder
     */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /**
     * @param threads worker threads of the HTTP server, 1 to 256 (default 32)
     * @return this builder
     */
    public B threads(int threads) {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("threads must be within [1, 256]: " + threads);
        }
        this.threads = threads;
        return self();
    }

    /**
     * @param details false to journal only counts per route and per target, not every
     *     request and notification (default true); see {@link Journal}
     * @return this builder
     */
    public B journalDetails(boolean details) {
        this.journalDetails = details;
        return self();
    }

    /**
     * Makes every request the emulator admits wait before it is processed, like a real provider's processing time
     * (a request refused by a {@linkplain #requestLimit limit} is answered at once, as a gateway does). Real time,
     * not the {@linkplain #clock clock}; for latency on some routes only, inject {@link Fault#latency}.
     *
     * @param latency the wait, zero or more (default zero)
     * @return this builder
     */
    public B latency(Duration latency) {
        this.latency = Checks.nonNegative(latency, "latency");
        return self();
    }

    /**
     * A {@linkplain RequestLimit#fixedWindow(int) fixed-window} limit over all routes; more requests in a second are
     * answered 429 in the provider's words (see the emulator's documentation). Calling it again replaces the
     * value; it adds to the limits given with {@link #requestLimit}.
     *
     * @param max requests per second over all routes; 0 for no such limit (default 0)
     * @return this builder
     */
    public B maxRequestsPerSecond(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        this.maxRequestsPerSecond = max;
        return self();
    }

    /**
     * Adds a request-rate limit; may be called several times, and a request is then admitted only when every
     * limit that applies to its route admits it. A refused request is answered 429 in the provider's words with
     * its retry delay, journaled as received, and not processed.
     *
     * @param limit the limit, e.g. {@code RequestLimit.tokenBucket(200, 10).writesOnly()}
     * @return this builder
     */
    public B requestLimit(RequestLimit limit) {
        limits.add(Objects.requireNonNull(limit, "limit"));
        return self();
    }

    /**
     * Binds {@code 127.0.0.1} on an ephemeral port and starts serving.
     *
     * @return the running emulator; close it
     * @throws IllegalStateException if settings conflict
     * @throws UncheckedIOException if the server cannot be started
     */
    public abstract E start();

    /** @return the inventory given, or a new {@link Inventory#ofDefaults()}; call once per start */
    protected final Inventory inventoryOrDefault() {
        return inventory == null ? Inventory.ofDefaults() : inventory;
    }

    /**
     * @param inventory the inventory served
     * @return the seed given, else the inventory's
     */
    protected final long seedFor(Inventory inventory) {
        return seed == null ? inventory.seed() : seed;
    }

    /** @return the clock given */
    protected final Clock configuredClock() {
        return clock;
    }

    /** @return the threads given */
    protected final int configuredThreads() {
        return threads;
    }

    /** @return whether the journal keeps details */
    protected final boolean configuredJournalDetails() {
        return journalDetails;
    }

    /** @return the latency given */
    protected final Duration configuredLatency() {
        return latency;
    }

    /** @return every limit: {@link #maxRequestsPerSecond}'s, if any, first, then those of {@link #requestLimit} */
    protected final List<RequestLimit> configuredLimits() {
        List<RequestLimit> all = new ArrayList<>();
        if (maxRequestsPerSecond > 0) {
            all.add(RequestLimit.fixedWindow(maxRequestsPerSecond));
        }
        all.addAll(limits);
        return List.copyOf(all);
    }
}
