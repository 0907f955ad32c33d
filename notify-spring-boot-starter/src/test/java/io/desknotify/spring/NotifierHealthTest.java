package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Health indicators and default send options against the Huawei emulator. */
class NotifierHealthTest {
    private static final Inventory INVENTORY = Inventory.builder().seed(11).desktops(12).build();
    private static final HuaweiWorkspaceEmulator HUAWEI = HuaweiWorkspaceEmulator.builder()
            .inventory(INVENTORY).credentials("test-ak", "test-sk").threads(4).start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class,
                    NotifierHealthAutoConfiguration.class))
            .withPropertyValues(
                    "desknotify.providers.hw.type=huawei-workspace",
                    "desknotify.providers.hw.endpoint=" + HUAWEI.baseUri(),
                    "desknotify.providers.hw.project-id=" + HUAWEI.projectId(),
                    "desknotify.providers.hw.access-key=test-ak",
                    "desknotify.providers.hw.secret-key=test-sk",
                    "desknotify.job-polling.interval=50ms");

    @BeforeEach
    void reset() {
        HUAWEI.journal().clear();
        HUAWEI.faults().clear();
    }

    @AfterAll
    static void stop() {
        HUAWEI.close();
    }

    @Test
    void eachProviderHasAHealthIndicatorThatIsUpWhenTheProviderAnswers() {
        runner.run(context -> {
            CompositeHealthContributor desknotify = context.getBean("desknotifyHealthContributor",
                    CompositeHealthContributor.class);
            Health health = ((HealthIndicator) desknotify.getContributor("hw")).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(HUAWEI.journal().requestCount(Route.HUAWEI_CONNECT_DESKTOPS)).isEqualTo(1);
        });
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsDown() {
        HUAWEI.faults().inject(Route.HUAWEI_CONNECT_DESKTOPS, Fault.latency(Duration.ofSeconds(2)), Trigger.always());
        runner.withPropertyValues("desknotify.health.timeout=200ms").run(context -> {
            HealthIndicator hw = (HealthIndicator) context.getBean("desknotifyHealthContributor",
                    CompositeHealthContributor.class).getContributor("hw");
            long start = System.nanoTime();
            Health health = hw.health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("error", "no answer within PT0.2S");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        });
    }

    @Test
    void rejectedCredentialsAreDownWithoutTheSecret() {
        runner.withPropertyValues("desknotify.providers.hw.secret-key=WRONG-SECRET").run(context -> {
            Health health = ((HealthIndicator) context.getBean("desknotifyHealthContributor",
                    CompositeHealthContributor.class).getContributor("hw")).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails().toString()).doesNotContain("WRONG-SECRET").doesNotContain("test-sk");
        });
    }

    @Test
    void noHealthIndicatorWithoutActuatorHealthOnTheClassPath() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> {
                    assertThat(context).hasSingleBean(Notifier.class);
                    assertThat(context).doesNotHaveBean("desknotifyHealthContributor");
                });
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Notifier.class);
                    assertThat(context).doesNotHaveBean("desknotifyHealthContributor");
                });
    }

    @Test
    void healthIndicatorCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.desknotify.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("desknotifyHealthContributor"));
    }

    @Test
    void onlyConnectedMakesSendsWithoutOptionsSkipDesktopsWithoutAUser() {
        List<String> connected = INVENTORY.connectedDesktopIds().subList(0, 2);
        List<String> others = INVENTORY.desktops().stream().filter(d -> !d.connected())
                .map(Inventory.Desktop::id).limit(2).toList();
        assertThat(others).hasSize(2);
        List<Target> targets = new ArrayList<>();
        connected.forEach(id -> targets.add(Target.desktop(id)));
        others.forEach(id -> targets.add(Target.desktop(id)));

        runner.withPropertyValues("desknotify.only-connected=true").run(context -> {
            JobReport report = context.getBean(Notifier.class)
                    .send(Notification.builder().message("Maintenance in 15 minutes").build(), targets)
                    .completion().get(20, TimeUnit.SECONDS);
            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(2);
            assertThat(report.count(Outcome.SKIPPED)).isEqualTo(2);
            assertThat(HUAWEI.journal().shownTargets()).containsOnlyKeys(connected);
        });
    }
}
