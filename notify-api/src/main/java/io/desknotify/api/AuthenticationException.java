package io.desknotify.api;

/**
 * The provider refused our credentials (HTTP 401/403, bad signature, expired token that could not be renewed).
 * Never retried: some providers lock a key after a few bad signatures.
 */
public class AuthenticationException extends TransportException {
    private static final long serialVersionUID = 1L;

    private AuthenticationException(TransportException.Builder builder) {
        super(builder);
    }

    /**
     * Creates an authentication failure; its retryability is always {@link Retryability#FATAL}.
     *
     * @param provider   the transport name
     * @param httpStatus the HTTP status of the answer, or 0
     * @param errorCode  the provider's error code, or {@code null}
     * @param requestId  the provider's request id, or {@code null}
     * @param message    what was refused, without any secret
     * @return the exception
     */
    public static AuthenticationException of(String provider, int httpStatus, String errorCode, String requestId,
            String message) {
        return new AuthenticationException(TransportException.builder(Retryability.FATAL, message)
                .provider(provider).httpStatus(httpStatus).errorCode(errorCode).requestId(requestId));
    }
}
