/**
 * The transport compatibility kit: every check a desknotify transport must pass (fault matrix, hostile provider,
 * bad input, secrets, threads and close), written once as an abstract JUnit 5 class that a provider's test extends.
 * The transports of this project pass it, each with a subclass of a few lines; a third party writing a transport
 * runs the same checks against its own emulator.
 *
 * <h2>Dependencies</h2>
 * The kit lives in {@code notify-testkit}, which declares what the kit needs as {@code provided}: the test that
 * extends it brings them, at test scope.
 * <pre>{@code
 * <dependency>
 *   <groupId>io.desknotify</groupId><artifactId>notify-testkit</artifactId><scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>io.desknotify</groupId><artifactId>notify-core</artifactId><scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope>
 * </dependency>
 * <dependency>
 *   <groupId>org.assertj</groupId><artifactId>assertj-core</artifactId><scope>test</scope>
 * </dependency>
 * }</pre>
 * ({@code notify-api} comes with the transport itself; {@code junit-jupiter} holds the API and the
 * parameterized tests the kit uses.)
 *
 * <h2>The class to extend</h2>
 * Extend {@link io.desknotify.testkit.compat.TransportCompatibilityKit} and implement its SPI:
 * <ul>
 *   <li>{@code startEmulator(inventory, options)}: start the provider's emulator (an
 *   {@link io.desknotify.testkit.Emulator}) serving the given inventory, with the seed and worker threads of the
 *   {@link io.desknotify.testkit.compat.EmulatorOptions} and the credentials of {@code credentials()}.</li>
 *   <li>{@code targets(inventory)}: the targets to send to, one per desktop or session of the inventory that the
 *   provider shows a notification on (Huawei Workspace: every desktop; Horizon: every connected session).</li>
 *   <li>{@code transport(endpoint, settings)}: build the transport pointed at {@code endpoint} (the emulator, or
 *   the kit's hostile server), handing the {@link io.desknotify.testkit.compat.ClientSettings} (timeouts, answer
 *   size cap, whether to use an expiring token) to the builder unchanged.</li>
 *   <li>{@code sendRoute()}, and {@code followUpRoutes()} where a send is followed up (a job poll): where faults
 *   are injected.</li>
 *   <li>{@code targetIdsIn(sendRequest)}: the target ids a recorded send request names, so that the kit proves
 *   that UNKNOWN targets were sent and CANCELLED ones never were.</li>
 *   <li>{@code credentials()}, and {@code tokensSeen(journal)} where tokens travel elsewhere than in an
 *   {@code Authorization: Bearer} header: the secrets the kit searches every output for.</li>
 *   <li>{@code expectations()}: the few facts that truly differ between providers, declared with
 *   {@link io.desknotify.testkit.compat.ProviderExpectations#builder()}: the names of the transport's and the
 *   emulator's threads, the error codes of unusable 2xx answers, what a 401 leads to (renewal, or a final
 *   refusal), an answer to a send that the API never gives, the setup calls (logins, token requests) a hostile
 *   server must answer properly, and the provider's {@code TransportFactory}.</li>
 * </ul>
 *
 * <pre>{@code
 * class AcmeCompatibilityTest extends TransportCompatibilityKit {
 *     protected Emulator startEmulator(Inventory inventory, EmulatorOptions options) {
 *         return AcmeEmulator.builder().inventory(inventory).apiKey(KEY)
 *                 .seed(options.seed()).threads(options.threads()).start();
 *     }
 *     protected List<Target> targets(Inventory inventory) {
 *         return inventory.connectedSessionIds().stream().map(id -> (Target) Target.session(id)).toList();
 *     }
 *     protected Transport transport(URI endpoint, ClientSettings s) {
 *         AcmeTransport.Builder b = AcmeTransport.builder().baseUri(endpoint).apiKey(KEY)
 *                 .requestTimeout(s.requestTimeout()).connectTimeout(s.connectTimeout());
 *         s.maxResponseBytes().ifPresent(b::maxResponseBytes);
 *         return b.build();
 *     }
 *     protected Route sendRoute() { return Route.ACME_SEND; }
 *     protected Set<String> targetIdsIn(RecordedRequest send) { return Set.of(send.path().split("/")[3]); }
 *     protected Set<String> credentials() { return Set.of(KEY); }
 *     protected ProviderExpectations expectations() {
 *         return ProviderExpectations.builder().transportThreads("acme-http-").emulatorThreads("acme-emulator")
 *                 .errorCodes("RESPONSE_TOO_LARGE", "UNEXPECTED_ANSWER").build();
 *     }
 * }
 * }</pre>
 *
 * <h2>Cost</h2>
 * The fault matrix sends 39 jobs of 5,000 targets; a provider's whole kit takes about a minute on two cores (most
 * of it in the rows whose answers outlast the client's deadline). The kit redirects {@code System.out} and
 * counts the JVM's threads: run its subclasses with JUnit's default sequential execution.
 */
package io.desknotify.testkit.compat;
