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
 * <h2>What text is accepted</h2>
 * The builder refuses, with an {@link InvalidRequestException} whose {@link InvalidRequestException#field()} is
 * {@code message} or {@code title} and whose message gives the index of the offending character:
 * <ul>
 *   <li>null, and text that is blank: only whitespace or invisible characters (Unicode whitespace and space
 *   separators such as U+00A0, format characters such as U+200B zero-width space and U+FEFF, variation
 *   selectors, Hangul fillers, the blank Braille pattern);</li>
 *   <li>control characters other than newline and tab (a title allows no newline);</li>
 *   <li>a lone surrogate (half of a UTF-16 pair: desktops show it as {@code ?});</li>
 *   <li>bidirectional embeddings, overrides and isolates (U+202A to U+202E, U+2066 to U+2069), which make a
 *   text read differently than it is written. The plain direction marks (U+200E, U+200F, U+061C) are
 *   allowed.</li>
 * </ul>
 * Invisible characters inside visible text (a zero-width joiner in an emoji sequence, a no-break space) are
 * accepted.
 *
 * <h2>Length</h2>
 * Lengths and indexes count UTF-16 chars, as {@link String#length()} and {@link String#charAt(int)} do: a
 * character outside the Basic Multilingual Plane (most emoji) counts 2. The length limit depends on the
 * provider ({@link io.desknotify.api.spi.TransportCapabilities#maxMessageLength()}), so the {@code Notifier}
 * checks it against each transport when sending; counting UTF-16 chars never undercounts, so a provider that
 * counts code points accepts every message that passes.
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

    /**
     * Starts a notification; {@link Builder#message(String)} is required.
     *
     * @return a new builder with severity {@link Severity#INFO}, no title and no metadata
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The text shown to the user.
     *
     * @return the message, never blank
     */
    public String message() {
        return message;
    }

    /**
     * The severity; {@link Severity#INFO} unless set. What a desktop shows of it depends on the provider
     * ({@link io.desknotify.api.spi.TransportCapabilities#severitySupport()}): Horizon has a message type for it
     * ({@code NATIVE}); Huawei Workspace notifications have no severity field, so by default
     * ({@code DROPPED}) a Workspace desktop shows no severity at all, and {@code WARNING} looks the same as
     * {@code INFO}. Configure the Huawei transport with {@code PREFIXED} to write it in front of the text
     * ({@code "[WARNING] ..."}), or say the urgency in the message itself.
     *
     * @return the severity, never null
     */
    public Severity severity() {
        return severity;
    }

    /**
     * An optional title. What a desktop shows of it depends on the provider
     * ({@link io.desknotify.api.spi.TransportCapabilities#titleSupport()}): Azure Virtual Desktop and Citrix show
     * it as the message box's title ({@code NATIVE}); Huawei Workspace and Horizon have no title, so they do not
     * send it ({@code DROPPED}) and the desktop shows the message alone. Put what the user must read in the
     * message.
     *
     * @return the title, or empty when none was set
     */
    public Optional<String> title() {
        return Optional.ofNullable(title);
    }

    /**
     * Free-form metadata for the host application (never sent to a provider).
     *
     * @return the metadata in insertion order, unmodifiable
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * A builder pre-filled with this notification's values.
     *
     * @return a new builder holding this notification's message, severity, title and metadata
     */
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

        /**
         * The text to show; required. See the class documentation for what text is refused.
         *
         * @param message the text, not blank, no control characters other than newline and tab, no lone
         *                surrogate, no bidirectional override or isolate
         * @return this builder
         * @throws InvalidRequestException with field {@code message} naming the problem and its UTF-16 index
         */
        public Builder message(String message) {
            this.message = Checks.requireShowableText(message, "message");
            return this;
        }

        /**
         * How urgent the notification is; see {@link Notification#severity()} for what providers show of it.
         *
         * @param severity the severity, not null
         * @return this builder
         * @throws InvalidRequestException with field {@code severity} when null
         */
        public Builder severity(Severity severity) {
            if (severity == null) {
                throw new InvalidRequestException("severity", "severity must not be null");
            }
            this.severity = severity;
            return this;
        }

        /**
         * An optional single-line title, checked as the message is.
         *
         * @param title the title, or {@code null} to remove it
         * @return this builder
         * @throws InvalidRequestException with field {@code title} when it is blank, has several lines or holds
         *                                 a character the message would not allow
         */
        public Builder title(String title) {
            if (title != null) {
                Checks.requireText(title, "title");
                int newline = title.indexOf('\n');
                if (newline >= 0) {
                    throw new InvalidRequestException("title", "title must be a single line but has a newline at "
                            + "index " + newline);
                }
                Checks.requireShowableText(title, "title");
            }
            this.title = title;
            return this;
        }

        /**
         * Adds metadata for the host application; it is never sent to a provider.
         *
         * @param key   the key, not blank
         * @param value the value, not null
         * @return this builder
         * @throws InvalidRequestException naming {@code metadata key} or {@code metadata[key]}
         */
        public Builder metadata(String key, String value) {
            Checks.requireText(key, "metadata key");
            if (value == null) {
                throw new InvalidRequestException("metadata[" + key + "]", "metadata value of '" + key + "' must not be null");
            }
            metadata.put(key, value);
            return this;
        }

        /**
         * Builds the notification.
         *
         * @return the immutable notification
         * @throws InvalidRequestException with field {@code message} when no message was set
         */
        public Notification build() {
            if (message == null) {
                throw new InvalidRequestException("message", "message must be set");
            }
            return new Notification(this);
        }
    }
}
