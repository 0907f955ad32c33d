package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The README's Spring Boot section: its properties start a notifier, and its snippet sends with it. */
class ReadmeSectionTest {

    @Test
    void readmePropertiesAndSnippetWork() throws Exception {
        String whole = Files.readString(Path.of("../README.md"));
        int start = whole.indexOf("## Spring Boot");
        assertThat(start).as("the README has a Spring Boot section").isNotNegative();
        int end = whole.indexOf("\n## ", start + 1);
        String readme = whole.substring(start, end < 0 ? whole.length() : end);
        List<String> properties = firstBlock(readme, "properties");
        assertThat(properties).hasSize(5).allMatch(p -> p.startsWith("desknotify.providers.hw."));
        assertThat(firstBlock(readme, "java")).anyMatch(l -> l.contains("notifier.send("));

        try (HuaweiWorkspaceEmulator huawei = HuaweiWorkspaceEmulator.builder()
                .inventory(Inventory.builder().seed(5).desktops(6).build())
                .credentials("readme-ak", "readme-sk").projectId("0bec5db98280d2d02fd6c00c2de791ce")
                .threads(2).start()) {
            List<String> values = new ArrayList<>(properties);
            values.add("HW_AK=readme-ak");
            values.add("HW_SK=readme-sk");
            // the README's endpoint is the real cloud; this test talks to the emulator instead
            values.add("desknotify.providers.hw.endpoint=" + huawei.baseUri());
            values.add("desknotify.job-polling.interval=50ms");
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class))
                    .withPropertyValues(values.toArray(String[]::new))
                    .withBean(MaintenanceAnnouncer.class)
                    .run(context -> {
                        List<String> desktops = huawei.inventory().desktopIds().subList(0, 3);
                        JobReport report = context.getBean(MaintenanceAnnouncer.class).announce(desktops);
                        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(3);
                        assertThat(huawei.journal().shownTargets()).containsOnlyKeys(desktops);
                    });
        }
    }

    private static List<String> firstBlock(String markdown, String language) {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find()).as("a %s block", language).isTrue();
        return m.group(1).lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The README's snippet, as written there (without {@code @Service}). */
    static class MaintenanceAnnouncer {
        private final Notifier notifier;

        MaintenanceAnnouncer(Notifier notifier) {
            this.notifier = notifier;
        }

        JobReport announce(List<String> desktopIds) {
            NotificationJob job = notifier.send(
                    Notification.builder()
                            .message("Maintenance in 15 minutes: please save your work")
                            .severity(Severity.WARNING)
                            .build(),
                    desktopIds.stream().map(Target::desktop).toList());
            return job.completion().join();   // or follow job.progress() while it runs
        }
    }
}
