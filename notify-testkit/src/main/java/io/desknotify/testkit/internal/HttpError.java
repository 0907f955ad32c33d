package io.desknotify.testkit.internal;

/** Thrown by a handler to answer with an error response right away. */
public final class HttpError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Response response;

    /** @param response the answer */
    public HttpError(Response response) {
        super("HTTP " + response.status(), null, false, false);
        this.response = response;
    }

    /** @return the answer */
    public Response response() {
        return response;
    }
}
