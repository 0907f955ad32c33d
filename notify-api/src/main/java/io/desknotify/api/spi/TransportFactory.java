package io.desknotify.api.spi;

/**
 * Builds a {@link Transport} from settings, so that transports can be chosen by configuration (the Spring Boot
 * starter does). Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/io.desknotify.api.spi.TransportFactory} (or {@code provides} in module-info).
 */
public interface TransportFactory {

    /**
     * The provider id this factory builds transports for, e.g. {@code huawei-workspace} or {@code horizon}.
     *
     * @return the provider id
     */
    String id();

    /**
     * Builds a transport.
     *
     * @param settings the transport's name and settings
     * @return a new transport, owned by the caller
     * @throws io.desknotify.api.ConfigurationException naming the setting that is missing or invalid
     */
    Transport create(TransportSettings settings);
}
