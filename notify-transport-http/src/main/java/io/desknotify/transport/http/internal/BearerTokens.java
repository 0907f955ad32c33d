package io.desknotify.transport.http.internal;

import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.transport.http.AccessToken;
import io.desknotify.transport.http.AccessTokenSource;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The bearer-token lifecycle of a provider transport, written once: a token from an {@link AccessTokenSource} is
 * kept until shortly before it expires (the smaller of the skew, 60 s by default, and a tenth of its lifetime, so
 * that a short-lived token is not renewed at once), fetched once for any number of concurrent callers, and renewed
 * after a 401 only for the caller whose token was refused: when another caller already renewed it, the renewed token
 * is used instead of fetching again. A failed fetch is not kept, so the next request asks again; the requests that
 * waited for it fail {@code RETRYABLE} (nothing was sent), or with the source's own {@link TransportException} (an
 * {@link io.desknotify.api.AuthenticationException} for rejected credentials stays one).
 *
 * <p>The token's value appears in no log line, exception message or {@code toString}: only {@link Lease#value()}
 * gives it, for the request's header. Thread-safe.
 */
public final class BearerTokens {
    /** Default renewal margin before expiry (capped at a tenth of the token's lifetime). */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(BearerTokens.class.getName());

    private final String provider;
    private final AccessTokenSource source;
    private final Clock clock;
    private final Duration skew;
    private final Object lock = new Object();
    /** The current lease or the fetch making it; {@code null} before the first and after a failed one. */
    private CompletableFuture<Lease> current;

    /**
     * @param provider the transport's name, for exceptions
     * @param source   where tokens come from
     * @param clock    the clock expiries are compared with
     * @param skew     how long before expiry a token is renewed (at most a tenth of its lifetime); not negative
     */
    public BearerTokens(String provider, AccessTokenSource source, Clock clock, Duration skew) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Checks.notNegative(skew, "tokenSkew");
    }

    /** A token with {@link #DEFAULT_SKEW} on the system clock. */
    public BearerTokens(String provider, AccessTokenSource source) {
        this(provider, source, Clock.systemUTC(), DEFAULT_SKEW);
    }

    /** One fetched token: its value for the request, and when it is renewed. {@code toString} hides the value. */
    public static final class Lease {
        private final String value;
        private final Instant renewAt;
        private final Instant expiresAt;

        private Lease(String value, Instant renewAt, Instant expiresAt) {
            this.value = value;
            this.renewAt = renewAt;
            this.expiresAt = expiresAt;
        }

        /** The token, for the request's authorization header only. */
        public String value() {
            return value;
        }

        /** When the token is no longer handed out and a new one is fetched. */
        public Instant renewAt() {
            return renewAt;
        }

        /** When the provider stops accepting the token. */
        public Instant expiresAt() {
            return expiresAt;
        }

        @Override
        public String toString() {
            return "Lease{value=******, renewAt=" + renewAt + ", expiresAt=" + expiresAt + '}';
        }
    }

    /** The current token, fetching one (once for every concurrent caller) when there is none or it is due. */
    public CompletableFuture<Lease> lease() {
        synchronized (lock) {
            Lease now = settled();
            boolean fetching = current != null && !current.isDone();
            if (!fetching && (now == null || !clock.instant().isBefore(now.renewAt))) {
                current = fetch();
            }
            return current;
        }
    }

    /** Under the lock: the current lease when its fetch succeeded, else {@code null}. */
    private Lease settled() {
        return current == null || !current.isDone() || current.isCompletedExceptionally() ? null : current.join();
    }

    /**
     * A token to repeat a request with after the provider refused {@code refused} (HTTP 401). When another caller
     * already replaced it, its replacement (being fetched or not); otherwise a new fetch, shared by every caller
     * that renews the same token.
     */
    public CompletableFuture<Lease> renew(Lease refused) {
        synchronized (lock) {
            Lease now = settled();
            boolean replaced = current != null && !current.isDone() || now != null && now != refused;
            if (!replaced) {
                LOG.log(Level.DEBUG, () -> provider + ": the provider refused the access token; fetching a new one");
                current = fetch();
            }
            return current;
        }
    }

    /**
     * Sends with the current token and, when the answer says the token was refused, once more with a renewed one.
     * The second answer is returned whatever it is: the provider decides what a second refusal means.
     *
     * @param send    sends the request with the lease's token
     * @param refused whether an answer refuses the token (a 401)
     */
    public <T> CompletableFuture<T> call(Function<Lease, ? extends CompletionStage<T>> send, Predicate<T> refused) {
        return lease().thenCompose(first -> send.apply(first).thenCompose(answer -> refused.test(answer)
                ? renew(first).thenCompose(send)
                : CompletableFuture.completedFuture(answer)));
    }

    private CompletableFuture<Lease> fetch() {
        CompletableFuture<Lease> f;
        try {
            CompletionStage<AccessToken> stage = source.fetch();
            f = stage == null ? CompletableFuture.failedFuture(failure("the token source returned no stage", null))
                    : stage.toCompletableFuture().handle((token, e) -> lease(token, e));
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(failure(null, e));
        }
        CompletableFuture<Lease> fetched = f;
        fetched.whenComplete((l, e) -> {
            if (e != null) {
                synchronized (lock) {
                    if (current == fetched) {
                        current = null; // not kept: the next request asks again
                    }
                }
            }
        });
        return fetched;
    }

    private Lease lease(AccessToken token, Throwable e) {
        if (e != null) {
            throw failure(null, IoFailures.unwrap(e));
        }
        if (token == null) {
            throw failure("the token source gave no token", null);
        }
        Instant now = clock.instant();
        if (!token.expiresAt().isAfter(now)) {
            throw failure("the token source gave a token that expired at " + token.expiresAt(), null);
        }
        Duration lifetime = Duration.between(now, token.expiresAt());
        Duration margin = skew.compareTo(lifetime.dividedBy(10)) < 0 ? skew : lifetime.dividedBy(10);
        return new Lease(token.value(), token.expiresAt().minus(margin), token.expiresAt());
    }

    /** Nothing was sent for want of a token. The source's own failure is named by type only. */
    private TransportException failure(String why, Throwable cause) {
        if (cause instanceof TransportException te) {
            return te;
        }
        String m = provider + ": no access token, so the request was not sent: "
                + (why != null ? why : "the token source failed with " + cause.getClass().getSimpleName());
        return TransportException.builder(Retryability.RETRYABLE, m).provider(provider).errorCode("NO_ACCESS_TOKEN")
                .cause(cause).build();
    }

    @Override
    public String toString() {
        return "BearerTokens{provider=" + provider + ", skew=" + skew + '}';
    }
}
