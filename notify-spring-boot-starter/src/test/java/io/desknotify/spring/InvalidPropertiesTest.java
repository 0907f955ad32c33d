package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Bad configuration fails start-up with a failure analysis that names the property to fix. */
class InvalidPropertiesTest {

    private static final String[] HUAWEI = {
            "desknotify.providers.hw.type=huawei-workspace",
            "desknotify.providers.hw.endpoint=http://127.0.0.1:9",
            "desknotify.providers.hw.project-id=p1",
            "desknotify.providers.hw.access-key=ak",
            "desknotify.providers.hw.secret-key=TOP-SECRET-SK"};

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class))
            .withPropertyValues(HUAWEI);

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "desknotify.providers.hw.endpoint           | ''                  | is required",
            "desknotify.providers.hw.type               | teams               | is not a provider type on the class path",
            "desknotify.providers.hw.type               | ''                  | is required",
            "desknotify.rate-limit.requests             | -5                  | must be at least 1",
            "desknotify.providers.hw.rate-limit.requests| 0                   | must be at least 1",
            "desknotify.rate-limit.period               | -1s                 | must be positive",
            "desknotify.default-provider                | hz                  | not among the configured providers [hw]",
            "desknotify.providers.hw.secret-key         | ''                  | is required",
            "desknotify.providers.hw.token              | TOP-SECRET-TOKEN    | not both",
            "desknotify.providers.hw.base-url           | https://h.example   | not a setting of a huawei-workspace",
            "desknotify.providers.hw.max-batch-size     | 0                   | must be at least 1",
            "desknotify.providers.hw.request-timeout    | 0s                  | must be positive",
            "desknotify.retry.max-attempts              | 0                   | must be between 1 and 100",
            "desknotify.retry.initial-backoff           | 1m                  | must not exceed desknotify.retry.max-backoff",
            "desknotify.max-concurrent-batches          | 0                   | must be between 1 and 1024",
            "desknotify.providers.hw.settings.severity  | LOUD                | DROPPED or PREFIXED",
            "desknotify.providers.hw.settings.page-size | 5000                | pageSize must be between 1 and 1000",
    })
    void startUpFailsNamingTheProperty(String property, String value, String reason) {
        runner.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property: " + property).contains(reason)
                    .doesNotContain("TOP-SECRET");
            assertThat(analysis.getAction()).contains(property);
        });
    }

    @Test
    void horizonRequiresItsLoginSettings() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class))
                .withPropertyValues("desknotify.providers.vm.type=horizon",
                        "desknotify.providers.vm.base-url=https://horizon.example.com",
                        "desknotify.providers.vm.domain=CORP", "desknotify.providers.vm.username=svc")
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("Property: desknotify.providers.vm.password"));
    }

    @Test
    void defaultProviderIsRequiredWithTwoProviders() {
        runner.withPropertyValues("desknotify.providers.mem.type=in-memory")
                .run(context -> assertThat(analyze(context.getStartupFailure()).getDescription())
                        .contains("Property: desknotify.default-provider")
                        .contains("required when more than one provider is configured"));
    }

    @Test
    void anUnparsableValueIsLeftToBootsOwnBindingAnalysis() {
        runner.withPropertyValues("desknotify.providers.hw.connect-timeout=soon")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("desknotify.providers.hw.connect-timeout"));
    }

    @Test
    void theAnalyzerIsRegisteredInSpringFactories() {
        // Boot's own analyzers need a bean factory to be built; only ours matters here
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, (type, name, failure) -> { });
        assertThat(analyzers).hasAtLeastOneElementOfType(InvalidDesknotifyPropertyFailureAnalyzer.class);
    }

    static FailureAnalysis analyze(Throwable failure) {
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new InvalidDesknotifyPropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }
}
