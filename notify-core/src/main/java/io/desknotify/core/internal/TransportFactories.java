package io.desknotify.core.internal;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.TransportFactory;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds {@link TransportFactory} implementations with {@link ServiceLoader}, once, and by id. */
public final class TransportFactories {
    private static volatile Map<String, TransportFactory> cached;

    private TransportFactories() {
    }

    /** The factory for a provider id, or a {@link ConfigurationException} listing the ids that were found. */
    public static TransportFactory find(String id) {
        TransportFactory f = all().get(id);
        if (f == null) {
            throw new ConfigurationException("provider", "no transport factory for provider '" + id
                    + "' on the class path; found " + all().keySet()
                    + " (add the module that provides it, e.g. notify-transport-http)");
        }
        return f;
    }

    public static Map<String, TransportFactory> all() {
        Map<String, TransportFactory> m = cached;
        if (m == null) {
            synchronized (TransportFactories.class) {
                m = cached;
                if (m == null) {
                    Map<String, TransportFactory> found = new TreeMap<>();
                    ClassLoader cl = Thread.currentThread().getContextClassLoader();
                    for (TransportFactory f : ServiceLoader.load(TransportFactory.class,
                            cl != null ? cl : TransportFactories.class.getClassLoader())) {
                        found.putIfAbsent(f.id(), f);
                    }
                    m = Collections.unmodifiableMap(found);
                    cached = m;
                }
            }
        }
        return m;
    }
}
