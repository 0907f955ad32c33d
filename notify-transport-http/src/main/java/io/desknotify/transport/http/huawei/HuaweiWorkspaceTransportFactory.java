package io.desknotify.transport.http.huawei;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.TransportCapabilities.SeveritySupport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.transport.http.internal.FactorySettings;
import java.util.Locale;
import java.util.Set;

/**
 * Builds {@link HuaweiWorkspaceTransport}s from settings; id {@value HuaweiWorkspaceTransport#DEFAULT_NAME}.
 * Found by {@link java.util.ServiceLoader}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>{@code endpoint}</td><td>required, e.g. {@code https://workspace.cn-north-4.myhuaweicloud.com}</td></tr>
 *   <tr><td>{@code project-id}</td><td>required</td></tr>
 *   <tr><td>{@code access-key}, {@code secret-key}, {@code security-token}</td><td>AK/SK signing (token
 *   optional, for temporary keys)</td></tr>
 *   <tr><td>{@code auth-token}</td><td>an IAM token instead of AK/SK</td></tr>
 *   <tr><td>{@code max-desktops-per-call}, {@code max-message-length}, {@code page-size}</td><td>integers</td></tr>
 *   <tr><td>{@code severity}</td><td>{@code DROPPED} (default) or {@code PREFIXED}</td></tr>
 *   <tr><td>{@code connect-timeout}, {@code request-timeout}</td><td>durations, e.g. {@code 10s}</td></tr>
 *   <tr><td>{@code max-response-bytes}</td><td>integer</td></tr>
 *   <tr><td>{@code throttle-pause-min}, {@code throttle-pause-max}</td><td>durations: the pause after a 429
 *   without {@code Retry-After}, drawn from the range (default {@code 2s} and {@code 5s}; both {@code 0s}: off); see
 *   {@link HuaweiWorkspaceTransport.Builder#throttlePause}</td></tr>
 * </table>
 *
 * <p>The TLS context ({@link HuaweiWorkspaceTransport.Builder#sslContext}) is an object, not a string, so it has no
 * key here, as for Horizon: build the transport in code to give one.
 */
public final class HuaweiWorkspaceTransportFactory implements TransportFactory {

    private static final Set<String> KNOWN = FactorySettings.known(Set.of("endpoint", "project-id", "access-key",
            "secret-key", "security-token", "auth-token", "max-desktops-per-call", "max-message-length", "page-size",
            "severity"));

    /** For {@link java.util.ServiceLoader}. */
    public HuaweiWorkspaceTransportFactory() {
    }

    @Override
    public String id() {
        return HuaweiWorkspaceTransport.DEFAULT_NAME;
    }

    @Override
    public HuaweiWorkspaceTransport create(TransportSettings settings) {
        FactorySettings.rejectUnknown(id(), settings, KNOWN);
        return FactorySettings.build(KNOWN, () -> build(settings));
    }

    private HuaweiWorkspaceTransport build(TransportSettings settings) {
        HuaweiWorkspaceTransport.Builder b = FactorySettings.applyCommon(id(), settings,
                HuaweiWorkspaceTransport.builder())
                .endpoint(settings.uri("endpoint")
                        .orElseThrow(() -> new ConfigurationException("endpoint", "setting 'endpoint' is required")))
                .projectId(settings.require("project-id"));
        settings.get("access-key").ifPresent(b::accessKey);
        settings.secret("secret-key").ifPresent(b::secretKey);
        settings.secret("security-token").ifPresent(b::securityToken);
        settings.get("auth-token").ifPresent(token -> b.authToken(() -> token));
        b.maxDesktopsPerCall(settings.integer("max-desktops-per-call", 100));
        b.maxMessageLength(settings.integer("max-message-length", 1024));
        b.pageSize(settings.integer("page-size", 1000));
        settings.get("severity").ifPresent(s -> {
            try {
                b.severity(SeveritySupport.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("severity", "setting 'severity' must be DROPPED or PREFIXED");
            }
        });
        return b.build();
    }

    @Override
    public String toString() {
        return "HuaweiWorkspaceTransportFactory{id=" + id() + '}';
    }
}
