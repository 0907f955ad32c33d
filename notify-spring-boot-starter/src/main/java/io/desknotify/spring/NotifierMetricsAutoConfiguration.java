package io.desknotify.spring;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Publishes the auto-configured notifier's {@code notify.*} meters (targets by outcome, batches, retries,
 * throttles, latencies; tags provider, outcome, never a desktop or user) to the application's
 * {@link MeterRegistry}, when there is one.
 */
@AutoConfiguration(before = NotifierAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class NotifierMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "desknotifyMetricsCustomizer")
    NotifierBuilderCustomizer desknotifyMetricsCustomizer(MeterRegistry registry) {
        return builder -> builder.meterRegistry(registry);
    }
}
