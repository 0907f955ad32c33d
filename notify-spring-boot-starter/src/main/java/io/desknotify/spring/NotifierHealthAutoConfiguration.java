package io.desknotify.spring;

import io.desknotify.core.Notifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A health contributor {@code desknotify} with one indicator per provider of the {@link Notifier}, each doing
 * {@link Notifier#checkHealth(String)} within {@code desknotify.health.timeout}. Only when Actuator's health
 * support is on the class path; off with {@code management.health.desknotify.enabled=false}.
 *
 * <p>Every health request calls every provider once. Keep the contributor out of liveness and readiness groups
 * that are polled often, and mind that Huawei locks an access key after five bad signatures in a row.
 */
@AutoConfiguration(after = NotifierAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(Notifier.class)
@EnableConfigurationProperties(DesknotifyProperties.class)
public final class NotifierHealthAutoConfiguration {

    // on the method, not the class: its condition class must not be loaded when spring-boot-health is absent
    @Bean
    @ConditionalOnEnabledHealthIndicator("desknotify")
    @ConditionalOnMissingBean(name = "desknotifyHealthContributor")
    HealthContributor desknotifyHealthContributor(Notifier notifier, DesknotifyProperties properties) {
        Duration timeout = properties.getHealth().getTimeout();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidDesknotifyPropertyException(PropertiesNotifierFactory.PREFIX + ".health.timeout",
                    "must be positive but was " + timeout);
        }
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (String provider : notifier.providers()) {
            indicators.put(provider, new ProviderHealthIndicator(notifier, provider, timeout));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
