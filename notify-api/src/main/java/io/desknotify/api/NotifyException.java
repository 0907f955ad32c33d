package io.desknotify.api;

/** Base of every exception desknotify throws. Messages never contain secrets. */
public class NotifyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public NotifyException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public NotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
