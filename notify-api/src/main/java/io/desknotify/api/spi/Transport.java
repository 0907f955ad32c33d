package io.desknotify.api.spi;

import io.desknotify.api.Page;
import io.desknotify.api.Target;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reaches the desktops of one provider (one Huawei Workspace project, one Horizon pod, ...). The {@code Notifier}
 * does validation, batching, concurrency, retries and rate limiting; a transport only turns one batch into
 * provider requests and the answers into results.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Thread-safe: many batches are delivered concurrently.</li>
 *   <li>Never blocks the calling thread for I/O: every method returns a stage completed later.</li>
 *   <li>A provider's rejection of individual targets is data ({@link TargetResult}); a failure of the whole
 *   request completes the stage exceptionally with a {@link io.desknotify.api.TransportException} that says
 *   whether the provider may have acted ({@code AMBIGUOUS}) or provably did not ({@code RETRYABLE}).</li>
 *   <li>Transports do not retry deliveries themselves; they may retry idempotent reads and token renewals.</li>
 *   <li>No secret appears in a log line, an exception message or a {@code toString}.</li>
 * </ul>
 */
public interface Transport extends AutoCloseable {

    /**
     * The name targets use to route to this transport, e.g. {@code huawei-workspace}.
     *
     * @return the provider name
     */
    String provider();

    /**
     * What this transport can do; constant over its life.
     *
     * @return the capabilities
     */
    TransportCapabilities capabilities();

    /**
     * Sends one batch (targets of one kind, at most {@link TransportCapabilities#maxBatchSize} of them).
     * Completes with a result for every target, or exceptionally when the request failed as a whole.
     *
     * @param batch the batch
     * @return a stage completed with the provider's answer
     */
    CompletionStage<BatchResult> deliver(Batch batch);

    /**
     * Whether this transport can carry the target's id at all. An id that goes into a URL path, for example, may not
     * be a dot-segment ({@code .}, {@code ..}) or hold a {@code /}: sent, it would change the request's path (and
     * for a provider that signs requests, be signed for a path nobody meant). The notifier asks for every target
     * before anything of the job is sent and refuses the whole send with an
     * {@link io.desknotify.api.InvalidRequestException} on {@code targets[i].id}. Must be fast and must not block:
     * it is called once per target.
     *
     * @param target a target this transport reaches
     * @return empty when the id can be sent, else why it cannot (completing the sentence "the id ...")
     */
    default Optional<String> targetIdProblem(Target target) {
        return Optional.empty();
    }

    /**
     * Turns targets the transport cannot deliver to directly (users, pools) into ones it can, and applies the
     * "only connected" filter. Called only for kinds in {@link TransportCapabilities#resolvableKinds()}, or
     * for every target when only connected targets are wanted and the transport
     * {@linkplain TransportCapabilities#filtersConnected() filters connections}. A transport should say which
     * requested target each deliverable one came from ({@link Resolution#sources()}), so that records can be
     * found by the user or pool the caller named.
     *
     * @param request the targets to resolve
     * @return a stage completed with the resolution
     */
    default CompletionStage<Resolution> resolve(ResolveRequest request) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(provider() + " resolves no targets"));
    }

    /**
     * Reads the state of a provider job returned by {@link #deliver} (see {@link BatchResult#providerJobId()}).
     * Called until the returned status is finished.
     *
     * @param poll the provider job and the targets of its batch
     * @return a stage completed with the job's state
     */
    default CompletionStage<ProviderJobStatus> pollJob(ProviderJobPoll poll) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(provider() + " has no provider jobs"));
    }

    /**
     * Queries the provider's own notification records, where it keeps any.
     *
     * @param query filters and paging
     * @return a stage completed with one page of the provider's records
     */
    default CompletionStage<Page<ProviderRecord>> queryProviderRecords(ProviderRecordQuery query) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(provider() + " keeps no records"));
    }

    /**
     * A cheap authenticated request proving the provider is reachable and accepts our credentials.
     *
     * @return a stage completed normally when it is, exceptionally when not
     */
    default CompletionStage<Void> checkHealth() {
        return CompletableFuture.completedFuture(null);
    }

    /** Releases connections and sessions (e.g. logs out). Idempotent. */
    @Override
    void close();
}
