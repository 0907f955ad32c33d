package io.desknotify.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.NotificationJob;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.core.inmemory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class ResourcesTest {

    private static long ourThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("desknotify-") || t.getName().startsWith("in-memory-transport"))
                .count();
    }

    @Test
    void noThreadOutlivesCloseAfterAHundredJobs() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ourThreads() == 0);
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(1))
                .maxBatchSize(TargetKind.DESKTOP, 7).build();
        Notifier notifier = Notifier.builder().transport(transport).build();
        List<NotificationJob> jobs = new ArrayList<>();
        for (int j = 0; j < 100; j++) {
            int job = j;
            jobs.add(notifier.send(Notification.builder().message("job " + j).build(),
                    IntStream.range(0, 50).mapToObj(i -> (Target) Target.desktop(job + "-" + i)).toList()));
        }
        for (NotificationJob job : jobs) {
            JobReport report = job.completion().get(30, TimeUnit.SECONDS);
            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(50);
        }
        assertThat(ourThreads()).isPositive();

        notifier.close();

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> ourThreads() == 0);
    }

    @Test
    void closeWaitsForInFlightBatchesWithinItsTimeout() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().latency(Duration.ofMillis(10))
                .maxBatchSize(TargetKind.DESKTOP, 10).build();
        Notifier notifier = Notifier.builder().transport(transport).closeTimeout(Duration.ofSeconds(20)).build();
        NotificationJob job = notifier.send(Notification.builder().message("m").build(),
                IntStream.range(0, 200).mapToObj(i -> (Target) Target.desktop("d" + i)).toList());

        notifier.close();

        assertThat(job.completion()).isDone();
        assertThat(job.completion().get().count(Outcome.DELIVERED)).isEqualTo(200);
    }
}
