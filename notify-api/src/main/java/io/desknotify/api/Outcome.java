package io.desknotify.api;

/** What became of one target of a job. */
public enum Outcome {
    /** The provider confirmed the notification was delivered (or accepted it, for providers that confirm nothing more). */
    DELIVERED,
    /** The provider rejected this target, or the request for it failed for good; the record says why. */
    FAILED,
    /** Deliberately not sent, e.g. the desktop was not connected and only connected targets were wanted. */
    SKIPPED,
    /**
     * The request may or may not have been processed (a timeout or server error after it was sent). Not retried,
     * so that nobody sees the message twice, unless at-least-once delivery was chosen.
     */
    UNKNOWN,
    /** Accepted by the provider, whose own job is still running. Never final. */
    PENDING,
    /** Not sent because the job was cancelled or the notifier closed first. */
    CANCELLED;

    /**
     * Whether a target in this outcome has its last record.
     *
     * @return true for every outcome except {@link #PENDING}
     */
    public boolean isFinal() {
        return this != PENDING;
    }
}
