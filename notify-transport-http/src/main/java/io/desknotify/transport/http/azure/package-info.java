/**
 * The Azure Virtual Desktop transport: {@link io.desknotify.transport.http.azure.AzureVirtualDesktopTransport},
 * which sends a message box to user sessions through Azure Resource Manager.
 *
 * <h2>The facts it relies on, and where they come from</h2>
 * Sources: the OpenAPI definition of Desktop Virtualization in the public repository Azure/azure-rest-api-specs
 * ({@code specification/desktopvirtualization/resource-manager/Microsoft.DesktopVirtualization/DesktopVirtualization/
 * stable/2024-04-03/desktopvirtualization.json} and {@code stable/2025-10-10/...}, with their examples); the Azure
 * Resource Manager RPC contract (Azure/azure-resource-manager-rpc, {@code v1.0/common-api-details.md},
 * {@code v1.0/resource-api-reference.md}); Microsoft Learn "Understand how Azure Resource Manager throttles requests"
 * and "Azure Resource Manager request limits and throttling"; the Microsoft identity platform's "OAuth 2.0 client
 * credentials flow" and "error codes" pages (MicrosoftDocs/entra-docs). Points seen only in public issue reports are
 * marked <i>observed</i>.
 * <ul>
 *   <li><b>Send</b> ({@code UserSessions_SendMessage}): {@code POST {arm}/subscriptions/{subscriptionId}/
 *       resourceGroups/{resourceGroupName}/providers/Microsoft.DesktopVirtualization/hostPools/{hostPoolName}/
 *       sessionHosts/{sessionHostName}/userSessions/{userSessionId}/sendMessage?api-version=...} with
 *       {@code {"messageTitle","messageBody"}}, both optional strings with no published length limit; 200 with no
 *       body. One session per call; a session id is unique only within its session host, so a session target is
 *       {@code hostPool/sessionHost/userSessionId}. Path limits: host pool 3..64 and session host 3..48 characters of
 *       {@code [A-Za-z0-9@.\-_ ]}, session id 1..24. 200 says the message was accepted, nothing about display.</li>
 *   <li><b>Find sessions</b> ({@code UserSessions_ListByHostPool}): {@code GET .../hostPools/{hostPoolName}/
 *       userSessions} with an optional OData {@code $filter} on {@code userPrincipalName} (and
 *       {@code sessionState}); answers {@code {value:[UserSession], nextLink}}. Each item's {@code id} ends in
 *       {@code /hostPools/{hp}/sessionHosts/{host}/userSessions/{id}}; its {@code name} is {@code "1"} in the
 *       definition's examples but {@code hostPool/host/1} in the Az PowerShell documentation, so the transport reads
 *       host and session from {@code id} only. {@code properties.sessionState} is one of Unknown, Active,
 *       Disconnected, Pending, LogOff, UserProfileDiskMounted, and may gain values: only {@code Active} counts as
 *       connected.</li>
 *   <li><b>Paging</b> (RPC contract): follow {@code nextLink} as it is (an absolute URL with its own
 *       {@code api-version} and {@code $skipToken}) until it is absent or null; a page may be empty.</li>
 *   <li><b>Errors</b>: {@code {"error":{"code","message"}}}; the Desktop Virtualization RP writes the status as a
 *       numeric string in {@code code} (<i>observed</i>). 401 carries {@code ExpiredAuthenticationToken} or
 *       {@code InvalidAuthenticationToken} (<i>observed</i>); 429 carries {@code Retry-After} in seconds, and a
 *       request sent before it has elapsed is not processed (Microsoft Learn, request limits and throttling).</li>
 *   <li><b>Limits</b> (Microsoft Learn, ARM throttling): a token bucket per subscription, principal and operation
 *       type; writes (sendMessage is a POST action) 200 refilled by 10 a second, reads 250 refilled by 25 a
 *       second. At one call per session, the notifier's rate limit decides how long a large send takes: 10,000
 *       sessions need about (10,000 - 200) / 10 s, some 16 minutes.</li>
 *   <li><b>Tokens</b> (Entra ID client credentials): {@code POST {login}/{tenant}/oauth2/v2.0/token}, form-encoded
 *       {@code client_id}, {@code client_secret}, {@code scope=https://management.azure.com/.default},
 *       {@code grant_type=client_credentials}; the answer {@code {token_type, expires_in (seconds, a number),
 *       access_token}}; no refresh token. Errors {@code {error, error_description, error_codes, ...}}; clients
 *       should not branch on the description or AADSTS numbers (reference); a wrong secret is 401
 *       {@code invalid_client} (<i>observed</i>).</li>
 *   <li><b>API versions</b>: 2024-04-03 is stable and the version Microsoft's retirement notices of older previews
 *       point to; 2025-10-10 is the newest stable one (the definition's AutoRest configuration). The shapes used here
 *       are the same in both.</li>
 * </ul>
 * Where the sources are silent (whether a disconnected session shows a message, length limits, the codes of a 404)
 * the transport assumes nothing: a 200 is DELIVERED, a refusal is FAILED with the answer's code and status, and
 * message and title lengths are settings.
 */
package io.desknotify.transport.http.azure;
