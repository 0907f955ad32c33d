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
    public TargetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static TargetResult delivered(Target target) {
        return new TargetResult(target, Outcome.DELIVERED, null, null);
    }

    public static TargetResult failed(Target target, String errorCode, String errorMessage) {
        return new TargetResult(target, Outcome.FAILED, errorCode, errorMessage);
    }

    public static TargetResult skipped(Target target, String reasonCode, String reason) {
        return new TargetResult(target, Outcome.SKIPPED, reasonCode, reason);
    }
}
