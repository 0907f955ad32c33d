package io.desknotify.testkit.internal;

import io.desknotify.testkit.RequestLimit;
import io.desknotify.testkit.Route;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What an emulator is made of besides its provider's API: a journal, a fault engine and, once
 * {@linkplain #start started} with the emulator's handler and dialect, the loopback server. Made in two steps
 * because the handler needs the journal and the faults before the server can serve with it.
 */
public final class EmulatorCore implements AutoCloseable {

    /**
     * The settings every emulator shares, taken from its {@code EmulatorBuilder}.
     *
     * @param name thread name prefix, e.g. {@code horizon-emulator}
     * @param provider the provider whose routes are served
     * @param clock the emulator's clock
     * @param seed seed of probabilistic faults
     * @param threads worker threads
     * @param journalDetails whether the journal keeps every request
     * @param limits request-rate limits
     * @param latency wait before processing an admitted request
     */
    public record Settings(String name, Route.Provider provider, Clock clock, long seed, int threads,
                           boolean journalDetails, List<RequestLimit> limits, Duration latency) {
        /** Copies the limits. */
        public Settings {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(clock, "clock");
            limits = List.copyOf(limits);
            Objects.requireNonNull(latency, "latency");
        }
    }

    private final Settings settings;
    private final JournalImpl journal;
    private final FaultEngine faults;
    private volatile EmulatorServer server;

    /** @param settings the shared settings */
    public EmulatorCore(Settings settings) {
        this.settings = settings;
        this.journal = new JournalImpl(settings.journalDetails());
        this.faults = new FaultEngine(settings.provider(), settings.seed());
    }

    /**
     * Binds the port and serves.
     *
     * @param handler the provider's processing of its routes
     * @param dialect the provider's wording of the errors the server answers by itself
     * @throws IOException if the port cannot be bound
     */
    public void start(EmulatorServer.Handler handler, Dialect dialect) throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = new EmulatorServer(settings.name(), settings.threads(), settings.provider(), handler, dialect,
                journal, faults, settings.clock(), settings.limits(), settings.latency());
    }

    /** @return the shared settings */
    public Settings settings() {
        return settings;
    }

    /** @return the journal */
    public JournalImpl journal() {
        return journal;
    }

    /** @return the fault engine */
    public FaultEngine faults() {
        return faults;
    }

    /** @return the emulator's clock */
    public Clock clock() {
        return settings.clock();
    }

    /** @return {@code http://127.0.0.1:port} */
    public URI baseUri() {
        return server.baseUri();
    }

    /**
     * What is left of the tightest request limit on a route (the one with the fewest requests left), for providers
     * that tell clients in headers, as Azure Resource Manager does with {@code x-ms-ratelimit-remaining-*}.
     *
     * @param route a route
     * @return empty when no limit applies to the route
     */
    public java.util.Optional<RateLimiter.Remaining> remaining(Route route) {
        return server.remaining(route);
    }

    /**
     * Replaces every request limit of the running emulator (see {@code Emulator#replaceRequestLimits}).
     *
     * @param limits the limits from now on; none for no limit
     */
    public void replaceRequestLimits(List<RequestLimit> limits) {
        server.replaceLimits(List.copyOf(limits));
    }

    @Override
    public void close() {
        EmulatorServer s = server;
        if (s != null) {
            s.close();
        }
    }
}
