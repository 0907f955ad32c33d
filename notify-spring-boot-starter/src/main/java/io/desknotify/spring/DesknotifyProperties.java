package io.desknotify.spring;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the auto-configured {@link io.desknotify.core.Notifier}, under {@code desknotify}.
 *
 * <pre>
 * desknotify.providers.hw.type=huawei-workspace
 * desknotify.providers.hw.endpoint=https://workspace.cn-north-4.myhuaweicloud.com
 * desknotify.providers.hw.project-id=0bec5db98280d2d02fd6c00c2de791ce
 * desknotify.providers.hw.access-key=${HW_AK}
 * desknotify.providers.hw.secret-key=${HW_SK}
 * </pre>
 *
 * <p>Secrets ({@code secret-key}, {@code security-token}, {@code token}, {@code password},
 * {@code client-secret}) are never shown by
 * {@link #toString()}. In Actuator's {@code /env} and {@code /configprops}, secret-looking {@code desknotify.*}
 * keys stay masked even when values are shown, but an environment variable that such a key references (here
 * {@code HW_SK}) does not: see {@link DesknotifySanitizingAutoConfiguration}.
 */
@ConfigurationProperties("desknotify")
public class DesknotifyProperties {

    /**
     * Name of the provider that receives targets naming none. Required when more than one provider is
     * configured; with a single provider, that provider.
     */
    private String defaultProvider;

    /**
     * Provider instances by name. The name is what targets route by (Target.via(name)) and the provider tag of
     * the metrics.
     */
    private Map<String, Provider> providers = new LinkedHashMap<>();

    /**
     * How batches are retried when the provider provably did not act on them.
     */
    private final Retry retry = new Retry();

    /**
     * Rate limit of every provider without one of its own. Unlimited unless requests is set.
     */
    private final RateLimit rateLimit = new RateLimit();

    /**
     * Batches in flight per provider, across all jobs (1 to 1024), fixed; unset, the window adapts (8 to 256).
     */
    private Integer maxConcurrentBatches;

    /**
     * Whether sends that give no options reach only desktops with a connected user (the others are recorded
     * SKIPPED).
     */
    private boolean onlyConnected;

    /**
     * How long closing the notifier at shutdown waits for running jobs before cancelling them.
     */
    private Duration closeTimeout = Duration.ofSeconds(30);

    /**
     * How provider jobs (Huawei job ids) are followed to their end.
     */
    private final JobPolling jobPolling = new JobPolling();

    /**
     * Actuator health indicator settings.
     */
    private final Health health = new Health();

    /** {@return name of the provider that receives targets naming none} */
    public String getDefaultProvider() {
        return defaultProvider;
    }

    /**
     * Sets the value returned by {@link #getDefaultProvider()}.
     *
     * @param defaultProvider the new value
     */
    public void setDefaultProvider(String defaultProvider) {
        this.defaultProvider = defaultProvider;
    }

    /** {@return provider instances by name} */
    public Map<String, Provider> getProviders() {
        return providers;
    }

    /**
     * Sets the value returned by {@link #getProviders()}.
     *
     * @param providers the new value
     */
    public void setProviders(Map<String, Provider> providers) {
        this.providers = providers;
    }

    /** {@return how batches are retried when the provider provably did not act on them} */
    public Retry getRetry() {
        return retry;
    }

    /** {@return rate limit of every provider without one of its own} */
    public RateLimit getRateLimit() {
        return rateLimit;
    }

    /** {@return batches in flight per provider, across all jobs (1 to 1024); null: the adaptive window} */
    public Integer getMaxConcurrentBatches() {
        return maxConcurrentBatches;
    }

    /**
     * Sets the value returned by {@link #getMaxConcurrentBatches()}.
     *
     * @param maxConcurrentBatches the new value
     */
    public void setMaxConcurrentBatches(Integer maxConcurrentBatches) {
        this.maxConcurrentBatches = maxConcurrentBatches;
    }

    /**
     * {@return whether sends that give no options reach only desktops with a connected user (the others are recorded
     * SKIPPED)}
     */
    public boolean isOnlyConnected() {
        return onlyConnected;
    }

    /**
     * Sets the value returned by {@link #isOnlyConnected()}.
     *
     * @param onlyConnected the new value
     */
    public void setOnlyConnected(boolean onlyConnected) {
        this.onlyConnected = onlyConnected;
    }

    /** {@return how long closing the notifier at shutdown waits for running jobs before cancelling them} */
    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    /**
     * Sets the value returned by {@link #getCloseTimeout()}.
     *
     * @param closeTimeout the new value
     */
    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** {@return how provider jobs (Huawei job ids) are followed to their end} */
    public JobPolling getJobPolling() {
        return jobPolling;
    }

    /** {@return Actuator health indicator settings} */
    public Health getHealth() {
        return health;
    }

    @Override
    public String toString() {
        return "DesknotifyProperties{defaultProvider=" + defaultProvider + ", providers=" + providers + ", retry="
                + retry + ", rateLimit=" + rateLimit + ", maxConcurrentBatches=" + maxConcurrentBatches
                + ", onlyConnected=" + onlyConnected + ", closeTimeout=" + closeTimeout + ", jobPolling=" + jobPolling + ", health=" + health + '}';
    }

    static String masked(String secret) {
        return secret == null ? null : "******";
    }

    /**
     * One provider instance: its type and the settings of that type. Huawei Cloud Workspace uses
     * {@code endpoint}, {@code project-id} and either {@code access-key} with {@code secret-key} (and
     * {@code security-token} for temporary keys) or {@code token}; Horizon uses {@code base-url}, {@code domain},
     * {@code username} and {@code password}; Azure Virtual Desktop uses {@code tenant-id}, {@code client-id},
     * {@code client-secret}, {@code subscription-id}, {@code resource-group} and {@code host-pools} (for user
     * targets); Citrix DaaS uses {@code customer-id}, {@code client-id} and {@code client-secret} (and
     * {@code site-id} when the API client sees several sites). A key under {@code desknotify.providers.<name>} that is none of these
     * properties stops start-up, naming the key; settings of the factory without a property of their own go under
     * {@code settings.<key>}, which the factory checks.
     */
    public static class Provider {

        /**
         * Provider type: the id of the TransportFactory that builds it, "huawei-workspace", "horizon",
         * "azure-virtual-desktop", "citrix-daas", "in-memory" (for tests) or the id of a factory of the
         * application's own.
         */
        private String type;

        /**
         * Huawei Cloud Workspace endpoint, e.g. https://workspace.cn-north-4.myhuaweicloud.com.
         */
        private URI endpoint;

        /**
         * Huawei Cloud project id.
         */
        private String projectId;

        /**
         * Huawei Cloud access key id (AK) for SDK-HMAC-SHA256 signing.
         */
        private String accessKey;

        /**
         * Huawei Cloud secret access key (SK) for SDK-HMAC-SHA256 signing.
         */
        private String secretKey;

        /**
         * Huawei Cloud security token, for temporary access keys only.
         */
        private String securityToken;

        /**
         * Huawei IAM token (X-Auth-Token), instead of an access key and secret key.
         */
        private String token;

        /**
         * Base URL of the provider's API: the Horizon Connection Server (e.g. https://horizon.example.com), Azure
         * Resource Manager (https://management.azure.com unless set) or Citrix Cloud (https://api.cloud.com unless
         * set; a regional host such as https://api-eu.cloud.com).
         */
        private URI baseUrl;

        /**
         * Horizon login domain (NetBIOS name) of the service account.
         */
        private String domain;

        /**
         * Horizon service account user name.
         */
        private String username;

        /**
         * Horizon service account password.
         */
        private String password;

        /**
         * Horizon domain of the users named by user targets; the login domain unless set.
         */
        private String userDomain;

        /**
         * Microsoft Entra ID authority host of an Azure Virtual Desktop provider; https://login.microsoftonline.com
         * unless set (e.g. https://login.microsoftonline.us for US Government).
         */
        private URI loginUrl;

        /**
         * Microsoft Entra ID tenant (directory) id of an Azure Virtual Desktop provider's app registration.
         */
        private String tenantId;

        /**
         * Client (application) id: of the Entra ID app registration (Azure Virtual Desktop) or of the Citrix Cloud
         * API client (Citrix DaaS).
         */
        private String clientId;

        /**
         * Client secret of that app registration (Azure Virtual Desktop) or API client (Citrix DaaS).
         */
        private String clientSecret;

        /**
         * Azure subscription id holding the host pools.
         */
        private String subscriptionId;

        /**
         * Azure resource group holding the host pools.
         */
        private String resourceGroup;

        /**
         * Azure Virtual Desktop host pools that user targets are looked up in (names, comma-separated).
         */
        private java.util.List<String> hostPools;

        /**
         * Citrix Cloud customer id (Citrix-CustomerId).
         */
        private String customerId;

        /**
         * Citrix DaaS site id (Citrix-InstanceId); read once from the API's "me" call unless set.
         */
        private String siteId;

        /**
         * How long to wait for a TCP/TLS connection to the provider. The provider type's default (10s) unless
         * set.
         */
        private Duration connectTimeout;

        /**
         * How long to wait for an answer once a request is sent. The provider type's default (30s) unless set.
         */
        private Duration requestTimeout;

        /**
         * Most desktops (Huawei) or sessions (Horizon) per send request. The provider type's default (100) unless
         * set. Azure Virtual Desktop and Citrix DaaS send to one session per request and take no batch size.
         */
        private Integer maxBatchSize;

        /**
         * Longest message the provider accepts, in characters. The provider type's default (1024) unless set.
         */
        private Integer maxMessageLength;

        /**
         * Rate limit of this provider; the global desknotify.rate-limit unless requests is set.
         */
        private final RateLimit rateLimit = new RateLimit();

        /**
         * Further settings passed as they are to the provider type's TransportFactory, for settings without a
         * property of their own (e.g. "severity" or "page-size").
         */
        private Map<String, String> settings = new LinkedHashMap<>();

        /** {@return provider type: the id of the TransportFactory that builds it} */
        public String getType() {
            return type;
        }

        /**
         * Sets the value returned by {@link #getType()}.
         *
         * @param type the new value
         */
        public void setType(String type) {
            this.type = type;
        }

        /** {@return Huawei Cloud Workspace endpoint, e.g. https://workspace.cn-north-4.myhuaweicloud.com} */
        public URI getEndpoint() {
            return endpoint;
        }

        /**
         * Sets the value returned by {@link #getEndpoint()}.
         *
         * @param endpoint the new value
         */
        public void setEndpoint(URI endpoint) {
            this.endpoint = endpoint;
        }

        /** {@return Huawei Cloud project id} */
        public String getProjectId() {
            return projectId;
        }

        /**
         * Sets the value returned by {@link #getProjectId()}.
         *
         * @param projectId the new value
         */
        public void setProjectId(String projectId) {
            this.projectId = projectId;
        }

        /** {@return Huawei Cloud access key id (AK) for SDK-HMAC-SHA256 signing} */
        public String getAccessKey() {
            return accessKey;
        }

        /**
         * Sets the value returned by {@link #getAccessKey()}.
         *
         * @param accessKey the new value
         */
        public void setAccessKey(String accessKey) {
            this.accessKey = accessKey;
        }

        /** {@return Huawei Cloud secret access key (SK) for SDK-HMAC-SHA256 signing} */
        public String getSecretKey() {
            return secretKey;
        }

        /**
         * Sets the value returned by {@link #getSecretKey()}.
         *
         * @param secretKey the new value
         */
        public void setSecretKey(String secretKey) {
            this.secretKey = secretKey;
        }

        /** {@return Huawei Cloud security token, for temporary access keys only} */
        public String getSecurityToken() {
            return securityToken;
        }

        /**
         * Sets the value returned by {@link #getSecurityToken()}.
         *
         * @param securityToken the new value
         */
        public void setSecurityToken(String securityToken) {
            this.securityToken = securityToken;
        }

        /** {@return Huawei IAM token (X-Auth-Token), instead of an access key and secret key} */
        public String getToken() {
            return token;
        }

        /**
         * Sets the value returned by {@link #getToken()}.
         *
         * @param token the new value
         */
        public void setToken(String token) {
            this.token = token;
        }

        /** {@return base URL of the provider's API (Horizon Connection Server, Azure Resource Manager, Citrix Cloud)} */
        public URI getBaseUrl() {
            return baseUrl;
        }

        /**
         * Sets the value returned by {@link #getBaseUrl()}.
         *
         * @param baseUrl the new value
         */
        public void setBaseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** {@return Horizon login domain (NetBIOS name) of the service account} */
        public String getDomain() {
            return domain;
        }

        /**
         * Sets the value returned by {@link #getDomain()}.
         *
         * @param domain the new value
         */
        public void setDomain(String domain) {
            this.domain = domain;
        }

        /** {@return Horizon service account user name} */
        public String getUsername() {
            return username;
        }

        /**
         * Sets the value returned by {@link #getUsername()}.
         *
         * @param username the new value
         */
        public void setUsername(String username) {
            this.username = username;
        }

        /** {@return Horizon service account password} */
        public String getPassword() {
            return password;
        }

        /**
         * Sets the value returned by {@link #getPassword()}.
         *
         * @param password the new value
         */
        public void setPassword(String password) {
            this.password = password;
        }

        /** {@return Horizon domain of the users named by user targets; the login domain unless set} */
        public String getUserDomain() {
            return userDomain;
        }

        /**
         * Sets the value returned by {@link #getUserDomain()}.
         *
         * @param userDomain the new value
         */
        public void setUserDomain(String userDomain) {
            this.userDomain = userDomain;
        }

        /** {@return Microsoft Entra ID authority host of an Azure Virtual Desktop provider} */
        public URI getLoginUrl() {
            return loginUrl;
        }

        /**
         * Sets the value returned by {@link #getLoginUrl()}.
         *
         * @param loginUrl the new value
         */
        public void setLoginUrl(URI loginUrl) {
            this.loginUrl = loginUrl;
        }

        /** {@return Microsoft Entra ID tenant (directory) id of an Azure Virtual Desktop provider} */
        public String getTenantId() {
            return tenantId;
        }

        /**
         * Sets the value returned by {@link #getTenantId()}.
         *
         * @param tenantId the new value
         */
        public void setTenantId(String tenantId) {
            this.tenantId = tenantId;
        }

        /** {@return client (application) id of the Entra ID app registration or the Citrix Cloud API client} */
        public String getClientId() {
            return clientId;
        }

        /**
         * Sets the value returned by {@link #getClientId()}.
         *
         * @param clientId the new value
         */
        public void setClientId(String clientId) {
            this.clientId = clientId;
        }

        /** {@return client secret of that app registration or API client} */
        public String getClientSecret() {
            return clientSecret;
        }

        /**
         * Sets the value returned by {@link #getClientSecret()}.
         *
         * @param clientSecret the new value
         */
        public void setClientSecret(String clientSecret) {
            this.clientSecret = clientSecret;
        }

        /** {@return Azure subscription id holding the host pools} */
        public String getSubscriptionId() {
            return subscriptionId;
        }

        /**
         * Sets the value returned by {@link #getSubscriptionId()}.
         *
         * @param subscriptionId the new value
         */
        public void setSubscriptionId(String subscriptionId) {
            this.subscriptionId = subscriptionId;
        }

        /** {@return Azure resource group holding the host pools} */
        public String getResourceGroup() {
            return resourceGroup;
        }

        /**
         * Sets the value returned by {@link #getResourceGroup()}.
         *
         * @param resourceGroup the new value
         */
        public void setResourceGroup(String resourceGroup) {
            this.resourceGroup = resourceGroup;
        }

        /** {@return Azure Virtual Desktop host pools that user targets are looked up in} */
        public java.util.List<String> getHostPools() {
            return hostPools;
        }

        /**
         * Sets the value returned by {@link #getHostPools()}.
         *
         * @param hostPools the new value
         */
        public void setHostPools(java.util.List<String> hostPools) {
            this.hostPools = hostPools;
        }

        /** {@return Citrix Cloud customer id (Citrix-CustomerId)} */
        public String getCustomerId() {
            return customerId;
        }

        /**
         * Sets the value returned by {@link #getCustomerId()}.
         *
         * @param customerId the new value
         */
        public void setCustomerId(String customerId) {
            this.customerId = customerId;
        }

        /** {@return Citrix DaaS site id (Citrix-InstanceId); read from the API unless set} */
        public String getSiteId() {
            return siteId;
        }

        /**
         * Sets the value returned by {@link #getSiteId()}.
         *
         * @param siteId the new value
         */
        public void setSiteId(String siteId) {
            this.siteId = siteId;
        }

        /** {@return how long to wait for a TCP/TLS connection to the provider} */
        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        /**
         * Sets the value returned by {@link #getConnectTimeout()}.
         *
         * @param connectTimeout the new value
         */
        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        /** {@return how long to wait for an answer once a request is sent} */
        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        /**
         * Sets the value returned by {@link #getRequestTimeout()}.
         *
         * @param requestTimeout the new value
         */
        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        /** {@return most desktops (Huawei) or sessions (Horizon) per send request} */
        public Integer getMaxBatchSize() {
            return maxBatchSize;
        }

        /**
         * Sets the value returned by {@link #getMaxBatchSize()}.
         *
         * @param maxBatchSize the new value
         */
        public void setMaxBatchSize(Integer maxBatchSize) {
            this.maxBatchSize = maxBatchSize;
        }

        /** {@return longest message the provider accepts, in characters} */
        public Integer getMaxMessageLength() {
            return maxMessageLength;
        }

        /**
         * Sets the value returned by {@link #getMaxMessageLength()}.
         *
         * @param maxMessageLength the new value
         */
        public void setMaxMessageLength(Integer maxMessageLength) {
            this.maxMessageLength = maxMessageLength;
        }

        /** {@return rate limit of this provider; the global desknotify.rate-limit unless requests is set} */
        public RateLimit getRateLimit() {
            return rateLimit;
        }

        /**
         * {@return further settings passed as they are to the provider type's TransportFactory, for settings without a
         * property of their own (e.g. "severity" or "page-size")}
         */
        public Map<String, String> getSettings() {
            return settings;
        }

        /**
         * Sets the value returned by {@link #getSettings()}.
         *
         * @param settings the new value
         */
        public void setSettings(Map<String, String> settings) {
            this.settings = settings;
        }

        @Override
        public String toString() {
            StringJoiner s = new StringJoiner(", ", "Provider{", "}");
            s.add("type=" + type);
            add(s, "endpoint", endpoint);
            add(s, "projectId", projectId);
            add(s, "accessKey", accessKey);
            add(s, "secretKey", masked(secretKey));
            add(s, "securityToken", masked(securityToken));
            add(s, "token", masked(token));
            add(s, "baseUrl", baseUrl);
            add(s, "domain", domain);
            add(s, "username", username);
            add(s, "password", masked(password));
            add(s, "userDomain", userDomain);
            add(s, "loginUrl", loginUrl);
            add(s, "tenantId", tenantId);
            add(s, "clientId", clientId);
            add(s, "clientSecret", masked(clientSecret));
            add(s, "subscriptionId", subscriptionId);
            add(s, "resourceGroup", resourceGroup);
            add(s, "hostPools", hostPools);
            add(s, "customerId", customerId);
            add(s, "siteId", siteId);
            add(s, "connectTimeout", connectTimeout);
            add(s, "requestTimeout", requestTimeout);
            add(s, "maxBatchSize", maxBatchSize);
            add(s, "maxMessageLength", maxMessageLength);
            if (rateLimit.getRequests() != null) {
                s.add("rateLimit=" + rateLimit);
            }
            if (!settings.isEmpty()) {
                StringJoiner m = new StringJoiner(", ", "{", "}");
                settings.forEach((k, v) -> m.add(k + "=" + (io.desknotify.api.spi.TransportSettings.isSecretKey(k)
                        ? masked(v) : v)));
                s.add("settings=" + m);
            }
            return s.toString();
        }

        private static void add(StringJoiner s, String name, Object value) {
            if (value != null) {
                s.add(name + "=" + value);
            }
        }
    }

    /**
     * Retry of batches. A batch is retried only when the provider provably did not act on it (connection
     * refused, throttled, 503 with a retry hint), unless retry-ambiguous is set.
     */
    public static class Retry {

        /**
         * Attempts per batch including the first (1 to 100).
         */
        private int maxAttempts = 5;

        /**
         * Bound of the first backoff; later bounds grow by the multiplier. Each delay is random between zero and
         * the bound (full jitter).
         */
        private Duration initialBackoff = Duration.ofMillis(200);

        /**
         * Largest backoff bound.
         */
        private Duration maxBackoff = Duration.ofSeconds(30);

        /**
         * Growth factor of the backoff bound per attempt (at least 1).
         */
        private double multiplier = 2.0;

        /**
         * Longest provider retry-after hint that is honoured; longer hints are cut to it.
         */
        private Duration maxRetryAfter = Duration.ofMinutes(2);

        /**
         * Whether batches whose fate is unknown (timeout or 5xx after the request was sent) are sent again:
         * at-least-once delivery, so a desktop may show the message twice.
         */
        private boolean retryAmbiguous;

        /** {@return attempts per batch including the first (1 to 100)} */
        public int getMaxAttempts() {
            return maxAttempts;
        }

        /**
         * Sets the value returned by {@link #getMaxAttempts()}.
         *
         * @param maxAttempts the new value
         */
        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        /** {@return bound of the first backoff; later bounds grow by the multiplier} */
        public Duration getInitialBackoff() {
            return initialBackoff;
        }

        /**
         * Sets the value returned by {@link #getInitialBackoff()}.
         *
         * @param initialBackoff the new value
         */
        public void setInitialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
        }

        /** {@return largest backoff bound} */
        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        /**
         * Sets the value returned by {@link #getMaxBackoff()}.
         *
         * @param maxBackoff the new value
         */
        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        /** {@return growth factor of the backoff bound per attempt (at least 1)} */
        public double getMultiplier() {
            return multiplier;
        }

        /**
         * Sets the value returned by {@link #getMultiplier()}.
         *
         * @param multiplier the new value
         */
        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        /** {@return longest provider retry-after hint that is honoured; longer hints are cut to it} */
        public Duration getMaxRetryAfter() {
            return maxRetryAfter;
        }

        /**
         * Sets the value returned by {@link #getMaxRetryAfter()}.
         *
         * @param maxRetryAfter the new value
         */
        public void setMaxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
        }

        /**
         * {@return whether batches whose fate is unknown (timeout or 5xx after the request was sent) are sent again:
         * at-least-once delivery, so a desktop may show the message twice}
         */
        public boolean isRetryAmbiguous() {
            return retryAmbiguous;
        }

        /**
         * Sets the value returned by {@link #isRetryAmbiguous()}.
         *
         * @param retryAmbiguous the new value
         */
        public void setRetryAmbiguous(boolean retryAmbiguous) {
            this.retryAmbiguous = retryAmbiguous;
        }

        @Override
        public String toString() {
            return "Retry{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                    + maxBackoff + ", multiplier=" + multiplier + ", maxRetryAfter=" + maxRetryAfter
                    + ", retryAmbiguous=" + retryAmbiguous + '}';
        }
    }

    /**
     * At most {@code requests} requests per {@code period}, spread evenly; slowed down further while the provider
     * answers "too many requests".
     */
    public static class RateLimit {

        /**
         * Requests (sends, look-ups, job polls) allowed per period; no limit of our own unless set.
         */
        private Integer requests;

        /**
         * The period the requests are counted over.
         */
        private Duration period = Duration.ofSeconds(1);

        /** {@return requests (sends, look-ups, job polls) allowed per period; no limit of our own unless set} */
        public Integer getRequests() {
            return requests;
        }

        /**
         * Sets the value returned by {@link #getRequests()}.
         *
         * @param requests the new value
         */
        public void setRequests(Integer requests) {
            this.requests = requests;
        }

        /** {@return the period the requests are counted over} */
        public Duration getPeriod() {
            return period;
        }

        /**
         * Sets the value returned by {@link #getPeriod()}.
         *
         * @param period the new value
         */
        public void setPeriod(Duration period) {
            this.period = period;
        }

        @Override
        public String toString() {
            return requests == null ? "RateLimit{unlimited}" : "RateLimit{" + requests + " per " + period + '}';
        }
    }

    /**
     * The Actuator health indicator, one per provider under the "desknotify" contributor.
     */
    public static class Health {

        /**
         * How long a provider health check may take before the provider is reported DOWN.
         */
        private Duration timeout = Duration.ofSeconds(10);

        /** {@return how long a provider health check may take before the provider is reported DOWN} */
        public Duration getTimeout() {
            return timeout;
        }

        /**
         * Sets the value returned by {@link #getTimeout()}.
         *
         * @param timeout the new value
         */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public String toString() {
            return "Health{timeout=" + timeout + '}';
        }
    }

    /**
     * Following provider jobs: polled every interval until they end or the timeout passes, after which their
     * targets are recorded UNKNOWN.
     */
    public static class JobPolling {

        /**
         * Time between two polls of a running provider job.
         */
        private Duration interval = Duration.ofSeconds(2);

        /**
         * How long a provider job is followed before its targets are recorded UNKNOWN.
         */
        private Duration timeout = Duration.ofMinutes(10);

        /** {@return time between two polls of a running provider job} */
        public Duration getInterval() {
            return interval;
        }

        /**
         * Sets the value returned by {@link #getInterval()}.
         *
         * @param interval the new value
         */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** {@return how long a provider job is followed before its targets are recorded UNKNOWN} */
        public Duration getTimeout() {
            return timeout;
        }

        /**
         * Sets the value returned by {@link #getTimeout()}.
         *
         * @param timeout the new value
         */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public String toString() {
            return "JobPolling{interval=" + interval + ", timeout=" + timeout + '}';
        }
    }
}
