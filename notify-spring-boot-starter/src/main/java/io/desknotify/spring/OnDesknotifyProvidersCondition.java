package io.desknotify.spring;

import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when at least one {@code desknotify.providers.<name>} is configured. */
class OnDesknotifyProvidersCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("desknotify providers");
        Map<String, Object> providers = Binder.get(context.getEnvironment())
                .bind(PropertiesNotifierFactory.PREFIX + ".providers", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        if (providers.isEmpty()) {
            return ConditionOutcome.noMatch(message.didNotFind("property").items("desknotify.providers.<name>"));
        }
        return ConditionOutcome.match(message.found("providers").items(providers.keySet()));
    }
}
