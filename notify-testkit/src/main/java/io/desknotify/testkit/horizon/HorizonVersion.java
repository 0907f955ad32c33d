package io.desknotify.testkit.horizon;

/**
 * The Horizon Server REST version a {@link HorizonEmulator} models, where the published definitions differ.
 * What every version shares (filters, paging, login, the send-message request) is checked the same way.
 */
public enum HorizonVersion {
    /**
     * Horizon 2111 (OpenAPI definition 2111, also 2106): a per-session result of send-message is
     * {@code {id, status_code, error_messages[], timestamp}}, and the server has no API throttling, so it never
     * answers 429 by itself ({@link HorizonEmulator.Builder#maxRequestsPerSecond} is refused for this version).
     */
    V2111,
    /**
     * Horizon 2406 and later (the newest documented behaviour, the default): a per-session result also carries
     * {@code errors[]} of {@code {error_message}} objects (the {@code errors} list exists since 2203, where
     * {@code error_messages} became deprecated but is still sent), and API throttling answers 429 with
     * {@code X-Rate-Limit-Retry-After-Seconds}.
     */
    V2406
}
