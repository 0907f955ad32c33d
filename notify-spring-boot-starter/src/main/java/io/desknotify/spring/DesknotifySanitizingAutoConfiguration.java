package io.desknotify.spring;

import io.desknotify.api.spi.TransportSettings;
import java.util.Locale;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Masks the values of secret-looking {@code desknotify.*} keys in Actuator's {@code /env} and {@code /configprops}
 * when the application shows values there.
 *
 * <p>What Boot and this function mask, exactly:
 * <ul>
 *   <li>With {@code management.endpoint.env.show-values} and {@code management.endpoint.configprops.show-values}
 *   left at their default {@code never}, Boot masks every value of every property; this function adds nothing.
 *   <li>With values shown ({@code always}, or {@code when-authorized} for an authorized user), Boot masks only what
 *   a {@link SanitizingFunction} masks. This one masks a key that starts with {@code desknotify.} and whose last
 *   part (or last {@code [bracketed]} part) contains {@code secret}, {@code password}, {@code token}, {@code key}
 *   or {@code credential}, or is {@code sk} or {@code ak}: so {@code secret-key}, {@code security-token},
 *   {@code token}, {@code password}, also {@code access-key} and such keys under {@code settings}. In
 *   {@code /env} the value shown for such a key is the one after placeholders are resolved, and it is masked.
 *   <li>It does <em>not</em> mask the property a placeholder points to. With
 *   {@code desknotify.providers.hw.secret-key=${HW_SK}}, the environment variable {@code HW_SK} is listed under
 *   the {@code systemEnvironment} property source of {@code /env} with its value in clear. Nor does it mask any
 *   other key outside {@code desknotify.*}. Keep values hidden, or mask those names with a function of your own,
 *   for example {@code SanitizingFunction.sanitizeValue().ifKeyEquals("HW_AK", "HW_SK")}.
 * </ul>
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
