package io.desknotify.api;

/** How urgent a notification is. Providers without a notion of severity may drop it or render it into the text. */
public enum Severity {
    INFO,
    WARNING,
    ERROR
}
