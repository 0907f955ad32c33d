package io.desknotify.transport.http;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token and the instant it expires, as an {@link AccessTokenSource} gives it. Its {@code toString} never
 * shows the value.
 *
 * @param value     the token, sent as {@code Authorization: Bearer <value>} (or the provider's equivalent)
 * @param expiresAt when the provider stops accepting it; the transport fetches a new one shortly before
 */
public record AccessToken(String value, Instant expiresAt) {

    /**
     * Checks the token.
     *
     * @param value     the token, not blank
     * @param expiresAt its expiry, not {@code null}
     * @throws IllegalArgumentException if {@code value} is blank
     * @throws NullPointerException     if either is {@code null}
     */
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (value.isBlank()) {
            throw new IllegalArgumentException("value must not be blank");
        }
    }

    @Override
    public String toString() {
        return "AccessToken{value=******, expiresAt=" + expiresAt + '}';
    }
}
