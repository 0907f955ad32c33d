package io.desknotify.spring;

import io.desknotify.core.Notifier;

/**
 * Customizes the {@link Notifier.Builder} of the auto-configured {@link Notifier} after the
 * {@code desknotify.*} properties were applied and before it is built: add a listener or a transport built in
 * code, set a record store or a clock. Declare one or more as beans; they run in
 * {@link org.springframework.core.Ordered order}.
 *
 * <pre>{@code
 * @Bean
 * NotifierBuilderCustomizer auditListener(AuditLog audit) {
 *     return builder -> builder.listener(new AuditingNotifyListener(audit));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface NotifierBuilderCustomizer {

    /**
     * Customizes the builder; called once, on the thread creating the notifier bean.
     *
     * @param builder the builder of the auto-configured notifier, with the {@code desknotify.*} properties applied
     */
    void customize(Notifier.Builder builder);
}
