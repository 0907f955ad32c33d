package io.desknotify.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.AuthenticationException;
import io.desknotify.api.TransportException;
import io.desknotify.transport.http.AccessToken;
import io.desknotify.transport.http.AccessTokenSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bearer-token lifecycle against an in-memory token source and a clock the test moves. */
class BearerTokensTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test sets. */
    static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Hands out token-1, token-2, ... each living {@code lifetime}; counts fetches. */
    static final class CountingSource implements AccessTokenSource {
        final AtomicInteger fetches = new AtomicInteger();
        final MovableClock clock;
        final Duration lifetime;

        CountingSource(MovableClock clock, Duration lifetime) {
            this.clock = clock;
            this.lifetime = lifetime;
        }

        @Override
        public CompletableFuture<AccessToken> fetch() {
            int n = fetches.incrementAndGet();
            return CompletableFuture.completedFuture(new AccessToken("token-" + n, clock.instant().plus(lifetime)));
        }
    }

    private final MovableClock clock = new MovableClock();

    @Test
    void aTokenIsKeptUntilTheSkewBeforeItsExpiryAndThenFetchedAgain() {
        CountingSource source = new CountingSource(clock, Duration.ofHours(1));
        BearerTokens tokens = new BearerTokens("p", source, clock, Duration.ofSeconds(60));

        assertThat(tokens.lease().join().value()).isEqualTo("token-1");
        clock.now = T0.plusSeconds(3600 - 61);
        assertThat(tokens.lease().join().value()).isEqualTo("token-1");
        clock.now = T0.plusSeconds(3600 - 60);
        assertThat(tokens.lease().join().value()).isEqualTo("token-2");
        assertThat(source.fetches).hasValue(2);
    }

    @Test
    void aShortLivedTokenIsRenewedATenthOfItsLifetimeBeforeExpiryNotAtOnce() {
        CountingSource source = new CountingSource(clock, Duration.ofSeconds(100));
        BearerTokens tokens = new BearerTokens("p", source, clock, Duration.ofSeconds(60));

        assertThat(tokens.lease().join().renewAt()).isEqualTo(T0.plusSeconds(90));
        clock.now = T0.plusSeconds(89);
        assertThat(tokens.lease().join().value()).isEqualTo("token-1");
        clock.now = T0.plusSeconds(90);
        assertThat(tokens.lease().join().value()).isEqualTo("token-2");
    }

    @Test
    void concurrentCallersShareOneFetch() {
        AtomicInteger fetches = new AtomicInteger();
        CompletableFuture<AccessToken> pending = new CompletableFuture<>();
        BearerTokens tokens = new BearerTokens("p", () -> {
            fetches.incrementAndGet();
            return pending;
        }, clock, Duration.ofSeconds(60));

        List<CompletableFuture<BearerTokens.Lease>> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(tokens.lease());
        }
        pending.complete(new AccessToken("shared", T0.plusSeconds(3600)));

        assertThat(fetches).hasValue(1);
        assertThat(waiting).allSatisfy(f -> assertThat(f.join().value()).isEqualTo("shared"));
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndTheRequestRepeatedOnce() {
        CountingSource source = new CountingSource(clock, Duration.ofHours(1));
        BearerTokens tokens = new BearerTokens("p", source, clock, Duration.ofSeconds(60));
        List<String> sentWith = new ArrayList<>();

        int status = tokens.call(l -> {
            sentWith.add(l.value());
            return CompletableFuture.completedFuture(l.value().equals("token-1") ? 401 : 200);
        }, s -> s == 401).join();

        assertThat(status).isEqualTo(200);
        assertThat(sentWith).containsExactly("token-1", "token-2");
        assertThat(source.fetches).hasValue(2);
    }

    @Test
    void aSecondRefusalIsReturnedWithoutAThirdFetch() {
        CountingSource source = new CountingSource(clock, Duration.ofHours(1));
        BearerTokens tokens = new BearerTokens("p", source, clock, Duration.ofSeconds(60));
        AtomicInteger sends = new AtomicInteger();

        int status = tokens.call(l -> {
            sends.incrementAndGet();
            return CompletableFuture.completedFuture(401);
        }, s -> s == 401).join();

        assertThat(status).isEqualTo(401);
        assertThat(sends).hasValue(2);
        assertThat(source.fetches).hasValue(2);
    }

    @Test
    void aTokenAnotherCallerAlreadyRenewedIsNotRenewedAgain() {
        CountingSource source = new CountingSource(clock, Duration.ofHours(1));
        BearerTokens tokens = new BearerTokens("p", source, clock, Duration.ofSeconds(60));
        BearerTokens.Lease a = tokens.lease().join();
        BearerTokens.Lease alsoA = tokens.lease().join();

        BearerTokens.Lease renewed = tokens.renew(a).join();
        BearerTokens.Lease second = tokens.renew(alsoA).join();

        assertThat(renewed.value()).isEqualTo("token-2");
        assertThat(second).isSameAs(renewed);
        assertThat(source.fetches).hasValue(2);
    }

    @Test
    void aFailedFetchIsNotKeptAndFailsRetryableWithoutNamingTheSourcesMessage() {
        AtomicInteger fetches = new AtomicInteger();
        BearerTokens tokens = new BearerTokens("p", () -> {
            if (fetches.incrementAndGet() == 1) {
                return CompletableFuture.failedFuture(new IllegalStateException("secret-in-message"));
            }
            return CompletableFuture.completedFuture(new AccessToken("ok", T0.plusSeconds(3600)));
        }, clock, Duration.ofSeconds(60));

        assertThatThrownBy(() -> tokens.lease().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).retryability())
                        .isEqualTo(TransportException.Retryability.RETRYABLE))
                .hasMessageContaining("IllegalStateException").hasMessageNotContaining("secret-in-message");
        assertThat(tokens.lease().join().value()).isEqualTo("ok");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void theSourcesOwnAuthenticationFailureStaysOne() {
        AuthenticationException refused = AuthenticationException.of("p", 401, "invalid_client", null, "refused");
        BearerTokens tokens = new BearerTokens("p", () -> CompletableFuture.failedFuture(refused), clock,
                Duration.ofSeconds(60));

        assertThatThrownBy(() -> tokens.lease().join()).cause().isSameAs(refused);
    }

    @Test
    void anAlreadyExpiredTokenIsRefusedWithoutShowingIt() {
        BearerTokens tokens = new BearerTokens("p", () -> CompletableFuture.completedFuture(
                new AccessToken("stale-value", T0.minusSeconds(1))), clock, Duration.ofSeconds(60));

        assertThatThrownBy(() -> tokens.lease().join()).cause().isInstanceOf(TransportException.class)
                .hasMessageContaining("expired").hasMessageNotContaining("stale-value");
    }

    @Test
    void noToStringShowsTheToken() {
        CountingSource source = new CountingSource(clock, Duration.ofHours(1));
        BearerTokens tokens = new BearerTokens("p", source, clock, Duration.ofSeconds(60));
        BearerTokens.Lease lease = tokens.lease().join();

        assertThat(lease.toString()).doesNotContain("token-1").contains("******");
        assertThat(tokens.toString()).doesNotContain("token-1");
        assertThat(new AccessToken("token-x", T0).toString()).doesNotContain("token-x").contains("******");
    }

    @Test
    void aBlankTokenIsRefusedWhenMade() {
        assertThatThrownBy(() -> new AccessToken(" ", T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value");
    }
}
