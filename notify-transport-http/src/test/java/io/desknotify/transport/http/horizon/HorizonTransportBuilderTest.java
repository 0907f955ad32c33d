package io.desknotify.transport.http.horizon;

import static io.desknotify.transport.http.horizon.HorizonTestSupport.transport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.TransportCapabilities;
import io.desknotify.api.spi.TransportCapabilities.SeveritySupport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HorizonTransportBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://horizon.example.com", "http://10.0.0.5:8443", "ftp://horizon.example.com",
            "http://localhost.example.com", "http://128.0.0.1"})
    void plainHttpToANonLoopbackHostIsRejectedNamingBaseUri(String uri) {
        assertThatThrownBy(() -> HorizonTransport.builder().baseUri(URI.create(uri)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("baseUri")
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("baseUri"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://horizon.example.com", "https://horizon.example.com:8443/", "http://localhost:8080",
            "http://127.0.0.1:1234", "http://[::1]:99"})
    void httpsAndLoopbackHttpAreAccepted(String uri) {
        assertThat(transport(URI.create(uri)).build().provider()).isEqualTo("horizon");
    }

    @Test
    void aBaseUriWithAQueryIsRejected() {
        assertThatThrownBy(() -> HorizonTransport.builder().baseUri(URI.create("https://h.example.com/?a=b")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("baseUri");
    }

    @Test
    void missingRequiredSettingsAreNamed() {
        assertThatThrownBy(() -> HorizonTransport.builder().build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("baseUri");
        assertThatThrownBy(() -> HorizonTransport.builder().baseUri(URI.create("https://h.example.com")).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("domain");
        assertThatThrownBy(() -> HorizonTransport.builder().baseUri(URI.create("https://h.example.com"))
                .domain("D").username("u").build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("password");
    }

    @Test
    void aNullExecutorIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> HorizonTransport.builder().executor(null))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("executor"));
    }

    @Test
    void badNumbersAndDurationsAreRejectedNamingTheSetting() {
        HorizonTransport.Builder b = HorizonTransport.builder();
        assertThatThrownBy(() -> b.maxSessionsPerCall(0)).hasMessageContaining("maxSessionsPerCall");
        assertThatThrownBy(() -> b.pageSize(1001)).hasMessageContaining("pageSize");
        assertThatThrownBy(() -> b.requestTimeout(Duration.ZERO)).hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> b.connectTimeout(null)).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> b.password(new char[0])).hasMessageContaining("password");
        assertThatThrownBy(() -> b.maxResponseBytes(10)).hasMessageContaining("maxResponseBytes");
        assertThatThrownBy(() -> b.sslContext(null)).hasMessageContaining("sslContext");
    }

    @Test
    void capabilitiesDeclareSessionsNativelyPoolsAndUsersResolvableAndNativeSeverity() {
        TransportCapabilities c = transport(URI.create("https://h.example.com")).maxSessionsPerCall(250)
                .maxMessageLength(500).build().capabilities();

        assertThat(c.nativeKinds()).containsExactly(TargetKind.SESSION);
        assertThat(c.maxBatchSize(TargetKind.SESSION)).isEqualTo(250);
        assertThat(c.resolvableKinds()).containsExactlyInAnyOrder(TargetKind.DESKTOP_POOL, TargetKind.USER);
        assertThat(c.filtersConnected()).isTrue();
        assertThat(c.maxMessageLength()).isEqualTo(500);
        assertThat(c.severitySupport()).isEqualTo(SeveritySupport.NATIVE);
    }

    @Test
    void defaultsAreOneHundredSessionsPerCallAnd1024CharactersAndNameHorizon() {
        HorizonTransport t = transport(URI.create("https://h.example.com")).build();

        assertThat(t.provider()).isEqualTo("horizon");
        assertThat(t.capabilities().maxBatchSize(TargetKind.SESSION)).isEqualTo(100);
        assertThat(t.capabilities().maxMessageLength()).isEqualTo(1024);
    }

    @Test
    void toStringNeverShowsThePassword() {
        HorizonTransport.Builder b = transport(URI.create("https://h.example.com")).password("hunter2-secret".toCharArray());

        assertThat(b.toString()).doesNotContain("hunter2").contains("******");
        assertThat(b.build().toString()).doesNotContain("hunter2").contains("******", "svc-notify", "h.example.com");
    }

    @Test
    void thePasswordArrayIsCopiedSoTheCallerMayClearIt() {
        char[] pw = "abc".toCharArray();
        HorizonTransport.Builder b = transport(URI.create("https://h.example.com")).password(pw);
        java.util.Arrays.fill(pw, '\0');

        assertThat(b.build()).isNotNull();
    }

    @Test
    void theFactoryIsFoundByServiceLoaderAsHorizon() {
        TransportFactory factory = ServiceLoader.load(TransportFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.id().equals("horizon")).findFirst().orElseThrow();

        assertThat(factory).isInstanceOf(HorizonTransportFactory.class);
    }

    @Test
    void theFactoryBuildsATransportFromSettings() {
        Map<String, String> v = settings();
        v.put("max-sessions-per-call", "50");
        v.put("request-timeout", "5s");

        var t = new HorizonTransportFactory().create(TransportSettings.of("horizon-eu", v));

        assertThat(t.provider()).isEqualTo("horizon-eu");
        assertThat(t.capabilities().maxBatchSize(TargetKind.SESSION)).isEqualTo(50);
        assertThat(t.toString()).doesNotContain("p4ss");
    }

    @Test
    void theFactoryNamesTheSettingKeyThatIsWrong() {
        Map<String, String> v = settings();
        v.put("base-uri", "http://horizon.example.com");
        assertThatThrownBy(() -> new HorizonTransportFactory().create(TransportSettings.of(null, v)))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("base-uri"));

        Map<String, String> w = settings();
        w.remove("password");
        assertThatThrownBy(() -> new HorizonTransportFactory().create(TransportSettings.of(null, w)))
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("password"));

        Map<String, String> x = settings();
        x.put("page-size", "5000");
        assertThatThrownBy(() -> new HorizonTransportFactory().create(TransportSettings.of(null, x)))
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("page-size"));
    }

    @Test
    void theFactoryReadsTheThrottlePauseAndGlobalSessionsAndNamesTheKeyOfABadValue() {
        Map<String, String> v = settings();
        v.put("throttle-pause-min", "1s");
        v.put("throttle-pause-max", "3s");
        v.put("global-sessions", "true");
        var t = new HorizonTransportFactory().create(TransportSettings.of(null, v));
        assertThat(t.toString()).doesNotContain("p4ss");
        t.close();

        Map<String, String> w = settings();
        w.put("throttle-pause-min", "9s");
        w.put("throttle-pause-max", "3s");
        assertThatThrownBy(() -> new HorizonTransportFactory().create(TransportSettings.of(null, w)))
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("throttle-pause-min"));

        Map<String, String> x = settings();
        x.put("global-sessions", "sometimes");
        assertThatThrownBy(() -> new HorizonTransportFactory().create(TransportSettings.of(null, x)))
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("global-sessions"));
    }

    @Test
    void theFactoryRejectsAMisspeltKey() {
        Map<String, String> v = settings();
        v.put("pasword", "x");

        assertThatThrownBy(() -> new HorizonTransportFactory().create(TransportSettings.of(null, v)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("pasword")
                .satisfies(e -> assertThat(((ConfigurationException) e).setting()).isEqualTo("pasword"));
    }

    private static Map<String, String> settings() {
        Map<String, String> v = new HashMap<>();
        v.put("base-uri", "https://horizon.example.com");
        v.put("domain", "EXAMPLE");
        v.put("username", "svc");
        v.put("password", "p4ss");
        return v;
    }

    @Test
    void queryValuesArePercentEncodedPerRfc3986() {
        String raw = "{\"v\":\"a b+c&d=e%f#g?h/i*j~k é\\\\\"}";

        String encoded = HorizonFilters.encodeQueryValue(raw);

        assertThat(encoded).doesNotContain(" ", "+", "&", "=", "#", "?", "/", "*", "\"", "é").contains("%20", "~");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(raw);
    }

    @Test
    void userNamesAreSplitIntoLoginAndDomain() {
        assertThat(HorizonResolver.UserName.parse("CORP\\jdoe", "DFLT"))
                .isEqualTo(new HorizonResolver.UserName("jdoe", "CORP"));
        assertThat(HorizonResolver.UserName.parse("jdoe@corp.example.com", "DFLT"))
                .isEqualTo(new HorizonResolver.UserName("jdoe", "corp.example.com"));
        assertThat(HorizonResolver.UserName.parse("jdoe", "DFLT"))
                .isEqualTo(new HorizonResolver.UserName("jdoe", "DFLT"));
        assertThat(HorizonResolver.UserName.parse("\\jdoe", "DFLT"))
                .isEqualTo(new HorizonResolver.UserName("\\jdoe", "DFLT"));
    }
}
