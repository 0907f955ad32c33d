package io.desknotify.testkit;

import java.time.Instant;
import java.util.Objects;

/**
 * A notification an emulator displayed on one desktop (Huawei), session (Horizon, Citrix) or user session (Azure
 * Virtual Desktop).
 *
 * @param provider the emulated provider
 * @param targetId the desktop id (Huawei), session id (Horizon, Citrix) or
 *     {@code hostPool/sessionHost/userSessionId} (Azure Virtual Desktop)
 * @param text the message text as received
 * @param messageType Horizon's {@code message_type} ({@code INFO}, {@code WARNING}, {@code ERROR}) or Citrix's
 *     {@code Style} ({@code Information}, {@code Exclamation}, ...); {@code null} for providers that have none
 * @param time when it was shown
 * @param requestId the {@code X-Request-Id} of the request that caused it
 * @param title the title shown above the text (Azure Virtual Desktop's {@code messageTitle}, Citrix's
 *     {@code Title}); {@code null} when the provider has no title or none was sent
 */
public record ShownNotification(Route.Provider provider, String targetId, String text, String messageType,
                                Instant time, String requestId, String title) {

    /**
     * Checks the components.
     *
     * @param provider the emulated provider
     * @param targetId the desktop, session or user session id
     * @param text the message text as received
     * @param messageType the provider's message type or style, or {@code null}
     * @param time when it was shown
     * @param requestId the {@code X-Request-Id} of the request that caused it
     * @param title the title shown, or {@code null}
     * @throws NullPointerException if any component but {@code messageType} and {@code title} is {@code null}
     */
    public ShownNotification {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestId, "requestId");
    }

    /**
     * A notification shown without a title.
     *
     * @param provider the emulated provider
     * @param targetId the desktop id (Huawei) or session id (Horizon)
     * @param text the message text as received
     * @param messageType Horizon's {@code message_type}, or {@code null} for Huawei
     * @param time when it was shown
     * @param requestId the {@code X-Request-Id} of the request that caused it
     * @throws NullPointerException if any argument but {@code messageType} is {@code null}
     */
    public ShownNotification(Route.Provider provider, String targetId, String text, String messageType,
                             Instant time, String requestId) {
        this(provider, targetId, text, messageType, time, requestId, null);
    }
}
