package io.desknotify.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Issues opaque bearer tokens and checks them, for emulators of providers whose clients log in for a token: each
 * token has a subject (the login, client or refresh token it was issued for), a lifetime from the emulator's clock
 * and optionally a number of uses. The emulator's dialect decides how each {@link Failure} is answered, so an
 * emulator can tell an expired token from an unknown one the way its provider does.
 *
 * <p>A token is valid up to and including the instant it expires. Thread-safe.
 */
public final class TokenIssuer {

    /** Why a request was not authenticated. */
    public enum Failure {
        /** No {@code Authorization} header. */
        MISSING,
        /** An {@code Authorization} header of another scheme (e.g. a plain {@code Bearer} where Citrix wants
         * {@code CwsAuth Bearer=}). */
        WRONG_SCHEME,
        /** A token this issuer never issued, or revoked, or forgot after it expired. */
        UNKNOWN,
        /** A token past its lifetime, out of uses, or {@linkplain #expireAll() expired by the test}. */
        EXPIRED
    }

    /**
     * An issued token.
     *
     * @param value the opaque token
     * @param subject what it was issued for
     * @param expiresAt the last instant it is valid
     */
    public record Token(String value, String subject, Instant expiresAt) {

        /**
         * @param now the emulator's time
         * @return whole seconds left, as an {@code expires_in} field says it, at least 0
         */
        public long expiresInSeconds(Instant now) {
            return Math.max(0, Duration.between(now, expiresAt).getSeconds());
        }

        @Override
        public String toString() {
            return "Token[subject=" + subject + ", expiresAt=" + expiresAt + "]";
        }
    }

    private static final class Entry {
        final Token token;
        final AtomicInteger usesLeft;
        volatile boolean expired;

        Entry(Token token, int uses) {
            this.token = token;
            this.usesLeft = uses == 0 ? null : new AtomicInteger(uses);
        }
    }

    private final Clock clock;
    private final String prefix;
    private final Duration ttl;
    private final int maxUses;
    private final boolean forgetExpired;
    private final Map<String, Entry> tokens = new ConcurrentHashMap<>();

    /**
     * @param clock the emulator's clock
     * @param prefix what every token starts with, before a dot (tells kinds of tokens apart in logs of a test)
     * @param ttl how long a token is valid
     * @param maxUses how many {@link #use uses} a token serves; 0 for no limit
     * @param forgetExpired true to forget a token once it was answered as expired, so that it is unknown from then
     *     on (as Horizon does); false to keep answering it as expired
     */
    public TokenIssuer(Clock clock, String prefix, Duration ttl, int maxUses, boolean forgetExpired) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (maxUses < 0) {
            throw new IllegalArgumentException("maxUses must not be negative: " + maxUses);
        }
        this.maxUses = maxUses;
        this.forgetExpired = forgetExpired;
    }

    /**
     * @param subject what the token is issued for
     * @return a new token valid for the configured lifetime from now
     */
    public Token issue(String subject) {
        byte[] bytes = new byte[24];
        ThreadLocalRandom.current().nextBytes(bytes);
        String value = prefix + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Token token = new Token(value, Objects.requireNonNull(subject, "subject"), clock.instant().plus(ttl));
        tokens.put(value, new Entry(token, maxUses));
        return token;
    }

    /**
     * Checks a token and counts one use of it.
     *
     * @param value the token as received
     * @return null when valid, else why not
     */
    public Failure use(String value) {
        return use(value, tokens.get(value));
    }

    private Failure use(String value, Entry e) {
        if (e == null) {
            return Failure.UNKNOWN;
        }
        if (e.expired || clock.instant().isAfter(e.token.expiresAt())
                || e.usesLeft != null && e.usesLeft.getAndDecrement() <= 0) {
            e.expired = true;
            if (forgetExpired) {
                tokens.remove(value);
            }
            return Failure.EXPIRED;
        }
        return null;
    }

    /**
     * Authenticates a request by its {@code Authorization} header: {@code <scheme><token>}, the scheme compared
     * case-insensitively, blanks around the token ignored.
     *
     * @param request the request
     * @param scheme what precedes the token, e.g. {@code "Bearer "} or {@code "CwsAuth Bearer="}
     * @param refusal the dialect's answer to each failure (throw {@link HttpError#outOfContract} from it for a
     *     failure the published API does not foresee)
     * @return the subject of the token
     * @throws HttpError the refusal's answer when the request is not authenticated
     */
    public String authenticate(Request request, String scheme, Function<Failure, HttpError> refusal) {
        String header = request.header("authorization");
        Failure failure;
        Entry entry = null;
        if (header == null) {
            failure = Failure.MISSING;
        } else if (!header.regionMatches(true, 0, scheme, 0, scheme.length())) {
            failure = Failure.WRONG_SCHEME;
        } else {
            String token = header.substring(scheme.length()).trim();
            entry = tokens.get(token);
            failure = use(token, entry);
        }
        if (failure != null) {
            throw refusal.apply(failure);
        }
        return entry.token.subject();
    }

    /**
     * @param value a token
     * @return true when it was known and is now revoked (unknown from now on)
     */
    public boolean revoke(String value) {
        return tokens.remove(value) != null;
    }

    /** @param subject revokes every token issued for it, e.g. the access tokens of a refresh token logged out */
    public void revokeSubject(String subject) {
        tokens.values().removeIf(e -> e.token.subject().equals(subject));
    }

    /** Revokes every token issued so far: each is unknown from now on. */
    public void revokeAll() {
        tokens.clear();
    }

    /** Expires every token issued so far: each is answered as expired (then forgotten, if so configured). */
    public void expireAll() {
        tokens.values().forEach(e -> e.expired = true);
    }

    /** @return the lifetime of a new token */
    public Duration ttl() {
        return ttl;
    }
}
