package io.desknotify.testkit.azure;

import static io.desknotify.testkit.azure.Avd.activeSession;
import static io.desknotify.testkit.azure.Avd.builder;
import static io.desknotify.testkit.azure.Avd.error;
import static io.desknotify.testkit.azure.Avd.get;
import static io.desknotify.testkit.azure.Avd.hostPoolPath;
import static io.desknotify.testkit.azure.Avd.send;
import static io.desknotify.testkit.azure.Avd.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AvdLimitsTest {

    @Test
    void armRequestLimitsRefuseTheWriteAfterTheBucketOf200With429AndRetryAfterButNotReads() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
        try (AzureVirtualDesktopEmulator e = builder().clock(clock).armRequestLimits().start()) {
            String token = token(e);
            String target = activeSession(e);
            for (int i = 0; i < 200; i++) {
                assertThat(send(e, token, target, "{\"messageBody\":\"m\"}").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> refused = send(e, token, target, "{\"messageBody\":\"m\"}");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(error(refused).getString("code")).isNotBlank();
            assertThat(get(e, token, hostPoolPath(e, "pool-01") + "/userSessions", "api-version=2024-04-03")
                    .statusCode()).isEqualTo(200);
            assertThat(e.journal().shownCount(target)).isEqualTo(200);
            clock.advance(Duration.ofMillis(100)); // 10 a second: one token back
            assertThat(send(e, token, target, "{\"messageBody\":\"m\"}").statusCode()).isEqualTo(200);
            assertThat(send(e, token, target, "{\"messageBody\":\"m\"}").statusCode()).isEqualTo(429);
        }
    }

    @Test
    void everyArmAnswerSaysTheRemainingReadsOrWrites() {
        try (AzureVirtualDesktopEmulator e = builder().armRequestLimits().start()) {
            String token = token(e);
            HttpResponse<String> read = get(e, token, hostPoolPath(e, "pool-01") + "/userSessions",
                    "api-version=2024-04-03");
            HttpResponse<String> write = send(e, token, activeSession(e), "{\"messageBody\":\"m\"}");
            assertThat(read.headers().firstValue("x-ms-ratelimit-remaining-subscription-reads")).hasValue("249");
            assertThat(write.headers().firstValue("x-ms-ratelimit-remaining-subscription-writes")).hasValue("199");
            assertThat(write.headers().firstValue("x-ms-ratelimit-remaining-subscription-global-writes"))
                    .isPresent();
        }
    }
}
