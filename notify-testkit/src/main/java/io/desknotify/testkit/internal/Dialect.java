package io.desknotify.testkit.internal;

/**
 * How a provider words the errors the server produces on its own (faults, limits, unknown paths). Each answer is
 * the provider's status, error body and headers exactly as its documentation gives them.
 */
public interface Dialect {

    /**
     * Answers a request refused by a {@link io.desknotify.testkit.RequestLimit} or an injected throttling fault.
     *
     * @param retryAfterSeconds whole seconds until the request would be admitted, at least 1 (for a fault, its
     *     duration); put it in the provider's own retry header, or in none if the provider documents none
     * @return 429 in the provider's words
     */
    Response throttled(long retryAfterSeconds);

    /** @return 500 in the provider's words */
    Response serverError();

    /**
     * @param retryAfterSeconds whole seconds
     * @return 503 in the provider's words
     */
    Response unavailable(long retryAfterSeconds);

    /** @return 401 as for an expired credential */
    Response unauthorized();

    /**
     * @param message what is wrong with the request
     * @return 400 in the provider's words
     */
    Response badRequest(String message);

    /**
     * @param method method
     * @param path raw path
     * @return 404 for a path the emulator does not know
     */
    Response notFound(String method, String path);
}
