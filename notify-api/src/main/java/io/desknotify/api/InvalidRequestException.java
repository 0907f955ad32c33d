package io.desknotify.api;

/**
 * A send request (notification, targets or options) was rejected before anything was sent.
 * {@link #field()} names the offending field, for example {@code message} or {@code targets[3].provider}.
 */
public class InvalidRequestException extends NotifyException {
    private static final long serialVersionUID = 1L;
    /** The path of the offending field. */
    private final String field;

    /**
     * Creates the exception.
     *
     * @param field   the path of the offending field, e.g. {@code targets[3].provider}
     * @param message what is wrong, naming the field
     */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /**
     * The path of the offending field, e.g. {@code targets[12]}.
     *
     * @return the field's path
     */
    public String field() {
        return field;
    }
}
