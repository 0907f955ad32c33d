package io.desknotify.transport.http.internal;

import io.desknotify.api.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The checks of the HTTP transports' builder settings, each failing with a {@link ConfigurationException} that
 * names the setting in its {@code setting()} and message. One place for the wording, so that every provider's
 * builder refuses the same mistake in the same words.
 */
public final class Checks {
    private Checks() {
    }

    /** The value itself; refuses {@code null}. */
    public static <T> T notNull(T value, String setting) {
        if (value == null) {
            throw new ConfigurationException(setting, setting + " must not be null");
        }
        return value;
    }

    /** The value trimmed; refuses {@code null} and blank text. */
    public static String text(String value, String setting) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(setting, setting + " must not be null or blank");
        }
        return value.trim();
    }

    /** The value; refuses {@code null} and an empty array (secrets). */
    public static char[] nonEmpty(char[] value, String setting) {
        if (value == null || value.length == 0) {
            throw new ConfigurationException(setting, setting + " must not be null or empty");
        }
        return value;
    }

    /** The value; refuses one outside {@code [min, max]}. */
    public static long range(long value, long min, long max, String setting) {
        if (value < min || value > max) {
            throw new ConfigurationException(setting,
                    setting + " must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    /** The value; refuses one below {@code min}. */
    public static int atLeast(int value, int min, String setting) {
        if (value < min) {
            throw new ConfigurationException(setting, setting + " must be at least " + min + " but was " + value);
        }
        return value;
    }

    /** The value; refuses {@code null}, zero and negative durations. */
    public static Duration positive(Duration value, String setting) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(setting, setting + " must be a positive duration but was " + value);
        }
        return value;
    }

    /** The value; refuses {@code null} and negative durations (zero is allowed). */
    public static Duration notNegative(Duration value, String setting) {
        if (value == null || value.isNegative()) {
            throw new ConfigurationException(setting, setting + " must not be null or negative but was " + value);
        }
        return value;
    }

    /** Fails naming the setting when a required one was not given. */
    public static <T> T required(T value, String setting) {
        if (value == null) {
            throw new ConfigurationException(setting, setting + " is required");
        }
        return value;
    }

    /**
     * A provider's base URI: absolute, with a host, without user info, query or fragment, and {@code https} unless
     * the host is a loopback host (tests, emulators), which may use plain {@code http}. The path is kept.
     */
    public static URI baseUri(URI uri, String setting) {
        if (uri == null) {
            throw new ConfigurationException(setting, setting + " must not be null");
        }
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new ConfigurationException(setting, setting + " must be an absolute URI with a host: " + uri);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException(setting, setting + " must not carry user info, a query or a fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
            throw new ConfigurationException(setting, setting + " must use https (plain http is accepted only for a "
                    + "loopback host) but was " + uri.getScheme() + "://" + uri.getHost());
        }
        return uri;
    }

    /** {@code localhost}, {@code 127.0.0.0/8} (four decimal octets up to 255) or {@code ::1}, bracketed or not. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        return Arrays.stream(parts).allMatch(p -> p.matches("\\d{1,3}") && Integer.parseInt(p) <= 255);
    }
}
