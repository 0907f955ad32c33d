package io.desknotify.spring;

import io.desknotify.api.spi.TransportSettings;
import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks desknotify secrets in Actuator's {@code /env} and {@code /configprops} even when the application shows
 * values there ({@code management.endpoint.env.show-values=always}). Since Boot 3 these endpoints mask every
 * value by default but no longer mask by key once values are shown; this function masks every
 * {@code desknotify.*} key whose last part looks secret ({@code secret-key}, {@code security-token},
 * {@code token}, {@code password}, also {@code access-key} and such keys under {@code settings}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class DesknotifySanitizingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "desknotifySanitizingFunction")
    SanitizingFunction desknotifySanitizingFunction() {
        return SanitizingFunction.sanitizeValue().ifKeyMatches(DesknotifySanitizingAutoConfiguration::isSecret);
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (!k.startsWith(PropertiesNotifierFactory.PREFIX + ".")) {
            return false;
        }
        String last = k.substring(k.lastIndexOf('.') + 1);
        if (last.endsWith("]")) {
            last = last.substring(last.lastIndexOf('[') + 1, last.length() - 1);
        }
        return TransportSettings.isSecretKey(last);
    }
}
