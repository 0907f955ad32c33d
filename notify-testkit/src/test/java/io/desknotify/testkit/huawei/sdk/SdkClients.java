package io.desknotify.testkit.huawei.sdk;

import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpConfig;
import com.huaweicloud.sdk.workspace.v2.WorkspaceClient;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;

/**
 * Builds Huawei's official Java SDK client ({@code com.huaweicloud.sdk:huaweicloud-sdk-workspace}, test scope only)
 * against a running {@link HuaweiWorkspaceEmulator}.
 *
 * <p>The endpoint is the emulator's {@code http://127.0.0.1:<port>}: the SDK keeps an endpoint that starts with
 * {@code http} as given (it only prefixes {@code https://} to a bare host), so no region lookup and no TLS is
 * involved. The project id is set on the {@link BasicCredentials}; without it the SDK would ask IAM for the project
 * of the region, which the emulator does not serve. The SDK then signs every request with its {@code AKSKSigner}
 * ({@code SDK-HMAC-SHA256}) and sends {@code X-Project-Id}.
 */
public final class SdkClients {

    private SdkClients() {
    }

    /**
     * @param emulator the running emulator
     * @param accessKey AK the emulator was built with
     * @param secretKey SK the emulator was built with (or a wrong one, to see a refusal)
     * @return an SDK client that talks to the emulator only
     */
    public static WorkspaceClient workspace(HuaweiWorkspaceEmulator emulator, String accessKey, String secretKey) {
        HttpConfig http = HttpConfig.getDefaultHttpConfig()
                .withTimeout(10)
                .withConnectionTimeout(5)
                .withReadTimeout(10)
                // the endpoint is plain http on loopback; nothing to verify, and nothing reaches a real host
                .withIgnoreSSLVerification(true);
        return WorkspaceClient.newBuilder()
                .withCredential(new BasicCredentials().withAk(accessKey).withSk(secretKey)
                        .withProjectId(emulator.projectId()))
                .withHttpConfig(http)
                .withEndpoint(emulator.baseUri().toString())
                .build();
    }
}
