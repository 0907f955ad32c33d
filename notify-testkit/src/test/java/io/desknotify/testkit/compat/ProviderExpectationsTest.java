package io.desknotify.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderExpectationsTest {
    private static ProviderExpectations.Builder minimal() {
        return ProviderExpectations.builder().transportThreads("acme-http-").emulatorThreads("acme-emulator")
                .errorCodes("TOO_LARGE", "UNEXPECTED");
    }

    @Test
    void aMinimalDeclarationRenewsOn401AndHasNoFactoryNorSetupCalls() {
        ProviderExpectations e = minimal().build();

        assertThat(e.unauthorized()).isEqualTo(ProviderExpectations.Unauthorized.RENEWS_AND_REPEATS);
        assertThat(e.factoryType()).isEmpty();
        assertThat(e.unexpectedSendAnswer()).isEmpty();
        assertThat(e.hostileSetupAnswers()).isEmpty();
    }

    @Test
    void eachRequiredDeclarationIsNamedWhenMissing() {
        assertThatThrownBy(() -> ProviderExpectations.builder().emulatorThreads("e").errorCodes("a", "b").build())
                .hasMessageContaining("transportThreads");
        assertThatThrownBy(() -> ProviderExpectations.builder().transportThreads("t").errorCodes("a", "b").build())
                .hasMessageContaining("emulatorThreads");
        assertThatThrownBy(() -> ProviderExpectations.builder().transportThreads("t").emulatorThreads("e").build())
                .hasMessageContaining("errorCodes");
    }

    @Test
    void blankDeclarationsAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> minimal().transportThreads(" ")).hasMessageContaining("transportThreads");
        assertThatThrownBy(() -> minimal().unauthorizedIsFinal("")).hasMessageContaining("unauthorizedIsFinal");
        assertThatThrownBy(() -> minimal().errorCodes("A", null)).hasMessageContaining("unexpectedAnswer");
        assertThatThrownBy(() -> minimal().hostileSetupAnswer("rest/login", "{}")).hasMessageContaining("path");
        assertThatThrownBy(() -> minimal().factory("acme", Map.of("url", "https://a.example"), "base-uri"))
                .hasMessageContaining("base-uri");
    }

    @Test
    void clientSettingsCarryBadTimeoutsUnchangedForTheBuilderToRefuse() {
        ClientSettings s = ClientSettings.defaults().connectTimeout(Duration.ZERO).requestTimeout(Duration.ofSeconds(-1));

        assertThat(s.connectTimeout()).isZero();
        assertThat(s.requestTimeout()).isNegative();
        assertThat(s.maxResponseBytes()).isEmpty();
        assertThat(s.maxResponseBytes(64).maxResponseBytes()).hasValue(64);
    }
}
