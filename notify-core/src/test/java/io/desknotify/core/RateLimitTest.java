package io.desknotify.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.SendOptions;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.core.inmemory.InMemoryTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void rateLimitOfNPerSecondIsNeverExceededOverATwoSecondWindow() throws Exception {
        int perSecond = 20;
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 1).build();
        List<Target> targets = IntStream.range(0, 70).mapToObj(i -> (Target) Target.desktop("d" + i)).toList();
        JobReport report;
        try (Notifier notifier = Notifier.builder().transport(transport)
                .rateLimit(RateLimitSettings.perSecond(perSecond)).maxConcurrentBatches(8).build()) {
            report = notifier.send(Notification.builder().message("rate").build(), targets).completion()
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(70);

        long[] t = transport.callTimesNanos().stream().mapToLong(Long::longValue).sorted().toArray();
        assertThat(t).hasSize(70);
        long second = TimeUnit.SECONDS.toNanos(1);
        // Permits are handed out one per 50 ms slot. A window that starts late in one slot and ends early in
        // another spans one partial slot more than its length, so one call of slack is inherent; more is a bug.
        for (int i = 0; i < t.length; i++) {
            assertThat(callsWithin(t, i, 2 * second)).as("calls in the 2 s after call " + i)
                    .isLessThanOrEqualTo(2 * perSecond + 1);
            assertThat(callsWithin(t, i, second)).as("calls in the 1 s after call " + i)
                    .isLessThanOrEqualTo(perSecond + 1);
        }
        // and the limiter really paced: 70 calls take 70 slots of 50 ms; the first call may come at the very end
        // of its slot, so the first and last call are at least 68 slots apart
        assertThat(Duration.ofNanos(t[t.length - 1] - t[0])).isGreaterThanOrEqualTo(Duration.ofMillis(68 * 50));
    }

    private static int callsWithin(long[] sorted, int from, long window) {
        int n = 0;
        for (int j = from; j < sorted.length && sorted[j] - sorted[from] < window; j++) {
            n++;
        }
        return n;
    }

    @Test
    void throttlingAnswersSlowTheSenderAndRetryAfterIsHonoured() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 1).build();
        transport.throttleNext(1, Duration.ofMillis(300));
        List<Target> targets = IntStream.range(0, 5).mapToObj(i -> (Target) Target.desktop("d" + i)).toList();
        JobReport report;
        try (Notifier notifier = Notifier.builder().transport(transport).maxConcurrentBatches(1)
                .retry(RetrySettings.custom().maxAttempts(3).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(2)).build())
                .build()) {
            report = notifier.send(Notification.builder().message("rate").build(), targets).completion()
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(5);
        List<Long> calls = transport.callTimesNanos();
        assertThat(calls).hasSize(6);
        // the retry of the throttled batch waited for the provider's hint, not for the 1-2 ms backoff
        assertThat(Duration.ofNanos(calls.get(1) - calls.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    void throttlingAnswersDoNotUseUpAttemptsSoNoTargetFailsByThrottlingAlone() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 1).build();
        // more throttling answers in a row than attempts allowed
        transport.throttleNext(7, Duration.ofMillis(5));
        List<Target> targets = IntStream.range(0, 3).mapToObj(i -> (Target) Target.desktop("d" + i)).toList();
        JobReport report;
        try (Notifier notifier = Notifier.builder().transport(transport).maxConcurrentBatches(1)
                .retry(RetrySettings.custom().maxAttempts(2).initialBackoff(Duration.ofMillis(1))
                        .maxBackoff(Duration.ofMillis(2)).build())
                .build()) {
            report = notifier.send(Notification.builder().message("rate").build(), targets).completion()
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(report.count(Outcome.DELIVERED)).isEqualTo(3);
        assertThat(transport.callTimesNanos()).hasSize(7 + 3);
    }

    @Test
    void aJobDeadlineEndsTheWaitForAProviderThatKeepsRefusing() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 1).build();
        transport.throttleNext(1_000, Duration.ofMillis(50));
        JobReport report;
        try (Notifier notifier = Notifier.builder().transport(transport).build()) {
            report = notifier.send(Notification.builder().message("rate").build(), List.of(Target.desktop("d")),
                    SendOptions.builder().deadline(Duration.ofMillis(400)).build()).completion()
                    .get(30, TimeUnit.SECONDS);
        }
        assertThat(report.count(Outcome.DELIVERED)).isZero();
        assertThat(report.count(Outcome.FAILED)).isEqualTo(1);
        assertThat(transport.shownTotal()).isZero();
    }

    @Test
    void withoutAConfiguredWindowASlowUnlimitedProviderGetsMoreThanEightBatchesInFlight() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 1)
                .latency(Duration.ofMillis(20)).build();
        List<Target> targets = IntStream.range(0, 1_500).mapToObj(i -> (Target) Target.desktop("d" + i)).toList();
        try (Notifier notifier = Notifier.builder().transport(transport).build()) {
            JobReport report = notifier.send(Notification.builder().message("window").build(), targets).completion()
                    .get(60, TimeUnit.SECONDS);
            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(1_500);
        }
        assertThat(transport.maxConcurrentCalls()).isGreaterThan(8);
    }

    @Test
    void aConfiguredWindowIsNeverExceeded() throws Exception {
        InMemoryTransport transport = InMemoryTransport.builder().maxBatchSize(TargetKind.DESKTOP, 1)
                .latency(Duration.ofMillis(5)).build();
        List<Target> targets = IntStream.range(0, 300).mapToObj(i -> (Target) Target.desktop("d" + i)).toList();
        try (Notifier notifier = Notifier.builder().transport(transport).maxConcurrentBatches(3).build()) {
            notifier.send(Notification.builder().message("window").build(), targets).completion()
                    .get(60, TimeUnit.SECONDS);
        }
        assertThat(transport.maxConcurrentCalls()).isEqualTo(3);
    }
}
