package io.desknotify.api;

/** The library or a transport was configured wrongly (missing or invalid setting, unknown provider id). */
public class ConfigurationException extends NotifyException {
    private static final long serialVersionUID = 1L;
    /** The name of the offending setting, or {@code null}. */
    private final String setting;

    /**
     * Creates the exception.
     *
     * @param setting the name of the offending setting as the user wrote it, or {@code null}
     * @param message what is wrong, without any secret value
     */
    public ConfigurationException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param setting the name of the offending setting as the user wrote it, or {@code null}
     * @param message what is wrong, without any secret value
     * @param cause   the underlying failure
     */
    public ConfigurationException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /**
     * The name of the offending setting.
     *
     * @return the setting, or {@code null} when no single setting is at fault
     */
    public String setting() {
        return setting;
    }
}
