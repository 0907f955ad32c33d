package io.desknotify.transport.http.citrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.Severity;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CitrixDaasTransportBuilderTest {
    static final Map<String, String> VALID = Map.of("customer-id", "acme1234", "client-id", "client-1",
            "client-secret", "s3cret-value");

    private static TransportFactory factory() {
        return ServiceLoader.load(TransportFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals("citrix-daas")).findFirst().orElseThrow();
    }

    private static Transport create(Map<String, String> values) {
        return factory().create(TransportSettings.of("citrix", values));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> m = new HashMap<>(VALID);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    @Test
    void theFactoryIsFoundByServiceLoaderAndBuildsWithTheDefaults() {
        try (Transport t = create(VALID)) {
            assertThat(t).isInstanceOf(CitrixDaasTransport.class);
            assertThat(t.provider()).isEqualTo("citrix");
            TransportCapabilities c = t.capabilities();
            assertThat(c.nativeKinds()).containsExactly(TargetKind.SESSION);
            assertThat(c.maxBatchSize(TargetKind.SESSION)).isEqualTo(1);
            assertThat(c.resolvableKinds()).containsExactlyInAnyOrder(TargetKind.USER, TargetKind.DESKTOP_POOL);
            assertThat(c.filtersConnected()).isTrue();
            assertThat(c.severitySupport()).isEqualTo(TransportCapabilities.SeveritySupport.NATIVE);
            assertThat(c.titleSupport()).isEqualTo(TransportCapabilities.TitleSupport.NATIVE);
            assertThat(c.maxTitleLength()).isEqualTo(256);
            assertThat(c.maxMessageLength()).isEqualTo(1024);
            assertThat(t.toString()).contains("https://api.cloud.com").doesNotContain("s3cret-value");
        }
    }

    @Test
    void theFactoryReadsItsOwnKeys() {
        Map<String, String> m = new HashMap<>(VALID);
        m.put("base-uri", "https://api-eu.cloud.com");
        m.put("site-id", "site-1");
        m.put("max-title-length", "64");
        m.put("max-message-length", "500");
        m.put("style-for-info", "Question");
        m.put("page-size", "1000");
        m.put("request-timeout", "7s");
        try (Transport t = create(m)) {
            assertThat(t.capabilities().maxTitleLength()).isEqualTo(64);
            assertThat(t.capabilities().maxMessageLength()).isEqualTo(500);
            assertThat(t.toString()).contains("api-eu.cloud.com").contains("site-1");
        }
    }

    @Test
    void eachRequiredKeyIsNamedWhenMissing() {
        for (String key : VALID.keySet()) {
            assertThatThrownBy(() -> create(with(key, null))).as(key).isInstanceOf(ConfigurationException.class)
                    .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo(key));
        }
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndShowingNoSecret() {
        Map<String, String> bad = Map.of("page-size", "1001", "max-title-length", "0", "style-for-warning",
                "Warning", "style-for-error", "None", "base-uri", "http://api.cloud.com",
                "request-timeout", "-1s");
        bad.forEach((key, value) -> assertThatThrownBy(() -> create(with(key, value))).as(key)
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo(key))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-value")));
        assertThatThrownBy(() -> create(with("client-secrt", "x"))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("client-secrt");
    }

    @Test
    void theBuilderNeedsCredentialsOrATokenSource() {
        assertThatThrownBy(() -> CitrixDaasTransport.builder().customerId("c").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("clientId");
        assertThatThrownBy(() -> CitrixDaasTransport.builder().clientId("a").clientSecret("b".toCharArray()).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("customerId");
        try (CitrixDaasTransport t = CitrixDaasTransport.builder().customerId("c")
                .tokenSource(() -> null).build()) {
            assertThat(t.toString()).contains("token source");
        }
        assertThatThrownBy(() -> CitrixDaasTransport.builder().style(Severity.INFO, "Unknown"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("Information");
        assertThatThrownBy(() -> CitrixDaasTransport.builder().baseUri(URI.create("https://u:p@api.cloud.com")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("baseUri");
    }

    @Test
    void theBuildersToStringHidesTheSecret() {
        CitrixDaasTransport.Builder b = CitrixDaasTransport.builder().customerId("c").clientId("id")
                .clientSecret("s3cret-value".toCharArray());
        assertThat(b.toString()).contains("******").doesNotContain("s3cret-value");
    }
}
