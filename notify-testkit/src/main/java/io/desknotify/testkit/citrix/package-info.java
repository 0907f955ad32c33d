/**
 * The Citrix DaaS (Citrix Cloud) REST API emulator: {@link io.desknotify.testkit.citrix.CitrixDaasEmulator}.
 *
 * <h2>What it holds to, and where that comes from</h2>
 * Sources: Citrix's Go SDK {@code citrix/citrix-daas-rest-go} (the package {@code citrixorchestration}, generated
 * from the API-gateway OpenAPI definition Citrix publishes on developer.cloud.com: {@code SessionsAPIsDAAS},
 * {@code SendMessageRequestModel}, {@code MessageStyle}, {@code MachineAndSessionSearchRequestModel},
 * {@code MachineAndSessionSearchFilterRequestModel}, {@code MachineAndSessionSearchProperty}, {@code SearchOperator},
 * {@code SessionState}, {@code SessionResponseModel(Collection)}, {@code IdentityUserResponseModel},
 * {@code MachineResponseModel}, {@code MeResponseModel}, {@code JobResponseModel}, {@code ErrorResponse},
 * {@code ErrorData}); the first, "TECHPREVIEW" version of that definition in the same repository (its initial
 * commit), for success statuses; the SDK's hand-written {@code client} package ({@code auth.go},
 * {@code citrixdaas_client.go}: Citrix's own sign-in); Citrix's Terraform provider
 * ({@code citrix/terraform-provider-citrix}, {@code internal/util/common.go}, which reads error bodies from the real
 * service); and the developer-docs.citrix.com pages "How to perform an advanced search for sessions in Citrix DaaS",
 * "How to get a site ID in Citrix DaaS", "Call an API using a Citrix Cloud bearer token", "Get started with Citrix
 * Cloud APIs" and the DaaS "Learning journey".
 * <ul>
 *   <li><b>Paths and headers</b>: {@code https://api.cloud.com/cvad/manage/<Resource>}, the customer and site in
 *       headers: {@code Citrix-CustomerId} on every call, {@code Citrix-InstanceId} (the site id) on site-scoped
 *       calls but not on {@code GET /me} (SDK {@code MeAPIsDAAS}, "How to get a site ID"). Actions are written with a
 *       literal {@code $}: {@code Sessions/{id}/$sendMessage}, {@code Sessions/$search}. {@code Accept} must allow
 *       {@code application/json} (406 otherwise, TECHPREVIEW definition). Answers carry
 *       {@code Citrix-TransactionId}; a client-sent one is echoed (assumed: the SDK says only that a new GUID is made
 *       when none is sent).</li>
 *   <li><b>Auth</b>: {@code Authorization: CwsAuth Bearer=<token>}; the documents spell it {@code CwsAuth},
 *       {@code CWSAuth}, {@code Bearer=} and {@code bearer=}, so the scheme compares case-insensitively. A missing,
 *       invalid or expired token is 401 ("Call an API using a Citrix Cloud bearer token"). Whether a plain
 *       {@code Bearer} is refused is not documented: refused with 401 by default
 *       ({@link io.desknotify.testkit.citrix.CitrixDaasEmulator.Builder#acceptPlainBearer}).</li>
 *   <li><b>Token</b>: {@code POST /cctrustoauth2/{customerid}/tokens/clients}, form-encoded
 *       {@code grant_type=client_credentials}, {@code client_id}, {@code client_secret} (Learning journey; SDK
 *       {@code auth.go}); the answer {@code {token_type, access_token, expires_in}} with {@code expires_in} a JSON
 *       string such as {@code "3600"}, which Citrix's client declares as a string; tokens live up to one hour and
 *       cannot be refreshed. The status and {@code error} of bad credentials are not documented (a setting, RFC 6749
 *       {@code invalid_client}).</li>
 *   <li><b>{@code $sendMessage}</b> (SDK {@code SessionsSendSessionMessage}): the body {@code SendMessageRequestModel
 *       {Style, Title, Text}} is required, none of its fields is marked required and none has a documented length;
 *       {@code Style} is a {@code MessageStyle}: exactly {@code Unknown, Critical, Question, Exclamation,
 *       Information} (no {@code None}, no {@code Warning}). Without {@code async} the answer is 200 with the
 *       {@code SessionResponseModel} (TECHPREVIEW definition; the SDK returns that model); with {@code async=true}
 *       202, no body and a {@code Location} of a job whose parameter {@code Id} is the session id. An unknown session
 *       is 404. There is no bulk send: one session per call.</li>
 *   <li><b>{@code $search}</b>: {@code SearchFilters[]} of {@code {Property, Value, Operator}}, combined with AND,
 *       {@code Property} and {@code Operator} required and from their enums; {@code limit} (the server "may" use
 *       250 by default and "may" refuse more than 1000), {@code continuationToken} copied from the previous
 *       answer, {@code skip}. The answer {@code {Items, ContinuationToken, TotalItems}}: ContinuationToken only
 *       while more remain, TotalItems only on {@code $search}. Session states are exactly {@code Unknown,
 *       Connected, Active, Disconnected}; a session's delivery group is {@code Machine.DeliveryGroup {Id, Uid,
 *       Name}}, its user {@code User {Name, SamName, PrincipalName, ...}} (the UPN is {@code PrincipalName}). The
 *       documented example filters {@code CurrentUser} by <code>DOMAIN&#92;user</code>.</li>
 *   <li><b>Errors</b>: the sources disagree on the body: the current SDK declares {@code ErrorResponse {Type,
 *       Detail, Parameters}}, the TECHPREVIEW definition {@code ErrorData {ErrorMessage, SdkErrorId, ...}}, and
 *       Citrix's Terraform provider reads {@code ErrorData} from the real service: that is the default
 *       ({@link io.desknotify.testkit.citrix.CitrixErrorShape}). The {@code SdkErrorId}/{@code Type} names the
 *       emulator sends are its own: no list is published. 429 means rate-limited, 503 retry with back-off; no
 *       source mentions {@code Retry-After} and Citrix's client ignores it, so it is off by default.</li>
 * </ul>
 *
 * <h2>Settings for what the sources leave open</h2>
 * Each is a setting of {@link io.desknotify.testkit.citrix.CitrixDaasEmulator.Builder} with the default in
 * brackets: a plain {@code Bearer} (refused, 401); the status for a missing or foreign {@code Citrix-CustomerId}
 * (401; journaled as a violation) and for an unknown site (404); 404 or 405 for a wrong method (404); the error
 * shape ({@code ErrorData}); default and maximum page size (250, 1000; a larger {@code limit} is a violation);
 * {@code Text} required (yes) and {@code Title} required (no), their lengths (4096, 256); the style of a send
 * without one ({@code Information}) and whether {@code Unknown} is shown (no); case-sensitive enum names (yes) and
 * filter values (no); whether {@code DeliveryGroup} matches the name or the id (either); whether {@code UserName}
 * also matches a bare login name (no: <code>DOMAIN&#92;user</code>); {@code expires_in} as a string (yes), {@code token_type}
 * ({@code bearer}), the status for bad client credentials (400); {@code Retry-After} on 429 and 503 (no); whether a
 * client's {@code Citrix-TransactionId} is echoed (yes); a relative or absolute job {@code Location} (absolute).
 *
 * <h2>What it does not model</h2>
 * Paths are matched case-sensitively, as documented (the sources do not say whether the gateway ignores case);
 * on-premises sign-in ({@code CitrixOnPremises}, {@code /cvad/manage/Tokens} with Basic auth); async searches and
 * lists; {@code SearchFilterGroups}, {@code BasicSearchString} and the operators other than (Not)Equals,
 * (Not)StartsWith, (Not)EndsWith and (Not)Contains (answered 400 naming what is not modelled, not journaled as a
 * violation); sort criteria (ignored; the inventory's order is kept); {@code $batch}; the gateway's 502 and the
 * 530 of a frozen site (inject {@link io.desknotify.testkit.Fault}s instead). Unknown or garbled continuation
 * tokens are 400, a refusal the contract foresees; a token sent with another query is a violation.
 */
package io.desknotify.testkit.citrix;
