package io.desknotify.benchmarks;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.workspace.v2.WorkspaceClient;
import com.huaweicloud.sdk.workspace.v2.model.JobDetailInfo;
import com.huaweicloud.sdk.workspace.v2.model.SendNotificationsReq;
import com.huaweicloud.sdk.workspace.v2.model.SendNotificationsRequest;
import com.huaweicloud.sdk.workspace.v2.model.ShowJobRequest;
import com.huaweicloud.sdk.workspace.v2.model.ShowJobResponse;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a user writes with Huawei's official Java SDK ({@code huaweicloud-sdk-workspace}) to tell every desktop
 * something and know the outcome, on a pool of {@code threads} threads: one task per batch calls
 * {@code SendNotifications} ({@code POST /v2/{project_id}/desktops/notifications}, the call the library's Huawei
 * transport makes) and then hands the returned job to the same pool, which follows it with {@code ShowJob} until
 * it is {@code SUCCESS} or {@code FAILED} (looking again 10 ms later while it runs) and counts the sub-jobs that
 * succeeded, one per desktop. The pool's queue is first in, first out, so the follow-ups of the first batches wait
 * behind the sends queued before them: every desktop is told as early as the pool allows, the SDK's best case for
 * the time to the last desktop shown.
 *
 * <p>The client is built the way notify-testkit's own SDK tests build it against the emulator: endpoint
 * {@code http://127.0.0.1:port} (kept as given, no region lookup, no TLS), AK/SK and the project id on
 * {@link BasicCredentials} (so no IAM call), every request signed by the SDK's {@code SDK-HMAC-SHA256} signer.
 * One {@link WorkspaceClient} is shared by the threads, as the SDK allows.
 */
final class SdkHuawei implements AutoCloseable {
    private final WorkspaceClient client;
    private final ExecutorService pool;

    SdkHuawei(HuaweiWorkspaceEmulator emulator, String accessKey, String secretKey, int threads) {
        HttpConfig http = HttpConfig.getDefaultHttpConfig()
                .withTimeout(60)
                .withConnectionTimeout(5)
                .withReadTimeout(60)
                // the endpoint is plain http on loopback: nothing to verify, nothing reaches a real host
                .withIgnoreSSLVerification(true);
        this.client = WorkspaceClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(accessKey).withSk(secretKey)
                        .withProjectId(emulator.projectId()))
                .withHttpConfig(http)
                .withEndpoint(emulator.baseUri().toString())
                .build();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sdk-loop-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends {@code text} to every desktop, {@code batchSize} ids a call, and follows every job to its end.
     *
     * @return the desktops whose sub-job succeeded
     */
    int send(List<String> desktopIds, String text, int batchSize) {
        List<CompletableFuture<Integer>> batches = new ArrayList<>();
        for (int from = 0; from < desktopIds.size(); from += batchSize) {
            List<String> batch = desktopIds.subList(from, Math.min(desktopIds.size(), from + batchSize));
            batches.add(CompletableFuture.supplyAsync(() -> client.sendNotifications(new SendNotificationsRequest()
                            .withBody(new SendNotificationsReq().withDesktopIds(batch).withNotifications(text)))
                            .getJobId(), pool)
                    .thenApplyAsync(this::follow, pool));
        }
        int succeeded = 0;
        try {
            for (CompletableFuture<Integer> b : batches) {
                succeeded += b.join();
            }
        } catch (CompletionException e) {
            throw new IllegalStateException("the SDK loop failed", e.getCause());
        }
        return succeeded;
    }

    /** Asks for the job until it has ended; returns its sub-jobs that succeeded. */
    private int follow(String jobId) {
        ShowJobRequest request = new ShowJobRequest().withJobId(jobId);
        while (true) {
            ShowJobResponse job = client.showJob(request);
            String status = job.getStatus();
            if ("SUCCESS".equals(status) || "FAILED".equals(status)) {
                int ok = 0;
                for (JobDetailInfo sub : job.getSubJobs()) {
                    if ("SUCCESS".equals(sub.getStatus())) {
                        ok++;
                    }
                }
                return ok;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while following job " + jobId, e);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
