package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Secrets never show: not in toString, not in Actuator's env or configprops when values are shown. */
class SecretsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class,
                    DesknotifySanitizingAutoConfiguration.class))
            .withPropertyValues(
                    "desknotify.default-provider=hw",
                    "desknotify.providers.hw.type=huawei-workspace",
                    "desknotify.providers.hw.endpoint=http://127.0.0.1:9",
                    "desknotify.providers.hw.project-id=p1",
                    "desknotify.providers.hw.access-key=ak",
                    "desknotify.providers.hw.secret-key=S3CRET-SK",
                    "desknotify.providers.hw.security-token=S3CRET-STS",
                    "desknotify.providers.tk.type=huawei-workspace",
                    "desknotify.providers.tk.endpoint=http://127.0.0.1:9",
                    "desknotify.providers.tk.project-id=p1",
                    "desknotify.providers.tk.token=S3CRET-IAM",
                    "desknotify.providers.hz.type=horizon",
                    "desknotify.providers.hz.base-url=http://127.0.0.1:9",
                    "desknotify.providers.hz.domain=CORP",
                    "desknotify.providers.hz.username=svc",
                    "desknotify.providers.hz.password=S3CRET-PW");

    @Test
    void propertiesToStringMasksSecrets() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            String shown = context.getBean(DesknotifyProperties.class).toString();
            assertThat(shown).doesNotContain("S3CRET").contains("secretKey=******").contains("token=******")
                    .contains("password=******").contains("securityToken=******").contains("accessKey=ak");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"desknotify.providers.hw.secret-key", "desknotify.providers.hw.security-token",
            "desknotify.providers.hw.token", "desknotify.providers.hz.password", "desknotify.providers.hw.secretKey",
            "desknotify.providers.hw.settings.auth-token", "desknotify.providers[hw].settings[auth-token]"})
    void actuatorMasksOurSecretKeysEvenWhenShowingValues(String key) {
        runner.run(context -> {
            Sanitizer sanitizer = new Sanitizer(context.getBeansOfType(SanitizingFunction.class).values());
            assertThat(sanitizer.sanitize(new SanitizableData(null, key, "S3CRET"), true)).isEqualTo("******");
        });
    }

    @Test
    void otherValuesStayVisible() {
        runner.run(context -> {
            Sanitizer sanitizer = new Sanitizer(context.getBeansOfType(SanitizingFunction.class).values());
            assertThat(sanitizer.sanitize(new SanitizableData(null, "desknotify.providers.hw.endpoint",
                    "https://x"), true)).isEqualTo("https://x");
            assertThat(sanitizer.sanitize(new SanitizableData(null, "other.password", "pw"), true)).isEqualTo("pw");
        });
    }

    @Test
    void envMasksTheResolvedSecretKeyButNotTheVariableItsPlaceholderPointsTo() {
        // exactly what DesknotifySanitizingAutoConfiguration's Javadoc says, through Actuator's own endpoint
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class,
                        DesknotifySanitizingAutoConfiguration.class))
                .withInitializer(UnknownProviderKeysTest.environment(Map.of("HW_SK", "S3CRET-FROM-ENV")))
                .withPropertyValues("desknotify.providers.hw.type=huawei-workspace",
                        "desknotify.providers.hw.endpoint=http://127.0.0.1:9",
                        "desknotify.providers.hw.project-id=p1",
                        "desknotify.providers.hw.access-key=ak",
                        "desknotify.providers.hw.secret-key=${HW_SK}")
                .run(context -> {
                    List<SanitizingFunction> ours = List.copyOf(
                            context.getBeansOfType(SanitizingFunction.class).values());
                    EnvironmentEndpoint shown = new EnvironmentEndpoint(context.getEnvironment(), ours, Show.ALWAYS);
                    assertThat(values(shown, "desknotify.providers.hw.secret-key")).containsOnly("******");
                    assertThat(values(shown, "HW_SK")).containsOnly("S3CRET-FROM-ENV");

                    List<SanitizingFunction> withRemedy = new ArrayList<>(ours);
                    withRemedy.add(SanitizingFunction.sanitizeValue().ifKeyEquals("HW_AK", "HW_SK"));
                    assertThat(values(new EnvironmentEndpoint(context.getEnvironment(), withRemedy, Show.ALWAYS),
                            "HW_SK")).containsOnly("******");
                    // Boot's default hides every value
                    assertThat(values(new EnvironmentEndpoint(context.getEnvironment(), ours, Show.NEVER), "HW_SK"))
                            .containsOnly("******");
                });
    }

    /** The values /env shows for a property, one per property source that holds it. */
    private static List<Object> values(EnvironmentEndpoint endpoint, String property) {
        return endpoint.environmentEntry(property).getPropertySources().stream()
                .filter(s -> s.getProperty() != null).map(s -> s.getProperty().getValue()).toList();
    }

    @Test
    void noSanitizingFunctionWithoutActuator() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(io.desknotify.core.Notifier.class);
                    assertThat(context).doesNotHaveBean("desknotifySanitizingFunction");
                });
    }

    @Test
    void ourSecretKeysAlsoMatchBootsOwnCredentialPatterns() {
        // Boot 4 masks every value unless show-values is set; then only SanitizingFunctions mask, e.g. this one
        Sanitizer boots = new Sanitizer(List.of(SanitizingFunction.sanitizeValue().ifLikelyCredential()));
        for (String key : List.of("desknotify.providers.hw.secret-key", "desknotify.providers.hw.security-token",
                "desknotify.providers.hw.token", "desknotify.providers.hz.password")) {
            assertThat(boots.sanitize(new SanitizableData(null, key, "S3CRET"), true)).as(key).isEqualTo("******");
            assertThat(new Sanitizer().sanitize(new SanitizableData(null, key, "S3CRET"), false)).isEqualTo("******");
        }
    }
}
