package io.desknotify.transport.http.horizon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.desknotify.api.Notification;
import io.desknotify.api.Severity;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.TransportException;
import io.desknotify.api.spi.Batch;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Shared helpers of the Horizon transport tests. */
final class HorizonTestSupport {
    static final String DOMAIN = "DESKNOTIFY";
    static final String USER = "svc-notify";
    static final String PASSWORD = "Pa55-w0rd!\"\\ quoted";

    private HorizonTestSupport() {
    }

    static HorizonTransport.Builder transport(URI baseUri) {
        return HorizonTransport.builder()
                .baseUri(baseUri)
                .domain(DOMAIN)
                .username(USER)
                .password(PASSWORD.toCharArray())
                .requestTimeout(Duration.ofSeconds(5))
                .connectTimeout(Duration.ofSeconds(2));
    }

    static Notification notification(Severity severity) {
        return Notification.builder().message("Maintenance in 15 minutes, please save your work")
                .severity(severity).build();
    }

    static Batch batch(List<String> sessionIds) {
        return batch(sessionIds, Severity.WARNING);
    }

    static Batch batch(List<String> sessionIds, Severity severity) {
        return new Batch("job-1", TargetKind.SESSION, sessionIds.stream().map(Target::session).map(t -> (Target) t)
                .toList(), notification(severity), 1);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("expected success but failed with " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The exception the stage failed with, which must be a TransportException itself (not wrapped). */
    static TransportException failure(CompletionStage<?> stage) {
        try {
            Object v = stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
            return fail("expected a failure but got " + v);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TransportException.class);
            return (TransportException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
