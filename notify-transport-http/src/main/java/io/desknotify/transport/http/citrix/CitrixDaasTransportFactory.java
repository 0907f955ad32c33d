package io.desknotify.transport.http.citrix;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.Severity;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.transport.http.internal.FactorySettings;
import java.util.Set;

/**
 * Builds {@link CitrixDaasTransport}s from settings; provider id {@value #ID}. Found by
 * {@link java.util.ServiceLoader}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>builder setting</th><th>default</th></tr>
 *   <tr><td>{@code base-uri}</td><td>{@link CitrixDaasTransport.Builder#baseUri baseUri}</td>
 *       <td>{@code https://api.cloud.com}</td></tr>
 *   <tr><td>{@code customer-id}</td><td>customerId</td><td>required</td></tr>
 *   <tr><td>{@code client-id}</td><td>clientId</td><td>required</td></tr>
 *   <tr><td>{@code client-secret}</td><td>clientSecret</td><td>required</td></tr>
 *   <tr><td>{@code site-id}</td><td>siteId</td><td>the only site {@code GET /cvad/manage/me} lists</td></tr>
 *   <tr><td>{@code style-for-info}, {@code style-for-warning}, {@code style-for-error}</td><td>{@link
 *       CitrixDaasTransport.Builder#style style}</td><td>{@code Information}, {@code Exclamation},
 *       {@code Critical}</td></tr>
 *   <tr><td>{@code max-message-length}</td><td>maxMessageLength</td><td>1024</td></tr>
 *   <tr><td>{@code max-title-length}</td><td>maxTitleLength</td><td>256</td></tr>
 *   <tr><td>{@code page-size}</td><td>pageSize</td><td>500</td></tr>
 *   <tr><td>{@code read-attempts}</td><td>readAttempts</td><td>3</td></tr>
 *   <tr><td>{@code connect-timeout}, {@code request-timeout}</td><td>connectTimeout, requestTimeout</td>
 *       <td>10s, 30s</td></tr>
 *   <tr><td>{@code max-response-bytes}</td><td>maxResponseBytes</td><td>1048576</td></tr>
 *   <tr><td>{@code throttle-pause-min}, {@code throttle-pause-max}</td><td>the pause after a 429 that names no
 *       delay, {@link CitrixDaasTransport.Builder#throttlePause throttlePause}</td><td>2s, 5s</td></tr>
 * </table>
 * Unknown keys are rejected, so that a misspelt one is not ignored. A token source or TLS context cannot be given as
 * a string setting; build the transport with {@link CitrixDaasTransport#builder()} for those.
 */
public final class CitrixDaasTransportFactory implements TransportFactory {
    /** The provider id. */
    public static final String ID = "citrix-daas";

    private static final Set<String> KNOWN = FactorySettings.known(Set.of("base-uri", "customer-id", "client-id",
            "client-secret", "site-id", "style-for-info", "style-for-warning", "style-for-error",
            "max-message-length", "max-title-length", "page-size", "read-attempts"));

    /** Creates the factory; {@link java.util.ServiceLoader} calls it. */
    public CitrixDaasTransportFactory() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Transport create(TransportSettings settings) {
        FactorySettings.rejectUnknown(ID, settings, KNOWN);
        return FactorySettings.build(KNOWN, () -> {
            CitrixDaasTransport.Builder b = FactorySettings.applyCommon(ID, settings, CitrixDaasTransport.builder())
                    .customerId(settings.require("customer-id"))
                    .clientId(settings.require("client-id"))
                    .clientSecret(settings.secret("client-secret").orElseThrow(() ->
                            new ConfigurationException("client-secret", "setting 'client-secret' is required")));
            settings.uri("base-uri").ifPresent(b::baseUri);
            settings.get("site-id").ifPresent(b::siteId);
            style(settings, "style-for-info", Severity.INFO, b);
            style(settings, "style-for-warning", Severity.WARNING, b);
            style(settings, "style-for-error", Severity.ERROR, b);
            b.maxMessageLength(settings.integer("max-message-length", 1024));
            b.maxTitleLength(settings.integer("max-title-length", 256));
            b.pageSize(settings.integer("page-size", 500));
            b.readAttempts(settings.integer("read-attempts", 3));
            return b.build();
        });
    }

    private static void style(TransportSettings settings, String key, Severity severity,
            CitrixDaasTransport.Builder b) {
        settings.get(key).ifPresent(v -> {
            try {
                b.style(severity, v);
            } catch (ConfigurationException e) {
                throw new ConfigurationException(key, "setting '" + key + "': " + e.getMessage(), e);
            }
        });
    }
}
