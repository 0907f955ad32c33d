package io.desknotify.testkit.internal;

/** How a provider words the errors the server produces on its own (faults, limits, unknown paths). */
public interface Dialect {

    /**
     * @param retryAfterSeconds whole seconds
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
