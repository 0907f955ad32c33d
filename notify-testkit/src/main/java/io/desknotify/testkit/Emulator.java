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

    /** Stops serving and releases the port and threads. Idempotent; never throws. */
    @Override
    void close();
}
