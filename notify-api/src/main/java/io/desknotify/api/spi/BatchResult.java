package io.desknotify.api.spi;

import io.desknotify.api.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * The provider's answer to one batch: an outcome for every target. Most answers are uniform ("all accepted as
 * provider job X"), so a result holds a default outcome and lists only the targets that differ.
 */
public final class BatchResult {
    private final Outcome defaultOutcome;
    private final String providerJobId;
    private final String requestId;
    private final List<TargetResult> exceptions;

    private BatchResult(Outcome defaultOutcome, String providerJobId, String requestId, List<TargetResult> exceptions) {
        if (defaultOutcome != Outcome.DELIVERED && defaultOutcome != Outcome.PENDING
                && defaultOutcome != Outcome.FAILED) {
            throw new IllegalArgumentException("defaultOutcome must be DELIVERED, PENDING or FAILED");
        }
        if (defaultOutcome == Outcome.PENDING && providerJobId == null) {
            throw new IllegalArgumentException("a PENDING result needs a providerJobId to follow");
        }
        this.defaultOutcome = defaultOutcome;
        this.providerJobId = providerJobId;
        this.requestId = requestId;
        this.exceptions = List.copyOf(exceptions);
    }

    /**
     * Every target was delivered.
     *
     * @param requestId the provider's request id (e.g. {@code X-Request-Id}), or {@code null}
     * @return the result
     */
    public static BatchResult delivered(String requestId) {
        return new BatchResult(Outcome.DELIVERED, null, requestId, List.of());
    }

    /**
     * The provider accepted the batch as a job of its own; every target is pending until the job is polled.
     *
     * @param providerJobId the provider's job id, to poll with {@link Transport#pollJob}
     * @param requestId the provider's request id (e.g. {@code X-Request-Id}), or {@code null}
     * @return the result
     */
    public static BatchResult accepted(String providerJobId, String requestId) {
        return new BatchResult(Outcome.PENDING, providerJobId, requestId, List.of());
    }

    /**
     * A result with per-target outcomes; targets not listed get {@code defaultOutcome}.
     *
     * @param defaultOutcome DELIVERED, PENDING (then {@code providerJobId} is required) or FAILED
     * @param providerJobId  the provider's job id to poll, or {@code null}
     * @param requestId the provider's request id (e.g. {@code X-Request-Id}), or {@code null}
     * @param perTarget      results of the targets that differ from the default, each target at most once
     * @return the result
     * @throws IllegalArgumentException when the default outcome is not allowed or PENDING comes without a job id
     */
    public static BatchResult of(Outcome defaultOutcome, String providerJobId, String requestId,
            List<TargetResult> perTarget) {
        return new BatchResult(defaultOutcome, providerJobId, requestId, perTarget);
    }

    /**
     * The outcome of targets not listed in {@link #perTarget()}.
     *
     * @return DELIVERED, PENDING or FAILED
     */
    public Outcome defaultOutcome() {
        return defaultOutcome;
    }

    /**
     * The provider's job id to poll, when the provider works asynchronously.
     *
     * @return the job id, or empty
     */
    public Optional<String> providerJobId() {
        return Optional.ofNullable(providerJobId);
    }

    /**
     * The provider's request id (e.g. {@code X-Request-Id}), if any.
     *
     * @return the request id, or empty
     */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /**
     * Targets whose outcome differs from {@link #defaultOutcome()}.
     *
     * @return the results, unmodifiable
     */
    public List<TargetResult> perTarget() {
        return exceptions;
    }

    @Override
    public String toString() {
        return "BatchResult{defaultOutcome=" + defaultOutcome + ", providerJobId=" + providerJobId + ", requestId="
                + requestId + ", perTarget=" + exceptions.size() + '}';
    }
}
