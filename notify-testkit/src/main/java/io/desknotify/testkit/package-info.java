/**
 * Loopback HTTP emulators of the VDI providers' notification APIs, for tests, benchmarks and
 * demos: the common types ({@link io.desknotify.testkit.Emulator}, {@link io.desknotify.testkit.Inventory},
 * {@link io.desknotify.testkit.Journal}, {@link io.desknotify.testkit.Route},
 * {@link io.desknotify.testkit.Fault}, {@link io.desknotify.testkit.Trigger},
 * {@link io.desknotify.testkit.RequestLimit}) and the builder every emulator's builder extends
 * ({@link io.desknotify.testkit.EmulatorBuilder}, {@link io.desknotify.testkit.TokenEmulatorBuilder}). The
 * emulators themselves are in {@code io.desknotify.testkit.huawei} and {@code io.desknotify.testkit.horizon}.
 *
 * <h2>How an emulator is made</h2>
 * Every emulator runs on one core (in {@code io.desknotify.testkit.internal}, not an API): a loopback server that
 * matches requests to the provider's {@link io.desknotify.testkit.Route}s, journals each one, gives it a request
 * id, applies injected {@link io.desknotify.testkit.Fault}s, a latency and the {@link io.desknotify.testkit.RequestLimit}s,
 * writes answers, and records {@linkplain io.desknotify.testkit.Journal#contractViolations() contract violations};
 * plus a bearer-token issuer for providers whose clients log in. What a new emulator provides is only its API:
 * <ol>
 *   <li><b>Routes</b>: a {@code Route.Provider} constant and one {@code Route} constant per documented operation
 *       (method and path template as the provider documents them). A request matching none is answered with the
 *       dialect's 404 and journaled as a violation by the core.</li>
 *   <li><b>A dialect</b> ({@code internal.Dialect}): how the provider words what the core answers by itself: the
 *       429 of a limit or an injected throttling fault (status 429, the provider's error body and its own retry
 *       header, given the delay in whole seconds), 500, 503, the 401 of an expired credential, the 400 of a
 *       malformed request and the 404 of an unknown path.</li>
 *   <li><b>A handler</b> ({@code internal.EmulatorServer.Handler}, usually the same class as the dialect): the
 *       processing of each of its routes against the {@link io.desknotify.testkit.Inventory}, recording what is
 *       shown in the journal. A request the published API does not allow is answered as the real API answers it
 *       by throwing {@code HttpError.outOfContract(response, "rule in words")}, which the core also journals as a
 *       {@link io.desknotify.testkit.ContractViolation}; a refusal the contract foresees (unknown id, expired
 *       token) is a plain {@code new HttpError(response)}. Authentication with bearer tokens uses
 *       {@code internal.TokenIssuer}: {@code issue(subject)} at the provider's token call (its TTL from the
 *       builder, its times from the emulator's clock) and {@code authenticate(request, scheme, refusal)} on every
 *       other call, where {@code scheme} is the provider's, e.g. {@code "Bearer "} or {@code "CwsAuth Bearer="}, and
 *       {@code refusal} answers a missing header, another scheme, an unknown and an expired token as the provider
 *       does.</li>
 *   <li><b>A builder</b> extending {@link io.desknotify.testkit.EmulatorBuilder} (or
 *       {@link io.desknotify.testkit.TokenEmulatorBuilder} for a provider with access tokens) with the provider's
 *       own settings; its {@code start()} hands the shared settings to an {@code internal.EmulatorCore}, builds the
 *       handler on the core's journal and faults, and starts the core with it. The inventory, clock, seed, threads,
 *       journal details, latency and limits come with the base class.</li>
 * </ol>
 * The facts an emulator relies on, with their sources, go into its package documentation.
 */
package io.desknotify.testkit;
