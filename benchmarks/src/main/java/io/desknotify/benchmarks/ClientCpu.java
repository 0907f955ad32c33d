package io.desknotify.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the client alone while client and emulator share one JVM, for {@link PeerBenchmark}: the JVM's
 * threads are split by name into the emulator's and everybody else's, and each side's thread CPU time is summed
 * over a window.
 *
 * <p>The emulator's threads are those its {@code EmulatorServer} (notify-testkit, internal) starts, named
 * {@code huawei-emulator-N} or {@code horizon-emulator-N}, and the three the JDK's {@code HttpServer} under it
 * starts ({@code HTTP-Dispatcher}, {@code idle-timeout-task}, {@code req-rsp-timeout-task}); see
 * {@link #EMULATOR_THREADS}. Every other Java thread is the client's: the library's workers, the JDK
 * {@code HttpClient}'s selector and worker threads, OkHttp's threads under the SDK, the loops' own pools, and the
 * JMH thread that calls the send and waits for it.
 *
 * <p>Threads that end inside the window take their CPU time with them ({@code ThreadMXBean} only knows live
 * threads), so a sampler thread reads every thread's CPU time every {@value #SAMPLE_MS} ms and a thread that is
 * gone at the end counts with its last sample. The sampler itself is measurement and counts on neither side.
 *
 * <p>What is out: the JVM's own threads, which are not Java threads (garbage collection, JIT compilation, VM
 * operations), cannot be split between client and emulator, which share one heap and one code cache; they are
 * reported apart as {@link Window#vmNanos()}: the process's CPU time minus every Java thread's, for both sides
 * together, and include whatever a thread that lived shorter than one sample spent. The bytes the client's threads
 * allocated ({@link Window#clientAllocatedBytes()}) say how much of the collector's work the client caused.
 *
 * <p>To audit the split, run with {@code -Dpeers.threads=true} (for JMH: {@code -jvmArgsAppend -Dpeers.threads=true}):
 * every window then prints each thread's side, name and CPU milliseconds to standard error.
 */
final class ClientCpu {

    /** Name prefixes of the emulator's threads, from the testkit's {@code EmulatorServer} and the JDK server. */
    static final List<String> EMULATOR_THREADS = List.of("huawei-emulator-", "horizon-emulator-", "HTTP-Dispatcher",
            "idle-timeout-task", "req-rsp-timeout-task");

    static final int SAMPLE_MS = 10;

    private static final boolean PRINT_THREADS = Boolean.getBoolean("peers.threads");

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static {
        if (!THREADS.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    private ClientCpu() {
    }

    /** Starts measuring; {@link Window#stop()} ends it. */
    static Window start() {
        return new Window();
    }

    /** The CPU time of one window, split between client, emulator and the JVM itself. */
    static final class Window {
        /** Per thread id: {cpu nanos, allocated bytes}, at the start, and the latest seen. */
        private final Map<Long, long[]> first = new HashMap<>();
        private final Map<Long, long[]> latest = new HashMap<>();
        /** Per thread id: whether it is one of the emulator's. */
        private final Map<Long, Boolean> emulator = new HashMap<>();
        private final Map<Long, String> names = new HashMap<>();
        private final long processStart;
        private final Thread sampler;
        private volatile boolean running = true;
        private long clientNanos;
        private long emulatorNanos;
        private long vmNanos;
        private long clientAllocated;
        private long samplerNanos;

        private Window() {
            sampler = new Thread(this::sampleUntilStopped, "peer-cpu-sampler");
            sampler.setDaemon(true);
            synchronized (this) {
                sample(first);
                latest.putAll(first);
                processStart = OS.getProcessCpuTime();
            }
            sampler.start();
        }

        private void sampleUntilStopped() {
            while (running) {
                try {
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    sample(latest);
                }
            }
        }

        /** Reads every live thread's CPU time and allocated bytes into {@code into}. */
        private void sample(Map<Long, long[]> into) {
            long[] ids = THREADS.getAllThreadIds();
            long[] cpu = THREADS.getThreadCpuTime(ids);
            long[] bytes = THREADS.getThreadAllocatedBytes(ids);
            for (int i = 0; i < ids.length; i++) {
                if (cpu[i] < 0) {
                    continue; // ended between the two calls
                }
                if (!emulator.containsKey(ids[i])) {
                    ThreadInfo info = THREADS.getThreadInfo(ids[i], 0);
                    if (info == null) {
                        continue;
                    }
                    emulator.put(ids[i], isEmulator(info.getThreadName()));
                    names.put(ids[i], info.getThreadName());
                }
                into.put(ids[i], new long[] {cpu[i], bytes[i]});
            }
        }

        private static boolean isEmulator(String name) {
            for (String prefix : EMULATOR_THREADS) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }

        /** Ends the window; the figures are then fixed. */
        Window stop() {
            running = false;
            sampler.interrupt();
            try {
                sampler.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long process;
            synchronized (this) {
                process = OS.getProcessCpuTime();
                sample(latest);
            }
            long samplerId = sampler.getId();
            long javaThreads = 0;
            StringBuilder list = new StringBuilder();
            for (Map.Entry<Long, long[]> e : latest.entrySet()) {
                long[] start = first.getOrDefault(e.getKey(), new long[2]);
                long cpu = e.getValue()[0] - start[0];
                javaThreads += cpu;
                if (PRINT_THREADS && cpu > 0) {
                    String side = e.getKey() == samplerId ? "sampler"
                            : emulator.get(e.getKey()) ? "emulator" : "client";
                    list.append(String.format(java.util.Locale.ROOT, "  %-8s %8.1f ms  %s%n", side, cpu / 1e6,
                            names.get(e.getKey())));
                }
                if (e.getKey() == samplerId) {
                    samplerNanos = cpu;
                } else if (emulator.get(e.getKey())) {
                    emulatorNanos += cpu;
                } else {
                    clientNanos += cpu;
                    clientAllocated += e.getValue()[1] - start[1];
                }
            }
            // the sampler's last slice after its final sample is lost; it can only make vmNanos a little larger
            vmNanos = Math.max(0, process - processStart - javaThreads);
            if (PRINT_THREADS) {
                System.err.printf(java.util.Locale.ROOT,
                        "peer CPU window: client %.1f ms, emulator %.1f ms, JVM %.1f ms%n%s", clientNanos / 1e6,
                        emulatorNanos / 1e6, vmNanos / 1e6, list);
            }
            return this;
        }

        /** CPU time of the client's Java threads. */
        long clientNanos() {
            return clientNanos;
        }

        /** CPU time of the emulator's threads. */
        long emulatorNanos() {
            return emulatorNanos;
        }

        /** CPU time of the JVM's own threads (GC, JIT, VM operations), client and emulator together. */
        long vmNanos() {
            return vmNanos;
        }

        /** Bytes allocated by the client's Java threads. */
        long clientAllocatedBytes() {
            return clientAllocated;
        }

        /** CPU time of the sampler, for the record. */
        long samplerNanos() {
            return samplerNanos;
        }
    }
}
