package io.desknotify.api.spi;

import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import java.util.Objects;

/**
 * The outcome a transport reports for one target.
 *
 * @param target       the target, as it was in the batch or resolve request
 * @param outcome      what became of it
 * @param errorCode    the provider's error code when not delivered, else {@code null}
 * @param errorMessage a readable reason when not delivered, else {@code null}
 */
public record TargetResult(Target target, Outcome outcome, String errorCode, String errorMessage) {
    /**
     * Checks the result.
     *
     * @param target       the target, as it was in the batch or resolve request
     * @param outcome      what became of it
     * @param errorCode    the provider's error code when not delivered, else {@code null}
     * @param errorMessage a readable reason when not delivered, else {@code null}
     * @throws NullPointerException when target or outcome is null
     */
    public TargetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * The target was delivered.
     *
     * @param target the target
     * @return the result
     */
    public static TargetResult delivered(Target target) {
        return new TargetResult(target, Outcome.DELIVERED, null, null);
    }

    /**
     * The provider rejected the target.
     *
     * @param target       the target
     * @param errorCode    the provider's error code, or {@code null}
     * @param errorMessage a readable reason
     * @return the result
     */
    public static TargetResult failed(Target target, String errorCode, String errorMessage) {
        return new TargetResult(target, Outcome.FAILED, errorCode, errorMessage);
    }

    /**
     * The request that named the target reached the provider, but its answer does not say what became of this
     * target (it leaves the target out, or gives it no status): it may have been shown. Never use it for a target
     * that provably was not sent.
     *
     * @param target       the target
     * @param errorCode    a code for why the outcome is not known, e.g. {@code MISSING_FROM_RESPONSE}
     * @param errorMessage a readable reason
     * @return the result
     */
    public static TargetResult unknown(Target target, String errorCode, String errorMessage) {
        return new TargetResult(target, Outcome.UNKNOWN, errorCode, errorMessage);
    }

    /**
     * The target is deliberately not sent to (e.g. not connected).
     *
     * @param target     the target
     * @param reasonCode a code for why, e.g. {@code NOT_CONNECTED}
     * @param reason     a readable reason
     * @return the result
     */
    public static TargetResult skipped(Target target, String reasonCode, String reason) {
        return new TargetResult(target, Outcome.SKIPPED, reasonCode, reason);
    }
}
