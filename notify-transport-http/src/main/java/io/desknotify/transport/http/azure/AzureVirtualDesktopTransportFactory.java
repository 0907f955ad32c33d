package io.desknotify.transport.http.azure;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.api.spi.TransportCapabilities.SeveritySupport;
import io.desknotify.transport.http.internal.FactorySettings;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Builds an {@link AzureVirtualDesktopTransport} from settings, found by {@link java.util.ServiceLoader} under the
 * id {@value #ID}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code base-uri}</td><td>ARM endpoint, default {@code https://management.azure.com}</td></tr>
 *   <tr><td>{@code login-uri}</td><td>Entra ID authority host, default {@code https://login.microsoftonline.com}</td></tr>
 *   <tr><td>{@code tenant-id}, {@code client-id}, {@code client-secret}</td><td>client credentials, required</td></tr>
 *   <tr><td>{@code subscription-id}, {@code resource-group}</td><td>where the host pools are, required</td></tr>
 *   <tr><td>{@code host-pools}</td><td>comma-separated host pool names user targets are looked up in</td></tr>
 *   <tr><td>{@code api-version}</td><td>{@code 2024-04-03} (default) or {@code 2025-10-10}</td></tr>
 *   <tr><td>{@code max-message-length}, {@code max-title-length}</td><td>default 1024 and 256</td></tr>
 *   <tr><td>{@code severity}</td><td>{@code PREFIXED} (default) or {@code DROPPED}</td></tr>
 *   <tr><td>{@code connect-timeout}, {@code request-timeout}, {@code max-response-bytes},
 *       {@code throttle-pause-min}, {@code throttle-pause-max}</td><td>the common HTTP settings</td></tr>
 * </table>
 */
public final class AzureVirtualDesktopTransportFactory implements TransportFactory {
    /** The provider id. */
    public static final String ID = "azure-virtual-desktop";

    private static final Set<String> KNOWN = FactorySettings.known(Set.of("base-uri", "login-uri", "tenant-id",
            "client-id", "client-secret", "subscription-id", "resource-group", "host-pools", "api-version",
            "max-message-length", "max-title-length", "severity"));

    /** For {@link java.util.ServiceLoader}. */
    public AzureVirtualDesktopTransportFactory() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Transport create(TransportSettings settings) {
        FactorySettings.rejectUnknown(ID, settings, KNOWN);
        return FactorySettings.build(KNOWN, () -> {
            AzureVirtualDesktopTransport.Builder b = FactorySettings.applyCommon(ID, settings,
                    AzureVirtualDesktopTransport.builder());
            settings.uri("base-uri").ifPresent(b::baseUri);
            settings.uri("login-uri").ifPresent(b::loginUri);
            b.tenantId(settings.require("tenant-id"))
                    .clientId(settings.require("client-id"))
                    .clientSecret(settings.secret("client-secret").orElseThrow(() ->
                            new ConfigurationException("client-secret", "setting 'client-secret' is required")))
                    .subscriptionId(settings.require("subscription-id"))
                    .resourceGroup(settings.require("resource-group"));
            settings.get("host-pools").ifPresent(v -> b.hostPools(Arrays.stream(v.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList()));
            settings.get("api-version").ifPresent(b::apiVersion);
            b.maxMessageLength(settings.integer("max-message-length", 1024));
            b.maxTitleLength(settings.integer("max-title-length", 256));
            settings.get("severity").ifPresent(s -> {
                SeveritySupport v;
                try {
                    v = SeveritySupport.valueOf(s.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException("severity", "setting 'severity' must be PREFIXED or DROPPED");
                }
                b.severity(v);
            });
            return b.build();
        });
    }
}
