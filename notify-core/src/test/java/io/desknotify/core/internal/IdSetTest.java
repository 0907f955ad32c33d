package io.desknotify.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdSetTest {

    @Test
    void addsEachDistinctIdOnceAcrossGrowth() {
        IdSet set = new IdSet();
        for (int i = 0; i < 100_000; i++) {
            assertThat(set.add("713340659-" + i)).as("first add of %s", i).isTrue();
        }
        for (int i = 0; i < 100_000; i++) {
            // equal but not the same String objects
            assertThat(set.add(new String("713340659-" + i))).as("second add of %s", i).isFalse();
        }
        assertThat(set.size()).isEqualTo(100_000);
    }

    @Test
    void aPresizedSetStillGrowsPastItsExpectedSize() {
        IdSet set = new IdSet(1_000);
        for (int i = 0; i < 5_000; i++) {
            assertThat(set.add("s-" + i)).isTrue();
        }
        assertThat(set.add("s-4999")).isFalse();
        assertThat(set.add("s-0")).isFalse();
        assertThat(set.size()).isEqualTo(5_000);
    }

    @Test
    void agreesWithHashSetOnRandomIdsWithCollidingHashes() {
        // "Aa" and "BB" have the same String hash, so ids built from them collide in every table size
        Random random = new Random(7);
        IdSet set = new IdSet();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int k = 0; k < 6; k++) {
                id.append(random.nextBoolean() ? "Aa" : "BB");
            }
            id.append(random.nextInt(300));
            String s = id.toString();
            assertThat(set.add(s)).as("add %s", s).isEqualTo(expected.add(s));
        }
        assertThat(set.size()).isEqualTo(expected.size());
    }

    @Test
    void idsThatAllShareOneHashStayCorrectAndMoveToAHashSet() {
        // 2^12 distinct strings with one String hash: made of "Aa" and "BB" in every order
        IdSet set = new IdSet();
        for (int bits = 0; bits < 1 << 12; bits++) {
            StringBuilder id = new StringBuilder();
            for (int k = 0; k < 12; k++) {
                id.append((bits >> k & 1) == 0 ? "Aa" : "BB");
            }
            assertThat(set.add(id.toString())).isTrue();
            assertThat(set.add(id.toString())).isFalse();
        }
        assertThat(set.size()).isEqualTo(1 << 12);
        assertThat(set.fellBack()).isTrue();
    }

    @Test
    void numberedIdsDoNotMoveToAHashSet() {
        IdSet set = new IdSet();
        for (int i = 0; i < 200_000; i++) {
            set.add(String.format("713340659-%010d", i));
        }
        assertThat(set.fellBack()).isFalse();
    }
}
