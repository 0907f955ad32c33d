package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.core.inmemory.InMemoryTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class NotifierAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifierMetricsAutoConfiguration.class,
                    NotifierAutoConfiguration.class, NotifierHealthAutoConfiguration.class));

    @Test
    void notifierIsBuiltFromProperties() {
        runner.withPropertyValues(
                        "desknotify.default-provider=hz",
                        "desknotify.providers.hw.type=huawei-workspace",
                        "desknotify.providers.hw.endpoint=http://127.0.0.1:9",
                        "desknotify.providers.hw.project-id=p1",
                        "desknotify.providers.hw.access-key=ak",
                        "desknotify.providers.hw.secret-key=sk",
                        "desknotify.providers.hw.max-batch-size=50",
                        "desknotify.providers.hw.request-timeout=5s",
                        "desknotify.providers.hz.type=horizon",
                        "desknotify.providers.hz.base-url=http://127.0.0.1:9",
                        "desknotify.providers.hz.domain=CORP",
                        "desknotify.providers.hz.username=svc",
                        "desknotify.providers.hz.password=pw",
                        "desknotify.retry.max-attempts=3",
                        "desknotify.rate-limit.requests=20",
                        "desknotify.providers.hw.rate-limit.requests=5",
                        "desknotify.max-concurrent-batches=4")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Notifier.class);
                    assertThat(context.getBean(Notifier.class).providers()).containsExactly("hz", "hw");
                });
    }

    @Test
    void backsOffWithoutProviders() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Notifier.class));
    }

    @Test
    void backsOffWhenTheUserDefinesANotifier() {
        runner.withUserConfiguration(UserNotifier.class)
                .withPropertyValues("desknotify.providers.mem.type=in-memory")
                .run(context -> {
                    assertThat(context).hasSingleBean(Notifier.class);
                    assertThat(context.getBean(Notifier.class)).isSameAs(context.getBean("userNotifier"));
                    assertThat(context.getBean(Notifier.class).providers()).containsExactly("mine");
                });
    }

    @Test
    void customizersRunInOrderBeforeTheNotifierIsBuilt() {
        runner.withUserConfiguration(Customizers.class)
                .withPropertyValues("desknotify.providers.mem.type=in-memory")
                .run(context -> {
                    assertThat(context.getBean(Notifier.class).providers()).containsExactly("mem", "extra");
                    assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
                });
    }

    @Test
    void metricsAreBoundWhenTheApplicationHasAMeterRegistry() {
        runner.withBean(SimpleMeterRegistry.class)
                .withPropertyValues("desknotify.providers.mem.type=in-memory")
                .run(context -> {
                    assertThat(context).hasBean("desknotifyMetricsCustomizer");
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find("notify.targets").counters()).isEmpty();

                    JobReport report = context.getBean(Notifier.class)
                            .send(Notification.builder().message("Maintenance at 22:00").build(),
                                    List.of(Target.desktop("d1"), Target.desktop("d2")))
                            .completion().get(10, TimeUnit.SECONDS);

                    assertThat(report.count(Outcome.DELIVERED)).isEqualTo(2);
                    assertThat(registry.get("notify.targets").tag("provider", "mem")
                            .tag("outcome", "delivered").counter().count()).isEqualTo(2.0);
                    assertThat(registry.get("notify.batches").counters()).isNotEmpty();
                });
    }

    @Test
    void metricsUseTheRegistryOfBootsMetricsAutoConfiguration() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class,
                        NotifierMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .withPropertyValues("desknotify.providers.mem.type=in-memory")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("desknotifyMetricsCustomizer");
                    context.getBean(Notifier.class).send(Notification.builder().message("x").build(),
                            List.of(Target.desktop("d1"))).completion().get(10, TimeUnit.SECONDS);
                    assertThat(context.getBean(MeterRegistry.class).get("notify.targets").counter().count())
                            .isEqualTo(1.0);
                });
    }

    @Test
    void noMetricsWithoutAMeterRegistry() {
        runner.withPropertyValues("desknotify.providers.mem.type=in-memory")
                .run(context -> {
                    assertThat(context).hasSingleBean(Notifier.class);
                    assertThat(context).doesNotHaveBean("desknotifyMetricsCustomizer");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserNotifier {
        @Bean
        Notifier userNotifier() {
            return Notifier.builder().transport(InMemoryTransport.builder().provider("mine").build()).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<String> calls = new ArrayList<>();

        @Bean
        @Order(2)
        NotifierBuilderCustomizer second() {
            return builder -> calls.add("second");
        }

        @Bean
        @Order(1)
        NotifierBuilderCustomizer first() {
            return builder -> {
                calls.add("first");
                builder.transport(InMemoryTransport.builder().provider("extra").build());
            };
        }
    }
}
