package io.desknotify.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A request to a provider failed as a whole. Carries what the provider said (HTTP status, error code, request
 * id) and, decisively for retries, whether the provider may have acted on the request: see {@link Retryability}.
 *
 * <p>A provider's rejection of individual targets is not an exception: it is data in the batch result.
 */
public class TransportException extends NotifyException {
    private static final long serialVersionUID = 1L;

    /** Whether repeating the failed request is safe. */
    public enum Retryability {
        /** The provider provably did not act (connection refused, throttled, 503 before processing): safe to retry. */
        RETRYABLE,
        /** The provider may or may not have acted (timeout or 5xx after the request was sent): retrying may duplicate. */
        AMBIGUOUS,
        /** Repeating cannot help (bad request, authentication, unknown resource). */
        FATAL
    }

    /** The provider (transport name) that failed. */
    private final String provider;
    /** The HTTP status of the answer, or 0. */
    private final int httpStatus;
    /** The provider's error code, or {@code null}. */
    private final String errorCode;
    /** The provider's request id, or {@code null}. */
    private final String requestId;
    /** Whether repeating the request is safe. */
    private final Retryability retryability;
    /** Whether the provider said "too many requests". */
    private final boolean throttled;
    /** How long the provider asked us to wait; not serialized. */
    private final transient Duration retryAfter;

    /**
     * Creates the exception from a builder; for subclasses such as {@link AuthenticationException}.
     *
     * @param builder the filled builder
     */
    protected TransportException(Builder builder) {
        super(builder.message, builder.cause);
        this.provider = builder.provider;
        this.httpStatus = builder.httpStatus;
        this.errorCode = builder.errorCode;
        this.requestId = builder.requestId;
        this.retryability = builder.retryability;
        this.throttled = builder.throttled;
        this.retryAfter = builder.retryAfter;
    }

    /**
     * Starts an exception.
     *
     * @param retryability whether the provider may have acted on the request
     * @param message      what failed, without any secret
     * @return a new builder
     * @throws IllegalArgumentException when {@code retryability} is null
     */
    public static Builder builder(Retryability retryability, String message) {
        return new Builder(retryability, message);
    }

    /**
     * The provider (transport name) that failed.
     *
     * @return the provider name, or {@code null}
     */
    public String provider() {
        return provider;
    }

    /**
     * The HTTP status of the answer.
     *
     * @return the status, or 0 when there was none (I/O failure, timeout)
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The provider's error code (e.g. {@code WKS.0001}, {@code APIG.0308}).
     *
     * @return the code, or {@code null}
     */
    public String errorCode() {
        return errorCode;
    }

    /**
     * The provider's request id (e.g. Huawei's {@code X-Request-Id}).
     *
     * @return the request id, or {@code null}
     */
    public String requestId() {
        return requestId;
    }

    /**
     * Whether repeating the failed request is safe.
     *
     * @return the retryability
     */
    public Retryability retryability() {
        return retryability;
    }

    /**
     * True when the provider said "too many requests": the sender should slow down.
     *
     * @return whether the provider throttled the request
     */
    public boolean throttled() {
        return throttled;
    }

    /**
     * How long the provider asked us to wait before trying again, if it said.
     *
     * @return the wait, or empty
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Builds {@link TransportException}s; subclasses pass it to the protected constructor. */
    public static final class Builder {
        private final Retryability retryability;
        private final String message;
        private Throwable cause;
        private String provider;
        private int httpStatus;
        private String errorCode;
        private String requestId;
        private boolean throttled;
        private Duration retryAfter;

        private Builder(Retryability retryability, String message) {
            if (retryability == null) {
                throw new IllegalArgumentException("retryability must not be null");
            }
            this.retryability = retryability;
            this.message = message;
        }

        /**
         * Sets the transport name.
         *
         * @param provider the transport name
         * @return this builder
         */
        public Builder provider(String provider) {
            this.provider = provider;
            return this;
        }

        /**
         * Sets the HTTP status of the answer.
         *
         * @param httpStatus the HTTP status of the answer, 0 when there was none
         * @return this builder
         */
        public Builder httpStatus(int httpStatus) {
            this.httpStatus = httpStatus;
            return this;
        }

        /**
         * Sets the provider's error code.
         *
         * @param errorCode the provider's error code, or {@code null}
         * @return this builder
         */
        public Builder errorCode(String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        /**
         * Sets the provider's request id.
         *
         * @param requestId the provider's request id, or {@code null}
         * @return this builder
         */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * Sets whether the provider said "too many requests".
         *
         * @param throttled whether the provider said "too many requests"
         * @return this builder
         */
        public Builder throttled(boolean throttled) {
            this.throttled = throttled;
            return this;
        }

        /**
         * Sets how long the provider asked us to wait.
         *
         * @param retryAfter the wait, not negative, or {@code null} when it did not say
         * @return this builder
         * @throws IllegalArgumentException when negative
         */
        public Builder retryAfter(Duration retryAfter) {
            if (retryAfter != null && retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
            this.retryAfter = retryAfter;
            return this;
        }

        /**
         * Sets the underlying failure.
         *
         * @param cause the underlying failure
         * @return this builder
         */
        public Builder cause(Throwable cause) {
            this.cause = cause;
            return this;
        }

        /**
         * Builds the exception.
         *
         * @return the exception
         */
        public TransportException build() {
            return new TransportException(this);
        }

        Retryability retryability() {
            return retryability;
        }
    }
}
