package io.desknotify.store.jdbc;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.Outcome;
import io.desknotify.api.Page;
import io.desknotify.api.RecordQuery;
import io.desknotify.api.Target;
import io.desknotify.api.TargetKind;
import io.desknotify.api.spi.RecordStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Delivery records in the application's own database: one row per job and target in {@code desknotify_record},
 * written in JDBC batches inside one transaction per {@link #save}, so that every instance of an application using
 * the same database reads the records of every job, and they survive a restart. PostgreSQL (10 or later) is the
 * production database; H2 (2.x) serves where a database is wanted without a server.
 *
 * <p>The schema is the versioned script {@value #MIGRATIONS}{@code /V1__desknotify_record.sql}: give Flyway that
 * location (or run it with Liquibase or by hand). {@link Builder#createSchema(boolean) createSchema(true)} runs it
 * when the table is missing, for demos and tests.
 *
 * <p>What the database keeps differs from the record saved in two ways, both documented on the columns: times are
 * kept to the microsecond, and an error message longer than {@value #MAX_ERROR_MESSAGE} characters (an error code
 * or request id longer than {@value #MAX_CODE}) is cut to that length, ending in {@code …}. Ids fit as the API
 * allows them (512 characters); a provider job id longer than 1,024 characters fails the save.
 *
 * <p>Thread-safe: each call takes a connection from the data source and returns it. A failure of the database is
 * thrown as a {@link JdbcStoreException} naming the operation and the SQL state; nothing of a record is in its
 * message.
 *
 * <pre>{@code
 * RecordStore store = JdbcRecordStore.builder(dataSource).build();
 * Notifier notifier = Notifier.builder().transport(transport).recordStore(store).build();
 * }</pre>
 */
public final class JdbcRecordStore implements RecordStore {
    /** Where the migration scripts are on the class path, in Flyway's notation. */
    public static final String MIGRATIONS = "classpath:db/migration/desknotify";
    /** The longest error message kept; longer ones are cut. */
    public static final int MAX_ERROR_MESSAGE = 4000;
    /** The longest error code and request id kept; longer ones are cut. */
    public static final int MAX_CODE = 256;

    private static final String COLUMNS = "job_id, target_kind, target_value, target_provider, requested_kind,"
            + " requested_value, requested_provider, provider, outcome, provider_job_id, error_code, error_message,"
            + " request_id, attempts, first_attempt_at, updated_at";
    private static final String SCRIPT = "db/migration/desknotify/V1__desknotify_record.sql";

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final int batchSize;

    private JdbcRecordStore(Builder b, SqlDialect dialect) {
        this.dataSource = b.dataSource;
        this.dialect = dialect;
        this.batchSize = b.batchSize;
    }

    /**
     * Starts a store over a data source; the database is asked which it is when {@link Builder#build()} is called.
     *
     * @param dataSource the application's data source
     * @return a builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void save(List<DeliveryRecord> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(dialect.upsert("desknotify_record", COLUMNS,
                    "job_id, target_kind, target_value"))) {
                int pending = 0;
                for (DeliveryRecord r : records) {
                    bind(ps, r);
                    ps.addBatch();
                    if (++pending == batchSize) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw JdbcStoreException.of("saving " + records.size() + " records", e);
        }
    }

    private static void bind(PreparedStatement ps, DeliveryRecord r) throws SQLException {
        Target t = r.target();
        Target requested = r.requestedTarget();
        boolean same = requested.equals(t);
        ps.setString(1, r.jobId());
        ps.setString(2, t.kind().name());
        ps.setString(3, t.value());
        ps.setString(4, t.provider());
        ps.setString(5, same ? null : requested.kind().name());
        ps.setString(6, same ? null : requested.value());
        ps.setString(7, same ? null : requested.provider());
        ps.setString(8, r.provider());
        ps.setString(9, r.outcome().name());
        ps.setString(10, r.providerJobId().orElse(null));
        ps.setString(11, r.errorCode().map(c -> clip(c, MAX_CODE)).orElse(null));
        ps.setString(12, r.errorMessage().map(m -> clip(m, MAX_ERROR_MESSAGE)).orElse(null));
        ps.setString(13, r.requestId().map(id -> clip(id, MAX_CODE)).orElse(null));
        ps.setInt(14, r.attempts());
        setTime(ps, 15, r.firstAttemptAt().orElse(null));
        setTime(ps, 16, r.updatedAt());
    }

    private static void setTime(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(t.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    @Override
    public Page<DeliveryRecord> query(RecordQuery query) {
        Objects.requireNonNull(query, "query");
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        query.jobId().ifPresent(id -> {
            where.append(" AND job_id = ?");
            params.add(id);
        });
        if (!query.outcomes().isEmpty()) {
            where.append(" AND outcome IN (");
            String comma = "";
            for (Outcome o : query.outcomes()) {
                where.append(comma).append('?');
                params.add(o.name());
                comma = ", ";
            }
            where.append(')');
        }
        query.provider().ifPresent(p -> {
            where.append(" AND provider = ?");
            params.add(p);
        });
        query.target().ifPresent(t -> {
            // the target as delivered or as asked for (a user resolved to desktops matches each of them)
            where.append(" AND (target_kind = ? AND target_value = ? OR requested_kind = ? AND requested_value = ?)");
            params.add(t.kind().name());
            params.add(t.value());
            params.add(t.kind().name());
            params.add(t.value());
            if (t.provider() != null) {
                where.append(" AND provider = ?");
                params.add(t.provider());
            }
        });
        String order = switch (query.sort()) {
            case RECORDED -> " ORDER BY seq";
            case UPDATED_DESC -> " ORDER BY updated_at DESC, seq";
            case UPDATED_ASC -> " ORDER BY updated_at, seq";
        };
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM desknotify_record" + where)) {
                bindAll(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<DeliveryRecord> items = new ArrayList<>(Math.min(query.limit(), 1024));
            if (query.offset() < total) {
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM desknotify_record" + where
                        + order + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                    bindAll(ps, params);
                    ps.setLong(params.size() + 1, query.offset());
                    ps.setInt(params.size() + 2, query.limit());
                    try (ResultSet rs = ps.executeQuery()) {
                        DeliveryRecord.Builder b = DeliveryRecord.builder();
                        while (rs.next()) {
                            items.add(read(rs, b));
                        }
                    }
                }
            }
            return new Page<>(items, query.offset(), query.limit(), total);
        } catch (SQLException e) {
            throw JdbcStoreException.of("querying records", e);
        }
    }

    private static void bindAll(PreparedStatement ps, List<String> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }

    private static DeliveryRecord read(ResultSet rs, DeliveryRecord.Builder b) throws SQLException {
        Target target = Target.of(TargetKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4));
        String requestedKind = rs.getString(5);
        Target requested = requestedKind == null ? target
                : Target.of(TargetKind.valueOf(requestedKind), rs.getString(6), rs.getString(7));
        OffsetDateTime first = rs.getObject(15, OffsetDateTime.class);
        return b.jobId(rs.getString(1))
                .target(target)
                .requestedTarget(requested)
                .provider(rs.getString(8))
                .outcome(Outcome.valueOf(rs.getString(9)))
                .providerJobId(rs.getString(10))
                .error(rs.getString(11), rs.getString(12))
                .requestId(rs.getString(13))
                .attempts(rs.getInt(14))
                .firstAttemptAt(first == null ? null : first.toInstant())
                .updatedAt(rs.getObject(16, OffsetDateTime.class).toInstant())
                .build();
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Runs the migration script when {@code desknotify_record} does not exist yet. */
    private static void createSchemaIfMissing(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (tableExists(c)) {
                return;
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String sql : statements(script())) {
                    s.execute(sql);
                }
                c.commit();
            } catch (SQLException e) {
                rollback(c, e);
                // another instance may have created it meanwhile
                if (!tableExists(c)) {
                    throw e;
                }
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw JdbcStoreException.of("creating the schema", e);
        }
    }

    private static boolean tableExists(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true); // on PostgreSQL a failed statement would spoil the transaction around it
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM desknotify_record WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String script() {
        try (InputStream in = JdbcRecordStore.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + SCRIPT, e);
        }
    }

    /** The statements of a script: comment lines dropped, split at semicolons ending a line. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    @Override
    public String toString() {
        return "JdbcRecordStore{" + dialect + ", batchSize=" + batchSize + '}';
    }

    /** Builds a {@link JdbcRecordStore}. Not thread-safe. */
    public static final class Builder {
        private final DataSource dataSource;
        private boolean createSchema;
        private int batchSize = 500;

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * Whether {@link #build()} creates the table when it is missing (default false: the schema is the
         * application's, run by its migrations).
         *
         * @param create true to create it
         * @return this builder
         */
        public Builder createSchema(boolean create) {
            this.createSchema = create;
            return this;
        }

        /**
         * Records per JDBC batch within one save (default 500).
         *
         * @param batchSize at least 1
         * @return this builder
         * @throws IllegalArgumentException when less than 1
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1 but was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Asks the database which it is, creates the schema if told to, and builds the store.
         *
         * @return the store
         * @throws JdbcStoreException when the database cannot be reached or is neither PostgreSQL nor H2
         */
        public JdbcRecordStore build() {
            SqlDialect dialect;
            try (Connection c = dataSource.getConnection()) {
                dialect = SqlDialect.of(c.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw JdbcStoreException.of("connecting to learn the database", e);
            }
            if (createSchema) {
                createSchemaIfMissing(dataSource);
            }
            return new JdbcRecordStore(this, dialect);
        }
    }
}
