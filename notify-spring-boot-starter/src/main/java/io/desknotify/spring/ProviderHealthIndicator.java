package io.desknotify.spring;

import io.desknotify.core.Notifier;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP when one provider of a notifier answers its health check (reachable, credentials accepted) within the
 * timeout; DOWN with the error's type and message otherwise. Transport error messages hold no secrets.
 */
final class ProviderHealthIndicator implements HealthIndicator {
    private final Notifier notifier;
    private final String provider;
    private final Duration timeout;

    ProviderHealthIndicator(Notifier notifier, String provider, Duration timeout) {
        this.notifier = notifier;
        this.provider = provider;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        CompletableFuture<Void> check;
        try {
            check = notifier.checkHealth(provider).toCompletableFuture();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
        try {
            check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up().build();
        } catch (TimeoutException e) {
            check.cancel(true);
            return Health.down().withDetail("error", "no answer within " + timeout).build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause() != null ? e.getCause() : e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().withDetail("error", "interrupted").build();
        }
    }

    @Override
    public String toString() {
        return "ProviderHealthIndicator{provider=" + provider + ", timeout=" + timeout + '}';
    }
}
