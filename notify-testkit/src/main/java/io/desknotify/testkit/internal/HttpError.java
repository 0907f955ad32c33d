package io.desknotify.testkit.internal;

/**
 * Thrown by a handler to answer with an error response right away. Made by {@link #outOfContract} when the request
 * broke a rule of the provider's published API: the server then also journals it as a
 * {@link io.desknotify.testkit.ContractViolation}.
 */
public final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;
    private final String rule;

    /** @param response the answer, to a request the contract foresees (an unknown id, an expired token) */
    public HttpError(Response response) {
        this(response, null);
    }

    private HttpError(Response response, String rule) {
        super("HTTP " + response.status() + (rule == null ? "" : ": " + rule), null, false, false);
        this.response = response;
        this.rule = rule;
    }

    /**
     * An answer to a request the published API does not allow.
     *
     * @param response what the real API answers to it
     * @param rule the rule broken, in words, for the journal
     * @return the error to throw
     */
    public static HttpError outOfContract(Response response, String rule) {
        return new HttpError(response, java.util.Objects.requireNonNull(rule, "rule"));
    }

    /** @return the answer */
    public Response response() {
        return response;
    }

    /** @return the rule of the published API the request broke, or {@code null} when it broke none */
    public String rule() {
        return rule;
    }
}
