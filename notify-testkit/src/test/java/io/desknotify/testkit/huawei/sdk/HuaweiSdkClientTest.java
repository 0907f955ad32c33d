package io.desknotify.testkit.huawei.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.huaweicloud.sdk.core.exception.ServiceResponseException;
import com.huaweicloud.sdk.workspace.v2.WorkspaceClient;
import com.huaweicloud.sdk.workspace.v2.model.AttachUsersInfo;
import com.huaweicloud.sdk.workspace.v2.model.ConnectDesktopsInfo;
import com.huaweicloud.sdk.workspace.v2.model.JobDetailInfo;
import com.huaweicloud.sdk.workspace.v2.model.ListDesktopsConnectStatusRequest;
import com.huaweicloud.sdk.workspace.v2.model.ListDesktopsConnectStatusResponse;
import com.huaweicloud.sdk.workspace.v2.model.SendDesktopPoolNotificationsReq;
import com.huaweicloud.sdk.workspace.v2.model.SendDesktopPoolNotificationsRequest;
import com.huaweicloud.sdk.workspace.v2.model.SendNotificationsReq;
import com.huaweicloud.sdk.workspace.v2.model.SendNotificationsRequest;
import com.huaweicloud.sdk.workspace.v2.model.ShowJobRequest;
import com.huaweicloud.sdk.workspace.v2.model.ShowJobResponse;
import io.desknotify.testkit.Inventory;
import io.desknotify.testkit.RecordedRequest;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.ShownNotification;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Huawei's official Java SDK ({@code WorkspaceClient} of {@code huaweicloud-sdk-workspace}) as a client of the
 * emulator, for every call of the seed pages: {@code SendNotifications} ({@code POST
 * /v2/{project_id}/desktops/notifications}), {@code SendDesktopPoolNotifications}, {@code
 * ListDesktopsConnectStatus} ({@code GET /v2/{project_id}/connect-desktops}) and {@code ShowJob}. Every request is
 * signed by the SDK's own {@code AKSKSigner} and checked by the emulator's verifier, so a passing test shows that
 * the two agree; the answers are read through the SDK's response models, so they show that the emulator answers the
 * fields the SDK knows under the names it expects.
 */
class HuaweiSdkClientTest {

    static final String AK = "SDKTESTAK0000000001";
    static final String SK = "sdk-test-secret-key";

    static HuaweiWorkspaceEmulator emulator;
    static Inventory inventory;
    static WorkspaceClient sdk;

    @BeforeAll
    static void start() {
        inventory = Inventory.builder().seed(12).desktops(150).pools(3).users(40)
                .connectedFraction(0.6).disconnectedFraction(0.3).build();
        emulator = HuaweiWorkspaceEmulator.builder().inventory(inventory).credentials(AK, SK).threads(4).start();
        sdk = SdkClients.workspace(emulator, AK, SK);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.journal().clear();
        emulator.faults().clear();
    }

    private static void noRequestOutsideTheContract() {
        assertThat(emulator.journal().contractViolations()).isEmpty();
    }

    /** Users who have at least two desktops, in inventory order. */
    private static List<String> usersWithSeveralDesktops(int n) {
        List<String> out = inventory.users().stream().map(Inventory.User::name)
                .filter(u -> inventory.desktopsOfUser(u).size() >= 2).limit(n).collect(Collectors.toList());
        assertThat(out).as("inventory has users with several desktops").hasSize(n);
        return out;
    }

    private static Set<String> desktopIdsOf(List<String> users) {
        return users.stream().flatMap(u -> inventory.desktopsOfUser(u).stream()).map(Inventory.Desktop::id)
                .collect(Collectors.toSet());
    }

    private static Set<String> ids(ListDesktopsConnectStatusResponse r) {
        return r.getDesktops().stream().map(ConnectDesktopsInfo::getDesktopId).collect(Collectors.toSet());
    }

    private static ListDesktopsConnectStatusResponse connectStatus(List<String> userNames) {
        return sdk.listDesktopsConnectStatus(new ListDesktopsConnectStatusRequest().withUserNames(userNames));
    }

    // ---- send to desktops, ShowJob

    @Test
    void sendNotificationsIsShownOnEachDesktopAndAnsweredWithAJobId() {
        List<String> targets = inventory.desktopIds().subList(0, 5);

        String jobId = sdk.sendNotifications(new SendNotificationsRequest().withBody(new SendNotificationsReq()
                .withDesktopIds(targets).withNotifications("Maintenance at 18:00"))).getJobId();

        assertThat(jobId).isNotBlank();
        assertThat(emulator.journal().shown()).extracting(ShownNotification::targetId)
                .containsExactlyInAnyOrderElementsOf(targets);
        assertThat(emulator.journal().shown()).extracting(ShownNotification::text).containsOnly("Maintenance at 18:00");
        RecordedRequest sent = emulator.journal().requests(Route.HUAWEI_SEND_DESKTOPS).get(0);
        assertThat(sent.header("authorization")).startsWith("SDK-HMAC-SHA256 Access=" + AK + ", SignedHeaders=");
        assertThat(sent.header("x-project-id")).isEqualTo(emulator.projectId());
        noRequestOutsideTheContract();
    }

    @Test
    void showJobAnswersTheDocumentedFieldsWithOneSubJobPerDesktop() {
        List<String> targets = inventory.desktopIds().subList(10, 13);
        String jobId = sdk.sendNotifications(new SendNotificationsRequest().withBody(new SendNotificationsReq()
                .withDesktopIds(targets).withNotifications("hello"))).getJobId();

        ShowJobResponse job = sdk.showJob(new ShowJobRequest().withJobId(jobId));

        assertThat(job.getHttpStatusCode()).isEqualTo(200);
        assertThat(job.getId()).isEqualTo(jobId);
        assertThat(job.getStatus()).isEqualTo("SUCCESS");
        assertThat(job.getJobType()).isNotBlank();
        assertThat(job.getBeginTime()).isNotBlank();
        assertThat(job.getEndTime()).isNotBlank();
        assertThat(job.getJobErrorCode()).isNull();
        assertThat(job.getFailReason()).isNull();
        assertThat(job.getSubJobsTotal()).isEqualTo(3);
        assertThat(job.getSubJobs()).hasSize(3);
        assertThat(job.getSubJobs()).extracting(s -> s.getEntities().getDesktopId())
                .containsExactlyInAnyOrderElementsOf(targets);
        assertThat(job.getSubJobs()).extracting(JobDetailInfo::getStatus).containsOnly("SUCCESS");
        assertThat(job.getSubJobs()).extracting(JobDetailInfo::getId).doesNotContainNull().doesNotHaveDuplicates();
        noRequestOutsideTheContract();
    }

    @Test
    void showJobOfASendWithAnUnknownDesktopIsFailedWithThatSubJobsErrorCodeAndReason() {
        String known = inventory.desktopIds().get(20);
        String unknown = "00000000-0000-0000-0000-00000000dead";
        String jobId = sdk.sendNotifications(new SendNotificationsRequest().withBody(new SendNotificationsReq()
                .withDesktopIds(List.of(known, unknown)).withNotifications("hello"))).getJobId();

        ShowJobResponse job = sdk.showJob(new ShowJobRequest().withJobId(jobId));

        assertThat(job.getStatus()).isEqualTo("FAILED");
        assertThat(job.getJobErrorCode()).isNotBlank();
        assertThat(job.getFailReason()).isNotBlank();
        assertThat(job.getSubJobsTotal()).isEqualTo(2);
        JobDetailInfo failed = job.getSubJobs().stream()
                .filter(s -> unknown.equals(s.getEntities().getDesktopId())).findFirst().orElseThrow();
        assertThat(failed.getStatus()).isEqualTo("FAILED");
        assertThat(failed.getErrorCode()).isNotBlank();
        assertThat(failed.getFailReason()).contains(unknown);
        JobDetailInfo ok = job.getSubJobs().stream()
                .filter(s -> known.equals(s.getEntities().getDesktopId())).findFirst().orElseThrow();
        assertThat(ok.getStatus()).isEqualTo("SUCCESS");
        assertThat(ok.getErrorCode()).isNull();
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(known);
        noRequestOutsideTheContract();
    }

    @Test
    void showJobSaysRunningWithNoEndTimeUntilTheJobEnds() {
        try (HuaweiWorkspaceEmulator slow = HuaweiWorkspaceEmulator.builder().inventory(inventory)
                .credentials(AK, SK).jobPolls(1).threads(2).start()) {
            WorkspaceClient client = SdkClients.workspace(slow, AK, SK);
            String jobId = client.sendNotifications(new SendNotificationsRequest().withBody(new SendNotificationsReq()
                    .addDesktopIdsItem(inventory.desktopIds().get(0)).withNotifications("soon"))).getJobId();

            ShowJobResponse first = client.showJob(new ShowJobRequest().withJobId(jobId));
            ShowJobResponse second = client.showJob(new ShowJobRequest().withJobId(jobId));

            assertThat(first.getStatus()).isEqualTo("RUNNING");
            assertThat(first.getEndTime()).isNull();
            assertThat(first.getSubJobs()).extracting(JobDetailInfo::getStatus).containsOnly("RUNNING");
            assertThat(second.getStatus()).isEqualTo("SUCCESS");
            assertThat(second.getEndTime()).isNotBlank();
            assertThat(slow.journal().contractViolations()).isEmpty();
        }
    }

    @Test
    void showJobOfAnUnknownJobIsA404TheSdkReportsWithHuaweisErrorBody() {
        assertThatThrownBy(() -> sdk.showJob(new ShowJobRequest().withJobId("00000000-0000-0000-0000-000000000000")))
                .isInstanceOfSatisfying(ServiceResponseException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(404);
                    assertThat(e.getErrorCode()).isNotBlank();
                    assertThat(e.getErrorMsg()).contains("does not exist");
                    assertThat(e.getRequestId()).isNotBlank();
                });
        noRequestOutsideTheContract();
    }

    // ---- send to a pool

    @Test
    void sendDesktopPoolNotificationsIsShownOnEveryDesktopOfThePool() {
        Inventory.Pool pool = inventory.pools().stream().filter(p -> !p.desktopIds().isEmpty()).findFirst()
                .orElseThrow();

        String jobId = sdk.sendDesktopPoolNotifications(new SendDesktopPoolNotificationsRequest()
                .withPoolId(pool.id())
                .withBody(new SendDesktopPoolNotificationsReq().withNotifications("Pool restart tonight")))
                .getJobId();

        assertThat(jobId).isNotBlank();
        assertThat(emulator.journal().shownTargets()).containsOnlyKeys(pool.desktopIds());
        ShowJobResponse job = sdk.showJob(new ShowJobRequest().withJobId(jobId));
        assertThat(job.getStatus()).isEqualTo("SUCCESS");
        assertThat(job.getSubJobsTotal()).isEqualTo(pool.desktopIds().size());
        assertThat(job.getSubJobs()).extracting(s -> s.getEntities().getDesktopId())
                .containsExactlyInAnyOrderElementsOf(pool.desktopIds());
        noRequestOutsideTheContract();
    }

    @Test
    void sendDesktopPoolNotificationsToAnUnknownPoolIsA404AndShowsNothing() {
        assertThatThrownBy(() -> sdk.sendDesktopPoolNotifications(new SendDesktopPoolNotificationsRequest()
                .withPoolId("3f0c7a52-0000-4000-8000-000000000000")
                .withBody(new SendDesktopPoolNotificationsReq().withNotifications("x"))))
                .isInstanceOfSatisfying(ServiceResponseException.class,
                        e -> assertThat(e.getHttpStatusCode()).isEqualTo(404));
        assertThat(emulator.journal().totalShown()).isZero();
        noRequestOutsideTheContract();
    }

    // ---- connection statuses

    @Test
    void listDesktopsConnectStatusWithoutUserNamesPagesThroughEveryDesktop() {
        Set<String> seen = new HashSet<>();
        List<Integer> totals = new ArrayList<>();
        for (int offset = 0; offset < inventory.desktops().size(); offset += 40) {
            ListDesktopsConnectStatusResponse page = sdk.listDesktopsConnectStatus(
                    new ListDesktopsConnectStatusRequest().withOffset(offset).withLimit(40));
            totals.add(page.getTotalCount());
            assertThat(page.getDesktops()).hasSizeLessThanOrEqualTo(40);
            for (ConnectDesktopsInfo d : page.getDesktops()) {
                Inventory.Desktop expected = inventory.desktop(d.getDesktopId()).orElseThrow();
                assertThat(d.getConnectStatus()).isEqualTo(expected.status().name());
                assertThat(d.getDesktopName()).isEqualTo(expected.name());
                assertThat(d.getAttachUsers()).extracting(AttachUsersInfo::getName)
                        .containsExactly(expected.userName());
                assertThat(seen.add(d.getDesktopId())).as("desktop on one page only: " + d.getDesktopId()).isTrue();
            }
        }
        assertThat(totals).containsOnly(inventory.desktops().size());
        assertThat(seen).containsExactlyInAnyOrderElementsOf(inventory.desktopIds());
        noRequestOutsideTheContract();
    }

    @Test
    void listDesktopsConnectStatusWithoutAnyParameterAnswersTheDefaultPageOf100() {
        ListDesktopsConnectStatusResponse r = sdk.listDesktopsConnectStatus(new ListDesktopsConnectStatusRequest());

        assertThat(r.getTotalCount()).isEqualTo(inventory.desktops().size());
        assertThat(r.getDesktops()).hasSize(100);
        assertThat(emulator.journal().requests(Route.HUAWEI_CONNECT_DESKTOPS).get(0).query()).isEmpty();
        noRequestOutsideTheContract();
    }

    @Test
    void listDesktopsConnectStatusWithUserNamesAnswersExactlyTheirDesktops() {
        List<String> users = usersWithSeveralDesktops(3);

        ListDesktopsConnectStatusResponse r = connectStatus(users);

        assertThat(ids(r)).isEqualTo(desktopIdsOf(users));
        assertThat(r.getTotalCount()).isEqualTo(desktopIdsOf(users).size());
        assertThat(r.getDesktops()).allSatisfy(d -> assertThat(d.getAttachUsers())
                .extracting(AttachUsersInfo::getName).isSubsetOf(users));
        noRequestOutsideTheContract();
    }

    @Test
    void repeatedUserNamesInEitherOrderAreSentInTheCallersOrderAndAnsweredAlike() {
        List<String> users = usersWithSeveralDesktops(3);
        List<String> reversed = List.of(users.get(2), users.get(0), users.get(1));

        ListDesktopsConnectStatusResponse first = connectStatus(users);
        ListDesktopsConnectStatusResponse second = connectStatus(reversed);

        assertThat(ids(first)).isEqualTo(ids(second)).isEqualTo(desktopIdsOf(users));
        List<RecordedRequest> sent = emulator.journal().requests(Route.HUAWEI_CONNECT_DESKTOPS);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).query()).isEqualTo(users.stream().map(u -> "user_names=" + u)
                .collect(Collectors.joining("&")));
        assertThat(sent.get(1).query()).isEqualTo(reversed.stream().map(u -> "user_names=" + u)
                .collect(Collectors.joining("&")));
        noRequestOutsideTheContract();
    }

    @Test
    void userNamesThatNeedPercentEncodingAreSignedAndVerifiedAlike() {
        // none of these users exists; what matters is that the SDK's signature of the encoded query verifies
        List<String> awkward = List.of("Zoë Ünal", "a+b", "x&y=z", "star*", "tilde~", "中文", "semi;colon", "slash/x");

        ListDesktopsConnectStatusResponse r = connectStatus(awkward);

        assertThat(r.getHttpStatusCode()).isEqualTo(200);
        assertThat(r.getDesktops()).isEmpty();
        assertThat(r.getTotalCount()).isZero();
        noRequestOutsideTheContract();
    }

    @Test
    void userNamesWithConnectStatusAndPagingCombine() {
        List<String> users = usersWithSeveralDesktops(5);
        Set<String> connected = users.stream().flatMap(u -> inventory.desktopsOfUser(u).stream())
                .filter(Inventory.Desktop::connected).map(Inventory.Desktop::id).collect(Collectors.toSet());

        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset <= connected.size(); offset += 2) {
            ListDesktopsConnectStatusResponse page = sdk.listDesktopsConnectStatus(new ListDesktopsConnectStatusRequest()
                    .withUserNames(users).withConnectStatus("CONNECTED").withOffset(offset).withLimit(2));
            assertThat(page.getTotalCount()).isEqualTo(connected.size());
            page.getDesktops().forEach(d -> assertThat(d.getConnectStatus()).isEqualTo("CONNECTED"));
            seen.addAll(ids(page));
        }
        assertThat(seen).isEqualTo(connected);
        noRequestOutsideTheContract();
    }

    @Test
    void theSdkDoesNotCheckTheConnectDesktopsBoundsSoTheEmulatorRefusesAndJournalsIt() {
        assertThatThrownBy(() -> sdk.listDesktopsConnectStatus(new ListDesktopsConnectStatusRequest().withLimit(2001)))
                .isInstanceOfSatisfying(ServiceResponseException.class,
                        e -> assertThat(e.getHttpStatusCode()).isEqualTo(400));

        assertThat(emulator.journal().contractViolations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("limit 2001"));
    }

    // ---- authentication

    @Test
    void aRequestSignedWithTheWrongSecretKeyIsRefused401Apig0301() {
        WorkspaceClient wrong = SdkClients.workspace(emulator, AK, "not-the-secret");

        assertThatThrownBy(() -> wrong.listDesktopsConnectStatus(new ListDesktopsConnectStatusRequest()))
                .isInstanceOfSatisfying(ServiceResponseException.class, e -> {
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                    assertThat(e.getErrorCode()).isEqualTo("APIG.0301");
                });
        assertThatThrownBy(() -> wrong.sendNotifications(new SendNotificationsRequest().withBody(
                new SendNotificationsReq().addDesktopIdsItem(inventory.desktopIds().get(0)).withNotifications("x"))))
                .isInstanceOfSatisfying(ServiceResponseException.class,
                        e -> assertThat(e.getHttpStatusCode()).isEqualTo(401));
        assertThat(emulator.journal().totalShown()).isZero();
        noRequestOutsideTheContract();
    }
}
