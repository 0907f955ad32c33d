package io.desknotify.testkit;

import java.util.Objects;

/**
 * A request an emulator received that the real provider's published API does not allow, such as a filter type a
 * field does not support, a page size above the documented maximum or an offset out of its documented range. The
 * emulator answers it as the real API answers it (usually a 400) and keeps it in the journal, so that a test can
 * assert that the code under test never steps outside the contract:
 *
 * <pre>{@code
 * assertThat(emulator.journal().contractViolations()).isEmpty();
 * }</pre>
 *
 * <p>What a request did wrong at run time that the contract foresees (an expired token, an unknown desktop id, a
 * throttling answer) is no violation: the real API answers those too and a client must handle them.
 *
 * @param request the request as received
 * @param rule the rule of the published API it broke, in words, e.g.
 *             {@code "size must be between 1 and 1000 (Horizon pagination)"}
 */
public record ContractViolation(RecordedRequest request, String rule) {

    /**
     * Checks the components.
     *
     * @param request the request as received
     * @param rule the rule of the published API it broke, in words
     * @throws NullPointerException if {@code request} or {@code rule} is {@code null}
     */
    public ContractViolation {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(rule, "rule");
    }

    @Override
    public String toString() {
        return "ContractViolation[" + rule + ": " + request + "]";
    }
}
