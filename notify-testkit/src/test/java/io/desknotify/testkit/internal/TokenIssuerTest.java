package io.desknotify.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.testkit.MutableClock;
import io.desknotify.testkit.Route;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private static Request withAuthorization(String value) {
        Map<String, List<String>> headers = value == null ? Map.of() : Map.of("authorization", List.of(value));
        return new Request(Route.HORIZON_SESSIONS, "GET", "/rest/inventory/v1/sessions", "", headers, new byte[0],
                "req-1");
    }

    /** Answers each failure with a status that tells them apart. */
    private static HttpError refuse(TokenIssuer.Failure failure) {
        return new HttpError(Response.empty(switch (failure) {
            case MISSING -> 401;
            case WRONG_SCHEME -> 400;
            case UNKNOWN -> 403;
            case EXPIRED -> 419;
        }));
    }

    private static int status(TokenIssuer issuer, String header, String scheme) {
        try {
            issuer.authenticate(withAuthorization(header), scheme, TokenIssuerTest::refuse);
            return 200;
        } catch (HttpError e) {
            return e.response().status();
        }
    }

    @Test
    void aTokenIsValidUpToItsExpiryInstantAndExpiredAfterIt() {
        TokenIssuer issuer = new TokenIssuer(clock, "a", Duration.ofMinutes(60), 0, false);
        TokenIssuer.Token t = issuer.issue("client-1");
        assertThat(t.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(60)));
        assertThat(t.expiresInSeconds(clock.instant())).isEqualTo(3600);
        clock.advance(Duration.ofMinutes(60));
        assertThat(issuer.use(t.value())).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(issuer.use(t.value())).isEqualTo(TokenIssuer.Failure.EXPIRED);
        assertThat(issuer.use(t.value())).as("kept as expired").isEqualTo(TokenIssuer.Failure.EXPIRED);
    }

    @Test
    void tellsAnExpiredTokenFromAnUnknownOneAndForgetsItAfterwardsWhenAskedTo() {
        TokenIssuer issuer = new TokenIssuer(clock, "a", Duration.ofSeconds(10), 0, true);
        String t = issuer.issue("client-1").value();
        assertThat(issuer.use("a.never-issued")).isEqualTo(TokenIssuer.Failure.UNKNOWN);
        clock.advance(Duration.ofSeconds(11));
        assertThat(issuer.use(t)).isEqualTo(TokenIssuer.Failure.EXPIRED);
        assertThat(issuer.use(t)).isEqualTo(TokenIssuer.Failure.UNKNOWN);
    }

    @Test
    void aTokenServesItsMaximumUsesThenExpires() {
        TokenIssuer issuer = new TokenIssuer(clock, "a", Duration.ofHours(1), 2, false);
        String t = issuer.issue("client-1").value();
        assertThat(issuer.use(t)).isNull();
        assertThat(issuer.use(t)).isNull();
        assertThat(issuer.use(t)).isEqualTo(TokenIssuer.Failure.EXPIRED);
    }

    @Test
    void authenticatesByTheDialectsSchemeAndAnswersEachFailureAsTheDialectSays() {
        TokenIssuer issuer = new TokenIssuer(clock, "cws", Duration.ofHours(1), 0, false);
        String t = issuer.issue("customer-1").value();
        String scheme = "CwsAuth Bearer=";
        assertThat(issuer.authenticate(withAuthorization("CwsAuth Bearer=" + t), scheme, TokenIssuerTest::refuse))
                .isEqualTo("customer-1");
        assertThat(status(issuer, "cwsauth bearer= " + t + " ", scheme)).as("scheme case, blanks").isEqualTo(200);
        assertThat(status(issuer, null, scheme)).isEqualTo(401);
        assertThat(status(issuer, "Bearer " + t, scheme)).isEqualTo(400);
        assertThat(status(issuer, "CwsAuth Bearer=other", scheme)).isEqualTo(403);
        issuer.expireAll();
        assertThat(status(issuer, "CwsAuth Bearer=" + t, scheme)).isEqualTo(419);
    }

    @Test
    void revokesOneTokenTheTokensOfASubjectOrAll() {
        TokenIssuer issuer = new TokenIssuer(clock, "a", Duration.ofHours(1), 0, false);
        String a = issuer.issue("refresh-1").value();
        String b = issuer.issue("refresh-1").value();
        String c = issuer.issue("refresh-2").value();
        String d = issuer.issue("refresh-2").value();
        assertThat(issuer.revoke(a)).isTrue();
        assertThat(issuer.revoke(a)).isFalse();
        issuer.revokeSubject("refresh-1");
        assertThat(issuer.use(b)).isEqualTo(TokenIssuer.Failure.UNKNOWN);
        assertThat(issuer.use(c)).isNull();
        issuer.revokeAll();
        assertThat(issuer.use(d)).isEqualTo(TokenIssuer.Failure.UNKNOWN);
    }

    @Test
    void issuesDistinctOpaqueTokensAndNeverShowsOneInToString() {
        TokenIssuer issuer = new TokenIssuer(clock, "a", Duration.ofHours(1), 0, false);
        TokenIssuer.Token one = issuer.issue("s");
        TokenIssuer.Token two = issuer.issue("s");
        assertThat(one.value()).startsWith("a.").isNotEqualTo(two.value()).hasSizeGreaterThan(30);
        assertThat(one.toString()).doesNotContain(one.value());
    }

    @Test
    void rejectsANegativeNumberOfUses() {
        assertThatThrownBy(() -> new TokenIssuer(clock, "a", Duration.ofHours(1), -1, false))
                .hasMessageContaining("maxUses");
    }
}
