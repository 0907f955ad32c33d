package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.JobStatus;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a user of the published artefacts does: a Boot application gets its {@code Notifier} from the starter's
 * {@code desknotify.*} properties, plain Java builds one with the HTTP transport, and both send over loopback HTTP
 * to the testkit's Huawei Workspace emulator.
 */
class SendsThroughTheEmulatorTest {
    static final HuaweiWorkspaceEmulator HUAWEI = HuaweiWorkspaceEmulator.builder()
            .inventory(Inventory.builder().seed(16).desktops(20).build())
            .credentials("consumer-ak", "consumer-sk")
            .start();

    @AfterAll
    static void stop() {
        HUAWEI.close();
    }

    @Test
    void aBootApplicationSendsWithTheNotifierItsPropertiesConfigure() throws Exception {
        List<String> desktops = HUAWEI.inventory().desktopIds().subList(0, 4);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "desknotify.providers.hw.type=huawei-workspace",
                        "desknotify.providers.hw.endpoint=" + HUAWEI.baseUri(),
                        "desknotify.providers.hw.project-id=" + HUAWEI.projectId(),
                        "desknotify.providers.hw.access-key=consumer-ak",
                        "desknotify.providers.hw.secret-key=consumer-sk",
                        "desknotify.job-polling.interval=50ms")
                .run()) {
            Notifier notifier = app.getBean(Notifier.class);

            JobReport report = send(notifier, desktops);

            assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(4);
            desktops.forEach(id -> assertThat(HUAWEI.journal().shownCount(id)).as(id).isEqualTo(1));
        }
    }

    @Test
    void plainJavaSendsWithTheHttpTransportAndEveryRecordIsDelivered() throws Exception {
        List<String> desktops = HUAWEI.inventory().desktopIds().subList(10, 13);
        try (Notifier notifier = Notifier.builder()
                .transport(HuaweiWorkspaceTransport.builder()
                        .endpoint(HUAWEI.baseUri())
                        .projectId(HUAWEI.projectId())
                        .accessKey("consumer-ak").secretKey("consumer-sk".toCharArray())
                        .build())
                .build()) {
            NotificationJob job = notifier.send(
                    Notification.builder().message("Maintenance at 22:00, please save your work").build(),
                    desktops.stream().map(Target::desktop).toList());
            JobReport report = job.completion().get(30, TimeUnit.SECONDS);

            assertThat(report.status()).isEqualTo(JobStatus.SUCCEEDED);
            List<DeliveryRecord> records = notifier.records(RecordQuery.builder().jobId(job.id()).build()).items();
            assertThat(records).hasSize(3).allMatch(r -> r.outcome() == Outcome.DELIVERED);
            desktops.forEach(id -> assertThat(HUAWEI.journal().shownCount(id)).as(id).isEqualTo(1));
        }
        assertThat(HUAWEI.journal().contractViolations()).isEmpty();
    }

    private static JobReport send(Notifier notifier, List<String> desktops) throws Exception {
        return notifier.send(
                        Notification.builder().message("Maintenance in 15 minutes: please save your work").build(),
                        desktops.stream().map(Target::desktop).toList())
                .completion().get(30, TimeUnit.SECONDS);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
