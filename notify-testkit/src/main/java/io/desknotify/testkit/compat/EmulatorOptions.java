package io.desknotify.testkit.compat;

/**
 * How the kit wants an emulator started: the provider's emulator builder gets these two values, the rest of its
 * settings are the provider's own choice.
 *
 * @param seed the seed for the emulator's random decisions (fault triggers, per-target failures), so that a run can
 *     be repeated
 * @param threads the emulator's worker threads; the kit asks for many when faults hold answers back past the
 *     client's deadline, so that requests behind them never wait in the emulator's queue
 */
public record EmulatorOptions(long seed, int threads) {
    /**
     * Checks the values.
     *
     * @param seed the seed
     * @param threads at least 1
     * @throws IllegalArgumentException if {@code threads} is below 1
     */
    public EmulatorOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }
}
