package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.ShownNotification;
import io.desknotify.testkit.azure.AzureVirtualDesktopEmulator;
import io.desknotify.testkit.citrix.CitrixDaasEmulator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code type=azure-virtual-desktop} and {@code type=citrix-daas} configured from properties alone, sending a titled
 * notification over real HTTP to their emulators: every property the starter maps reaches the transport.
 */
@SpringBootTest(classes = StarterSessionProvidersTest.App.class)
class StarterSessionProvidersTest {
    static final Inventory INVENTORY = Inventory.builder().seed(5).desktops(12).pools(2).pooledFraction(1.0)
            .connectedFraction(1.0).disconnectedFraction(0.0).build();
    static final AzureVirtualDesktopEmulator AVD = AzureVirtualDesktopEmulator.builder().inventory(INVENTORY)
            .client("app-client", "app-avd-secret").threads(4).start();
    static final CitrixDaasEmulator CITRIX = CitrixDaasEmulator.builder().inventory(INVENTORY)
            .apiClient("app-citrix", "app-citrix-secret").threads(4).start();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("desknotify.default-provider", () -> "avd");
        registry.add("desknotify.providers.avd.type", () -> "azure-virtual-desktop");
        registry.add("desknotify.providers.avd.base-url", AVD::baseUri);
        registry.add("desknotify.providers.avd.login-url", AVD::baseUri);
        registry.add("desknotify.providers.avd.tenant-id", AVD::tenantId);
        registry.add("desknotify.providers.avd.client-id", () -> "app-client");
        registry.add("desknotify.providers.avd.client-secret", () -> "app-avd-secret");
        registry.add("desknotify.providers.avd.subscription-id", AVD::subscriptionId);
        registry.add("desknotify.providers.avd.resource-group", AVD::resourceGroup);
        registry.add("desknotify.providers.avd.host-pools", () -> String.join(",", AVD.hostPoolNames()));
        registry.add("desknotify.providers.ctx.type", () -> "citrix-daas");
        registry.add("desknotify.providers.ctx.base-url", CITRIX::baseUri);
        registry.add("desknotify.providers.ctx.customer-id", CITRIX::customerId);
        registry.add("desknotify.providers.ctx.site-id", CITRIX::siteId);
        registry.add("desknotify.providers.ctx.client-id", () -> "app-citrix");
        registry.add("desknotify.providers.ctx.client-secret", () -> "app-citrix-secret");
    }

    @Autowired
    Notifier notifier;

    @AfterAll
    static void stop() {
        AVD.close();
        CITRIX.close();
    }

    @Test
    void bothSessionProvidersShowEveryUserTheTitledNotificationOnce() throws Exception {
        List<Target> targets = new java.util.ArrayList<>();
        INVENTORY.users().stream().filter(u -> !INVENTORY.sessionsOfUser(u.name()).isEmpty())
                .forEach(u -> targets.add(Target.user(AVD.userPrincipalName(u.name()))));
        INVENTORY.pools().forEach(p -> targets.add(Target.desktopPool(p.name()).via("ctx")));

        JobReport report = notifier.send(Notification.builder().title("Maintenance tonight")
                        .message("Maintenance at 22:00: please save your work").build(), targets)
                .completion().get(30, TimeUnit.SECONDS);

        int sessions = INVENTORY.sessions().size();
        assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(2L * sessions);
        for (var journal : List.of(AVD.journal(), CITRIX.journal())) {
            assertThat(journal.totalShown()).isEqualTo(sessions);
            assertThat(journal.targetsShownMoreThanOnce()).isEmpty();
            assertThat(journal.contractViolations()).isEmpty();
            assertThat(journal.shown()).extracting(ShownNotification::title).containsOnly("Maintenance tonight");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
