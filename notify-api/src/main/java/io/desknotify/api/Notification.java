package io.desknotify.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to tell the people at the targeted desktops. Immutable and thread-safe; build with {@link #builder()}.
 *
 * <pre>{@code
 * Notification n = Notification.builder()
 *     .message("Maintenance at 22:00, please save your work")
 *     .severity(Severity.WARNING)
 *     .build();
 * }</pre>
 *
 * <p>The builder rejects a null or blank message and control characters other than newline and tab. The
 * length limit depends on the provider, so the {@code Notifier} checks it against each transport when sending.
 */
public final class Notification {
    private final String message;
    private final Severity severity;
    private final String title;
    private final Map<String, String> metadata;

    private Notification(Builder b) {
        this.message = b.message;
        this.severity = b.severity;
        this.title = b.title;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The text shown to the user. */
    public String message() {
        return message;
    }

    /** The severity; {@link Severity#INFO} unless set. */
    public Severity severity() {
        return severity;
    }

    /** An optional title; providers without titles ignore it. */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /** Free-form metadata for the host application (never sent to a provider); unmodifiable. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** A builder pre-filled with this notification's values. */
    public Builder toBuilder() {
        Builder b = new Builder().message(message).severity(severity);
        b.title = title;
        b.metadata.putAll(metadata);
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notification other
                && message.equals(other.message)
                && severity == other.severity
                && Objects.equals(title, other.title)
                && metadata.equals(other.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(message, severity, title, metadata);
    }

    @Override
    public String toString() {
        String shown = message.length() > 40 ? message.substring(0, 40) + "..." : message;
        return "Notification{severity=" + severity + ", message='" + shown + "', length=" + message.length() + '}';
    }

    /** Builds {@link Notification}s. Not thread-safe. */
    public static final class Builder {
        private String message;
        private Severity severity = Severity.INFO;
        private String title;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /** The text to show; required, not blank, no control characters other than newline and tab. */
        public Builder message(String message) {
            Checks.requireText(message, "message");
            this.message = Checks.requireNoControlChars(message, "message");
            return this;
        }

        public Builder severity(Severity severity) {
            if (severity == null) {
                throw new InvalidRequestException("severity", "severity must not be null");
            }
            this.severity = severity;
            return this;
        }

        /** An optional single-line title; {@code null} removes it. */
        public Builder title(String title) {
            if (title != null) {
                Checks.requireText(title, "title");
                if (title.indexOf('\n') >= 0) {
                    throw new InvalidRequestException("title", "title must be a single line");
                }
                Checks.requireNoControlChars(title, "title");
            }
            this.title = title;
            return this;
        }

        public Builder metadata(String key, String value) {
            Checks.requireText(key, "metadata key");
            if (value == null) {
                throw new InvalidRequestException("metadata[" + key + "]", "metadata value of '" + key + "' must not be null");
            }
            metadata.put(key, value);
            return this;
        }

        /** Builds the notification; fails when no message was set. */
        public Notification build() {
            if (message == null) {
                throw new InvalidRequestException("message", "message must be set");
            }
            return new Notification(this);
        }
    }
}
