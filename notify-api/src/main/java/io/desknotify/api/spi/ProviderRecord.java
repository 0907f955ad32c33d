package io.desknotify.api.spi;

import io.desknotify.api.TargetKind;
import java.time.Instant;
import java.util.Map;

/**
 * One of a provider's own notification records, in provider-neutral form.
 *
 * @param provider   the transport name
 * @param scope      DESKTOP or DESKTOP_POOL
 * @param targetName the desktop or pool name
 * @param userName   the user concerned, if any
 * @param channel    the notice channel, e.g. {@code EMAIL} or {@code SMS}
 * @param time       when the provider recorded it
 * @param content    the notice's text or summary
 * @param attributes every other field the provider returned, by its own name; unmodifiable
 */
public record ProviderRecord(String provider, TargetKind scope, String targetName, String userName, String channel,
        Instant time, String content, Map<String, String> attributes) {
    /**
     * Copies the attributes.
     *
     * @param provider   the transport name
     * @param scope      DESKTOP or DESKTOP_POOL
     * @param targetName the desktop or pool name
     * @param userName   the user concerned, if any
     * @param channel    the notice channel, e.g. {@code EMAIL} or {@code SMS}
     * @param time       when the provider recorded it
     * @param content    the notice's text or summary
     * @param attributes every other field the provider returned, by its own name; copied
     * @throws NullPointerException when {@code attributes}, or a key or value in it, is {@code null}
     */
    public ProviderRecord {
        attributes = Map.copyOf(attributes);
    }
}
