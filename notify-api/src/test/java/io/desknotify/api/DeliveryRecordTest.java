package io.desknotify.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryRecordTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    private static DeliveryRecord.Builder base() {
        return DeliveryRecord.builder().jobId("job-1").provider("huawei").outcome(Outcome.DELIVERED).requestId("r-1")
                .attempts(1).firstAttemptAt(T0).updatedAt(T0);
    }

    @Test
    void recordsBuiltInARowByOneBuilderKeepTheirOwnTargetAndOutcome() {
        DeliveryRecord.Builder b = base();
        DeliveryRecord first = b.target(Target.desktop("d-1")).build();
        DeliveryRecord second = b.target(Target.desktop("d-2")).outcome(Outcome.FAILED).build();

        assertThat(first.target()).isEqualTo(Target.desktop("d-1"));
        assertThat(first.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(second.target()).isEqualTo(Target.desktop("d-2"));
        assertThat(second.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(second.requestId()).contains("r-1");
        assertThat(second.jobId()).isEqualTo("job-1");
    }

    @Test
    void changingTheBuilderAfterBuildDoesNotChangeRecordsAlreadyBuilt() {
        DeliveryRecord.Builder b = base().target(Target.desktop("d-1"));
        DeliveryRecord before = b.build();

        DeliveryRecord after = b.error("WKS.0001", "desktop busy").requestId("r-2").attempts(3)
                .providerJobId("pj-9").updatedAt(T0.plusSeconds(5)).jobId("job-2").provider("horizon")
                .firstAttemptAt(T0.plusSeconds(1)).build();

        assertThat(before.errorCode()).isEmpty();
        assertThat(before.errorMessage()).isEmpty();
        assertThat(before.requestId()).contains("r-1");
        assertThat(before.attempts()).isEqualTo(1);
        assertThat(before.providerJobId()).isEmpty();
        assertThat(before.updatedAt()).isEqualTo(T0);
        assertThat(before.jobId()).isEqualTo("job-1");
        assertThat(before.provider()).isEqualTo("huawei");
        assertThat(before.firstAttemptAt()).contains(T0);

        assertThat(after.errorCode()).contains("WKS.0001");
        assertThat(after.errorMessage()).contains("desktop busy");
        assertThat(after.requestId()).contains("r-2");
        assertThat(after.attempts()).isEqualTo(3);
        assertThat(after.providerJobId()).contains("pj-9");
        assertThat(after.updatedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(after.jobId()).isEqualTo("job-2");
        assertThat(after.provider()).isEqualTo("horizon");
        assertThat(after.firstAttemptAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void sameDetailsMeansDifferingAtMostInTargetAndOutcome() {
        DeliveryRecord.Builder b = base();
        DeliveryRecord first = b.target(Target.desktop("d-1")).build();
        DeliveryRecord second = b.target(Target.desktop("d-2")).outcome(Outcome.FAILED).build();
        DeliveryRecord fromAnotherBuilder = base().target(Target.desktop("d-3")).build();
        DeliveryRecord otherAttempts = base().target(Target.desktop("d-1")).attempts(2).build();

        assertThat(second.sameDetailsAs(first)).isTrue();
        assertThat(fromAnotherBuilder.sameDetailsAs(first)).isTrue();
        assertThat(otherAttempts.sameDetailsAs(first)).isFalse();
    }

    @Test
    void toBuilderCopiesEveryField() {
        DeliveryRecord r = base().target(Target.session("s-1")).error("E", "m").providerJobId("pj").build();

        DeliveryRecord copy = r.toBuilder().build();
        DeliveryRecord changed = r.toBuilder().outcome(Outcome.UNKNOWN).build();

        assertThat(copy).isEqualTo(r).hasSameHashCodeAs(r).hasToString(r.toString());
        assertThat(changed).isNotEqualTo(r);
        assertThat(changed.errorCode()).contains("E");
        assertThat(changed.providerJobId()).contains("pj");
    }

    @Test
    void recordsWithEqualFieldsAreEqualWhicheverBuilderMadeThem() {
        DeliveryRecord a = base().target(Target.desktop("d-1")).error(new String("E"), "m").build();
        DeliveryRecord b = base().target(Target.desktop("d-1")).error("E", "m").build();
        DeliveryRecord otherRequest = base().target(Target.desktop("d-1")).error("E", "m").requestId("r-2").build();

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(otherRequest);
    }

    @Test
    void buildNamesTheMissingField() {
        assertThatNullPointerException().isThrownBy(() -> base().build()).withMessage("target");
        assertThatNullPointerException()
                .isThrownBy(() -> base().target(Target.desktop("d")).outcome(null).build()).withMessage("outcome");
        assertThatNullPointerException()
                .isThrownBy(() -> base().target(Target.desktop("d")).jobId(null).build()).withMessage("jobId");
        assertThatNullPointerException()
                .isThrownBy(() -> base().target(Target.desktop("d")).provider(null).build()).withMessage("provider");
        assertThatNullPointerException()
                .isThrownBy(() -> base().target(Target.desktop("d")).updatedAt(null).build())
                .withMessage("updatedAt");
    }
}
