package io.desknotify.transport.http.horizon;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.transport.http.internal.ThrottlePause;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds {@link HorizonTransport}s from settings; provider id {@value #ID}. Found by {@link java.util.ServiceLoader}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>builder setting</th><th>default</th></tr>
 *   <tr><td>{@code base-uri}</td><td>{@link HorizonTransport.Builder#baseUri baseUri}</td><td>required</td></tr>
 *   <tr><td>{@code domain}</td><td>domain</td><td>required</td></tr>
 *   <tr><td>{@code username}</td><td>username</td><td>required</td></tr>
 *   <tr><td>{@code password}</td><td>password</td><td>required</td></tr>
 *   <tr><td>{@code user-domain}</td><td>userDomain</td><td>the domain</td></tr>
 *   <tr><td>{@code max-sessions-per-call}</td><td>maxSessionsPerCall</td><td>100</td></tr>
 *   <tr><td>{@code max-message-length}</td><td>maxMessageLength</td><td>1024</td></tr>
 *   <tr><td>{@code page-size}</td><td>pageSize</td><td>500</td></tr>
 *   <tr><td>{@code read-attempts}</td><td>readAttempts</td><td>3</td></tr>
 *   <tr><td>{@code connect-timeout}</td><td>connectTimeout</td><td>10s</td></tr>
 *   <tr><td>{@code request-timeout}</td><td>requestTimeout</td><td>30s</td></tr>
 *   <tr><td>{@code login-failure-hold}</td><td>loginFailureHold</td><td>30s</td></tr>
 *   <tr><td>{@code max-response-bytes}</td><td>maxResponseBytes</td><td>1048576</td></tr>
 *   <tr><td>{@code throttle-pause-min}, {@code throttle-pause-max}</td><td>durations: the pause after a 429
 *       that names no delay, {@link HorizonTransport.Builder#throttlePause throttlePause}</td><td>2s, 5s</td></tr>
 *   <tr><td>{@code global-sessions}</td><td>{@link HorizonTransport.Builder#globalSessions globalSessions}</td>
 *       <td>false</td></tr>
 * </table>
 * Unknown keys are rejected, so that a misspelt one is not ignored. A custom TLS context cannot be given as a string
 * setting; build the transport with
 * {@link HorizonTransport#builder()} for that.
 */
public final class HorizonTransportFactory implements TransportFactory {
    /** The provider id. */
    public static final String ID = "horizon";

    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("baseUri", "base-uri"),
            Map.entry("domain", "domain"),
            Map.entry("username", "username"),
            Map.entry("password", "password"),
            Map.entry("userDomain", "user-domain"),
            Map.entry("name", "name"),
            Map.entry("maxSessionsPerCall", "max-sessions-per-call"),
            Map.entry("maxMessageLength", "max-message-length"),
            Map.entry("pageSize", "page-size"),
            Map.entry("readAttempts", "read-attempts"),
            Map.entry("connectTimeout", "connect-timeout"),
            Map.entry("requestTimeout", "request-timeout"),
            Map.entry("loginFailureHold", "login-failure-hold"),
            Map.entry("maxResponseBytes", "max-response-bytes"),
            Map.entry("globalSessions", "global-sessions"),
            Map.entry("throttlePause", ThrottlePause.MIN_KEY),
            // no builder setting of this name: the entry makes the key known
            Map.entry("throttlePauseMax", ThrottlePause.MAX_KEY));
    // "name" is the routing name, given by TransportSettings.name rather than as a key

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Transport create(TransportSettings settings) {
        Set<String> known = new TreeSet<>(KEYS.values());
        known.remove("name");
        Set<String> unknown = new TreeSet<>(settings.keys());
        unknown.removeAll(known);
        if (!unknown.isEmpty()) {
            // a misspelt key would otherwise be ignored silently
            throw new ConfigurationException(unknown.iterator().next(), "unknown " + ID + " settings " + unknown
                    + "; known are " + known);
        }
        try {
            HorizonTransport.Builder b = HorizonTransport.builder()
                    .name(settings.name(ID))
                    .baseUri(settings.uri("base-uri")
                            .orElseThrow(() -> new ConfigurationException("base-uri", "setting 'base-uri' is required")))
                    .domain(settings.require("domain"))
                    .username(settings.require("username"))
                    .password(settings.secret("password").orElseThrow(() ->
                            new ConfigurationException("password", "setting 'password' is required")));
            settings.get("user-domain").ifPresent(b::userDomain);
            b.maxSessionsPerCall(settings.integer("max-sessions-per-call", 100));
            b.maxMessageLength(settings.integer("max-message-length", 1024));
            b.pageSize(settings.integer("page-size", 500));
            b.readAttempts(settings.integer("read-attempts", 3));
            b.connectTimeout(settings.duration("connect-timeout", java.time.Duration.ofSeconds(10)));
            b.requestTimeout(settings.duration("request-timeout", java.time.Duration.ofSeconds(30)));
            b.loginFailureHold(settings.duration("login-failure-hold", java.time.Duration.ofSeconds(30)));
            b.globalSessions(settings.bool("global-sessions", false));
            ThrottlePause pause = ThrottlePause.fromSettings(settings);
            b.throttlePause(pause.min(), pause.max());
            settings.get("max-response-bytes").ifPresent(v -> {
                try {
                    b.maxResponseBytes(Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw new ConfigurationException("max-response-bytes",
                            "setting 'max-response-bytes' is not an integer: '" + v + "'");
                }
            });
            return b.build();
        } catch (ConfigurationException e) {
            String key = e.setting() == null ? null : KEYS.getOrDefault(e.setting(), e.setting());
            if (key == null || key.equals(e.setting())) {
                throw e;
            }
            throw new ConfigurationException(key, "setting '" + key + "': " + e.getMessage(), e);
        }
    }
}
