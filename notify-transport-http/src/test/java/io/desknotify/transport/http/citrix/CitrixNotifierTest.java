package io.desknotify.transport.http.citrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.core.RateLimitSettings;
import io.desknotify.core.RetrySettings;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.citrix.CitrixDaasEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Citrix transport driven by a {@link Notifier} against the Citrix emulator over loopback HTTP. */
class CitrixNotifierTest {
    private static final Notification MAINTENANCE = Notification.builder().title("IT maintenance")
            .message("Maintenance in 15 minutes: please save your work.").severity(Severity.ERROR).build();

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Notifier notifier(CitrixDaasEmulator emulator) {
        CitrixDaasTransport t = CitrixDaasTransport.builder().baseUri(emulator.baseUri()).customerId("acme1234")
                .clientId("client").clientSecret("secret".toCharArray()).pageSize(50)
                .throttlePause(Duration.ofMillis(50), Duration.ofMillis(100)).build();
        Notifier n = Notifier.builder().transport(t)
                .retry(RetrySettings.custom().maxAttempts(5).initialBackoff(Duration.ofMillis(20))
                        .maxBackoff(Duration.ofMillis(200)).build())
                .rateLimit(RateLimitSettings.perSecond(2_000)).maxConcurrentBatches(16).build();
        open.add(n);
        return n;
    }

    @Test
    void poolsUsersAndSessionsAreEachShownOnceWithTitleAndOnlyActiveSessionsWhenAsked() throws Exception {
        Inventory inventory = Inventory.builder().seed(41).desktops(600).pools(4).pooledFraction(0.7).users(200)
                .build();
        CitrixDaasEmulator emulator = CitrixDaasEmulator.builder().inventory(inventory).customerId("acme1234")
                .apiClient("client", "secret").accessTokenMaxUses(40).start();
        open.add(emulator);
        Notifier notifier = notifier(emulator);
        List<Target> targets = new ArrayList<>();
        inventory.pools().forEach(p -> targets.add(Target.desktopPool(p.name())));
        Set<String> expected = new HashSet<>();
        inventory.sessions().stream().filter(s -> s.poolId() != null).forEach(s -> expected.add(s.id()));
        inventory.sessions().stream().filter(s -> s.poolId() == null).limit(10).forEach(s -> {
            targets.add(Target.user(CitrixDaasEmulator.principalName(inventory.user(s.userName()).orElseThrow())));
            inventory.sessionsOfUser(s.userName()).forEach(x -> expected.add(x.id()));
        });
        inventory.sessions().stream().filter(s -> !expected.contains(s.id())).limit(20).forEach(s -> {
            targets.add(Target.session(s.id()));
            expected.add(s.id());
        });
        Set<String> active = new HashSet<>();
        inventory.sessions().stream().filter(s -> expected.contains(s.id())
                && s.state() == Inventory.SessionState.CONNECTED).forEach(s -> active.add(s.id()));
        emulator.faults().inject(Route.CITRIX_SEND_MESSAGE, Fault.throttled(Duration.ofSeconds(1)), Trigger.next(3));

        JobReport report = notifier.send(MAINTENANCE, targets, SendOptions.builder().onlyConnected(true).build())
                .completion().get(60, TimeUnit.SECONDS);

        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(active);
        assertThat(emulator.journal().targetsShownMoreThanOnce()).isEmpty();
        assertThat(emulator.journal().shown()).allSatisfy(s -> {
            assertThat(s.title()).isEqualTo("IT maintenance");
            assertThat(s.messageType()).isEqualTo("Critical");
        });
        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(active.size());
        assertThat(report.count(Outcome.FAILED)).isZero();
        assertThat(report.count(Outcome.SKIPPED)).isEqualTo(expected.size() - active.size());
        assertThat(emulator.journal().requestCount(Route.CITRIX_TOKEN)).isGreaterThan(1);
        assertThat(emulator.journal().requestCount(Route.CITRIX_ME)).isEqualTo(1);
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }
}
