package io.desknotify.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DistinctTargetsTest {

    @Test
    void appendsEachDistinctIdOnceAcrossGrowth() {
        List<Target> list = new ArrayList<>();
        DistinctTargets distinct = new DistinctTargets(list, 0);
        for (int i = 0; i < 100_000; i++) {
            assertThat(distinct.add(Target.desktop("713340659-" + i))).as("first add of %s", i).isTrue();
        }
        for (int i = 0; i < 100_000; i++) {
            // equal ids in new String objects
            assertThat(distinct.add(Target.desktop(new String("713340659-" + i)))).as("second add of %s", i)
                    .isFalse();
        }
        assertThat(list).hasSize(100_000);
        assertThat(list.get(0).value()).isEqualTo("713340659-0");
        assertThat(list.get(99_999).value()).isEqualTo("713340659-99999");
    }

    @Test
    void aPresizedIndexStillGrowsPastItsExpectedSize() {
        List<Target> list = new ArrayList<>();
        DistinctTargets distinct = new DistinctTargets(list, 1_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(distinct.add(Target.session("s-" + i))).isTrue();
        }
        assertThat(distinct.add(Target.session("s-4999"))).isFalse();
        assertThat(distinct.add(Target.session("s-0"))).isFalse();
        assertThat(list).hasSize(5_000);
    }

    @Test
    void instancesSharingOneListDeDuplicateOnlyWhatTheyAppended() {
        List<Target> list = new ArrayList<>();
        DistinctTargets users = new DistinctTargets(list, 0);
        DistinctTargets pools = new DistinctTargets(list, 0);

        assertThat(users.add(Target.user("ops"))).isTrue();
        assertThat(pools.add(Target.desktopPool("ops"))).isTrue();
        assertThat(users.add(Target.user("ops"))).isFalse();
        assertThat(pools.add(Target.desktopPool("ops"))).isFalse();
        assertThat(list).containsExactly(Target.user("ops"), Target.desktopPool("ops"));
    }

    @Test
    void agreesWithHashSetOnRandomIdsWithCollidingHashes() {
        // "Aa" and "BB" have the same String hash, so ids built from them collide in every table size
        Random random = new Random(7);
        DistinctTargets distinct = new DistinctTargets(new ArrayList<>(), 0);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                id.append(random.nextBoolean() ? "Aa" : "BB");
            }
            id.append(random.nextInt(300));
            String s = id.toString();
            assertThat(distinct.add(Target.desktop(s))).as("add %s", s).isEqualTo(expected.add(s));
        }
    }

    @Test
    void idsThatAllShareOneHashStayCorrectAndMoveToAHashSet() {
        // 2^12 distinct strings with one String hash: "Aa" and "BB" in every order
        List<Target> list = new ArrayList<>();
        DistinctTargets distinct = new DistinctTargets(list, 0);
        for (int bits = 0; bits < 1 << 12; bits++) {
            StringBuilder id = new StringBuilder();
            for (int k = 0; k < 12; k++) {
                id.append((bits >> k & 1) == 0 ? "Aa" : "BB");
            }
            assertThat(distinct.add(Target.desktop(id.toString()))).isTrue();
            assertThat(distinct.add(Target.desktop(id.toString()))).isFalse();
        }
        assertThat(list).hasSize(1 << 12);
        assertThat(distinct.fellBack()).isTrue();
    }

    @Test
    void numberedIdsDoNotMoveToAHashSet() {
        DistinctTargets distinct = new DistinctTargets(new ArrayList<>(), 0);
        for (int i = 0; i < 200_000; i++) {
            distinct.add(Target.desktop(String.format("713340659-%010d", i)));
        }
        assertThat(distinct.fellBack()).isFalse();
    }
}
