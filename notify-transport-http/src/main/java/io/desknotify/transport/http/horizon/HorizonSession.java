package io.desknotify.transport.http.horizon;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException;
import io.desknotify.api.TransportException.Retryability;
import io.desknotify.transport.http.horizon.HorizonHttp.Answer;
import io.desknotify.transport.http.internal.Jsons;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The authenticated conversation with one Horizon server: login, token renewal, logout, and requests made with
 * the current access token.
 *
 * <h2>Tokens</h2>
 * One login is shared by every request: the tokens live in a single future, so any number of concurrent
 * requests cause one {@code POST /rest/login}. When a request is answered 401, the token it used is renewed once
 * for everybody ({@code POST /rest/refresh}, and if that fails a new login); the request is then repeated (a 401
 * proves Horizon did not act on it). A 401 for renewed tokens that no other request used is an
 * {@link AuthenticationException}; renewed tokens that other requests used too may have been worn out by them and
 * are renewed again. A request is sent at most four times.
 *
 * <p>When Horizon rejects the credentials themselves, that failure is kept for {@code loginFailureHold}: requests
 * in that time fail at once with the same error instead of logging in again, because repeated bad logins lock
 * directory accounts.
 */
final class HorizonSession {
    private static final System.Logger LOG = System.getLogger(HorizonSession.class.getName());
    private static final Duration MAX_READ_WAIT = Duration.ofSeconds(30);
    private static final long FIRST_READ_BACKOFF_MS = 100;
    private static final long MAX_READ_BACKOFF_MS = 2_000;
    /** Most sends of one request: the first and up to three with renewed tokens. */
    private static final int MAX_SENDS = 4;

    /** Access and refresh token. {@code toString} shows neither. */
    static final class Tokens {
        final String access;
        final String refresh;
        /** How many requests were sent with the access token. */
        final AtomicInteger uses = new AtomicInteger();

        Tokens(String access, String refresh) {
            this.access = access;
            this.refresh = refresh;
        }

        @Override
        public String toString() {
            return "Tokens{access=******, refresh=******}";
        }
    }

    private final HorizonHttp http;
    private final String provider;
    private final String domain;
    private final String username;
    private final Supplier<char[]> password;
    private final Duration loginFailureHold;
    private final int readAttempts;

    private final Object lock = new Object();
    /** The current tokens, or the login/renewal producing them; {@code null} before the first request. */
    private CompletableFuture<Tokens> current;
    /** When {@link #current} failed with an authentication error; 0 while unknown. */
    private long authFailedAt;
    private boolean closed;

    HorizonSession(HorizonHttp http, String domain, String username, Supplier<char[]> password,
            Duration loginFailureHold, int readAttempts) {
        this.http = http;
        this.provider = http.provider();
        this.domain = domain;
        this.username = username;
        this.password = password;
        this.loginFailureHold = loginFailureHold;
        this.readAttempts = readAttempts;
    }

    // ---------------------------------------------------------------- tokens

    /** The current tokens, logging in when there are none (one login however many callers ask at once). */
    CompletableFuture<Tokens> tokens() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(http.closedException("login"));
            }
            if (current == null || mayStartOver(current)) {
                install(login());
            }
            return current;
        }
    }

    /**
     * Renews the tokens of {@code used} after a 401. Callers that used the same tokens share one renewal; a caller
     * whose tokens were already replaced gets the replacement.
     */
    CompletableFuture<Tokens> renew(CompletableFuture<Tokens> used) {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(http.closedException("token refresh"));
            }
            if (current != used) {
                return tokens();
            }
            Tokens stale = used.getNow(null);
            CompletableFuture<Tokens> renewal = stale == null ? login()
                    : refresh(stale).exceptionallyCompose(e -> {
                        LOG.log(Level.DEBUG, () -> "Horizon token refresh of " + provider + " failed ("
                                + HorizonErrors.unwrap(e).getMessage() + "); logging in again");
                        return login();
                    });
            install(renewal);
            return renewal;
        }
    }

    private void install(CompletableFuture<Tokens> f) {
        current = f;
        authFailedAt = 0;
        f.whenComplete((t, e) -> {
            if (e != null && HorizonErrors.unwrap(e) instanceof AuthenticationException) {
                synchronized (lock) {
                    if (current == f) {
                        authFailedAt = System.nanoTime();
                    }
                }
            }
        });
    }

    /** Called under the lock: whether a finished attempt may be replaced by a new login. */
    private boolean mayStartOver(CompletableFuture<Tokens> f) {
        if (!f.isCompletedExceptionally()) {
            return false;
        }
        Throwable cause = HorizonErrors.unwrap(f.handle((t, e) -> e).getNow(null));
        if (cause instanceof AuthenticationException) {
            return authFailedAt != 0 && System.nanoTime() - authFailedAt >= loginFailureHold.toNanos();
        }
        return true;
    }

    private CompletableFuture<Tokens> login() {
        byte[] body;
        try {
            body = loginBody();
        } catch (RuntimeException e) {
            // The supplier's message could quote anything; name only the failure's type.
            return CompletableFuture.failedFuture(TransportException.builder(Retryability.FATAL,
                    "Horizon login of " + provider + " not attempted: the password could not be read ("
                            + e.getClass().getSimpleName() + ")").provider(provider).build());
        }
        LOG.log(Level.DEBUG, () -> "Horizon " + provider + ": logging in as " + domain + "\\" + username);
        return http.exchange("login", "POST", "/rest/login", body, null).whenComplete((a, e) -> Arrays.fill(body,
                (byte) 0)).thenApply(a -> {
                    if (a.ok()) {
                        return parseTokens(a, "login", null);
                    }
                    if (a.status() == 400 || a.status() == 401 || a.status() == 403) {
                        HorizonErrors.ErrorInfo info = HorizonErrors.parseErrorBody(a.body());
                        throw AuthenticationException.of(provider, a.status(), info.code(), a.requestId(),
                                "Horizon rejected the login of " + domain + "\\" + username + ": HTTP " + a.status()
                                        + " (" + info.describe() + ")");
                    }
                    throw HorizonErrors.fromResponse(provider, "login", a.status(), a.headers(), a.body(),
                            a.requestId(), http.throttlePause());
                });
    }

    private CompletableFuture<Tokens> refresh(Tokens stale) {
        byte[] body = HorizonJson.write(g -> g.writeStartObject().write("refresh_token", stale.refresh).writeEnd());
        LOG.log(Level.DEBUG, () -> "Horizon " + provider + ": refreshing the access token");
        return http.exchange("token refresh", "POST", "/rest/refresh", body, null).thenApply(a -> {
            if (!a.ok()) {
                throw HorizonErrors.fromResponse(provider, "token refresh", a.status(), a.headers(), a.body(),
                        a.requestId(), http.throttlePause());
            }
            return parseTokens(a, "token refresh", stale.refresh);
        });
    }

    private Tokens parseTokens(Answer a, String operation, String fallbackRefresh) {
        JsonStructure s;
        try {
            s = HorizonJson.parse(a.body());
        } catch (Jsons.MalformedJsonException e) {
            throw HorizonErrors.unexpectedBody(provider, operation, a.status(), a.requestId(), e.getMessage());
        }
        if (!(s instanceof JsonObject o)) {
            throw HorizonErrors.unexpectedBody(provider, operation, a.status(), a.requestId(), "not an object");
        }
        String access = HorizonJson.string(o, "access_token");
        String refresh = HorizonJson.string(o, "refresh_token");
        if (refresh == null) {
            refresh = fallbackRefresh;
        }
        if (access == null || access.isBlank() || refresh == null || refresh.isBlank()) {
            throw HorizonErrors.unexpectedBody(provider, operation, a.status(), a.requestId(),
                    "no access_token or refresh_token");
        }
        return new Tokens(access, refresh);
    }

    /**
     * {@code {"domain":..,"username":..,"password":..}} written straight from the password's characters, so the
     * password never becomes a {@code String}; the characters are cleared afterwards.
     */
    private byte[] loginBody() {
        char[] pw = password.get();
        if (pw == null) {
            throw new IllegalStateException("the password supplier returned null");
        }
        char[] escaped = null;
        ByteBuffer encoded = null;
        try {
            escaped = jsonEscape(pw);
            encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(escaped));
            byte[] head = HorizonJson.write(g -> g.writeStartObject().write("domain", domain)
                    .write("username", username).write("password", "").writeEnd());
            // head ends with "password":""} ; insert the encoded password between the two quotes.
            int insertAt = head.length - 2;
            byte[] body = new byte[head.length + encoded.remaining()];
            System.arraycopy(head, 0, body, 0, insertAt);
            encoded.get(body, insertAt, encoded.remaining());
            System.arraycopy(head, insertAt, body, body.length - 2, 2);
            return body;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("the password is not valid UTF-16 text");
        } finally {
            Arrays.fill(pw, '\0');
            if (escaped != null) {
                Arrays.fill(escaped, '\0');
            }
            if (encoded != null && encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
        }
    }

    static char[] jsonEscape(char[] s) {
        char[] out = new char[s.length * 6];
        int n = 0;
        for (char c : s) {
            if (c == '"' || c == '\\') {
                out[n++] = '\\';
                out[n++] = c;
            } else if (c < 0x20) {
                String hex = String.format("\\u%04x", (int) c);
                for (int i = 0; i < hex.length(); i++) {
                    out[n++] = hex.charAt(i);
                }
            } else {
                out[n++] = c;
            }
        }
        char[] exact = Arrays.copyOf(out, n);
        Arrays.fill(out, '\0');
        return exact;
    }

    // ---------------------------------------------------------------- requests

    /**
     * Sends a request with the current access token, renewing it once on 401. Completes with a 2xx answer, or
     * exceptionally with a {@link TransportException}: when the failure happened while obtaining a token, the
     * request was not sent, so an ambiguous login failure becomes {@code RETRYABLE} for the request.
     */
    CompletableFuture<Answer> authorized(String operation, String method, String pathAndQuery, byte[] body) {
        CompletableFuture<Tokens> used = tokens();
        return used.handle((t, e) -> e != null
                        ? CompletableFuture.<Answer>failedFuture(notSent(operation, e))
                        : send(operation, method, pathAndQuery, body, used, t, 1))
                .thenCompose(Function.identity());
    }

    private CompletableFuture<Answer> send(String operation, String method, String pathAndQuery, byte[] body,
            CompletableFuture<Tokens> used, Tokens tokens, int sends) {
        tokens.uses.incrementAndGet();
        return http.exchange(operation, method, pathAndQuery, body, tokens.access).thenCompose(a -> {
            if (a.ok()) {
                return CompletableFuture.completedFuture(a);
            }
            if (a.status() != 401) {
                return CompletableFuture.failedFuture(HorizonErrors.fromResponse(provider, operation, a.status(),
                        a.headers(), a.body(), a.requestId(), http.throttlePause()));
            }
            // 401: Horizon did not act, so the request may be repeated with other tokens. Renewal is shared by every
            // request that used the same tokens. A 401 for renewed tokens that only this request used means Horizon
            // refuses them: final. Renewed tokens that other requests used too may simply have been worn out by
            // them (a server may limit a token's uses), so they are renewed again. Sends stay bounded either way.
            CompletableFuture<Tokens> next = sends >= MAX_SENDS ? null
                    : sends == 1 || tokens.uses.get() > 1 ? renew(used) : newerThan(used);
            if (next == null) {
                HorizonErrors.ErrorInfo info = HorizonErrors.parseErrorBody(a.body());
                return CompletableFuture.failedFuture(AuthenticationException.of(provider, 401, info.code(),
                        a.requestId(), "Horizon " + operation + " refused even after renewing the session: HTTP 401 ("
                                + info.describe() + ")"));
            }
            return next.handle((t, e) -> e != null
                            ? CompletableFuture.<Answer>failedFuture(notSent(operation, e))
                            : send(operation, method, pathAndQuery, body, next, t, sends + 1))
                    .thenCompose(Function.identity());
        });
    }

    /** The current tokens if another request replaced {@code used} meanwhile, else {@code null}. */
    private CompletableFuture<Tokens> newerThan(CompletableFuture<Tokens> used) {
        synchronized (lock) {
            return closed || current == null || current == used ? null : current;
        }
    }

    /**
     * A failure to obtain a token: the request itself was never sent. The failure must not look as if the request
     * may have been acted on: neither AMBIGUOUS nor carrying the 2xx status of a login answer (such as a 200
     * without tokens), which callers read as "the provider accepted it".
     */
    private TransportException notSent(String operation, Throwable failure) {
        TransportException te = HorizonErrors.fromFailure(provider, "login", failure);
        if (te instanceof AuthenticationException) {
            return te;
        }
        if (te.httpStatus() >= 200 && te.httpStatus() < 300) {
            return TransportException.builder(te.retryability() == Retryability.AMBIGUOUS ? Retryability.RETRYABLE
                            : te.retryability(), "Horizon " + operation + " not sent: " + te.getMessage())
                    .provider(provider).errorCode(te.errorCode()).requestId(te.requestId())
                    .throttled(te.throttled()).retryAfter(te.retryAfter().orElse(null)).cause(te).build();
        }
        if (te.retryability() != Retryability.AMBIGUOUS) {
            return te;
        }
        return TransportException.builder(Retryability.RETRYABLE,
                        "Horizon " + operation + " not sent: " + te.getMessage())
                .provider(provider).httpStatus(te.httpStatus()).errorCode(te.errorCode())
                .requestId(te.requestId()).throttled(te.throttled()).retryAfter(te.retryAfter().orElse(null))
                .cause(te).build();
    }

    /**
     * An idempotent authorized GET whose answer is parsed by {@code parser}, tried up to {@code readAttempts} times
     * on any failure except authentication and FATAL ones (an unparsable answer counts as transient here).
     */
    <T> CompletableFuture<T> read(String operation, String pathAndQuery, Function<Answer, T> parser) {
        return readAttempt(operation, pathAndQuery, parser, 1);
    }

    private <T> CompletableFuture<T> readAttempt(String operation, String pathAndQuery, Function<Answer, T> parser,
            int attempt) {
        return authorized(operation, "GET", pathAndQuery, null).thenApply(parser).handle((v, e) -> {
            if (e == null) {
                return CompletableFuture.completedFuture(v);
            }
            TransportException te = HorizonErrors.fromFailure(provider, operation, e);
            boolean transientFailure = !(te instanceof AuthenticationException) && !http.isClosed()
                    && (te.retryability() != Retryability.FATAL || "UNEXPECTED_RESPONSE".equals(te.errorCode()));
            if (!transientFailure || attempt >= readAttempts) {
                return CompletableFuture.<T>failedFuture(te);
            }
            Duration wait = te.retryAfter().map(d -> d.compareTo(MAX_READ_WAIT) > 0 ? MAX_READ_WAIT : d)
                    .orElseGet(() -> backoff(attempt));
            LOG.log(Level.DEBUG, () -> "Horizon " + provider + ": " + operation + " attempt " + attempt
                    + " failed (" + te.getMessage() + "); trying again in " + wait.toMillis() + " ms");
            return http.after(wait, operation)
                    .thenCompose(x -> readAttempt(operation, pathAndQuery, parser, attempt + 1));
        }).thenCompose(Function.identity());
    }

    /** Exponential backoff with full jitter. */
    private static Duration backoff(int attempt) {
        long cap = Math.min(MAX_READ_BACKOFF_MS, FIRST_READ_BACKOFF_MS << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    // ---------------------------------------------------------------- logout

    /**
     * Ends the Horizon session, if one was established. Later calls fail. Never completes exceptionally: a failed
     * logout only leaves a session that expires by itself.
     */
    CompletableFuture<Void> logout() {
        CompletableFuture<Tokens> f;
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            closed = true;
            f = current;
        }
        if (f == null) {
            return CompletableFuture.completedFuture(null);
        }
        // A login still in flight is waited for, so that its session is ended too.
        return f.handle((t, e) -> t).thenCompose(t -> t == null ? CompletableFuture.completedFuture(null) : logout(t));
    }

    private CompletableFuture<Void> logout(Tokens t) {
        byte[] body = HorizonJson.write(g -> g.writeStartObject().write("refresh_token", t.refresh).writeEnd());
        return http.exchange("logout", "POST", "/rest/logout", body, t.access).handle((a, e) -> {
            if (e != null) {
                LOG.log(Level.WARNING, () -> "Horizon " + provider + ": logout failed ("
                        + HorizonErrors.unwrap(e).getMessage() + ")");
            } else if (!a.ok()) {
                LOG.log(Level.WARNING, () -> "Horizon " + provider + ": logout answered HTTP " + a.status());
            } else {
                LOG.log(Level.DEBUG, () -> "Horizon " + provider + ": logged out");
            }
            return null;
        });
    }
}
