package io.desknotify.spring;

import io.desknotify.api.ConfigurationException;
import io.desknotify.api.SendOptions;
import io.desknotify.api.spi.Transport;
import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.core.Notifier;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.core.RetrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns {@link DesknotifyProperties} into a {@link Notifier}: checks every property first (so that a mistake is
 * reported by its property name and no transport is created for nothing), then builds the transports through
 * their {@link TransportFactory}, then the notifier. Error messages never hold a secret's value.
 */
final class PropertiesNotifierFactory {
    static final String PREFIX = "desknotify";
    static final String HUAWEI = "huawei-workspace";
    static final String HORIZON = "horizon";

    /**
     * A provider property and the TransportFactory setting it becomes for each known type; a known type missing
     * from the map does not take the property. Types this class does not know get the property's own name as the
     * key.
     */
    private record Field(String property, Function<DesknotifyProperties.Provider, Object> value,
            Map<String, String> keys) {

        String key(String type) {
            return KNOWN_TYPES.contains(type) ? keys.get(type) : property;
        }
    }

    static final String AVD = "azure-virtual-desktop";
    static final String CITRIX = "citrix-daas";
    private static final List<String> KNOWN_TYPES = List.of(HUAWEI, HORIZON, AVD, CITRIX);
    private static final List<String> HTTP_TYPES = KNOWN_TYPES;

    /** A property every type in {@code types} takes under the same key. */
    private static Field field(String property, Function<DesknotifyProperties.Provider, Object> value,
            List<String> types) {
        Map<String, String> keys = new LinkedHashMap<>();
        types.forEach(t -> keys.put(t, property));
        return new Field(property, value, keys);
    }

    /** A property that only {@code type} takes, under {@code key}. */
    private static Field only(String property, Function<DesknotifyProperties.Provider, Object> value, String type,
            String key) {
        return new Field(property, value, Map.of(type, key));
    }

    private static final List<Field> FIELDS = List.of(
            only("endpoint", DesknotifyProperties.Provider::getEndpoint, HUAWEI, "endpoint"),
            only("project-id", DesknotifyProperties.Provider::getProjectId, HUAWEI, "project-id"),
            only("access-key", DesknotifyProperties.Provider::getAccessKey, HUAWEI, "access-key"),
            only("secret-key", DesknotifyProperties.Provider::getSecretKey, HUAWEI, "secret-key"),
            only("security-token", DesknotifyProperties.Provider::getSecurityToken, HUAWEI, "security-token"),
            only("token", DesknotifyProperties.Provider::getToken, HUAWEI, "auth-token"),
            new Field("base-url", DesknotifyProperties.Provider::getBaseUrl,
                    Map.of(HORIZON, "base-uri", AVD, "base-uri", CITRIX, "base-uri")),
            only("domain", DesknotifyProperties.Provider::getDomain, HORIZON, "domain"),
            only("username", DesknotifyProperties.Provider::getUsername, HORIZON, "username"),
            only("password", DesknotifyProperties.Provider::getPassword, HORIZON, "password"),
            only("user-domain", DesknotifyProperties.Provider::getUserDomain, HORIZON, "user-domain"),
            only("login-url", DesknotifyProperties.Provider::getLoginUrl, AVD, "login-uri"),
            only("tenant-id", DesknotifyProperties.Provider::getTenantId, AVD, "tenant-id"),
            field("client-id", DesknotifyProperties.Provider::getClientId, List.of(AVD, CITRIX)),
            field("client-secret", DesknotifyProperties.Provider::getClientSecret, List.of(AVD, CITRIX)),
            only("subscription-id", DesknotifyProperties.Provider::getSubscriptionId, AVD, "subscription-id"),
            only("resource-group", DesknotifyProperties.Provider::getResourceGroup, AVD, "resource-group"),
            only("host-pools", DesknotifyProperties.Provider::getHostPools, AVD, "host-pools"),
            only("customer-id", DesknotifyProperties.Provider::getCustomerId, CITRIX, "customer-id"),
            only("site-id", DesknotifyProperties.Provider::getSiteId, CITRIX, "site-id"),
            field("connect-timeout", DesknotifyProperties.Provider::getConnectTimeout, HTTP_TYPES),
            field("request-timeout", DesknotifyProperties.Provider::getRequestTimeout, HTTP_TYPES),
            new Field("max-batch-size", DesknotifyProperties.Provider::getMaxBatchSize,
                    Map.of(HUAWEI, "max-desktops-per-call", HORIZON, "max-sessions-per-call")),
            field("max-message-length", DesknotifyProperties.Provider::getMaxMessageLength, HTTP_TYPES));

    private final DesknotifyProperties properties;
    private final Map<String, TransportFactory> factories;

    /**
     * The properties of their own (not {@code type}, {@code rate-limit} or {@code settings}) that a provider of
     * the type may set; every one for a type this class does not know, since those get each under its own name.
     */
    static List<String> providerProperties(String type) {
        List<String> keys = new ArrayList<>();
        for (Field f : FIELDS) {
            if (type == null || f.key(type) != null) {
                keys.add(f.property());
            }
        }
        return keys;
    }

    /** Whether the type's providers take only some of the provider properties. */
    static boolean hasFixedKeys(String type) {
        return KNOWN_TYPES.contains(type);
    }

    PropertiesNotifierFactory(DesknotifyProperties properties, ClassLoader classLoader) {
        this.properties = properties;
        Map<String, TransportFactory> found = new TreeMap<>();
        for (TransportFactory f : ServiceLoader.load(TransportFactory.class, classLoader)) {
            found.putIfAbsent(f.id(), f);
        }
        this.factories = Collections.unmodifiableMap(found);
    }

    /**
     * Checks the properties, builds the transports, applies the customizers and builds the notifier. Transports
     * created here are closed again when anything fails.
     *
     * @throws InvalidDesknotifyPropertyException naming the property that is missing or invalid
     */
    Notifier create(Iterable<NotifierBuilderCustomizer> customizers) {
        Map<String, TransportSettings> settings = checkAndMapProviders();
        String defaultProvider = checkDefaultProvider();
        RetrySettings retry = retry();
        RateLimitSettings rateLimit = rateLimit(properties.getRateLimit(), PREFIX + ".rate-limit");
        Map<String, RateLimitSettings> providerRateLimits = new LinkedHashMap<>();
        properties.getProviders().forEach((name, p) -> {
            if (p.getRateLimit().getRequests() != null) {
                providerRateLimits.put(name, rateLimit(p.getRateLimit(), provider(name) + ".rate-limit"));
            }
        });
        Integer maxConcurrentBatches = properties.getMaxConcurrentBatches();
        if (maxConcurrentBatches != null && (maxConcurrentBatches < 1 || maxConcurrentBatches > 1024)) {
            throw invalid(PREFIX + ".max-concurrent-batches", "must be between 1 and 1024 but was "
                    + maxConcurrentBatches);
        }
        Duration closeTimeout = positive(properties.getCloseTimeout(), PREFIX + ".close-timeout");
        Duration pollInterval = positive(properties.getJobPolling().getInterval(), PREFIX + ".job-polling.interval");
        Duration pollTimeout = positive(properties.getJobPolling().getTimeout(), PREFIX + ".job-polling.timeout");
        positive(properties.getHealth().getTimeout(), PREFIX + ".health.timeout");

        List<Transport> created = new ArrayList<>();
        try {
            Notifier.Builder builder = Notifier.builder();
            settings.forEach((name, s) -> {
                Transport transport = createTransport(name, s);
                created.add(transport);
                builder.transport(transport);
            });
            if (defaultProvider != null) {
                builder.defaultProvider(defaultProvider);
            }
            builder.retry(retry)
                    .rateLimit(rateLimit)
                    .closeTimeout(closeTimeout)
                    .jobPolling(pollInterval, pollTimeout)
                    .defaultOptions(SendOptions.builder().onlyConnected(properties.isOnlyConnected()).build());
            if (maxConcurrentBatches != null) {
                builder.maxConcurrentBatches(maxConcurrentBatches);
            }
            providerRateLimits.forEach(builder::rateLimit);
            for (NotifierBuilderCustomizer customizer : customizers) {
                customizer.customize(builder);
            }
            return builder.build();
        } catch (RuntimeException e) {
            for (Transport t : created) {
                try {
                    t.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** The transport settings of every provider, by provider name, after checking them. */
    private Map<String, TransportSettings> checkAndMapProviders() {
        Map<String, DesknotifyProperties.Provider> providers = properties.getProviders();
        if (providers == null || providers.isEmpty()) {
            throw invalid(PREFIX + ".providers", "at least one provider is required, e.g. "
                    + PREFIX + ".providers.hw.type=" + HUAWEI);
        }
        Map<String, TransportSettings> all = new LinkedHashMap<>();
        providers.forEach((name, p) -> all.put(name, settings(name, p)));
        return all;
    }

    private TransportSettings settings(String name, DesknotifyProperties.Provider p) {
        String prefix = provider(name);
        if (p == null) {
            throw invalid(prefix + ".type", "is required; one of " + factories.keySet());
        }
        String type = blankToNull(p.getType());
        if (type == null) {
            throw invalid(prefix + ".type", "is required; one of " + factories.keySet());
        }
        type = type.toLowerCase(Locale.ROOT);
        if (!factories.containsKey(type)) {
            throw invalid(prefix + ".type", "'" + type + "' is not a provider type on the class path; found "
                    + factories.keySet());
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            Object value = f.value().apply(p);
            if (value instanceof String s) {
                value = blankToNull(s);
            }
            if (value == null) {
                continue;
            }
            String key = f.key(type);
            if (key == null) {
                throw invalid(prefix + "." + f.property(), "is not a setting of a " + type + " provider");
            }
            values.put(key, check(prefix + "." + f.property(), value));
        }
        Map<String, String> extra = p.getSettings() == null ? Map.of() : p.getSettings();
        for (Map.Entry<String, String> e : extra.entrySet()) {
            String property = prefix + ".settings." + e.getKey();
            if (values.containsKey(e.getKey())) {
                throw invalid(property, "is also set by a property of its own under " + prefix + "; set it once");
            }
            if (e.getValue() != null) {
                values.put(e.getKey(), e.getValue());
            }
        }
        switch (type) {
            case HUAWEI -> checkHuawei(prefix, p);
            case HORIZON -> checkHorizon(prefix, p);
            case AVD -> checkAzureVirtualDesktop(prefix, p);
            case CITRIX -> checkCitrix(prefix, p);
            default -> { }
        }
        return TransportSettings.of(name, values);
    }

    private void checkHuawei(String prefix, DesknotifyProperties.Provider p) {
        require(p.getEndpoint(), prefix + ".endpoint", HUAWEI + " provider");
        require(p.getProjectId(), prefix + ".project-id", HUAWEI + " provider");
        boolean token = blankToNull(p.getToken()) != null;
        boolean akSk = blankToNull(p.getAccessKey()) != null || blankToNull(p.getSecretKey()) != null
                || blankToNull(p.getSecurityToken()) != null;
        if (token && akSk) {
            throw invalid(prefix + ".token", "choose an access key with secret key, or a token, not both");
        }
        if (!token) {
            require(p.getAccessKey(), prefix + ".access-key", HUAWEI + " provider without a token");
            require(p.getSecretKey(), prefix + ".secret-key", HUAWEI + " provider with an access key");
        }
    }

    private void checkHorizon(String prefix, DesknotifyProperties.Provider p) {
        require(p.getBaseUrl(), prefix + ".base-url", HORIZON + " provider");
        require(p.getDomain(), prefix + ".domain", HORIZON + " provider");
        require(p.getUsername(), prefix + ".username", HORIZON + " provider");
        require(p.getPassword(), prefix + ".password", HORIZON + " provider");
    }

    private void checkAzureVirtualDesktop(String prefix, DesknotifyProperties.Provider p) {
        require(p.getTenantId(), prefix + ".tenant-id", AVD + " provider");
        require(p.getClientId(), prefix + ".client-id", AVD + " provider");
        require(p.getClientSecret(), prefix + ".client-secret", AVD + " provider");
        require(p.getSubscriptionId(), prefix + ".subscription-id", AVD + " provider");
        require(p.getResourceGroup(), prefix + ".resource-group", AVD + " provider");
    }

    private void checkCitrix(String prefix, DesknotifyProperties.Provider p) {
        require(p.getCustomerId(), prefix + ".customer-id", CITRIX + " provider");
        require(p.getClientId(), prefix + ".client-id", CITRIX + " provider");
        require(p.getClientSecret(), prefix + ".client-secret", CITRIX + " provider");
    }

    private static void require(Object value, String property, String what) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw invalid(property, "is required for a " + what);
        }
    }

    /** Checks a provider property's value and returns it as a setting string. Never shows a value. */
    private static String check(String property, Object value) {
        if (value instanceof Duration d) {
            return positive(d, property).toString();
        }
        if (value instanceof Integer i) {
            if (i < 1) {
                throw invalid(property, "must be at least 1 but was " + i);
            }
            return i.toString();
        }
        if (value instanceof List<?> list) {
            List<String> names = new ArrayList<>();
            for (Object o : list) {
                String name = o == null ? null : blankToNull(o.toString());
                if (name == null || name.contains(",")) {
                    throw invalid(property, "must be a list of names, none blank and none with a comma");
                }
                names.add(name);
            }
            if (names.isEmpty()) {
                throw invalid(property, "must name at least one when set");
            }
            return String.join(",", names);
        }
        if (value instanceof URI uri) {
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw invalid(property, "must be an absolute URL with a host, e.g. https://host.example.com");
            }
            return uri.toString();
        }
        return value.toString().trim();
    }

    private Transport createTransport(String name, TransportSettings settings) {
        DesknotifyProperties.Provider p = properties.getProviders().get(name);
        String type = p.getType().trim().toLowerCase(Locale.ROOT);
        try {
            return factories.get(type).create(settings);
        } catch (ConfigurationException e) {
            throw invalid(propertyOf(name, type, p, e.setting()), e.getMessage(), e);
        }
    }

    /** The property behind a factory setting named in a ConfigurationException (kebab-case or camelCase). */
    private static String propertyOf(String name, String type, DesknotifyProperties.Provider p, String setting) {
        String prefix = provider(name);
        if (setting == null) {
            return prefix;
        }
        String key = TransportSettings.keyOf(setting);
        for (Field f : FIELDS) {
            if (key.equals(f.key(type))) {
                return prefix + "." + f.property();
            }
        }
        if (p.getSettings() != null && p.getSettings().containsKey(key)) {
            return prefix + ".settings." + key;
        }
        return prefix;
    }

    private String checkDefaultProvider() {
        Map<String, DesknotifyProperties.Provider> providers = properties.getProviders();
        String defaultProvider = blankToNull(properties.getDefaultProvider());
        if (defaultProvider == null) {
            if (providers.size() > 1) {
                throw invalid(PREFIX + ".default-provider", "is required when more than one provider is configured;"
                        + " one of " + providers.keySet());
            }
            return null;
        }
        if (!providers.containsKey(defaultProvider)) {
            throw invalid(PREFIX + ".default-provider", "names '" + defaultProvider + "', which is not among the "
                    + "configured providers " + providers.keySet());
        }
        return defaultProvider;
    }

    private RetrySettings retry() {
        DesknotifyProperties.Retry r = properties.getRetry();
        String prefix = PREFIX + ".retry";
        if (r.getMaxAttempts() < 1 || r.getMaxAttempts() > 100) {
            throw invalid(prefix + ".max-attempts", "must be between 1 and 100 but was " + r.getMaxAttempts());
        }
        Duration initial = positive(r.getInitialBackoff(), prefix + ".initial-backoff");
        Duration max = positive(r.getMaxBackoff(), prefix + ".max-backoff");
        if (initial.compareTo(max) > 0) {
            throw invalid(prefix + ".initial-backoff", "(" + initial + ") must not exceed " + prefix
                    + ".max-backoff (" + max + ")");
        }
        if (!(r.getMultiplier() >= 1.0) || Double.isInfinite(r.getMultiplier())) {
            throw invalid(prefix + ".multiplier", "must be at least 1 but was " + r.getMultiplier());
        }
        return RetrySettings.custom()
                .maxAttempts(r.getMaxAttempts())
                .initialBackoff(initial)
                .maxBackoff(max)
                .multiplier(r.getMultiplier())
                .maxRetryAfter(positive(r.getMaxRetryAfter(), prefix + ".max-retry-after"))
                .retryAmbiguous(r.isRetryAmbiguous())
                .build();
    }

    private static RateLimitSettings rateLimit(DesknotifyProperties.RateLimit r, String prefix) {
        Duration period = positive(r.getPeriod(), prefix + ".period");
        Integer requests = r.getRequests();
        if (requests == null) {
            return RateLimitSettings.unlimited();
        }
        if (requests < 1) {
            throw invalid(prefix + ".requests", "must be at least 1 but was " + requests
                    + " (leave it unset for no limit of our own)");
        }
        try {
            return RateLimitSettings.of(requests, period);
        } catch (IllegalArgumentException e) {
            throw invalid(prefix + ".requests", e.getMessage(), e);
        }
    }

    private static Duration positive(Duration d, String property) {
        if (d == null) {
            throw invalid(property, "is required");
        }
        if (d.isNegative() || d.isZero()) {
            throw invalid(property, "must be positive but was " + d);
        }
        return d;
    }

    private static String provider(String name) {
        return PREFIX + ".providers." + name;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static InvalidDesknotifyPropertyException invalid(String property, String reason) {
        return new InvalidDesknotifyPropertyException(property, reason);
    }

    private static InvalidDesknotifyPropertyException invalid(String property, String reason, Throwable cause) {
        return new InvalidDesknotifyPropertyException(property, reason, cause);
    }
}
