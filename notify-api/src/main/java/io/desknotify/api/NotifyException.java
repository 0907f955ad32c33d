package io.desknotify.api;

/** Base of every exception desknotify throws. Messages never contain secrets. */
public class NotifyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotifyException(String message) {
        super(message);
    }

    public NotifyException(String message, Throwable cause) {
        super(message, cause);
    }
}
