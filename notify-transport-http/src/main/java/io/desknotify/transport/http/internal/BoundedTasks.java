package io.desknotify.transport.http.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks with at most a given number in flight, for lookups a provider makes one target at a time
 * (a session looked up by id, a user's sessions searched): enough in parallel to be quick, few enough not to be
 * throttled. A task that completed at once is followed in a loop rather than a nested call, so the stack stays flat
 * without handing each step to {@code CompletableFuture}'s default async executor (a new thread per step on a
 * 2-CPU machine).
 */
public final class BoundedTasks {

    private BoundedTasks() {
    }

    /**
     * @param tasks       each starts one asynchronous piece of work
     * @param parallelism the most tasks in flight, at least 1
     * @return completes when every task did, or exceptionally with the first failure (the rest are not started)
     */
    public static CompletableFuture<Void> run(List<Supplier<CompletableFuture<Void>>> tasks, int parallelism) {
        Checks.atLeast(parallelism, 1, "parallelism");
        AtomicInteger next = new AtomicInteger();
        int workers = Math.min(parallelism, tasks.size());
        CompletableFuture<?>[] all = new CompletableFuture<?>[workers];
        for (int i = 0; i < workers; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            runFrom(tasks, next, done);
            all[i] = done;
        }
        return CompletableFuture.allOf(all);
    }

    private static void runFrom(List<Supplier<CompletableFuture<Void>>> tasks, AtomicInteger next,
            CompletableFuture<Void> done) {
        while (true) {
            int i = next.getAndIncrement();
            if (i >= tasks.size()) {
                done.complete(null);
                return;
            }
            CompletableFuture<Void> f;
            try {
                f = tasks.get(i).get();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            if (f.isDone() && !f.isCompletedExceptionally()) {
                continue;
            }
            f.whenComplete((v, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    runFrom(tasks, next, done);
                }
            });
            return;
        }
    }
}
