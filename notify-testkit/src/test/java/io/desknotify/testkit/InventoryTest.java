package io.desknotify.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryTest {

    @Test
    void generatesTheSameIdsFromTheSameSeed() {
        Inventory a = Inventory.builder().seed(42).desktops(500).pools(5).build();
        Inventory b = Inventory.builder().seed(42).desktops(500).pools(5).build();
        Inventory c = Inventory.builder().seed(43).desktops(500).pools(5).build();
        assertThat(a.desktops()).isEqualTo(b.desktops());
        assertThat(a.sessions()).isEqualTo(b.sessions());
        assertThat(a.users()).isEqualTo(b.users());
        assertThat(a.desktopIds()).isNotEqualTo(c.desktopIds());
    }

    @Test
    void honoursTheStatusFractionsExactly() {
        Inventory inv = Inventory.builder().seed(1).desktops(10_000).connectedFraction(0.6)
                .disconnectedFraction(0.3).unregisteredFraction(0.05).build();
        long disconnected = inv.desktops().stream()
                .filter(d -> d.status() == Inventory.ConnectStatus.DISCONNECTED).count();
        long unregistered = inv.desktops().stream()
                .filter(d -> d.status() == Inventory.ConnectStatus.UNREGISTER).count();
        assertThat(inv.connectedDesktopIds()).hasSize(6000);
        assertThat(disconnected).isEqualTo(3000);
        assertThat(unregistered).isEqualTo(500);
        assertThat(inv.sessions()).hasSize(9000);
        assertThat(inv.connectedSessionIds()).hasSize(6000);
    }

    @Test
    void putsEachDesktopInAtMostOnePoolAndKeepsPoolsConsistent() {
        Inventory inv = Inventory.builder().seed(9).desktops(1000).pools(7).pooledFraction(0.8).build();
        Set<String> seen = new HashSet<>();
        for (Inventory.Pool p : inv.pools()) {
            for (String id : p.desktopIds()) {
                assertThat(seen.add(id)).isTrue();
                assertThat(inv.desktop(id).orElseThrow().poolId()).isEqualTo(p.id());
            }
        }
        assertThat(seen).hasSize(800);
        assertThat(inv.desktops().stream().filter(d -> d.poolId() == null)).hasSize(200);
    }

    @Test
    void linksSessionsToTheirUsersDesktopsAndPools() {
        Inventory inv = Inventory.builder().seed(2).desktops(200).users(50).build();
        for (Inventory.Session s : inv.sessions()) {
            Inventory.Desktop d = inv.desktop(s.desktopId()).orElseThrow();
            Inventory.User u = inv.user(s.userName()).orElseThrow();
            assertThat(s.userSid()).isEqualTo(u.sid()).startsWith("S-1-5-21-");
            assertThat(s.poolId()).isEqualTo(d.poolId());
            assertThat(d.userName()).isEqualTo(u.name());
            assertThat(s.state().name()).isEqualTo(d.status().name());
        }
        assertThat(inv.desktopsOfUser(inv.users().get(0).name())).hasSize(4);
        assertThat(inv.users()).extracting(Inventory.User::sid).doesNotHaveDuplicates();
    }

    @Test
    void rejectsFractionsThatAddUpToMoreThanOne() {
        assertThatThrownBy(() -> Inventory.builder().connectedFraction(0.8).disconnectedFraction(0.3).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("connectedFraction");
        assertThatThrownBy(() -> Inventory.builder().pooledFraction(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pooledFraction");
        assertThatThrownBy(() -> Inventory.builder().desktops(-1)).hasMessageContaining("desktops");
    }
}
