/**
 * The Azure Virtual Desktop emulator: {@link io.desknotify.testkit.azure.AzureVirtualDesktopEmulator}, Azure
 * Resource Manager's {@code Microsoft.DesktopVirtualization} user-session calls and the Microsoft Entra ID token
 * endpoint on one loopback server.
 *
 * <h2>What it holds to, and where that comes from</h2>
 * The emulator refuses what the published definitions refuse, answers it as Azure does and journals it as a
 * {@link io.desknotify.testkit.ContractViolation}. Sources: the OpenAPI definition of Desktop Virtualization in
 * Azure/azure-rest-api-specs ({@code specification/desktopvirtualization/resource-manager/
 * Microsoft.DesktopVirtualization/DesktopVirtualization/stable/2025-10-10/desktopvirtualization.json} and the
 * {@code stable/2024-04-03} one, with their {@code examples/}); the Azure Resource Manager RPC contract
 * (Azure/azure-resource-manager-rpc, {@code v1.0/common-api-details.md} and {@code v1.0/resource-api-reference.md});
 * Microsoft Learn "Understand how Azure Resource Manager throttles requests" and MicrosoftDocs/azure-docs
 * {@code request-limits-and-throttling.md}; MicrosoftDocs/entra-docs {@code v2-oauth2-client-creds-grant-flow.md} and
 * {@code reference-error-codes.md}. Points seen only in public issue reports are marked <i>observed</i>.
 * <ul>
 *   <li><b>sendMessage</b> ({@code UserSessions_SendMessage}): {@code POST .../hostPools/{hostPoolName}/sessionHosts/
 *       {sessionHostName}/userSessions/{userSessionId}/sendMessage?api-version=}; the body {@code SendMessage}
 *       {@code {messageTitle, messageBody}} is optional, both strings optional with no length limit; success is 200
 *       with no body. One session per call. Path parameters: {@code hostPoolName} 3..64 and
 *       {@code sessionHostName} 3..48 characters of {@code [A-Za-z0-9@.\-_ ]}, {@code userSessionId} 1..24
 *       (definition, {@code parameters}).</li>
 *   <li><b>Lists</b>: {@code UserSessions_ListByHostPool} ({@code GET .../hostPools/{hostPoolName}/userSessions}) with
 *       {@code $filter} ("valid properties are userprincipalname and sessionstate"; the example writes
 *       {@code userPrincipalName eq '...' and state eq 'active'}), {@code pageSize}, {@code isDescending},
 *       {@code initialSkip}; {@code UserSessions_List} per session host, without {@code $filter};
 *       {@code UserSessions_Get}; {@code SessionHosts_List}. Answers {@code {value:[...], nextLink}}; a
 *       {@code UserSession} has {@code id, name, type, systemData} and {@code properties} {@code objectId,
 *       userPrincipalName, applicationType, sessionState (Unknown, Active, Disconnected, Pending, LogOff,
 *       UserProfileDiskMounted; open to new values), activeDirectoryUserName, createTime} (definition,
 *       {@code UserSessionList}, {@code UserSessionProperties}).</li>
 *   <li><b>Paging</b> (RPC contract, collection GET): {@code nextLink} is an absolute URL, the original request's
 *       query plus an opaque {@code $skipToken}; it is left out on the last page, never an empty string; a page may
 *       be empty and still have a {@code nextLink}. A {@code $skipToken} the emulator did not issue for that list is
 *       refused with 400.</li>
 *   <li><b>Errors</b>: {@code {"error":{"code","message"}}} (definition {@code CloudError}; RPC contract "Error
 *       Response Content"). The RP puts the status as a numeric string in {@code code} and starts the message with
 *       an activity id (<i>observed</i>, azure-rest-api-specs issue 29220); an unknown user session is a 404
 *       "User session ID not found" (<i>observed</i>, Azure/RDS-Templates issues 540 and 570). Missing
 *       {@code api-version}: 400 {@code MissingApiVersionParameter}; unsupported: 400
 *       {@code NoRegisteredProviderFound} (<i>observed</i>). No {@code Authorization}: 401
 *       {@code AuthenticationFailed} with {@code WWW-Authenticate: Bearer authorization_uri=..., error="invalid_token"};
 *       another scheme: {@code AuthenticationFailedInvalidHeader}; an unknown token {@code InvalidAuthenticationToken};
 *       an expired one {@code ExpiredAuthenticationToken} "The access token expiry UTC time ... is earlier than
 *       current UTC time ..." (<i>observed</i>, hashicorp/terraform-provider-azurerm issue 20867); no role on the
 *       scope: 403 {@code AuthorizationFailed}.</li>
 *   <li><b>Throttling</b> (Microsoft Learn, ARM throttling): a regional token bucket per subscription, principal and
 *       operation type, reads 250 refilled by 25 a second, writes 200 refilled by 10 a second; a POST action is a
 *       write; 429 with {@code Retry-After} in seconds; answers carry
 *       {@code x-ms-ratelimit-remaining-subscription-reads} or {@code -writes}.</li>
 *   <li><b>Tokens</b> (Entra ID client credentials): {@code POST /{tenant}/oauth2/v2.0/token}, form-encoded
 *       {@code client_id, client_secret, scope, grant_type=client_credentials} (or HTTP Basic client authentication);
 *       the scope must be {@code https://management.azure.com/.default}; the answer is {@code {token_type: "Bearer",
 *       expires_in (a number of seconds, 3599 in the example), access_token}}; errors carry {@code error,
 *       error_description, error_codes, timestamp, trace_id, correlation_id} and sometimes {@code error_uri}. A
 *       wrong secret is 401 {@code invalid_client} AADSTS7000215, an unknown client 400 {@code unauthorized_client}
 *       AADSTS700016 (<i>observed</i>), a bad scope 400 {@code invalid_scope} AADSTS70011, another grant 400
 *       {@code unsupported_grant_type}, a missing field 400 {@code invalid_request}. The reference says clients must
 *       not branch on AADSTS numbers or descriptions; the numbers of the last two are the emulator's.</li>
 * </ul>
 *
 * <h2>Where the sources are silent: settings</h2>
 * Each is a setting of {@link io.desknotify.testkit.azure.AzureVirtualDesktopEmulator.Builder}, default first:
 * {@code name}/{@code type} spelling of list items ({@code resourceNames}: the examples' leaf name, or
 * PowerShell's {@code hostPool/host/1}); sendMessage to a session that is not Active ({@code nonActiveSend}: shown,
 * lost or refused with {@code nonActiveRefusal}); the code of a 404 for an unknown host pool, host or session
 * ({@code notFoundStyle}: the RP's {@code "404"} or ARM's {@code ResourceNotFound}); the code of an unsupported
 * api-version ({@code unsupportedApiVersion}); the code of an invalid path parameter ({@code invalidParameterCode});
 * title and body lengths ({@code maxTitleLength}, {@code maxBodyLength}: none); an empty sendMessage
 * ({@code refuseEmptyMessage}: accepted); {@code $filter} details ({@code filterStateAlias}: {@code state} accepted;
 * {@code filterValuesIgnoreCase}: yes; anything but {@code eq} joined by {@code and} is a 400); {@code pageSize},
 * {@code initialSkip} and {@code isDescending} semantics (items per page, skipped items, reversed order; default page
 * size {@code pageSize} 100, at most {@code maxPageSize} 1000); the Desktop Virtualization RP's own limits (any
 * {@link io.desknotify.testkit.RequestLimit}; {@code armRequestLimits()} adds ARM's published buckets, off by
 * default, and the emulator counts every principal in the same buckets); ARM's case-insensitive path matching
 * ({@code caseInsensitivePaths}: yes); 405 or 404 for another method on a route's path ({@code wrongMethodStatus}:
 * 405); {@code ext_expires_in} ({@code extExpiresIn}: sent) and {@code error_uri} ({@code errorUri}: sent); the
 * token lifetime ({@code accessTokenTtl}: 3599 s).
 */
package io.desknotify.testkit.azure;
