/**
 * The Huawei Cloud Workspace transport: {@link io.desknotify.transport.http.huawei.HuaweiWorkspaceTransport}
 * (built in code) and {@link io.desknotify.transport.http.huawei.HuaweiWorkspaceTransportFactory} (built from
 * settings, found by {@link java.util.ServiceLoader} under the id {@code huawei-workspace}).
 *
 * <h2>The published facts it keeps to</h2>
 * From the Workspace API reference (Huawei Cloud Help Center, pages updated 2026-02-10) and the request models of
 * Huawei's official Java SDK ({@code com.huaweicloud.sdk:huaweicloud-sdk-workspace}, its public source
 * at 3.1.212; the testkit's tests run the 3.1.143 release as a client; package
 * {@code com.huaweicloud.sdk.workspace.v2}; signing in its core's {@code AKSKSigner}):
 * <ul>
 *   <li>Sending a Notification ({@code SendNotificationsRequest}): {@code POST /v2/{project_id}/desktops/notifications},
 *   {@code {desktop_ids, notifications}} to {@code {job_id}}; no documented limit on ids or text, so both are
 *   settings. To a pool ({@code SendDesktopPoolNotificationsRequest}):
 *   {@code POST /v2/{project_id}/desktop-pools/{pool_id}/notifications}.</li>
 *   <li>Querying Desktop Connection Statuses ({@code ListDesktopsConnectStatusRequest}):
 *   {@code GET /v2/{project_id}/connect-desktops}, {@code user_names} at most 100, {@code offset} 0 to 2,000,
 *   {@code limit} 0 to 2,000 (default 100; the SDK's schema says at most 1000, so pages are at most 1000). A scan by
 *   offset alone reaches at most 3,000 desktops: users are asked 100 at a time, a group with more desktops than the
 *   bounded offsets reach is asked again in halves, and a single user beyond them is recorded as such.</li>
 *   <li>Queries desktops (ListDesktops, {@code ListDesktopsRequest}, items {@code SimpleDesktopInfo} with
 *   {@code connect_status}): {@code GET /v2/{project_id}/desktops}, {@code desktop_id} repeated, "up to 100 desktop
 *   IDs", {@code offset} from 0 with no upper bound, {@code limit} 0 to 1000. This answers "is desktop X connected"
 *   for any number of desktops named directly, 100 a query, and tells an unknown desktop (not listed) from a
 *   disconnected one.</li>
 *   <li>Querying a Task ({@code ShowJobRequest}): {@code GET /v2/{project_id}/workspace-jobs/{job_id}}, statuses
 *   {@code INIT}, {@code WAITING}, {@code RUNNING}, {@code SUCCESS}, {@code FAILED}, sub-jobs with
 *   {@code entities.desktop_id}.</li>
 *   <li>Errors {@code {error_code, error_msg, error_detail, encoded_authorization_message}}; throttling is HTTP 429
 *   with {@code APIG.0308} (API Gateway error codes) and no documented {@code Retry-After}; Huawei advises waiting
 *   about 2 to 5 s, which is the default {@linkplain HuaweiWorkspaceTransport.Builder#throttlePause throttle
 *   pause}. {@code WKS.0001} means "the request message input by the interface is empty".</li>
 *   <li>AK/SK signing ({@code AKSKSigner}): canonical query sorted by key with a repeated key's values in the
 *   caller's order (the transport sends them in that order too), canonical URI of the path's segments with a
 *   trailing {@code /}. The path is built from the ids as given, never normalised; an id that no path segment can
 *   carry unchanged ({@code .}, {@code ..}, {@code /} or any character outside {@code A-Z a-z 0-9 - . _ ~}) is
 *   refused before anything is signed or sent: a gateway that normalises the path would check the signature of
 *   another path, and each such 401 counts toward the access key's lockout (five in a row lock it for five
 *   minutes).</li>
 * </ul>
 */
package io.desknotify.transport.http.huawei;
