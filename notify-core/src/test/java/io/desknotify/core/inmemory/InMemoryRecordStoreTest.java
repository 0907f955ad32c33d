package io.desknotify.core.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryRecordStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T06:00:00Z");

    private static DeliveryRecord record(String job, String desktop, Outcome outcome, int minute) {
        return DeliveryRecord.builder().jobId(job).target(Target.desktop(desktop)).provider("p").outcome(outcome)
                .updatedAt(T0.plusSeconds(60L * minute)).build();
    }

    private static List<DeliveryRecord> records(String job, int n, Outcome outcome) {
        return IntStream.range(0, n).mapToObj(i -> record(job, job + "-" + i, outcome, i)).toList();
    }

    @Test
    void aFinalRecordReplacesThePendingRecordOfTheSameTarget() {
        InMemoryRecordStore store = new InMemoryRecordStore();
        store.save(records("j1", 3, Outcome.PENDING));
        store.save(List.of(record("j1", "j1-1", Outcome.DELIVERED, 9)));

        Page<DeliveryRecord> page = store.query(RecordQuery.builder().jobId("j1").build());
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(DeliveryRecord::outcome)
                .containsExactly(Outcome.PENDING, Outcome.DELIVERED, Outcome.PENDING);
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void pendingRecordsAreReplacedInPlaceAcrossManySavesAndWithinOneSave() {
        InMemoryRecordStore store = new InMemoryRecordStore();
        store.save(records("j1", 3, Outcome.DELIVERED));
        store.save(List.of(record("j1", "a", Outcome.PENDING, 1), record("j1", "b", Outcome.PENDING, 1)));
        store.save(records("j1", 2, Outcome.DELIVERED).stream().map(r -> r.toBuilder()
                .target(Target.desktop("later-" + r.target().value())).build()).toList());
        // b goes final in a later save, c is pending and final within one save
        store.save(List.of(record("j1", "b", Outcome.FAILED, 2), record("j1", "c", Outcome.PENDING, 2),
                record("j1", "c", Outcome.DELIVERED, 3)));
        store.save(List.of(record("j1", "a", Outcome.UNKNOWN, 4)));

        assertThat(store.query(RecordQuery.builder().jobId("j1").build()).items())
                .extracting(r -> r.target().value() + "=" + r.outcome())
                .containsExactly("j1-0=DELIVERED", "j1-1=DELIVERED", "j1-2=DELIVERED", "a=UNKNOWN", "b=FAILED",
                        "later-j1-0=DELIVERED", "later-j1-1=DELIVERED", "c=DELIVERED");
        assertThat(store.size()).isEqualTo(8);
    }

    @Test
    void aBatchOfRecordsSharingTheirDetailsIsReadBackEqualIncludingReplacements() {
        InMemoryRecordStore store = new InMemoryRecordStore();
        DeliveryRecord.Builder batch = DeliveryRecord.builder().jobId("j1").provider("p").outcome(Outcome.PENDING)
                .providerJobId("pj-1").requestId("r-1").attempts(1).firstAttemptAt(T0).updatedAt(T0);
        List<DeliveryRecord> pending = IntStream.range(0, 100)
                .mapToObj(i -> batch.target(Target.desktop("d-" + i)).outcome(i == 7 ? Outcome.FAILED
                        : Outcome.PENDING).build())
                .toList();
        store.save(pending);
        DeliveryRecord delivered = pending.get(3).toBuilder().outcome(Outcome.DELIVERED)
                .updatedAt(T0.plusSeconds(5)).build();
        store.save(List.of(delivered));

        List<DeliveryRecord> read = store.query(RecordQuery.builder().jobId("j1").limit(1000).build()).items();
        List<DeliveryRecord> expected = new java.util.ArrayList<>(pending);
        expected.set(3, delivered);
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(read.get(7).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(read.get(3).updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(read.get(4).providerJobId()).contains("pj-1");
    }

    @Test
    void oneSaveMayHoldRecordsOfSeveralJobs() {
        InMemoryRecordStore store = new InMemoryRecordStore();
        store.save(List.of(record("j1", "a", Outcome.PENDING, 1), record("j2", "a", Outcome.DELIVERED, 1),
                record("j1", "b", Outcome.DELIVERED, 1), record("j1", "a", Outcome.DELIVERED, 2)));

        assertThat(store.query(RecordQuery.builder().jobId("j1").build()).items())
                .extracting(r -> r.target().value() + "=" + r.outcome()).containsExactly("a=DELIVERED", "b=DELIVERED");
        assertThat(store.query(RecordQuery.builder().jobId("j2").build()).items())
                .extracting(r -> r.target().value() + "=" + r.outcome()).containsExactly("a=DELIVERED");
        assertThat(store.size()).isEqualTo(3);
    }

    @Test
    void whenFullTheOldestJobsAreDroppedWhole() {
        InMemoryRecordStore store = new InMemoryRecordStore(10);
        store.save(records("old", 4, Outcome.DELIVERED));
        store.save(records("mid", 4, Outcome.DELIVERED));
        store.save(records("new", 4, Outcome.DELIVERED));

        assertThat(store.query(RecordQuery.builder().jobId("old").build()).total()).isZero();
        assertThat(store.query(RecordQuery.builder().jobId("mid").build()).total()).isEqualTo(4);
        assertThat(store.query(RecordQuery.builder().jobId("new").build()).total()).isEqualTo(4);
        assertThat(store.dropped()).isZero();
    }

    @Test
    void aSingleJobLargerThanTheCapacityKeepsItsFirstRecordsAndCountsTheRest() {
        InMemoryRecordStore store = new InMemoryRecordStore(5);
        store.save(records("huge", 8, Outcome.DELIVERED));

        assertThat(store.size()).isEqualTo(5);
        assertThat(store.dropped()).isEqualTo(3);
        assertThat(store.query(RecordQuery.builder().jobId("huge").build()).items())
                .extracting(r -> r.target().value()).containsExactly("huge-0", "huge-1", "huge-2", "huge-3", "huge-4");
    }

    @Test
    void queriesSortByUpdateTimeAndPageWithoutGapsOrRepeats() {
        InMemoryRecordStore store = new InMemoryRecordStore();
        store.save(records("j", 25, Outcome.DELIVERED));

        Page<DeliveryRecord> newest = store.query(RecordQuery.builder().sort(RecordQuery.Sort.UPDATED_DESC)
                .limit(3).build());
        assertThat(newest.items()).extracting(r -> r.target().value()).containsExactly("j-24", "j-23", "j-22");
        assertThat(newest.hasNext()).isTrue();

        Page<DeliveryRecord> last = store.query(RecordQuery.builder().offset(20).limit(10).build());
        assertThat(last.items()).hasSize(5);
        assertThat(last.hasNext()).isFalse();
    }
}
