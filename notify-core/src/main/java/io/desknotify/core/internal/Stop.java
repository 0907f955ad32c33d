package io.desknotify.core.internal;

import io.desknotify.api.Outcome;

/** Why a batch was not (or no longer) sent; never retried. */
final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Outcome outcome;
    final String code;

    Stop(Outcome outcome, String code, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
        this.code = code;
    }
}
