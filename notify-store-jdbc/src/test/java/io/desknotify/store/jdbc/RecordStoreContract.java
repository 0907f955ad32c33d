package io.desknotify.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.core.inmemory.InMemoryRecordStore;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link JdbcRecordStore} promises, on each database it runs on. */
abstract class RecordStoreContract {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00.123456Z");

    abstract DataSource dataSource();

    JdbcRecordStore store;

    @BeforeEach
    void emptyTable() throws SQLException {
        store = JdbcRecordStore.builder(dataSource()).createSchema(true).build();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM desknotify_record");
        }
    }

    private static DeliveryRecord record(String job, Target target, Outcome outcome, Consumer<DeliveryRecord.Builder> more) {
        DeliveryRecord.Builder b = DeliveryRecord.builder().jobId(job).target(target).provider("huawei")
                .outcome(outcome).attempts(1).updatedAt(T0);
        more.accept(b);
        return b.build();
    }

    private Page<DeliveryRecord> all(RecordQuery.Builder q) {
        return store.query(q.build());
    }

    @Test
    void savedRecordsAreReadBackFieldByField() {
        DeliveryRecord full = record("job-1", Target.desktop("d-1").via("huawei"), Outcome.FAILED, b -> b
                .requestedTarget(Target.user("alice")).providerJobId("pj-1").error("WKS.0001", "desktop busy")
                .requestId("req-1").attempts(3).firstAttemptAt(T0.minusSeconds(2)));
        DeliveryRecord bare = record("job-1", Target.session("s-1"), Outcome.DELIVERED, b -> { });
        store.save(List.of(full, bare));

        Page<DeliveryRecord> page = all(RecordQuery.builder().jobId("job-1"));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).containsExactly(full, bare);
        DeliveryRecord back = page.items().get(0);
        assertThat(back.requestedTarget()).isEqualTo(Target.user("alice"));
        assertThat(back.target().provider()).isEqualTo("huawei");
        assertThat(back.errorMessage()).contains("desk" + "top busy");
        assertThat(back.firstAttemptAt()).contains(T0.minusSeconds(2));
        assertThat(back.updatedAt()).isEqualTo(T0);
        assertThat(page.items().get(1).providerJobId()).isEmpty();
        assertThat(page.items().get(1).firstAttemptAt()).isEmpty();
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
        Instant withNanos = T0.plusNanos(789);
        store.save(List.of(record("job-t", Target.desktop("d"), Outcome.DELIVERED, b -> b.updatedAt(withNanos))));
        assertThat(all(RecordQuery.builder()).items().get(0).updatedAt())
                .isEqualTo(withNanos.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void aRecordReplacesTheEarlierOneOfTheSameJobAndTargetAndKeepsItsPlace() {
        List<DeliveryRecord> pending = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            pending.add(record("job-2", Target.desktop("d-" + i), Outcome.PENDING, b -> b.providerJobId("pj")));
        }
        store.save(pending);
        store.save(List.of(record("job-2", Target.desktop("d-2"), Outcome.DELIVERED, b -> b.providerJobId("pj"))));
        // the same target in another job is another record
        store.save(List.of(record("job-3", Target.desktop("d-2"), Outcome.FAILED, b -> { })));

        Page<DeliveryRecord> page = all(RecordQuery.builder().jobId("job-2"));
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(r -> r.target().value()).containsExactly("d-1", "d-2", "d-3");
        assertThat(page.items()).extracting(DeliveryRecord::outcome)
                .containsExactly(Outcome.PENDING, Outcome.DELIVERED, Outcome.PENDING);
        assertThat(all(RecordQuery.builder().target(Target.desktop("d-2"))).total()).isEqualTo(2);
    }

    @Test
    void queriesAnswerAsTheInMemoryStoreDoes() {
        InMemoryRecordStore memory = new InMemoryRecordStore();
        Random random = new Random(7);
        Outcome[] finals = {Outcome.DELIVERED, Outcome.FAILED, Outcome.UNKNOWN, Outcome.SKIPPED};
        String[] providers = {"huawei", "horizon"};
        int clock = 0;
        for (int job = 0; job < 4; job++) {
            String jobId = "job-" + job;
            List<DeliveryRecord> first = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                String provider = providers[random.nextInt(2)];
                Target target = Target.desktop("d-" + random.nextInt(1000) + "-" + i);
                boolean viaUser = random.nextInt(4) == 0;
                Outcome outcome = random.nextInt(3) == 0 ? Outcome.PENDING : finals[random.nextInt(finals.length)];
                Instant at = T0.plusMillis(clock++);
                DeliveryRecord.Builder b = DeliveryRecord.builder().jobId(jobId).target(target).provider(provider)
                        .outcome(outcome).attempts(1 + random.nextInt(3)).updatedAt(at);
                if (viaUser) {
                    b.requestedTarget(Target.user("user-" + random.nextInt(5)));
                }
                first.add(b.build());
            }
            store.save(first);
            memory.save(first);
            // the PENDING ones end, some of them, as the notifier does: their final record replaces them
            List<DeliveryRecord> ended = new ArrayList<>();
            for (DeliveryRecord r : first) {
                if (r.outcome() == Outcome.PENDING && random.nextBoolean()) {
                    ended.add(r.toBuilder().outcome(finals[random.nextInt(finals.length)])
                            .updatedAt(T0.plusMillis(clock++)).build());
                }
            }
            store.save(ended);
            memory.save(ended);
        }
        List<RecordQuery> queries = new ArrayList<>();
        for (RecordQuery.Sort sort : RecordQuery.Sort.values()) {
            queries.add(RecordQuery.builder().sort(sort).limit(1000).build());
            queries.add(RecordQuery.builder().sort(sort).jobId("job-1").offset(40).limit(25).build());
            queries.add(RecordQuery.builder().sort(sort).outcome(Outcome.PENDING).outcome(Outcome.UNKNOWN)
                    .limit(1000).build());
            queries.add(RecordQuery.builder().sort(sort).provider("horizon").jobId("job-2").limit(1000).build());
            queries.add(RecordQuery.builder().sort(sort).target(Target.user("user-3")).limit(1000).build());
            queries.add(RecordQuery.builder().sort(sort).target(Target.user("user-3").via("huawei")).limit(1000)
                    .build());
            queries.add(RecordQuery.builder().sort(sort).jobId("job-3").offset(10_000).build());
        }
        for (RecordQuery q : queries) {
            Page<DeliveryRecord> expected = memory.query(q);
            Page<DeliveryRecord> actual = store.query(q);
            assertThat(actual.total()).as("total of %s", q).isEqualTo(expected.total());
            assertThat(actual.items()).as("items of %s", q).containsExactlyElementsOf(expected.items());
        }
        assertThat(store.query(RecordQuery.builder().limit(1000).build()).total()).isEqualTo(600);
    }

    @Test
    void aLongErrorMessageCodeOrRequestIdIsCutToItsColumnAndTheLongestIdsFit() {
        String longMessage = "x".repeat(JdbcRecordStore.MAX_ERROR_MESSAGE + 500);
        String longCode = "c".repeat(JdbcRecordStore.MAX_CODE + 1);
        String longestId = "d".repeat(512);
        store.save(List.of(record("j".repeat(512), Target.desktop(longestId).via("p".repeat(512)), Outcome.FAILED,
                b -> b.error(longCode, longMessage).requestId(longCode).provider("q".repeat(512))
                        .requestedTarget(Target.user("u".repeat(512))))));
        DeliveryRecord back = all(RecordQuery.builder()).items().get(0);
        assertThat(back.errorMessage().orElseThrow()).hasSize(JdbcRecordStore.MAX_ERROR_MESSAGE).endsWith("…");
        assertThat(back.errorCode().orElseThrow()).hasSize(JdbcRecordStore.MAX_CODE).endsWith("…");
        assertThat(back.requestId().orElseThrow()).hasSize(JdbcRecordStore.MAX_CODE);
        assertThat(back.target().value()).isEqualTo(longestId);
        assertThat(back.requestedTarget().value()).hasSize(512);
    }

    @Test
    void creatingTheSchemaAgainIsHarmless() {
        store.save(List.of(record("job-s", Target.desktop("d"), Outcome.DELIVERED, b -> { })));
        JdbcRecordStore again = JdbcRecordStore.builder(dataSource()).createSchema(true).build();
        assertThat(again.query(RecordQuery.builder().build()).total()).isEqualTo(1);
    }

    @Test
    void aSaveOfManyBatchesIsOneTransaction() {
        JdbcRecordStore small = JdbcRecordStore.builder(dataSource()).batchSize(7).build();
        List<DeliveryRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(record("job-b", Target.desktop("d-" + i), Outcome.DELIVERED, b -> { }));
        }
        // a provider job id longer than its column fails the 51st record: none of the 50 before it is kept
        records.add(record("job-b", Target.desktop("d-last"), Outcome.PENDING, b -> b.providerJobId("y".repeat(1100))));
        assertThatThrownBy(() -> small.save(records)).isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("saving 51 records").hasMessageNotContaining("yyyy");
        assertThat(small.query(RecordQuery.builder().build()).total()).isZero();
    }

    @Test
    void aNotifierKeepsItsRecordsInTheDatabaseWhereAnotherStoreReadsThem() {
        try (HuaweiWorkspaceEmulator emulator = HuaweiWorkspaceEmulator.builder()
                .inventory(Inventory.builder().seed(3).desktops(1000).connectedFraction(1.0)
                        .disconnectedFraction(0.0).build())
                .credentials("ak", "sk").start()) {
            List<Target> targets = emulator.inventory().desktopIds().stream().map(id -> (Target) Target.desktop(id))
                    .toList();
            JobReport report;
            String jobId;
            try (Notifier notifier = Notifier.builder()
                    .transport(HuaweiWorkspaceTransport.builder().endpoint(emulator.baseUri())
                            .projectId(emulator.projectId()).accessKey("ak").secretKey("sk".toCharArray()).build())
                    .recordStore(store)
                    .jobPolling(Duration.ofMillis(10), Duration.ofMinutes(1))
                    .build()) {
                var job = notifier.send(Notification.builder().message("Maintenance at 22:00").build(), targets);
                report = job.completion().join();
                jobId = job.id();
            }
            assertThat(report.count(Outcome.DELIVERED)).isEqualTo(1000);
            assertThat(emulator.journal().totalShown()).isEqualTo(1000);
            // another instance of the application, with a store of its own over the same database
            JdbcRecordStore other = JdbcRecordStore.builder(dataSource()).build();
            Page<DeliveryRecord> delivered = other.query(RecordQuery.builder().jobId(jobId)
                    .outcome(Outcome.DELIVERED).limit(RecordQuery.MAX_LIMIT).build());
            assertThat(delivered.total()).isEqualTo(1000);
            assertThat(other.query(RecordQuery.builder().jobId(jobId).outcome(Outcome.PENDING).build()).total())
                    .isZero();
            assertThat(delivered.items()).extracting(r -> r.target().value())
                    .containsExactlyInAnyOrderElementsOf(emulator.inventory().desktopIds());
        }
    }
}
