package io.desknotify.api;

/** The library or a transport was configured wrongly (missing or invalid setting, unknown provider id). */
public class ConfigurationException extends NotifyException {
    private static final long serialVersionUID = 1L;
    private final String setting;

    public ConfigurationException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    public ConfigurationException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** The name of the offending setting, or {@code null} when no single setting is at fault. */
    public String setting() {
        return setting;
    }
}
