package io.desknotify.spring;

import static io.desknotify.spring.InvalidPropertiesTest.analyze;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.core.Notifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** A key under desknotify.providers.<name> that binds to nothing stops start-up, as an unknown settings key does. */
class UnknownProviderKeysTest {

    private static final String[] HUAWEI = {
            "desknotify.providers.hw.type=huawei-workspace",
            "desknotify.providers.hw.endpoint=http://127.0.0.1:9",
            "desknotify.providers.hw.project-id=p1",
            "desknotify.providers.hw.access-key=ak",
            "desknotify.providers.hw.secret-key=TOP-SECRET-SK"};

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "desknotify.providers.hw.endpiont             | http://127.0.0.1:9",
            "desknotify.providers.hw.secret-kye           | TOP-SECRET-TYPO",
            "desknotify.providers.hw.max-batch            | 5",
            "desknotify.providers.hw.rate-limit.request   | 5",
            "desknotify.providers.hw.rate-limit.per       | 1s",
            "desknotify.providers.hw.endpoint.port        | 443",
            "desknotify.providers.hw.severity             | PREFIXED",
    })
    void aMisspeltProviderKeyFailsStartUpNamingItAndTheKnownKeys(String property, String value) {
        runner.withPropertyValues(HUAWEI).withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property: " + property)
                    .contains("is not a property of a huawei-workspace provider; known are [")
                    .contains("endpoint, max-batch-size, max-message-length, project-id, rate-limit.period, "
                            + "rate-limit.requests, request-timeout, secret-key, security-token, settings.<key>, "
                            + "token, type]")
                    .contains("desknotify.providers.hw.settings.<key>")
                    .doesNotContain("base-url")
                    .doesNotContain("TOP-SECRET");
            assertThat(analysis.getAction()).contains(property);
        });
    }

    @Test
    void aMisspeltKeyOfAHorizonProviderListsHorizonsKeys() {
        runner.withPropertyValues("desknotify.providers.vm.type=horizon",
                        "desknotify.providers.vm.base-url=https://horizon.example.com",
                        "desknotify.providers.vm.domain=CORP", "desknotify.providers.vm.username=svc",
                        "desknotify.providers.vm.password=pw", "desknotify.providers.vm.user-domian=USERS")
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("Property: desknotify.providers.vm.user-domian")
                        .contains("is not a property of a horizon provider; known are [")
                        .contains("user-domain")
                        .doesNotContain("project-id"));
    }

    @Test
    void aMisspeltKeyInTheEnvironmentIsRefusedNamingTheVariable() {
        runner.withPropertyValues(HUAWEI)
                .withInitializer(environment(Map.of("DESKNOTIFY_PROVIDERS_HW_ENDPIONT", "http://127.0.0.1:9")))
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("Property: desknotify.providers.hw.endpiont")
                        .contains("DESKNOTIFY_PROVIDERS_HW_ENDPIONT"));
    }

    @Test
    void theUnknownKeyIsReportedBeforeAMissingRequiredOne() {
        // without the check the report would say that endpoint is required, which the user believes is set
        runner.withPropertyValues("desknotify.providers.hw.type=huawei-workspace",
                        "desknotify.providers.hw.endpiont=http://127.0.0.1:9",
                        "desknotify.providers.hw.project-id=p1", "desknotify.providers.hw.token=t")
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("Property: desknotify.providers.hw.endpiont"));
    }

    @Test
    void validKeysInEveryFormBootBindsStillStart() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("DESKNOTIFY_PROVIDERS_HW_PROJECT_ID", "p1");            // dashes as '_' (legacy form)
        env.put("DESKNOTIFY_PROVIDERS_HW_ACCESSKEY", "ak");             // dashes dropped
        env.put("DESKNOTIFY_PROVIDERS_HW_RATE_LIMIT_REQUESTS", "5");
        env.put("DESKNOTIFY_PROVIDERS_HW_SETTINGS_SEVERITY", "PREFIXED");
        runner.withInitializer(environment(env))
                .withPropertyValues("desknotify.providers.hw.type=huawei-workspace",
                        "desknotify.providers.hw.endpoint=http://127.0.0.1:9",
                        "desknotify.providers[hw].secretKey=sk",
                        "desknotify.providers.hw.requestTimeout=5s",
                        "desknotify.providers.hw.rate-limit.period=2s",
                        "desknotify.providers.hw.settings.page-size=500",
                        "desknotify.providers.hw.settings[max-response-bytes]=4096")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Notifier.class);
                    DesknotifyProperties.Provider hw = context.getBean(DesknotifyProperties.class)
                            .getProviders().get("hw");
                    assertThat(hw.getProjectId()).isEqualTo("p1");
                    assertThat(hw.getAccessKey()).isEqualTo("ak");
                    assertThat(hw.getRateLimit().getRequests()).isEqualTo(5);
                });
    }

    @Test
    void keysOutsideTheProvidersAreLeftAlone() {
        runner.withPropertyValues(HUAWEI).withPropertyValues("desknotify.providerz.hw.x=1", "other.providers.hw.x=1")
                .run(context -> assertThat(context).hasNotFailed());
    }

    /** An environment variable source as Boot sees the real one (its name makes Boot map the variable names). */
    static ApplicationContextInitializer<ConfigurableApplicationContext> environment(Map<String, Object> variables) {
        return context -> context.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }
}
