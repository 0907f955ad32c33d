package io.desknotify.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippet of notify-testkit/README.md, kept compiling and passing here. */
class ReadmeExampleTest {

    @Test
    void readmeSnippetWorks() {
        // --- README snippet start
        Inventory inventory = Inventory.builder()
                .seed(42)                    // same seed, same ids
                .desktops(10_000)
                .pools(20)
                .connectedFraction(0.7)
                .disconnectedFraction(0.3)
                .build();

        try (HuaweiWorkspaceEmulator huawei = HuaweiWorkspaceEmulator.builder()
                .inventory(inventory)
                .credentials("my-ak", "my-sk")     // AK/SK signatures are verified
                .maxIdsPerCall(100)
                .jobPolls(1)                       // first poll of a job says RUNNING
                .start()) {
            URI endpoint = huawei.baseUri();       // http://127.0.0.1:<port>
            String projectId = huawei.projectId();

            // the first send is shown on the desktops, then answered 500: an ambiguous failure
            huawei.faults().inject(Route.HUAWEI_SEND_DESKTOPS,
                    Fault.serverError().afterProcessing(), Trigger.next(1));
            // 10% of job polls are throttled, reproducibly
            huawei.faults().inject(Route.HUAWEI_JOB,
                    Fault.throttled(Duration.ofSeconds(1)), Trigger.withProbability(0.1));
            // this desktop's sub-job fails
            huawei.faults().failTarget(inventory.connectedDesktopIds().get(0));

            // ... run the code under test against endpoint and projectId ...

            Journal journal = huawei.journal();
            List<String> expected = inventory.connectedDesktopIds();
            assertThat(journal.targetsShownMoreThanOnce()).isEmpty();
            assertThat(journal.requests(Route.HUAWEI_SEND_DESKTOPS)).hasSizeLessThanOrEqualTo(expected.size());
        }
        // --- README snippet end
    }
}
