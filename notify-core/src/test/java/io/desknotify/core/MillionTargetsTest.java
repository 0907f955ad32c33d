package io.desknotify.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import io.desknotify.core.inmemory.InMemoryTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs in its own surefire execution with {@code -Xmx256m} (see notify-core/pom.xml): a job of a million desktops
 * must fit a small heap, records included.
 */
class MillionTargetsTest {

    @Test
    void aMillionDesktopTargetsCompleteWithin256MegabytesOfHeap() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(256L * 1024 * 1024);
        InMemoryTransport transport = InMemoryTransport.builder().trackTargets(false).build();
        List<Target> targets = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            targets.add(Target.desktop(String.format("713340659-%010d", i)));
        }
        try (Notifier notifier = Notifier.builder().transport(transport).build()) {
            NotificationJob job = notifier.send(Notification.builder().message("Maintenance at 22:00").build(),
                    targets);
            JobReport report = job.completion().get(120, TimeUnit.SECONDS);

            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(1_000_000);
            assertThat(transport.shownTotal()).isEqualTo(1_000_000);
            assertThat(transport.deliverCalls()).isEqualTo(10_000);
            assertThat(notifier.records(RecordQuery.builder().jobId(job.id()).limit(10).build()).total())
                    .isEqualTo(1_000_000);
        }
    }
}
