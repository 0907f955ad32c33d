/**
 * The Citrix DaaS (Citrix Cloud) transport: {@link io.desknotify.transport.http.citrix.CitrixDaasTransport} and its
 * factory, id {@code citrix-daas}.
 *
 * <h2>What it relies on, and where that comes from</h2>
 * Sources: Citrix's Go SDK {@code citrix/citrix-daas-rest-go} (package {@code citrixorchestration}, generated from the
 * API-gateway OpenAPI definition published on developer.cloud.com: {@code SessionsAPIsDAAS},
 * {@code SendMessageRequestModel}, {@code MessageStyle}, {@code MachineAndSessionSearchRequestModel},
 * {@code MachineAndSessionSearchProperty}, {@code SearchOperator}, {@code SessionState},
 * {@code SessionResponseModelCollection}, {@code MeResponseModel}, {@code ErrorResponse}, {@code ErrorData}), the
 * first "TECHPREVIEW" version of that definition in the same repository (success statuses), the SDK's hand-written
 * {@code client} package ({@code auth.go}, {@code citrixdaas_client.go}), Citrix's Terraform provider
 * ({@code citrix/terraform-provider-citrix}: {@code provider.go} for the hosts, {@code internal/util/common.go} for
 * the error body it reads), and the developer-docs.citrix.com pages "Get started with Citrix Cloud APIs", the DaaS
 * "Learning journey", "Call an API using a Citrix Cloud bearer token", "How to get a site ID in Citrix DaaS" and "How
 * to perform an advanced search for sessions in Citrix DaaS".
 * <ul>
 *   <li>Token: {@code POST https://api.cloud.com/cctrustoauth2/{customerid}/tokens/clients}, form-encoded client
 *       credentials; regional hosts ({@code api-eu}, {@code api-us}, {@code api-ap-s.cloud.com},
 *       {@code api.citrixcloud.jp}) serve both the token and the API. {@code expires_in} is a JSON string in Citrix's
 *       own client ({@code "3600"}); a number is accepted too. Tokens last up to an hour and cannot be refreshed,
 *       so the transport fetches a new one shortly before expiry and after a 401.</li>
 *   <li>Headers: {@code Authorization: CwsAuth Bearer=<token>}, {@code Citrix-CustomerId} on every call,
 *       {@code Citrix-InstanceId} (the site) on site calls but not on {@code GET /me}; the site is
 *       {@code Customers[].Sites[].Id} of {@code GET /cvad/manage/me} (Citrix's client takes the first; this
 *       transport refuses to guess among several).</li>
 *   <li>Send: {@code POST /cvad/manage/Sessions/{id}/$sendMessage} with {@code {Style, Title, Text}}; {@code Style}
 *       is exactly one of {@code Unknown, Critical, Question, Exclamation, Information}; without {@code async} 200
 *       with the session, 404 for an unknown session; there is no bulk send.</li>
 *   <li>Find: {@code POST /cvad/manage/Sessions/$search} with {@code SearchFilters [{Property, Operator, Value}]}
 *       ({@code UserName}, {@code UserPrincipalName}, {@code DeliveryGroup}; operator {@code Equals}), {@code limit}
 *       up to 1000, {@code ContinuationToken} until none; session {@code State} is {@code Unknown, Connected, Active}
 *       or {@code Disconnected}. Whether {@code DeliveryGroup} compares the name or the id is not documented: the
 *       value is sent as given.</li>
 *   <li>Errors: {@code ErrorData {ErrorMessage, SdkErrorId}} (what Citrix's Terraform provider reads) or
 *       {@code ErrorResponse {Type, Detail}} (what the current SDK declares): both are read, neither is needed.
 *       Neither documents {@code Retry-After}; it is honoured when present, else a 429 gets the throttle
 *       pause. 503 means "temporarily unable to process; retry with exponential back-off" (TECHPREVIEW
 *       definition), so it is retryable even without {@code Retry-After}; a 401 means the token was refused, so the
 *       call is repeated with a renewed one.</li>
 * </ul>
 * Out of scope: on-premises Citrix Virtual Apps and Desktops ({@code CitrixOnPremises}, {@code /cvad/manage/Tokens}
 * with Basic auth), the Gov cloud's different trust service, and {@code async=true} jobs.
 */
package io.desknotify.transport.http.citrix;
