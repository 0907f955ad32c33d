package io.desknotify.transport.http.horizon;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.transport.http.internal.FactorySettings;
import java.util.Set;

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

    private static final Set<String> KNOWN = FactorySettings.known(Set.of("base-uri", "domain", "username",
            "password", "user-domain", "max-sessions-per-call", "max-message-length", "page-size", "read-attempts",
            "login-failure-hold", "global-sessions"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Transport create(TransportSettings settings) {
        FactorySettings.rejectUnknown(ID, settings, KNOWN);
        return FactorySettings.build(KNOWN, () -> {
            HorizonTransport.Builder b = FactorySettings.applyCommon(ID, settings, HorizonTransport.builder())
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
            b.loginFailureHold(settings.duration("login-failure-hold", java.time.Duration.ofSeconds(30)));
            b.globalSessions(settings.bool("global-sessions", false));
            return b.build();
        });
    }
}
