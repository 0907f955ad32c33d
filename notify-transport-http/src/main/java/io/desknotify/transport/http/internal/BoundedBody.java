package io.desknotify.transport.http.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body into memory up to a size cap. A body announced ({@code Content-Length}) or found to be
 * larger than the cap is refused with {@link BodyTooLargeException} without reading the rest: the subscription is
 * cancelled, which closes the connection.
 */
public final class BoundedBody {

    /** The default cap, 1 MiB: far above any answer the transports expect. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private BoundedBody() {
    }

    /** A body handler that collects at most {@code maxBytes} bytes. */
    public static HttpResponse.BodyHandler<byte[]> handler(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1 but was " + maxBytes);
        }
        return info -> {
            OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
            if (declared.isPresent() && declared.getAsLong() > maxBytes) {
                return new Refusing(new BodyTooLargeException(info.statusCode(), declared.getAsLong(), maxBytes));
            }
            return new Collecting(info.statusCode(), maxBytes, declared.orElse(-1));
        };
    }

    /** The body was larger than allowed. */
    public static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        BodyTooLargeException(int status, long size, int maxBytes) {
            super("response body of " + (size < 0 ? "more than " + maxBytes : String.valueOf(size))
                    + " bytes refused: the limit is " + maxBytes + " bytes (HTTP " + status + ")");
            this.status = status;
        }

        /** The HTTP status of the answer whose body was refused: a 2xx means the provider accepted the request. */
        public int status() {
            return status;
        }
    }

    private static final class Refusing implements BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result;

        Refusing(IOException failure) {
            this.result = CompletableFuture.failedFuture(failure);
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            // cancelled: nothing is expected
        }

        @Override
        public void onError(Throwable throwable) {
            // the result is already decided
        }

        @Override
        public void onComplete() {
            // the result is already decided
        }
    }

    private static final class Collecting implements BodySubscriber<byte[]> {
        private final int status;
        private final int maxBytes;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        // the body is read straight from the client's buffers into one array, sized by Content-Length when the
        // answer has one, so that a body is copied once and, when its length was announced, never regrown
        private byte[] bytes;
        private int size;
        private Flow.Subscription subscription;
        private boolean done;

        Collecting(int status, int maxBytes, long declared) {
            this.status = status;
            this.maxBytes = maxBytes;
            this.bytes = new byte[declared >= 0 ? (int) declared : Math.min(maxBytes, 1024)];
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        // The Flow contract serializes onNext/onError/onComplete, so no locking is needed.
        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (done) {
                return;
            }
            for (ByteBuffer b : buffers) {
                int n = b.remaining();
                if (size + (long) n > maxBytes) {
                    done = true;
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException(status, -1, maxBytes));
                    return;
                }
                if (size + n > bytes.length) {
                    bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes, Math.max(size + n, 2L * bytes.length)));
                }
                b.get(bytes, size, n);
                size += n;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (!done) {
                done = true;
                result.completeExceptionally(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!done) {
                done = true;
                result.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
            }
        }
    }
}
