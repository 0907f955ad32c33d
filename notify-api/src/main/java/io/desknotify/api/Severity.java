package io.desknotify.api;

/**
 * How urgent a notification is. Providers without a notion of severity drop it or render it into the text, as
 * their transport's {@link io.desknotify.api.spi.TransportCapabilities#severitySupport()} says: Huawei Workspace
 * has no severity field and by default ({@code DROPPED}) shows no severity at all; Horizon shows it as the
 * message type. See {@link Notification#severity()}.
 */
public enum Severity {
    /** Information; Horizon shows it as {@code INFO}. */
    INFO,
    /** A warning; Horizon shows it as {@code WARNING}. */
    WARNING,
    /** An error or an urgent notice; Horizon shows it as {@code ERROR}. */
    ERROR
}
