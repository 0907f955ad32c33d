/**
 * The Horizon Server REST emulator: {@link io.desknotify.testkit.horizon.HorizonEmulator}.
 *
 * <h2>What it holds to, and where that comes from</h2>
 * The emulator refuses what the published API refuses, answers it as the server does (400 with the error body of
 * the modelled version) and journals it as a {@link io.desknotify.testkit.ContractViolation}. The facts, with their
 * sources (the Horizon Server API OpenAPI definitions 2111 and 2212, the Horizon Server API reference pages of
 * 2312, the "Horizon Server REST Pagination and Filter Guide" and the "API Throttling for Horizon REST APIs"
 * guide, all published by VMware/Omnissa):
 * <ul>
 *   <li><b>Filters, per field</b> (definition, "Supported Filters" of each model field). {@code ADUserOrGroupSummary}
 *       ({@code GET /rest/external/v1/ad-users-or-groups}): {@code login_name}, {@code name}, {@code email},
 *       {@code description}, {@code phone}, {@code user_principal_name} allow Equals, StartsWith and Contains;
 *       {@code domain}, {@code id} and {@code guid} allow Equals only; other fields ({@code display_name},
 *       {@code group}, ...) support no filter; the model supports And, Or, Equals, StartsWith and Contains; and an
 *       Or anywhere in the filter may nest only Equals filters on {@code domain} or {@code id} (field descriptions of
 *       {@code domain} and {@code id}). {@code SessionInfo} ({@code GET /rest/inventory/v1/sessions}): {@code id},
 *       {@code user_id}, {@code desktop_pool_id}, {@code machine_id}, {@code session_type} (and the other
 *       documented scalar fields such as {@code farm_id}) allow Equals only, {@code session_state} Equals and
 *       NotEquals, {@code application_names} Contains; the model supports And, Or, Equals, NotEquals and Contains
 *       (so no Not and no StartsWith). Session states are {@code CONNECTED}, {@code DISCONNECTED} and
 *       {@code PENDING}.</li>
 *   <li><b>Paging</b> (Pagination and Filter Guide; definition: "page, if passed should be &gt; 0"): {@code page}
 *       and {@code size} are optional, but when paging both are mandatory (no page is assumed when only
 *       {@code size} is sent), both positive integers, {@code size} at most 1000. Sent without either, a list API
 *       answers the whole list (the guide's example of a list "fetched without using any pagination params").
 *       The response header {@code HAS_MORE_RECORDS} is optional ("an optional response header"), so
 *       {@link io.desknotify.testkit.horizon.HorizonEmulator.Builder#hasMoreRecordsHeader} can leave it out.</li>
 *   <li><b>Send message</b> ({@code SessionSendMessageSpec}: {@code message}, {@code message_type}
 *       {@code INFO|WARNING|ERROR}, {@code session_ids}, all required) answers 200 with one
 *       {@code BulkItemResponseInfo} per session: {@code id, status_code, error_messages[], timestamp} in 2111;
 *       from 2203 on the item also has {@code errors[]} of {@code APIError {error_key, error_message}} and
 *       {@code error_messages} is deprecated (definition 2212, reference 2312). Neither documents a limit of ids
 *       per call or of the message length: those are emulator settings, refused without a contract violation.</li>
 *   <li><b>Tokens</b>: login ({@code AuthLogin}) answers 200, 400 or 401; refresh ({@code RefreshToken}) answers
 *       200, 400 or 500 (no 401), so a bad refresh token gets 400; logout answers 200, 400 or 500.</li>
 *   <li><b>Throttling</b> (API Throttling guide, since 2406, on by default, limits per API shared by every
 *       client): 429 with {@code {status:"TOO_MANY_REQUESTS", timestamp, errors:[{error_key:
 *       "common.api-throttle-limit.exceeded.error", error_message}]}} and the header
 *       {@code X-Rate-Limit-Retry-After-Seconds}; no {@code Retry-After}.</li>
 *   <li><b>Cloud Pod Architecture</b> (definition, {@code queryGlobalSessions} and
 *       {@code sendMessageToGlobalSessions}): {@code GET /rest/inventory/v1/global-sessions} takes exactly one of
 *       {@code user_id}, {@code pod_id} and {@code brokering_pod_id}, supports paging but no filter, and answers
 *       {@code GlobalSessionInfo} items ({@code id, user_id, pod_id, brokering_pod_id, session_state, ...};
 *       {@code desktop_pool_id} and {@code machine_id} unset for sessions hosted by a remote pod);
 *       {@code POST /rest/inventory/v1/global-sessions/action/send-message} takes
 *       {@code {global_session_action_specs:[{pod_id, ids}], message, message_type}} and answers one
 *       {@code BulkGlobalSessionActionResponseInfo {pod_id, status_code, details[], timestamp}} per pod. Both
 *       answer 409 "CPA not initialized for the pod" when Cloud Pod Architecture is not initialised.</li>
 *   <li><b>Error bodies</b>: the definitions describe 400/401/403/404/409 as "Operation doesn't return any data
 *       structure"; the shapes seen differ by version ({@link io.desknotify.testkit.horizon.HorizonErrorStyle}).
 *       The definitions list no error keys (an {@code error_key} is "configured in message bundle"), so the
 *       emulator sends none except the documented throttling key; clients must not depend on keys.</li>
 * </ul>
 * Where the published material is silent the behaviour is a setting of
 * {@link io.desknotify.testkit.horizon.HorizonEmulator.Builder} (token lifetimes, ids per call, message length);
 * where versions differ, {@link io.desknotify.testkit.horizon.HorizonVersion} chooses (default the newest
 * documented, {@link io.desknotify.testkit.horizon.HorizonVersion#V2406}).
 */
package io.desknotify.testkit.horizon;
