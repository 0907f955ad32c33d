package io.desknotify.api;

/** The kinds of {@link Target}. */
public enum TargetKind {
    /** One virtual desktop (machine). */
    DESKTOP,
    /** Every desktop, or every session, of a desktop pool. */
    DESKTOP_POOL,
    /** One user session. */
    SESSION,
    /** Every desktop or session of one user. */
    USER
}
