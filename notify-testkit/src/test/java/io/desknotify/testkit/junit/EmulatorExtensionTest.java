package io.desknotify.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.Fault;
import io.desknotify.testkit.Http;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.Trigger;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatorExtensionTest {

    @RegisterExtension
    static final EmulatorExtension<HuaweiWorkspaceEmulator> HUAWEI = new EmulatorExtension<>(() ->
            HuaweiWorkspaceEmulator.builder().inventory(Inventory.builder().desktops(5).build()).threads(2).start());

    static URI connectDesktops() {
        return URI.create(HUAWEI.get().baseUri() + "/v2/" + HUAWEI.get().projectId() + "/connect-desktops");
    }

    @Test
    @Order(1)
    void startsTheEmulatorBeforeTheTests() {
        HUAWEI.get().faults().inject(Route.HUAWEI_CONNECT_DESKTOPS, Fault.serverError(), Trigger.always());
        assertThat(Http.get(connectDesktops()).statusCode()).isEqualTo(500);
    }

    @Test
    @Order(2)
    void givesEachTestACleanJournalAndNoFaults() {
        assertThat(HUAWEI.get().journal().requests()).isEmpty();
        assertThat(Http.get(connectDesktops()).statusCode()).isEqualTo(200);
    }
}
