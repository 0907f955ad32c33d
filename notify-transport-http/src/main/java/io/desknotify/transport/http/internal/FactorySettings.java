package io.desknotify.transport.http.internal;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.transport.http.HttpTransportBuilder;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The settings keys every HTTP transport factory reads, read once here, so that a provider's factory reads only its
 * own keys:
 * {@value #CONNECT_TIMEOUT}, {@value #REQUEST_TIMEOUT} (durations), {@value #MAX_RESPONSE_BYTES} (integer) and
 * {@value ThrottlePause#MIN_KEY} / {@value ThrottlePause#MAX_KEY} (see {@link ThrottlePause#fromSettings}); a key
 * that is absent leaves the builder's default.
 */
public final class FactorySettings {
    /** Key of {@link HttpTransportBuilder#connectTimeout}. */
    public static final String CONNECT_TIMEOUT = "connect-timeout";
    /** Key of {@link HttpTransportBuilder#requestTimeout}. */
    public static final String REQUEST_TIMEOUT = "request-timeout";
    /** Key of {@link HttpTransportBuilder#maxResponseBytes}. */
    public static final String MAX_RESPONSE_BYTES = "max-response-bytes";
    /** The keys read by {@link #applyCommon}. */
    public static final Set<String> COMMON_KEYS = Set.of(CONNECT_TIMEOUT, REQUEST_TIMEOUT, MAX_RESPONSE_BYTES,
            ThrottlePause.MIN_KEY, ThrottlePause.MAX_KEY);

    private FactorySettings() {
    }

    /**
     * The provider's own keys and the common ones, sorted.
     *
     * @param ownKeys the keys the provider's factory reads itself
     * @return every key the factory knows
     */
    public static Set<String> known(Set<String> ownKeys) {
        Set<String> all = new TreeSet<>(ownKeys);
        all.addAll(COMMON_KEYS);
        return Set.copyOf(all);
    }

    /**
     * Refuses a key the factory does not know, so that a misspelt one is not ignored silently.
     *
     * @throws ConfigurationException naming the first unknown key
     */
    public static void rejectUnknown(String id, TransportSettings settings, Set<String> known) {
        Set<String> unknown = new TreeSet<>(settings.keys());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(unknown.iterator().next(), "unknown " + id + " settings " + unknown
                    + "; known are " + new TreeSet<>(known));
        }
    }

    /** Sets the routing name (the settings' name, else the factory id) and the common keys on the builder. */
    public static <B extends HttpTransportBuilder<B>> B applyCommon(String id, TransportSettings settings, B b) {
        b.name(settings.name(id));
        settings.get(CONNECT_TIMEOUT).ifPresent(x -> b.connectTimeout(settings.duration(CONNECT_TIMEOUT, null)));
        settings.get(REQUEST_TIMEOUT).ifPresent(x -> b.requestTimeout(settings.duration(REQUEST_TIMEOUT, null)));
        settings.get(MAX_RESPONSE_BYTES).ifPresent(v -> {
            try {
                b.maxResponseBytes(Long.parseLong(v));
            } catch (NumberFormatException e) {
                throw new ConfigurationException(MAX_RESPONSE_BYTES,
                        "setting '" + MAX_RESPONSE_BYTES + "' is not an integer: '" + v + "'");
            }
        });
        ThrottlePause pause = ThrottlePause.fromSettings(settings);
        b.throttlePause(pause.min(), pause.max());
        return b;
    }

    /**
     * Builds, saying the key the user wrote ({@code request-timeout}) when the builder names its own setter
     * ({@code requestTimeout}).
     *
     * @param known the factory's keys
     * @param build makes the builder from the settings and builds the transport
     * @throws ConfigurationException naming the key when it is one of {@code known}, else as the builder threw it
     */
    public static <T> T build(Set<String> known, Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigurationException e) {
            String key = e.setting() == null ? null : TransportSettings.keyOf(e.setting());
            if (key == null || key.equals(e.setting()) || !known.contains(key)) {
                throw e;
            }
            throw new ConfigurationException(key, "setting '" + key + "': " + e.getMessage(), e);
        }
    }
}
