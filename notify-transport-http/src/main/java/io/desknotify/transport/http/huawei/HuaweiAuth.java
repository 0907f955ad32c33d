package io.desknotify.transport.http.huawei;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** How requests are authenticated: AK/SK signature or an IAM token. Never shows a secret in {@code toString}. */
sealed interface HuaweiAuth {

    /**
     * Signature with an access key / secret key pair, and a security token for temporary keys.
     *
     * @param accessKey     the AK, sent in clear in {@code Authorization}
     * @param secretKey     supplies a fresh copy of the SK per request; the copy is cleared after signing
     * @param securityToken supplies the temporary key's token, or {@code null} for permanent keys
     */
    record AkSk(String accessKey, Supplier<char[]> secretKey, Supplier<char[]> securityToken) implements HuaweiAuth {
        @Override
        public String toString() {
            return "AK/SK" + (securityToken != null ? " with security token" : "");
        }
    }

    /** An IAM token sent as {@code X-Auth-Token}; the supplier is asked for every request, so it may cache. */
    record Token(Supplier<? extends CompletionStage<String>> token) implements HuaweiAuth {
        @Override
        public String toString() {
            return "token";
        }
    }
}
