package io.desknotify.api;

/**
 * A send reused an idempotency key that the notifier knows from an earlier job, with another request: another
 * notification, other targets or other options. Nothing was sent. Either the key was reused by mistake (use a new
 * one) or the request was meant to be the same (send exactly the first request again to get the first job).
 * {@link #field()} is {@code options.idempotencyKey}.
 */
public class IdempotencyKeyConflictException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;
    /** The job the key belongs to. */
    private final String firstJobId;

    /**
     * Creates the exception.
     *
     * @param firstJobId the job the key belongs to
     * @param message    what differs, naming the key and the first job
     */
    public IdempotencyKeyConflictException(String firstJobId, String message) {
        super("options.idempotencyKey", message);
        this.firstJobId = firstJobId;
    }

    /**
     * The job the key belongs to.
     *
     * @return the first job's id
     */
    public String firstJobId() {
        return firstJobId;
    }
}
