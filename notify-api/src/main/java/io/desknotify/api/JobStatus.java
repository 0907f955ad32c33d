package io.desknotify.api;

/** The state of a whole job. */
public enum JobStatus {
    /** Still sending or following provider jobs. */
    RUNNING,
    /** Every target was delivered or deliberately skipped. */
    SUCCEEDED,
    /** Some targets were delivered, others failed, are unknown or were cancelled. */
    PARTIALLY_SUCCEEDED,
    /** No target was delivered, and at least one failed or is unknown. */
    FAILED,
    /** Cancelled before every target was sent. */
    CANCELLED;

    public boolean isFinal() {
        return this != RUNNING;
    }
}
