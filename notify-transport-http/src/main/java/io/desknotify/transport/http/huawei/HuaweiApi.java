package io.desknotify.transport.http.huawei;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.transport.http.internal.BoundedBody;
import io.desknotify.transport.http.internal.ExchangeExecutor;
import io.desknotify.transport.http.internal.IoFailures;
import io.desknotify.transport.http.internal.Jsons;
import io.desknotify.transport.http.internal.Redaction;
import io.desknotify.transport.http.internal.ThrottlePause;
import jakarta.json.JsonObject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One Huawei Workspace project's REST API over one {@link HttpClient}: builds and authenticates requests, sends them
 * on the transport's {@link ExchangeExecutor}, maps failures to {@link TransportException}s, and retries the GETs
 * sent with {@link #get} (idempotent) a bounded number of times. Thread-safe.
 */
final class HuaweiApi {
    private static final Logger LOG = System.getLogger("io.desknotify.transport.http.huawei");
    private static final byte[] NO_BODY = new byte[0];

    /** Settings of the bounded retry of idempotent reads. */
    record ReadRetry(int maxAttempts, Duration initialBackoff, Duration maxDelay) {
    }

    /** A 2xx answer. */
    record Reply(String what, int status, HttpHeaders headers, byte[] body, String requestId) {
    }

    private final String provider;
    private final String scheme;
    private final String authority;
    private final String hostHeader;
    private final String basePath;
    private final String projectId;
    private final HuaweiAuth auth;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxResponseBytes;
    private final int maxJsonDepth;
    private final Clock clock;
    private final ReadRetry readRetry;
    private final ExchangeExecutor exchanges;
    private final ThrottlePause throttlePause;
    private volatile boolean closed;

    HuaweiApi(String provider, URI endpoint, String projectId, HuaweiAuth auth, HttpClient http,
            Duration requestTimeout, int maxResponseBytes, int maxJsonDepth, Clock clock, ReadRetry readRetry,
            ExchangeExecutor exchanges, ThrottlePause throttlePause) {
        this.provider = provider;
        this.scheme = endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        this.authority = endpoint.getRawAuthority();
        this.hostHeader = hostHeader(endpoint);
        String p = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
        this.basePath = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        this.projectId = projectId;
        this.auth = auth;
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.maxJsonDepth = maxJsonDepth;
        this.clock = clock;
        this.readRetry = readRetry;
        this.exchanges = exchanges;
        this.throttlePause = throttlePause;
    }

    /** The {@code Host} header the JDK client sends for this endpoint: the port only when not the default. */
    static String hostHeader(URI endpoint) {
        int port = endpoint.getPort();
        boolean secure = "https".equalsIgnoreCase(endpoint.getScheme());
        boolean defaultPort = port == -1 || (secure ? port == 443 : port == 80);
        return defaultPort ? endpoint.getHost() : endpoint.getHost() + ':' + port;
    }

    /** The encoded path {@code /v2/{project_id}/...} of raw segments. */
    String path(String... segments) {
        String[] all = new String[segments.length + 2];
        all[0] = "v2";
        all[1] = projectId;
        System.arraycopy(segments, 0, all, 2, segments.length);
        return basePath + SdkHmacSigner.encodedPath(all);
    }

    /** Sends a request once. Completes with a 2xx reply, or exceptionally with a {@link TransportException}. */
    CompletableFuture<Reply> send(String method, String what, String rawPath, List<Map.Entry<String, String>> query,
            byte[] body) {
        byte[] payload = body == null ? NO_BODY : body;
        String canonicalQuery = SdkHmacSigner.canonicalQuery(query);
        URI uri = URI.create(scheme + "://" + authority + rawPath + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
        CompletableFuture<HttpRequest> request;
        try {
            request = authenticate(method, what, uri, rawPath, canonicalQuery, payload);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        long started = System.nanoTime();
        return request.thenCompose(r -> exchanges.send(http, r, BoundedBody.handler(maxResponseBytes),
                        refused -> refused(what, refused)))
                .handle((response, failure) -> {
                    if (failure != null) {
                        TransportException e = HuaweiErrors.fromIo(provider, what, failure);
                        LOG.log(Level.DEBUG, () -> provider + ' ' + what + " -> " + e.retryability() + " after "
                                + millis(started) + " ms: " + IoFailures.describe(failure));
                        throw e;
                    }
                    return answer(what, response, started);
                });
    }

    private Reply answer(String what, HttpResponse<byte[]> response, long started) {
        int status = response.statusCode();
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        LOG.log(Level.DEBUG, () -> provider + ' ' + what + " -> HTTP " + status + " in " + millis(started)
                + " ms, headers " + Redaction.headers(response.headers()));
        if (status >= 200 && status < 300) {
            return new Reply(what, status, response.headers(), response.body(), requestId);
        }
        throw HuaweiErrors.fromStatus(provider, what, status, response.headers(), response.body(), clock,
                maxJsonDepth, throttlePause);
    }

    /**
     * Sends a GET, retrying transient failures with backoff (Retry-After honoured up to the max delay). Only for
     * reads nobody else retries: the pages of a resolution, where a failed page would otherwise restart the whole
     * paging at the notifier, and record queries. A job poll is sent once with {@link #send}: the notifier paces
     * and retries it, and its pacer must see a 429 to slow down (a retry here would be neither paced nor seen).
     */
    CompletableFuture<Reply> get(String what, String rawPath, List<Map.Entry<String, String>> query) {
        return getAttempt(what, rawPath, query, 1);
    }

    private CompletableFuture<Reply> getAttempt(String what, String rawPath, List<Map.Entry<String, String>> query,
            int attempt) {
        return send("GET", what, rawPath, query, null).handle((reply, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(reply);
            }
            Throwable t = IoFailures.unwrap(failure);
            if (!(t instanceof TransportException e) || e instanceof AuthenticationException
                    || e.retryability() == Retryability.FATAL || attempt >= readRetry.maxAttempts()) {
                return CompletableFuture.<Reply>failedFuture(t);
            }
            Duration delay = e.retryAfter().orElseGet(() -> backoff(attempt));
            if (delay.compareTo(readRetry.maxDelay()) > 0) {
                return CompletableFuture.<Reply>failedFuture(t);
            }
            LOG.log(Level.DEBUG, () -> provider + ' ' + what + " attempt " + attempt + " failed ("
                    + e.retryability() + "), retrying in " + delay.toMillis() + " ms");
            return exchanges.after(delay, refused -> refused(what, refused))
                    .thenCompose(x -> getAttempt(what, rawPath, query, attempt + 1));
        }).thenCompose(f -> f);
    }

    /** Exponential backoff with jitter: uniform in [d/2, d] for d = initial * 2^(attempt-1), capped by the max delay. */
    private Duration backoff(int attempt) {
        long cap = Math.min(readRetry.maxDelay().toMillis(),
                readRetry.initialBackoff().toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    /** Parses a 2xx reply's body as a JSON object, or fails with a FATAL "unexpected answer". */
    JsonObject json(Reply reply) {
        try {
            return Jsons.parseObject(reply.body(), maxJsonDepth);
        } catch (Jsons.MalformedJsonException e) {
            throw HuaweiErrors.unexpectedAnswer(provider, reply.what(), reply.status(), reply.requestId(),
                    e.getMessage());
        }
    }

    /** Reads a 2xx reply's body as a Workspace job, or fails with a FATAL "unexpected answer". */
    WorkspaceJobAnswer job(Reply reply) {
        try {
            return WorkspaceJobAnswer.parse(reply.body(), maxJsonDepth);
        } catch (Jsons.MalformedJsonException e) {
            throw HuaweiErrors.unexpectedAnswer(provider, reply.what(), reply.status(), reply.requestId(),
                    e.getMessage());
        }
    }

    TransportException unexpected(Reply reply, String problem) {
        return HuaweiErrors.unexpectedAnswer(provider, reply.what(), reply.status(), reply.requestId(), problem);
    }

    private CompletableFuture<HttpRequest> authenticate(String method, String what, URI uri, String rawPath,
            String canonicalQuery, byte[] payload) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .method(method, payload.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload))
                .header("Accept", "application/json");
        SortedMap<String, String> signed = new TreeMap<>();
        if (payload.length > 0) {
            signed.put("content-type", "application/json;charset=UTF-8");
        }
        signed.put("x-project-id", projectId);
        if (auth instanceof HuaweiAuth.AkSk ak) {
            signed.put("host", hostHeader);
            signed.put("x-sdk-date", SdkHmacSigner.sdkDate(clock.instant()));
            char[] token = null;
            char[] sk = null;
            try {
                // a supplier that throws has sent nothing: say so, or the notifier would record UNKNOWN
                try {
                    token = ak.securityToken() == null ? null : ak.securityToken().get();
                    sk = ak.secretKey().get();
                } catch (RuntimeException e) {
                    throw AuthenticationException.of(provider, 0, null, null, provider + ' ' + what
                            + " not sent: the secret key or security token supplier failed with "
                            + e.getClass().getSimpleName());
                }
                if (token != null) {
                    signed.put("x-security-token", new String(token));
                }
                if (sk == null || sk.length == 0) {
                    throw AuthenticationException.of(provider, 0, null, null,
                            provider + ' ' + what + " not sent: the secret key supplier gave no key");
                }
                String authorization = SdkHmacSigner.sign(method, rawPath, canonicalQuery, signed, payload,
                        ak.accessKey(), sk);
                signed.forEach((k, v) -> {
                    if (!k.equals("host")) {
                        b.header(k, v);
                    }
                });
                b.header("Authorization", authorization);
            } finally {
                if (sk != null) {
                    Arrays.fill(sk, '\0');
                }
                if (token != null) {
                    Arrays.fill(token, '\0');
                }
            }
            return CompletableFuture.completedFuture(b.build());
        }
        HuaweiAuth.Token tokenAuth = (HuaweiAuth.Token) auth;
        signed.forEach(b::header);
        CompletionStage<String> token;
        try {
            token = tokenAuth.token().get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(tokenFailure(what, e));
        }
        if (token == null) {
            return CompletableFuture.failedFuture(tokenFailure(what, null));
        }
        return token.toCompletableFuture().handle((value, failure) -> {
            if (failure != null) {
                throw tokenFailure(what, IoFailures.unwrap(failure));
            }
            if (value == null || value.isBlank()) {
                throw AuthenticationException.of(provider, 0, null, null,
                        provider + ' ' + what + " not sent: the token supplier gave no token");
            }
            return b.header("X-Auth-Token", value.trim()).build();
        });
    }

    /**
     * The executor took no more work, so nothing was sent: the transport's own threads refuse only after
     * {@link #close()}; an executor given to the builder may refuse at any time, and asking again later may work.
     */
    private TransportException refused(String what, RejectedExecutionException e) {
        if (closed) {
            return TransportException.builder(Retryability.FATAL, provider + ' ' + what
                    + " not sent: the transport was closed").provider(provider).errorCode("TRANSPORT_CLOSED")
                    .build();
        }
        return TransportException.builder(Retryability.RETRYABLE, provider + ' ' + what
                + " not sent: the executor refused it (" + IoFailures.describe(e) + ")").provider(provider)
                .cause(e).build();
    }

    /** Refuses later requests and ends the transport's own threads once the requests in flight are answered. */
    void close() {
        closed = true;
        exchanges.shutdown();
    }

    /** The token could not be had: nothing was sent, so asking again later is safe. */
    private TransportException tokenFailure(String what, Throwable cause) {
        String m = provider + ' ' + what + " not sent: the token supplier failed"
                + (cause == null ? " (it returned null)" : " with " + cause.getClass().getSimpleName());
        return TransportException.builder(Retryability.RETRYABLE, m).provider(provider).cause(cause).build();
    }

    private static long millis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
