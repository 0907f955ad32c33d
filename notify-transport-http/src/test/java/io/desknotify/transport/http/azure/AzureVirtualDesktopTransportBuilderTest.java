package io.desknotify.transport.http.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities.SeveritySupport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AzureVirtualDesktopTransportBuilderTest {

    static final String SECRET = "builder-secret-DO-NOT-SHOW";

    static Map<String, String> valid() {
        Map<String, String> m = new HashMap<>();
        m.put("tenant-id", "contoso.onmicrosoft.com");
        m.put("client-id", "app");
        m.put("client-secret", SECRET);
        m.put("subscription-id", "sub");
        m.put("resource-group", "rg");
        return m;
    }

    static TransportFactory factory() {
        return ServiceLoader.load(TransportFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("azure-virtual-desktop")).findFirst().orElseThrow();
    }

    static Transport create(Map<String, String> settings) {
        return factory().create(TransportSettings.of("azure-virtual-desktop", settings));
    }

    @Test
    void isFoundByServiceLoaderAndBuildsFromTheRequiredSettingsWithArmAndEntraDefaults() {
        Map<String, String> m = valid();
        m.put("host-pools", "hp-one, hp two");
        m.put("api-version", "2025-10-10");
        m.put("max-title-length", "100");
        m.put("severity", "dropped");
        m.put("request-timeout", "5s");
        try (Transport t = create(m)) {
            assertThat(t).isInstanceOf(AzureVirtualDesktopTransport.class);
            assertThat(t.provider()).isEqualTo("azure-virtual-desktop");
            assertThat(t.capabilities().maxTitleLength()).isEqualTo(100);
            assertThat(t.capabilities().severitySupport()).isEqualTo(SeveritySupport.DROPPED);
            assertThat(t.toString()).contains("management.azure.com", "[hp-one, hp two]", "2025-10-10")
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void namesEachMissingRequiredSetting() {
        for (String key : new String[] {"tenant-id", "client-id", "client-secret", "subscription-id",
                "resource-group"}) {
            Map<String, String> m = valid();
            m.remove(key);
            assertThatThrownBy(() -> create(m)).as(key).isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo(key))
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        Map<String, Map.Entry<String, String>> bad = Map.of(
                "api-version", Map.entry("api-version", "2019-12-10-preview"),
                "severity", Map.entry("severity", "NATIVE"),
                "host-pools", Map.entry("host-pools", "ok-pool,x"),
                "base-uri", Map.entry("base-uri", "http://management.azure.com"),
                "login-uri", Map.entry("login-uri", "https://user@login.microsoftonline.com"),
                "max-message-length", Map.entry("max-message-length", "5"));
        bad.forEach((key, entry) -> {
            Map<String, String> m = valid();
            m.put(entry.getKey(), entry.getValue());
            assertThatThrownBy(() -> create(m)).as(key).isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo(key))
                    .hasMessageNotContaining(SECRET);
        });
        Map<String, String> m = valid();
        m.put("host-pool", "typo");
        assertThatThrownBy(() -> create(m)).isInstanceOf(ConfigurationException.class).hasMessageContaining("host-pool");
    }

    @Test
    void aTokenSourceReplacesTheClientCredentials() {
        try (AzureVirtualDesktopTransport t = AzureVirtualDesktopTransport.builder()
                .tokenSource(() -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException()))
                .subscriptionId("sub").resourceGroup("rg").baseUri(URI.create("http://127.0.0.1:1")).build()) {
            assertThat(t.capabilities().titleSupport())
                    .isEqualTo(io.desknotify.api.spi.TransportCapabilities.TitleSupport.NATIVE);
        }
        assertThatThrownBy(() -> AzureVirtualDesktopTransport.builder().subscriptionId("s").resourceGroup("r")
                .build()).isInstanceOf(ConfigurationException.class).hasMessageContaining("tenantId");
    }

    @Test
    void theBuildersToStringNeverShowsTheSecret() {
        assertThat(AzureVirtualDesktopTransport.builder().clientSecret(SECRET.toCharArray()).toString())
                .doesNotContain(SECRET).contains("clientSecret=******");
    }
}
