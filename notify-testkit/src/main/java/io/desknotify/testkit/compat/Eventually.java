package io.desknotify.testkit.compat;

import java.time.Duration;

/** Repeats an assertion until it holds or a deadline passes, so that the kit needs no polling library. */
final class Eventually {
    private Eventually() {
    }

    static void untilAsserted(Duration atMost, Duration pollInterval, Runnable assertion) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    static void untilAsserted(Duration atMost, Runnable assertion) {
        untilAsserted(atMost, Duration.ofMillis(50), assertion);
    }

    static void until(Duration atMost, java.util.function.BooleanSupplier condition, String what) {
        untilAsserted(atMost, () -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("not within " + atMost + ": " + what);
            }
        });
    }
}
