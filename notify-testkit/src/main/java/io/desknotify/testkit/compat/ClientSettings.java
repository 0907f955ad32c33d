package io.desknotify.testkit.compat;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The transport settings a check of the kit chooses; {@link TransportCompatibilityKit#transport} hands them to the
 * provider's builder. The kit passes zero and negative timeouts on purpose (to prove that the builder refuses them
 * naming the setting): hand every value to the builder unchanged.
 */
public final class ClientSettings {
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final OptionalInt maxResponseBytes;
    private final boolean expiringToken;

    private ClientSettings(Duration requestTimeout, Duration connectTimeout, OptionalInt maxResponseBytes,
            boolean expiringToken) {
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.maxResponseBytes = maxResponseBytes;
        this.expiringToken = expiringToken;
    }

    /** The settings most checks use: 5 s per request, 2 s to connect, the transport's own answer-size cap. */
    static ClientSettings defaults() {
        return new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(2), OptionalInt.empty(), false);
    }

    ClientSettings requestTimeout(Duration d) {
        return new ClientSettings(d, connectTimeout, maxResponseBytes, expiringToken);
    }

    ClientSettings connectTimeout(Duration d) {
        return new ClientSettings(requestTimeout, d, maxResponseBytes, expiringToken);
    }

    ClientSettings maxResponseBytes(int bytes) {
        return new ClientSettings(requestTimeout, connectTimeout, OptionalInt.of(bytes), expiringToken);
    }

    ClientSettings expiringToken(boolean expiring) {
        return new ClientSettings(requestTimeout, connectTimeout, maxResponseBytes, expiring);
    }

    /** @return the deadline of one request, answer included (may be zero or negative: pass it on unchanged) */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the deadline of connecting (may be zero or negative: pass it on unchanged) */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * The cap on the size of one answer's body.
     *
     * @return the cap in bytes, or empty to leave the transport's default (the kit then expects the default to be
     *     1 MiB, {@code 1048576} bytes)
     */
    public OptionalInt maxResponseBytes() {
        return maxResponseBytes;
    }

    /**
     * Whether to authenticate with a token that the provider can declare expired with a 401. A provider that always
     * authenticates with a token ignores this; one that also offers a scheme without tokens (Huawei Workspace signs
     * requests with an access key, or takes an IAM token) uses its token scheme when this is true and its usual
     * scheme otherwise.
     *
     * @return true for the fault-matrix row of an expired token
     */
    public boolean expiringToken() {
        return expiringToken;
    }

    @Override
    public String toString() {
        return "ClientSettings[requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout
                + ", maxResponseBytes=" + (maxResponseBytes.isPresent() ? maxResponseBytes.getAsInt() : "default")
                + ", expiringToken=" + expiringToken + ']';
    }
}
