package io.desknotify.testkit.horizon;

/**
 * The shape of Horizon error bodies; versions of Horizon Server differ, and clients must
 * accept all three.
 */
public enum HorizonErrorStyle {
    /** {@code {"error_message":"..."}} */
    ERROR_MESSAGE,
    /** {@code {"error_messages":["..."]}} */
    ERROR_MESSAGES,
    /** {@code {"status":"BAD_REQUEST","timestamp":1700000000000,"errors":[{"error_key":"...","error_message":"..."}]}} */
    ERRORS
}
