package io.desknotify.spring;

/**
 * A {@code desknotify.*} property is missing or invalid, so no {@link io.desknotify.core.Notifier} could be
 * built. Start-up fails with a failure analysis naming {@link #property()}. The message never holds the value
 * of a secret.
 */
public final class InvalidDesknotifyPropertyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The full name of the offending property. */
    private final String property;
    /** What is wrong with the property, without its value. */
    private final String reason;

    InvalidDesknotifyPropertyException(String property, String reason) {
        this(property, reason, null);
    }

    InvalidDesknotifyPropertyException(String property, String reason, Throwable cause) {
        super("Invalid property '" + property + "': " + reason, cause);
        this.property = property;
        this.reason = reason;
    }

    /** {@return the full name of the offending property, e.g. {@code desknotify.providers.hw.endpoint}} */
    public String property() {
        return property;
    }

    /** {@return what is wrong with the property, never showing the value of a secret} */
    public String reason() {
        return reason;
    }
}
