package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.desknotify.core.Notifier;
import io.desknotify.testkit.Emulator;
import io.desknotify.testkit.Route;
import io.desknotify.testkit.huawei.HuaweiWorkspaceEmulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Client CPU per target against the Huawei emulator on loopback, outside JMH: the CPU time of every Java thread
 * except the emulator's HTTP server threads (its handler pool, named after the emulator, and the JDK server's
 * dispatcher and timer), summed over the measured sends and divided by the targets sent. Threads that end during the
 * run are counted with the last CPU time seen by a sampler (every 20 ms). The process CPU less the emulator's
 * threads (so with GC and JIT, which the JVM's threads share) is printed beside it.
 *
 * <pre>
 * java -cp benchmarks.jar io.desknotify.benchmarks.ClientCpuHarness [library|sdk|handwritten] [targets] [sends] [warm-up sends]
 * </pre>
 *
 * {@code library}: one {@link Notifier} with the Huawei HTTP transport, batches of 100, 16 in flight, job polling
 * every 10 ms, every job followed to SUCCESS and a record per target (the default in-memory store).
 * {@code sdk}: {@link SdkHuawei}, Huawei's Java SDK from 8 threads, following every job as the library does.
 * {@code handwritten}: {@link HandWrittenHuawei} from 8 threads (no job following, no records), for reference.
 */
public final class ClientCpuHarness {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ClientCpuHarness() {
    }

    /** Last CPU time seen per live or ended thread, by id, and which of them belong to the emulator. */
    private static final class Sampler extends Thread {
        final Map<Long, Long> cpu = new HashMap<>();
        final Map<Long, String> names = new HashMap<>();
        volatile boolean running = true;

        Sampler() {
            super("cpu-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        synchronized void sample() {
            long[] ids = THREADS.getAllThreadIds();
            ThreadInfo[] infos = THREADS.getThreadInfo(ids);
            for (int i = 0; i < ids.length; i++) {
                long t = THREADS.getThreadCpuTime(ids[i]);
                if (t >= 0 && infos[i] != null) {
                    cpu.put(ids[i], t);
                    names.putIfAbsent(ids[i], infos[i].getThreadName());
                }
            }
        }

        /** Client CPU in ns, and per thread group name (digits removed). */
        synchronized long client(Map<String, Long> byGroup) {
            sample();
            long sum = 0;
            for (Map.Entry<Long, Long> e : cpu.entrySet()) {
                String name = names.get(e.getKey());
                String group = name.replaceAll("[0-9]+", "#");
                byGroup.merge(group, e.getValue(), Long::sum);
                if (!emulator(name) && !name.equals("cpu-sampler")) {
                    sum += e.getValue();
                }
            }
            return sum;
        }

        synchronized long emulatorCpu() {
            sample();
            long sum = 0;
            for (Map.Entry<Long, Long> e : cpu.entrySet()) {
                if (emulator(names.get(e.getKey()))) {
                    sum += e.getValue();
                }
            }
            return sum;
        }
    }

    static boolean emulator(String name) {
        return name.startsWith("huawei-emulator") || name.startsWith("desknotify-emulator-")
                || name.startsWith("HTTP-Dispatcher") || name.equals("idle-timeout-task") || name.equals("server-timer");
    }

    /**
     * Runs the measurement and prints the figures.
     *
     * @param args mode ({@code library}, {@code sdk} or {@code handwritten}), targets, measured sends, warm-up sends
     * @throws Exception when a send fails or the emulator did not show every notification
     */
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "library";
        int targets = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int sends = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int batch = 100;
        Providers kind = Providers.HUAWEI;
        Emulator emulator = kind.start(targets, batch, 0);
        List<String> ids = kind.ids(emulator);
        Runnable send;
        AutoCloseable closer;
        if (mode.equals("library")) {
            List<Target> ts = new ArrayList<>(ids.size());
            ids.forEach(id -> ts.add(Target.desktop(id)));
            Notification n = Notification.builder().message(Providers.MESSAGE).build();
            Notifier notifier = Notifier.builder()
                    .transport(kind.transport(emulator, batch))
                    .maxConcurrentBatches(16)
                    .jobPolling(Duration.ofMillis(10), Duration.ofMinutes(1))
                    .build();
            send = () -> {
                JobReport r = notifier.send(n, ts).completion().join();
                if (r.count(Outcome.DELIVERED) != ts.size()) {
                    throw new IllegalStateException("not all delivered: " + r);
                }
            };
            closer = notifier;
        } else if (mode.equals("sdk")) {
            SdkHuawei sdk = new SdkHuawei((HuaweiWorkspaceEmulator) emulator, Providers.ACCESS_KEY,
                    Providers.SECRET_KEY, 8);
            send = () -> {
                int sent = sdk.send(ids, Providers.MESSAGE, batch);
                if (sent != ids.size()) {
                    throw new IllegalStateException("sent " + sent);
                }
            };
            closer = sdk::close;
        } else {
            HandWrittenHuawei hand = new HandWrittenHuawei(emulator.baseUri(),
                    ((HuaweiWorkspaceEmulator) emulator).projectId(), Providers.ACCESS_KEY, Providers.SECRET_KEY);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            int slice = (ids.size() + 7) / 8;
            send = () -> {
                List<Future<Integer>> fs = new ArrayList<>();
                for (int from = 0; from < ids.size(); from += slice) {
                    List<String> part = ids.subList(from, Math.min(ids.size(), from + slice));
                    fs.add(pool.submit(() -> hand.send(part, Providers.MESSAGE, batch)));
                }
                int sent = 0;
                for (Future<Integer> f : fs) {
                    try {
                        sent += f.get();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                if (sent != ids.size()) {
                    throw new IllegalStateException("sent " + sent);
                }
            };
            closer = pool::shutdown;
        }
        Sampler sampler = new Sampler();
        sampler.start();
        for (int i = 0; i < warmup; i++) {
            send.run();
            emulator.journal().clear();
        }
        Map<String, Long> before = new TreeMap<>();
        long client0 = sampler.client(before);
        long emu0 = sampler.emulatorCpu();
        long proc0 = OS.getProcessCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < sends; i++) {
            send.run(); // the journal keeps a counter per target, cleared after the measured sends only
        }
        long wall = System.nanoTime() - wall0;
        Map<String, Long> after = new TreeMap<>();
        long client = sampler.client(after) - client0;
        long emu = sampler.emulatorCpu() - emu0;
        long proc = OS.getProcessCpuTime() - proc0;
        sampler.running = false;
        long n = (long) sends * targets;
        System.out.printf(Locale.ROOT, "%s: %d sends x %d targets, wall %.1f ms/send; client threads %.2f us/target;"
                        + " process minus emulator %.2f us/target; emulator %.2f us/target%n", mode, sends, targets,
                wall / 1e6 / sends, client / 1e3 / n, (proc - emu) / 1e3 / n, emu / 1e3 / n);
        if (System.getProperty("groups") != null) {
            after.forEach((g, v) -> {
                long d = v - before.getOrDefault(g, 0L);
                if (d > 0) {
                    System.out.printf(Locale.ROOT, "  %-40s %8.2f us/target%n", g, d / 1e3 / n);
                }
            });
        }
        for (Route route : Route.values()) {
            int count = emulator.journal().requestCount(route);
            if (count > 0) {
                System.out.printf(Locale.ROOT, "  %-40s %8.2f requests/send%n", route, (double) count / sends);
            }
        }
        long shown = emulator.journal().totalShown();
        if (shown != n) {
            throw new IllegalStateException("the emulator showed " + shown + " notifications, not " + n);
        }
        Providers.checkContract(emulator);
        closer.close();
        emulator.close();
    }
}
