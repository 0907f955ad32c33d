package io.desknotify.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Refuses a key under {@code desknotify.providers.<name>} that binds to nothing. Boot's binder ignores such a key,
 * so a misspelt {@code endpiont} would leave the provider without its endpoint or, worse, with a default the user
 * meant to change; {@code settings.*} keys are refused by the provider's factory and these are refused here the
 * same way. Values are never read into a message, only names and origins.
 */
final class UnknownProviderKeys {
    private static final ConfigurationPropertyName PROVIDERS =
            ConfigurationPropertyName.of(PropertiesNotifierFactory.PREFIX + ".providers");
    private static final String RATE_LIMIT = "rate-limit";
    private static final String SETTINGS = "settings";
    private static final List<String> RATE_LIMIT_KEYS = List.of("requests", "period");

    private UnknownProviderKeys() {
    }

    /**
     * Checks every {@code desknotify.providers.<name>.*} key of the environment's enumerable property sources.
     *
     * @throws InvalidDesknotifyPropertyException naming the first key that is no provider property
     */
    static void check(Environment environment, DesknotifyProperties properties) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            // environment variables drop dashes or turn them into '_', so PROJECT_ID arrives as project.id
            boolean joined = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            List<ConfigurationPropertyName> names = iterable.filter(PROVIDERS::isAncestorOf).stream().toList();
            for (ConfigurationPropertyName name : names) {
                if (name.getNumberOfElements() > PROVIDERS.getNumberOfElements() + 1 && !known(name, joined)) {
                    throw unknown(source, name, properties);
                }
            }
        }
    }

    private static boolean known(ConfigurationPropertyName name, boolean joined) {
        List<String> tail = new ArrayList<>();
        for (int i = PROVIDERS.getNumberOfElements() + 1; i < name.getNumberOfElements(); i++) {
            tail.add(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM));
        }
        Set<String> top = new TreeSet<>(PropertiesNotifierFactory.providerProperties(null));
        top.add("type");
        top.add(RATE_LIMIT);
        top.add(SETTINGS);
        int used = match(tail, 0, top, joined);
        if (used < 0) {
            return false;
        }
        String key = joinedKey(tail, 0, used);
        if (key.equals(uniform(SETTINGS))) {
            return true;   // the factory checks these
        }
        if (key.equals(uniform(RATE_LIMIT))) {
            return used == tail.size()
                    || match(tail, used, RATE_LIMIT_KEYS, joined) == tail.size() - used;
        }
        return used == tail.size();
    }

    /** How many elements from {@code from} spell one of {@code keys}, or -1; more than one only when joined. */
    private static int match(List<String> tail, int from, Iterable<String> keys, boolean joined) {
        int most = joined ? tail.size() - from : Math.min(1, tail.size() - from);
        for (int n = 1; n <= most; n++) {
            String candidate = joinedKey(tail, from, n);
            for (String key : keys) {
                if (uniform(key).equals(candidate)) {
                    return n;
                }
            }
        }
        return -1;
    }

    private static String joinedKey(List<String> tail, int from, int n) {
        return String.join("", tail.subList(from, from + n));
    }

    private static String uniform(String key) {
        return key.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static InvalidDesknotifyPropertyException unknown(ConfigurationPropertySource source,
            ConfigurationPropertyName name, DesknotifyProperties properties) {
        String provider = name.getElement(PROVIDERS.getNumberOfElements(), ConfigurationPropertyName.Form.ORIGINAL);
        DesknotifyProperties.Provider p = find(properties.getProviders(), provider);
        String type = p == null || p.getType() == null ? null : p.getType().trim().toLowerCase(Locale.ROOT);
        List<String> keys = new ArrayList<>(PropertiesNotifierFactory.providerProperties(type));
        keys.add("type");
        RATE_LIMIT_KEYS.forEach(k -> keys.add(RATE_LIMIT + "." + k));
        keys.add(SETTINGS + ".<key>");
        String forType = type != null && PropertiesNotifierFactory.hasFixedKeys(type) ? " of a " + type + " provider"
                : " of a provider";
        StringBuilder reason = new StringBuilder("is not a property").append(forType).append("; known are ")
                .append(new TreeSet<>(keys));
        ConfigurationProperty property = source.getConfigurationProperty(name);
        Origin origin = property == null ? null : property.getOrigin();
        if (origin != null) {
            reason.append(" (set in ").append(origin).append(')');
        }
        reason.append(". Settings of the provider's factory without a property of their own go under ")
                .append(PROVIDERS).append('.').append(provider).append(".settings.<key>");
        return new InvalidDesknotifyPropertyException(name.toString(), reason.toString());
    }

    private static DesknotifyProperties.Provider find(Map<String, DesknotifyProperties.Provider> providers,
            String name) {
        if (providers == null) {
            return null;
        }
        DesknotifyProperties.Provider p = providers.get(name);
        if (p != null) {
            return p;
        }
        for (Map.Entry<String, DesknotifyProperties.Provider> e : providers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
