package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole starter in a Boot application, sending over real HTTP to the Huawei Workspace emulator. */
@SpringBootTest(classes = StarterSendsThroughEmulatorTest.App.class)
class StarterSendsThroughEmulatorTest {
    static final HuaweiWorkspaceEmulator HUAWEI = HuaweiWorkspaceEmulator.builder()
            .inventory(Inventory.builder().seed(3).desktops(40).build())
            .credentials("app-ak", "app-sk")
            .maxIdsPerCall(5)
            .threads(4)
            .start();

    @DynamicPropertySource
    static void huawei(DynamicPropertyRegistry registry) {
        registry.add("desknotify.providers.hw.type", () -> "huawei-workspace");
        registry.add("desknotify.providers.hw.endpoint", HUAWEI::baseUri);
        registry.add("desknotify.providers.hw.project-id", HUAWEI::projectId);
        registry.add("desknotify.providers.hw.access-key", () -> "app-ak");
        registry.add("desknotify.providers.hw.secret-key", () -> "app-sk");
        registry.add("desknotify.providers.hw.max-batch-size", () -> "5");
        registry.add("desknotify.job-polling.interval", () -> "50ms");
    }

    @Autowired
    Notifier notifier;

    @AfterAll
    static void stop() {
        HUAWEI.close();
    }

    @Test
    void sendsEachDesktopTheNotificationOnce() throws Exception {
        List<String> desktops = HUAWEI.inventory().desktopIds().subList(0, 12);

        JobReport report = notifier.send(
                        Notification.builder().message("Maintenance in 15 minutes: please save your work")
                                .severity(Severity.WARNING).build(),
                        desktops.stream().map(Target::desktop).toList())
                .completion().get(30, TimeUnit.SECONDS);

        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(12);
        assertThat(HUAWEI.journal().shownTargets()).containsOnlyKeys(desktops);
        assertThat(HUAWEI.journal().targetsShownMoreThanOnce()).isEmpty();
        desktops.forEach(id -> assertThat(HUAWEI.journal().shownCount(id)).as(id).isEqualTo(1));
        // max-batch-size=5 reached the transport: 12 desktops in 3 signed calls
        assertThat(HUAWEI.journal().requestCount(Route.HUAWEI_SEND_DESKTOPS)).isEqualTo(3);
    }

    @Test
    void eachProviderIsInActuatorHealthUnderDesknotify(@Autowired HealthContributorRegistry health) {
        HealthContributor desknotify = health.getContributor("desknotify");
        assertThat(desknotify).isInstanceOf(CompositeHealthContributor.class);
        HealthContributor hw = ((CompositeHealthContributor) desknotify).getContributor("hw");
        assertThat(((HealthIndicator) hw).health().getStatus()).isEqualTo(Status.UP);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
