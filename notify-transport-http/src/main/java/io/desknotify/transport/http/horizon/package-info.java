/**
 * The VMware/Omnissa Horizon Server REST transport: {@link io.desknotify.transport.http.horizon.HorizonTransport}
 * (built with its builder) and {@link io.desknotify.transport.http.horizon.HorizonTransportFactory} (provider id
 * {@code horizon}, found by {@link java.util.ServiceLoader}). Everything else in the package is package-private.
 *
 * <h2>The published contract it keeps to</h2>
 * Sources: the Horizon Server API OpenAPI definitions 2111 and 2212, the Horizon Server API reference pages of 2312,
 * the "Horizon Server REST Pagination and Filter Guide" and the "API Throttling for Horizon REST APIs" guide
 * (VMware/Omnissa). The testkit's Horizon emulator checks the same rules and journals any request outside them.
 * <ul>
 *   <li><b>User lookup</b> ({@code ADUserOrGroupSummary}): an Or anywhere in the filter may nest only Equals on
 *       {@code domain} or {@code id}, so login names cannot be combined in one Or. Each distinct
 *       {@code (login_name, domain)} is looked up with its own {@code And(Equals login_name, Equals domain)};
 *       lookups run with bounded parallelism. Login names are matched back without regard to case.</li>
 *   <li><b>Sessions</b> ({@code SessionInfo}): {@code id}, {@code user_id} and {@code desktop_pool_id} allow
 *       Equals only and the model allows Or, so sessions are read with Or-chains of Equals on {@code user_id} or
 *       {@code id}, or Equals on {@code desktop_pool_id}.</li>
 *   <li><b>Paging</b>: {@code page} and {@code size} are always sent together, {@code size} at most 1000 (the
 *       transport's {@code pageSize}). The {@code HAS_MORE_RECORDS} header is optional, so a full page always asks
 *       for the next one; a short or empty page ends the listing (a true header also asks for the next page).</li>
 *   <li><b>Send message</b>: per-session results are {@code BulkItemResponseInfo}; {@code errors[]} exist only
 *       since 2203 and {@code error_messages} is deprecated since then, so both are read. Horizon publishes no error
 *       keys; without one a failed session is recorded {@code HTTP_<status_code>}.</li>
 *   <li><b>Tokens</b>: a refresh with a bad token is answered 400 (the definition lists no 401), after which the
 *       transport logs in again. A login answered 200 without tokens leaves the request unsent: its targets are
 *       FAILED, never UNKNOWN.</li>
 *   <li><b>Throttling</b> (2406 and later): 429 with {@code X-Rate-Limit-Retry-After-Seconds} (no
 *       {@code Retry-After}), read before a standard {@code Retry-After}.</li>
 *   <li><b>Cloud Pod Architecture</b> (opt-in, {@code globalSessions(true)}): users' sessions in every pod come from
 *       {@code GET /rest/inventory/v1/global-sessions?user_id=} (exactly one of {@code user_id}, {@code pod_id},
 *       {@code brokering_pod_id}; paged; no filter), and are sent to with one {@code POST
 *       /rest/inventory/v1/global-sessions/action/send-message} carrying {@code global_session_action_specs} of
 *       {@code {pod_id, ids}} per pod. Both answer 409 when CPA is not initialised; the targets that needed them are
 *       then recorded FAILED with {@code CPA_NOT_INITIALIZED} rather than failing the whole send at start, because
 *       the transport cannot know before asking, the conflict concerns only the targets that need the federation,
 *       and a provider's refusal of a target is data in its record.</li>
 * </ul>
 * No Horizon id travels in a URL path: session, pool, user and pod ids go in query parameters (percent-encoded as
 * values) or in JSON bodies, so no id needs a path-segment check here.
 */
package io.desknotify.transport.http.horizon;
