package io.desknotify.testkit.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.JobReport;
import io.desknotify.api.NotifyListener;
import io.desknotify.api.Outcome;
import io.desknotify.api.TargetKind;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything a run shows to the outside, collected so that a test can search it for secrets: every
 * {@code java.util.logging} / {@code System.Logger} record at level ALL (message, parameters, formatted text,
 * thrown exception and its cause chain), everything written to {@code System.out} and {@code System.err}, every
 * listener event (including the exceptions handed to {@code retryScheduled}), job reports and their failures,
 * delivery records field by field, and Micrometer meter names, descriptions and tags.
 *
 * <p>Install with {@link #start()}, always {@link #stop()}.
 */
final class OutputCapture implements NotifyListener {
    private static final Logger DESKNOTIFY = Logger.getLogger("io.desknotify");
    private static final Logger ROOT = Logger.getLogger("");

    private final ConcurrentLinkedQueue<String> texts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger logRecords = new AtomicInteger();
    private final AtomicInteger listenerEvents = new AtomicInteger();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logRecords.incrementAndGet();
            texts.add(String.valueOf(r.getLoggerName()));
            texts.add(String.valueOf(r.getMessage()));
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    texts.add(String.valueOf(p));
                }
            }
            texts.add(formatter.format(r));
            throwable(r.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Level previousLevel;
    private PrintStream previousOut;
    private PrintStream previousErr;

    void start() {
        previousLevel = DESKNOTIFY.getLevel();
        DESKNOTIFY.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        ROOT.addHandler(handler);
        previousOut = System.out;
        previousErr = System.err;
        System.setOut(new PrintStream(new Tee(previousOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(previousErr), true, StandardCharsets.UTF_8));
    }

    void stop() {
        ROOT.removeHandler(handler);
        DESKNOTIFY.setLevel(previousLevel);
        if (previousOut != null) {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }

    int logRecords() {
        return logRecords.get();
    }

    int listenerEvents() {
        return listenerEvents.get();
    }

    void text(Object o) {
        texts.add(String.valueOf(o));
    }

    void throwable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            texts.add(c.getClass().getName());
            texts.add(String.valueOf(c.getMessage()));
            texts.add(String.valueOf(c.getLocalizedMessage()));
            texts.add(c.toString());
            for (Throwable s : c.getSuppressed()) {
                throwable(s);
            }
        }
    }

    void report(JobReport report) {
        texts.add(report.toString());
        texts.add(report.counts().toString());
        report.failure().ifPresent(this::throwable);
    }

    void records(Collection<DeliveryRecord> records) {
        for (DeliveryRecord r : records) {
            texts.add(r.toString());
            texts.add(r.jobId());
            texts.add(r.target().toString());
            texts.add(r.target().value());
            texts.add(r.provider());
            r.errorCode().ifPresent(texts::add);
            r.errorMessage().ifPresent(texts::add);
            r.requestId().ifPresent(texts::add);
            r.providerJobId().ifPresent(texts::add);
        }
    }

    void meters(MeterRegistry registry) {
        for (Meter m : registry.getMeters()) {
            Meter.Id id = m.getId();
            texts.add(id.toString());
            texts.add(id.getName());
            texts.add(String.valueOf(id.getDescription()));
            texts.add(String.valueOf(id.getBaseUnit()));
            for (Tag t : id.getTags()) {
                texts.add(t.getKey());
                texts.add(t.getValue());
            }
        }
    }

    /** Fails naming the secret and where it showed when any captured text contains any of {@code secrets}. */
    void assertNoneOf(Set<String> secrets) {
        String consoleText = console.toString(StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(texts);
        all.add(consoleText);
        for (String secret : secrets) {
            assertThat(secret).isNotBlank();
            for (String text : all) {
                if (text.contains(secret)) {
                    throw new AssertionError("a secret (" + secret.length() + " characters, starting "
                            + secret.substring(0, Math.min(4, secret.length())) + ") showed in: " + text);
                }
            }
        }
    }

    /** How many texts were captured (to prove a scan was not vacuous). */
    int size() {
        return texts.size() + (console.size() > 0 ? 1 : 0);
    }

    // ---- listener: every argument becomes text

    @Override
    public void jobStarted(String jobId, int targets) {
        listenerEvents.incrementAndGet();
        texts.add(jobId);
    }

    @Override
    public void batchFinished(String provider, TargetKind kind, int size, int attempts, Duration latency,
            boolean success) {
        listenerEvents.incrementAndGet();
        texts.add(provider);
    }

    @Override
    public void retryScheduled(String provider, int attempt, Duration delay, Throwable cause) {
        listenerEvents.incrementAndGet();
        texts.add(provider);
        throwable(cause);
    }

    @Override
    public void throttled(String provider, Duration retryAfter) {
        listenerEvents.incrementAndGet();
        texts.add(provider);
    }

    @Override
    public void targetsFinished(String provider, Outcome outcome, int count) {
        listenerEvents.incrementAndGet();
        texts.add(provider);
    }

    @Override
    public void jobFinished(JobReport report) {
        listenerEvents.incrementAndGet();
        report(report);
    }

    /** Copies console output to the original stream and keeps it. */
    private final class Tee extends OutputStream {
        private final PrintStream original;

        Tee(PrintStream original) {
            this.original = original;
        }

        @Override
        public void write(int b) {
            synchronized (console) {
                console.write(b);
            }
            original.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (console) {
                console.write(b, off, len);
            }
            original.write(b, off, len);
        }
    }
}
