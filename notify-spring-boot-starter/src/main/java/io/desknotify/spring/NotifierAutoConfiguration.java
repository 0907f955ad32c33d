package io.desknotify.spring;

import io.desknotify.core.Notifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configures a {@link Notifier} from the {@code desknotify.*} properties when at least one
 * {@code desknotify.providers.<name>} is configured and the application defines no {@code Notifier} of its own.
 * {@link NotifierBuilderCustomizer} beans are applied, in order, before the notifier is built; the notifier is
 * closed with the application context.
 *
 * <p>Every property is checked before any transport is created; a mistake stops start-up with an
 * {@link InvalidDesknotifyPropertyException} whose failure analysis names the property. That includes a key under
 * {@code desknotify.providers.<name>} that is no provider property (a misspelt {@code endpiont}, say), which
 * Boot's binder would otherwise ignore: the analysis lists the keys a provider of that type takes.
 */
@AutoConfiguration
@EnableConfigurationProperties(DesknotifyProperties.class)
public final class NotifierAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(OnDesknotifyProvidersCondition.class)
    Notifier notifier(DesknotifyProperties properties, ObjectProvider<NotifierBuilderCustomizer> customizers,
            ApplicationContext context) {
        UnknownProviderKeys.check(context.getEnvironment(), properties);
        // the context's class loader finds the TransportFactory implementations of the application
        return new PropertiesNotifierFactory(properties, context.getClassLoader())
                .create(customizers.orderedStream()::iterator);
    }
}
