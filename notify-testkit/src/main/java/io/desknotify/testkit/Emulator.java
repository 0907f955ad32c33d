package io.desknotify.testkit;

import java.net.URI;

/**
 * What every provider emulator offers: an endpoint, the inventory it serves, a journal and
 * fault injection. Implemented by {@code HuaweiWorkspaceEmulator} and {@code HorizonEmulator}.
 *
 * <p>An emulator serves from the moment its builder's {@code start()} returns until
 * {@link #close()}. Implementations are thread-safe.
 */
public interface Emulator extends AutoCloseable {

    /** @return the endpoint, {@code http://127.0.0.1:<port>}, without trailing slash */
    URI baseUri();

    /** @return the inventory served */
    Inventory inventory();

    /** @return what was received and shown */
    Journal journal();

    /** @return where to inject faults */
    FaultInjector faults();

    /**
     * Replaces every request limit while the emulator serves, as when a provider's administrator raises or lowers a
     * gateway's quota: from the call on, requests are judged by {@code limits} only (those of the builder's
     * {@link EmulatorBuilder#requestLimit requestLimit} and {@link EmulatorBuilder#maxRequestsPerSecond
     * maxRequestsPerSecond} included). The new limits start afresh: empty windows, full buckets. Thread-safe; a
     * request admitted at the same moment is judged by the old limits or by the new ones, never by a mix.
     *
     * <pre>{@code
     * emulator.replaceRequestLimits(RequestLimit.fixedWindow(50)); // was fixedWindow(20)
     * emulator.replaceRequestLimits();                             // no limit any more
     * }</pre>
     *
     * @param limits the limits from now on; none for no limit
     * @throws NullPointerException if {@code limits} or one of them is null
     */
    void replaceRequestLimits(RequestLimit... limits);

    /** Stops serving and releases the port and threads. Idempotent; never throws. */
    @Override
    void close();
}
