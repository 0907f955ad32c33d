package io.desknotify.core.inmemory;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import java.time.Duration;

/**
 * Builds {@link InMemoryTransport}s from settings, id {@code in-memory}. Settings: {@code latency} (duration),
 * {@code max-batch-size} (desktops and sessions per batch).
 */
public final class InMemoryTransportFactory implements TransportFactory {
    /** The id of this factory, {@value}. */
    public static final String ID = "in-memory";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Transport create(TransportSettings settings) {
        Duration latency = settings.duration("latency", Duration.ZERO);
        if (latency.isNegative()) {
            throw new ConfigurationException("latency", "setting 'latency' must not be negative");
        }
        int batch = settings.integer("max-batch-size", 100);
        if (batch < 1) {
            throw new ConfigurationException("max-batch-size", "setting 'max-batch-size' must be at least 1");
        }
        return InMemoryTransport.builder().provider(settings.name(ID)).latency(latency)
                .maxBatchSize(io.desknotify.api.TargetKind.DESKTOP, batch)
                .maxBatchSize(io.desknotify.api.TargetKind.SESSION, batch).build();
    }
}
