package io.desknotify.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.ContractViolation;
import io.desknotify.testkit.Journal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A finished job seen from both sides: its report and records from the notifier, and what the emulator's journal
 * says was received and shown. {@link #assertConsistent} checks the guarantees every run must keep.
 */
final class JobOutcome {
    final JobReport report;
    final List<DeliveryRecord> records;
    final Map<String, DeliveryRecord> byId = new HashMap<>();
    final Map<Outcome, Set<String>> idsByOutcome = new EnumMap<>(Outcome.class);
    final Map<String, Integer> shown;
    final List<ContractViolation> contractViolations;
    final Set<String> inSendRequests;

    JobOutcome(Notifier notifier, JobReport report, Rig rig) {
        this.report = report;
        Page<DeliveryRecord> page = notifier.records(RecordQuery.builder().jobId(report.jobId()).offset(0)
                .limit(RecordQuery.MAX_LIMIT).build());
        assertThat(page.hasNext()).as("all records on one page").isFalse();
        this.records = page.items();
        for (Outcome o : Outcome.values()) {
            idsByOutcome.put(o, new HashSet<>());
        }
        for (DeliveryRecord r : records) {
            DeliveryRecord before = byId.put(r.target().value(), r);
            assertThat(before).as("a second record for %s: %s and %s", r.target(), before, r).isNull();
            idsByOutcome.get(r.outcome()).add(r.target().value());
        }
        Journal journal = rig.journal();
        this.shown = journal.shownTargets();
        this.inSendRequests = rig.idsInSendRequests();
        this.contractViolations = journal.contractViolations();
    }

    Set<String> ids(Outcome o) {
        return idsByOutcome.get(o);
    }

    /**
     * Every target in exactly one final record; the report's counts equal the records'; a target is shown at most
     * once (unless {@code atLeastOnce}); every DELIVERED target was shown; every shown target is DELIVERED or
     * UNKNOWN (never FAILED, SKIPPED or CANCELLED); every UNKNOWN target was named in a request the provider
     * received, so it may have been processed; and no request the transport sent broke the provider's published
     * contract.
     */
    void assertConsistent(List<Target> targets, boolean atLeastOnce) {
        assertThat(contractViolations).as("requests outside the provider's contract").isEmpty();
        assertThat(records).hasSize(targets.size());
        Set<String> expected = new HashSet<>();
        targets.forEach(t -> expected.add(t.value()));
        assertThat(byId.keySet()).isEqualTo(expected);
        assertThat(report.targets()).isEqualTo(targets.size());
        for (Outcome o : Outcome.values()) {
            assertThat(report.count(o)).as("report count of %s equals the records", o)
                    .isEqualTo(ids(o).size());
        }
        assertThat(ids(Outcome.PENDING)).as("no record left PENDING").isEmpty();
        if (!atLeastOnce) {
            assertThat(shown.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                    .as("targets shown more than once").isEmpty();
        }
        assertThat(shown.keySet()).as("only the job's targets are shown").isSubsetOf(expected);
        assertThat(shown.keySet()).as("DELIVERED targets were shown").containsAll(ids(Outcome.DELIVERED));
        Set<String> shownNotDelivered = new HashSet<>(shown.keySet());
        shownNotDelivered.removeAll(ids(Outcome.DELIVERED));
        assertThat(ids(Outcome.UNKNOWN)).as("shown targets that are not DELIVERED are UNKNOWN")
                .containsAll(shownNotDelivered);
        assertThat(inSendRequests).as("UNKNOWN targets were in a request the provider received")
                .containsAll(ids(Outcome.UNKNOWN));
    }

    /** Shown exactly the DELIVERED targets and nothing UNKNOWN: for faults that provably stop processing. */
    void assertShownExactlyTheDelivered() {
        assertThat(ids(Outcome.UNKNOWN)).as("UNKNOWN targets").isEmpty();
        assertThat(shown.keySet()).isEqualTo(ids(Outcome.DELIVERED));
    }

    String summary() {
        StringBuilder sb = new StringBuilder();
        for (Outcome o : Outcome.values()) {
            if (!ids(o).isEmpty()) {
                sb.append(o).append('=').append(ids(o).size()).append(' ');
            }
        }
        sb.append("shown=").append(shown.size());
        Map<String, Long> unknownShown = records.stream()
                .filter(r -> r.outcome() == Outcome.UNKNOWN && shown.containsKey(r.target().value()))
                .collect(Collectors.groupingBy(r -> r.errorCode().orElse("-"),
                        TreeMap::new, Collectors.counting()));
        return unknownShown.isEmpty() ? sb.toString() : sb.append(" unknown-shown=").append(unknownShown).toString();
    }
}
