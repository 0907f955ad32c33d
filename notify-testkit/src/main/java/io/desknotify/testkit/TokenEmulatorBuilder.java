package io.desknotify.testkit;

import io.desknotify.testkit.internal.Checks;
import java.time.Duration;

/**
 * The builder of an emulator whose clients log in for bearer access tokens: adds how long a token lives and how
 * many requests it serves to what every {@link EmulatorBuilder} offers. Tokens expire by the emulator's
 * {@linkplain #clock clock}; such an emulator also lets a test expire every token at once (see its
 * {@code expireAccessTokens()}).
 *
 * @param <B> the concrete builder, returned by every setter
 * @param <E> the emulator it starts
 */
public abstract class TokenEmulatorBuilder<B extends TokenEmulatorBuilder<B, E>, E extends Emulator>
        extends EmulatorBuilder<B, E> {

    private Duration accessTokenTtl;
    private int accessTokenMaxUses;

    /**
     * For the builders of the emulators.
     *
     * @param defaultAccessTokenTtl the provider's usual access-token lifetime, positive
     */
    protected TokenEmulatorBuilder(Duration defaultAccessTokenTtl) {
        this.accessTokenTtl = Checks.positive(defaultAccessTokenTtl, "defaultAccessTokenTtl");
    }

    /**
     * @param ttl how long an access token is valid, positive (default: the provider's usual lifetime, given in the
     *     emulator's documentation)
     * @return this builder
     */
    public B accessTokenTtl(Duration ttl) {
        this.accessTokenTtl = Checks.positive(ttl, "ttl");
        return self();
    }

    /**
     * @param uses how many authenticated requests an access token serves before it
     *     expires; 0 for no limit (default 0)
     * @return this builder
     */
    public B accessTokenMaxUses(int uses) {
        if (uses < 0) {
            throw new IllegalArgumentException("uses must not be negative: " + uses);
        }
        this.accessTokenMaxUses = uses;
        return self();
    }

    /** @return the access-token lifetime given */
    protected final Duration configuredAccessTokenTtl() {
        return accessTokenTtl;
    }

    /** @return the uses per access token given; 0 for no limit */
    protected final int configuredAccessTokenMaxUses() {
        return accessTokenMaxUses;
    }
}
