package io.desknotify.transport.http;

import io.desknotify.api.ConfigurationException;
import io.desknotify.transport.http.internal.BoundedBody;
import io.desknotify.transport.http.internal.Checks;
import io.desknotify.transport.http.internal.HttpSettings;
import io.desknotify.transport.http.internal.ThrottlePause;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * The settings every HTTP transport's builder has: routing name, timeouts, the response size cap, the pause after a
 * 429 that names no delay, TLS context and executor. A provider's builder extends it with its own API's settings and
 * sets its base URI through {@link #providerUri}; every setter rejects a bad value at once with a
 * {@link ConfigurationException} naming the setting, so nothing is ever sent with it. Not thread-safe.
 *
 * <h2>Threads</h2>
 * Each transport runs its exchanges with the blocking {@link java.net.http.HttpClient#send}: on Java 17
 * {@code sendAsync} starts a new thread for every answer on machines with 2 CPUs. A request in flight holds one
 * thread while it waits for its answer, and the client needs one, briefly, to finish each answer. Without an
 * {@link #executor executor} the transport uses a pool of its own of up to 256 daemon threads, started when needed,
 * ended after 30 s idle and when the transport is closed.
 *
 * <h2>TLS and redirects</h2>
 * Certificates and host names are always verified; there is no switch to trust every certificate. Redirects are
 * never followed.
 *
 * @param <B> the provider's builder type, returned by every setter
 */
public abstract class HttpTransportBuilder<B extends HttpTransportBuilder<B>> {
    private final String threadNamePrefix;
    private String name;
    private final String uriSetting;
    private URI baseUri;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private long maxResponseBytes = BoundedBody.DEFAULT_MAX_BYTES;
    private ThrottlePause throttlePause = ThrottlePause.DEFAULT;
    private SSLContext sslContext;
    private Executor executor;

    /**
     * Starts the common settings at their defaults.
     *
     * @param defaultName      the routing name until {@link #name} is called, e.g. {@code horizon}
     * @param uriSetting       the name of the provider's setter of its base URI, e.g. {@code baseUri} or
     *                         {@code endpoint}, named when it is wrong or missing
     * @param threadNamePrefix the name prefix of the transport's own threads, e.g. {@code desknotify-horizon-http-}
     */
    protected HttpTransportBuilder(String defaultName, String uriSetting, String threadNamePrefix) {
        this.name = Checks.text(defaultName, "name");
        this.uriSetting = Checks.text(uriSetting, "uriSetting");
        this.threadNamePrefix = Checks.text(threadNamePrefix, "threadNamePrefix");
    }

    /**
     * This builder as its own type, for the setters' return value.
     *
     * @return {@code this}
     */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * The transport name targets route by.
     *
     * @param name the name a target's provider must equal to be sent through this transport; leading and trailing
     *     blanks are removed
     * @return this builder
     * @throws ConfigurationException if {@code name} is {@code null} or blank
     */
    public B name(String name) {
        this.name = Checks.text(name, "name");
        return self();
    }

    /**
     * How long establishing a TCP/TLS connection may take; default 10 s.
     *
     * @param connectTimeout the connect timeout
     * @return this builder
     * @throws ConfigurationException if {@code connectTimeout} is {@code null}, zero or negative
     */
    public B connectTimeout(Duration connectTimeout) {
        this.connectTimeout = Checks.positive(connectTimeout, "connectTimeout");
        return self();
    }

    /**
     * How long a request may wait for its whole answer, counted from when it is sent; default 30 s.
     *
     * @param requestTimeout the longest wait for the answer of one request
     * @return this builder
     * @throws ConfigurationException if {@code requestTimeout} is {@code null}, zero or negative
     */
    public B requestTimeout(Duration requestTimeout) {
        this.requestTimeout = Checks.positive(requestTimeout, "requestTimeout");
        return self();
    }

    /**
     * The largest response body read; default 1 MiB. A longer answer fails its request instead of filling memory.
     *
     * @param maxResponseBytes the most bytes read of one response body, 1024 to 2<sup>31</sup> - 9
     * @return this builder
     * @throws ConfigurationException if {@code maxResponseBytes} is below 1024 or above 2<sup>31</sup> - 9
     */
    public B maxResponseBytes(long maxResponseBytes) {
        this.maxResponseBytes = Checks.range(maxResponseBytes, 1024, Integer.MAX_VALUE - 8, "maxResponseBytes");
        return self();
    }

    /**
     * How long the notifier waits after a throttling answer (HTTP 429) that names no delay: each such answer gets a
     * pause drawn uniformly from {@code [min, max]} (jitter, so that clients throttled together do not return
     * together) as its retry-after, which the notifier's pacer honours. A delay the provider does name always wins.
     * {@code Duration.ZERO} for both turns the pause off (the notifier's own backoff applies). Default 2 s to 5 s.
     *
     * @param min the shortest pause, positive (or zero together with {@code max})
     * @param max the longest pause, at least {@code min}
     * @return this builder
     * @throws ConfigurationException naming {@code throttlePause} when the range is not valid
     */
    public B throttlePause(Duration min, Duration max) {
        this.throttlePause = ThrottlePause.setting(min, max);
        return self();
    }

    /**
     * The TLS context, e.g. one that trusts a private CA or a TLS-inspecting proxy. Certificates and host names are
     * always verified. Default: the JVM's.
     *
     * @param sslContext the TLS context of every connection to the provider
     * @return this builder
     * @throws ConfigurationException if {@code sslContext} is {@code null}
     */
    public B sslContext(SSLContext sslContext) {
        this.sslContext = Checks.notNull(sslContext, "sslContext");
        return self();
    }

    /**
     * The executor of the HTTP exchanges, of the HTTP client's own tasks and of read-retry delays; the transport
     * never shuts it down. Give one that starts threads as needed, such as
     * {@link java.util.concurrent.Executors#newCachedThreadPool()}: a fixed pool with fewer threads than requests in
     * flight would queue the client's tasks behind requests waiting for them, and stall (see the class
     * documentation). Default: the transport's own pool.
     *
     * @param executor the executor to run HTTP exchanges on; the caller keeps ownership of it
     * @return this builder
     * @throws ConfigurationException if {@code executor} is {@code null}
     */
    public B executor(Executor executor) {
        this.executor = Checks.notNull(executor, "executor");
        return self();
    }

    /**
     * Sets the provider's base URI, for the provider's own setter of it: absolute, with a host, without user info,
     * query or fragment, and {@code https} unless the host is a loopback host, which may use plain {@code http}.
     *
     * @param uri the URI
     * @throws ConfigurationException naming the provider's URI setting when the URI is not acceptable
     */
    protected final void providerUri(URI uri) {
        this.baseUri = Checks.baseUri(uri, uriSetting);
    }

    /**
     * The routing name set so far, for the provider builder's {@code toString}.
     *
     * @return the name
     */
    protected final String currentName() {
        return name;
    }

    /**
     * The base URI set so far, for the provider builder's {@code toString}.
     *
     * @return the URI, or {@code null} when not set yet
     */
    protected final URI currentUri() {
        return baseUri;
    }

    /**
     * The pause set so far, as text, for the provider builder's {@code toString}.
     *
     * @return e.g. {@code ThrottlePause[PT2S..PT5S]}
     */
    protected final String currentThrottlePause() {
        return throttlePause.toString();
    }

    /**
     * The common settings as one immutable value, for the provider's {@code build()}.
     *
     * @return the settings
     * @throws ConfigurationException naming the provider's URI setting when it was not set
     */
    protected final HttpSettings httpSettings() {
        Checks.required(baseUri, uriSetting);
        return new HttpSettings(name, baseUri, connectTimeout, requestTimeout, (int) maxResponseBytes, throttlePause,
                sslContext, executor, threadNamePrefix);
    }
}
