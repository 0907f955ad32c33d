/**
 * The Huawei Cloud Workspace emulator: {@link io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator}.
 *
 * <h2>What it models, and where each rule comes from</h2>
 * The Workspace API reference (Huawei Cloud Help Center, "Workspace API Reference", pages updated 2026-02-10) and the
 * request models of Huawei's official Java SDK ({@code com.huaweicloud.sdk:huaweicloud-sdk-workspace}, its public
 * source at 3.1.212; the testkit's tests run the 3.1.143 release, the newest on Maven Central, as a client; package {@code com.huaweicloud.sdk.workspace.v2}, and its core's {@code AKSKSigner}). Where the two disagree, the
 * emulator holds the reference and says so.
 * <ul>
 *   <li><b>Sending a Notification</b> (SDK {@code SendNotificationsRequest}, body {@code SendNotificationsReq}):
 *   {@code POST /v2/{project_id}/desktops/notifications}, body {@code {desktop_ids[], notifications}}, both
 *   mandatory, answer {@code {job_id}}. The reference documents no limit on ids per call or on the text length:
 *   both are settings ({@code maxIdsPerCall}, default 100; {@code maxMessageLength}, default 1024).</li>
 *   <li><b>Sending a notification to a desktop pool</b> ({@code SendDesktopPoolNotificationsRequest}, body
 *   {@code SendDesktopPoolNotificationsReq}): {@code POST /v2/{project_id}/desktop-pools/{pool_id}/notifications},
 *   body {@code {notifications}}, answer {@code {job_id}}.</li>
 *   <li><b>Querying Desktop Connection Statuses</b> ({@code ListDesktopsConnectStatusRequest}):
 *   {@code GET /v2/{project_id}/connect-desktops}, query {@code user_names} (repeated, "up to 100 users"),
 *   {@code connect_status} ({@code UNREGISTER}, {@code REGISTERED}, {@code CONNECTED}, {@code DISCONNECTED}),
 *   {@code offset} "0 (default) to 2,000", {@code limit} "0 to 2,000, default 100"; answer
 *   {@code {desktops:[{desktop_id, desktop_name, connect_status, attach_users:[{id, name, user_group, type}]}],
 *   total_count}}. The SDK's schema annotations say {@code offset} maximum 100000 and {@code limit} maximum 1000
 *   while its descriptions repeat "0-2000": the emulator holds the reference's 2000 for both; a client that keeps
 *   {@code limit} at most 1000 is inside both.</li>
 *   <li><b>Queries desktops</b> (ListDesktops, {@code ListDesktopsRequest}, items {@code SimpleDesktopInfo}):
 *   {@code GET /v2/{project_id}/desktops}, query {@code desktop_id} (repeated, "up to 100 desktop IDs"),
 *   {@code user_name} (fuzzy), {@code computer_name}, {@code pool_id} (comma-separated), {@code offset} from 0 (no
 *   upper bound), {@code limit} "0 to 1000, defaults to 1000", and filters the emulator does not model
 *   ({@code desktop_ip}, {@code enterprise_project_id}, {@code desktop_type}, {@code is_share_desktop},
 *   {@code subnet_id}, {@code status}, {@code tag}: answered 400, not ignored, and not counted as violations);
 *   answer {@code {total_count, desktops:[{desktop_id, computer_name, user_name, attach_user_infos, desktop_type,
 *   connect_status, pool_id}]}} (a subset of the documented fields).</li>
 *   <li><b>Querying a Task</b> ({@code ShowJobRequest}, {@code ShowJobResponse}, items {@code JobDetailInfo} with
 *   {@code JobEntities}): {@code GET /v2/{project_id}/workspace-jobs/{job_id}}, answer {@code {id, job_type,
 *   begin_time, end_time, status, job_error_code, fail_reason, sub_jobs_total, sub_jobs:[{id, status, error_code,
 *   fail_reason, entities:{desktop_id}}]}}.</li>
 *   <li><b>Querying Notification Blocking Records</b> ({@code ListNotificationRecordsRequest}):
 *   {@code GET /v2/{project_id}/users/notification-records}, {@code query_type} mandatory ({@code DESKTOP} or
 *   {@code DESKTOP_POOL}), {@code limit} "0 to 1,000", {@code sort_field} and {@code sort_type} only together.</li>
 *   <li><b>Errors</b>: body {@code {error_code, error_msg}} (the reference also lists {@code error_detail} and
 *   {@code encoded_authorization_message}, which the emulator does not send). The Workspace application error codes
 *   document {@code WKS.0001}, "The request message input by the interface is empty" (400), answered to an empty
 *   body; for every other refusal the reference gives no code, so those codes are settings
 *   ({@link io.desknotify.testkit.huawei.HuaweiErrorCode}, defaults {@code EMULATOR.*}). API Gateway's error code
 *   table documents {@code APIG.0101} (404, no such API), {@code APIG.0301} (401, incorrect IAM authentication
 *   information), {@code APIG.0307} (401, token must be updated) and {@code APIG.0308} (429, throttling threshold
 *   reached). The 429 carries no {@code Retry-After}: none is documented (Huawei advises waiting about 2 to 5 s);
 *   {@link io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator.Builder#throttleRetryAfter} adds one, as a named
 *   deviation.</li>
 *   <li><b>AK/SK signing</b> ({@code SDK-HMAC-SHA256}, the SDK's {@code AKSKSigner}): canonical query sorted by key,
 *   the values of a repeated key in the order sent (the SDK keeps the caller's order); canonical URI with a trailing
 *   {@code /}; signed headers must include {@code host} and {@code x-sdk-date}.</li>
 *   <li><b>Path ids</b> are taken as sent, never normalised: a dot-segment ({@code .}, {@code ..}) is answered as
 *   no API (404 {@code APIG.0101}) and an id with a character outside RFC 3986's unreserved set as a 400; both are
 *   contract violations. The reference types ids only as strings; this is the emulator's rule, strict on purpose,
 *   because a gateway that normalises the path checks the signature of another path.</li>
 * </ul>
 * Every request outside these rules is answered as above and journaled as a
 * {@link io.desknotify.testkit.ContractViolation}: an unknown query parameter, a repeated single-valued one, a value
 * out of its range or not of its type, a missing mandatory field, too many ids or users, an invalid path id.
 */
package io.desknotify.testkit.huawei;
