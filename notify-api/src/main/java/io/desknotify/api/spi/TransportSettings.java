package io.desknotify.api.spi;

import io.desknotify.api.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * String settings for a {@link TransportFactory}, with typed accessors whose errors name the setting. Values of
 * settings whose names look secret ({@code secret}, {@code password}, {@code token}, {@code key}) are never
 * shown by {@link #toString()} or in an exception message. Immutable.
 *
 * <p>Durations are written as ISO-8601 ({@code PT30S}) or with a unit: {@code 500ms}, {@code 30s}, {@code 2m},
 * {@code 1h}, {@code 1d}.
 */
public final class TransportSettings {
    private final String name;
    private final Map<String, String> values;

    private TransportSettings(String name, Map<String, String> values) {
        this.name = name;
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * Creates settings.
     *
     * @param name   the transport name to use for routing, or {@code null} for the factory's id
     * @param values the settings; keys and values must not be null
     * @return the settings
     * @throws ConfigurationException when a key or value is null
     */
    public static TransportSettings of(String name, Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new ConfigurationException(e.getKey(), "settings must not hold null keys or values");
            }
        }
        return new TransportSettings(name, values);
    }

    /**
     * The setting key for a Java name, such as a transport builder's option: camelCase becomes kebab-case
     * ({@code requestTimeout} becomes {@code request-timeout}); a key already in kebab-case comes back as it is.
     * Lets a factory, or a configuration binder, name the key the user wrote when a builder names its own option.
     *
     * @param name a Java name or a key
     * @return the key
     */
    public static String keyOf(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The transport name to use.
     *
     * @param fallback the name when none was given, usually the factory's id
     * @return the name
     */
    public String name(String fallback) {
        return name != null ? name : fallback;
    }

    /**
     * The trimmed value of a setting.
     *
     * @param key the setting
     * @return the value, or empty when absent or blank
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /**
     * The value of a required setting.
     *
     * @param key the setting
     * @return the trimmed value
     * @throws ConfigurationException naming the setting when it is absent or blank
     */
    public String require(String key) {
        return get(key).orElseThrow(() -> new ConfigurationException(key, "setting '" + key + "' is required"));
    }

    /**
     * A secret's value as a fresh char array, so callers can clear it.
     *
     * @param key the setting
     * @return the value, or empty
     */
    public Optional<char[]> secret(String key) {
        return get(key).map(String::toCharArray);
    }

    /**
     * An absolute URI setting.
     *
     * @param key the setting
     * @return the URI, or empty
     * @throws ConfigurationException naming the setting when it is not an absolute URI
     */
    public Optional<URI> uri(String key) {
        return get(key).map(v -> {
            try {
                URI uri = URI.create(v);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("no scheme or host");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(key, "setting '" + key + "' is not an absolute URI: " + shown(key, v));
            }
        });
    }

    /**
     * An integer setting.
     *
     * @param key      the setting
     * @param fallback the value when absent
     * @return the value
     * @throws ConfigurationException naming the setting when it is not an integer
     */
    public int integer(String key, int fallback) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "setting '" + key + "' is not an integer: " + shown(key, v.get()));
        }
    }

    /**
     * A boolean setting, {@code true} or {@code false}.
     *
     * @param key      the setting
     * @param fallback the value when absent
     * @return the value
     * @throws ConfigurationException naming the setting for any other text
     */
    public boolean bool(String key, boolean fallback) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        return switch (v.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigurationException(key, "setting '" + key + "' must be true or false: "
                    + shown(key, v.get()));
        };
    }

    /**
     * A duration setting, ISO-8601 or with a unit (see the class documentation).
     *
     * @param key      the setting
     * @param fallback the value when absent
     * @return the value
     * @throws ConfigurationException naming the setting when it is not a duration
     */
    public Duration duration(String key, Duration fallback) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return parseDuration(v.get());
        } catch (RuntimeException e) {
            throw new ConfigurationException(key, "setting '" + key + "' is not a duration (e.g. 30s, 500ms, PT1M): "
                    + shown(key, v.get()));
        }
    }

    /**
     * All keys.
     *
     * @return the keys, sorted, unmodifiable
     */
    public java.util.Set<String> keys() {
        return values.keySet();
    }

    static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("no number");
        }
        long n = Long.parseLong(s.substring(0, i));
        return switch (s.substring(i).trim()) {
            case "ms" -> Duration.ofMillis(n);
            case "s", "" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }

    /**
     * True for setting names whose values must never be shown.
     *
     * @param key the setting
     * @return whether its value is treated as a secret
     */
    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("secret") || k.contains("password") || k.contains("token") || k.contains("key")
                || k.equals("sk") || k.equals("ak") || k.contains("credential");
    }

    private static String shown(String key, String value) {
        return isSecretKey(key) ? "******" : "'" + value + "'";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("TransportSettings{name=").append(name);
        values.forEach((k, v) -> sb.append(", ").append(k).append('=').append(isSecretKey(k) ? "******" : v));
        return sb.append('}').toString();
    }
}
