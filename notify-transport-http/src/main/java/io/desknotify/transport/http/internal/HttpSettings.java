package io.desknotify.transport.http.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * The HTTP settings every provider transport has, as validated by
 * {@link io.desknotify.transport.http.HttpTransportBuilder}: immutable, and the one place that turns them into the
 * transport's {@link ExchangeExecutor} and {@link HttpClient} (HTTP/1.1, redirects never followed, TLS verified with
 * the given or the JVM's context). {@code toString} shows no object the user gave, only whether one was given.
 *
 * @param name             the transport's routing name
 * @param baseUri          the provider's base URI, validated by {@link Checks#baseUri}
 * @param connectTimeout   the connect timeout
 * @param requestTimeout   the deadline of one exchange's whole answer
 * @param maxResponseBytes the most bytes read of one response body
 * @param throttlePause    the pause a 429 without a retry header gets
 * @param sslContext       the TLS context, or {@code null} for the JVM's
 * @param executor         the user's executor, or {@code null} for the transport's own threads
 * @param threadNamePrefix the name prefix of the transport's own threads, e.g. {@code desknotify-horizon-http-}
 */
public record HttpSettings(String name, URI baseUri, Duration connectTimeout, Duration requestTimeout,
        int maxResponseBytes, ThrottlePause throttlePause, SSLContext sslContext, Executor executor,
        String threadNamePrefix) {

    /** Checks that every required value is there (the builder validated each). */
    public HttpSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(throttlePause, "throttlePause");
        Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
    }

    /** A new executor for the exchanges: the user's, or a pool of the transport's own ended by its shutdown. */
    public ExchangeExecutor newExchangeExecutor() {
        return executor != null ? ExchangeExecutor.of(executor) : ExchangeExecutor.owned(threadNamePrefix);
    }

    /** A new client running its own tasks on {@code exchanges}: HTTP/1.1, redirects never followed. */
    public HttpClient newClient(ExchangeExecutor exchanges) {
        HttpClient.Builder cb = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(exchanges.client());
        if (sslContext != null) {
            cb.sslContext(sslContext);
        }
        return cb.build();
    }

    @Override
    public String toString() {
        return "HttpSettings{name=" + name + ", baseUri=" + baseUri + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxResponseBytes=" + maxResponseBytes + ", throttlePause="
                + throttlePause + ", sslContext=" + (sslContext == null ? "default" : "custom") + ", executor="
                + (executor == null ? "own" : "given") + '}';
    }
}
