package io.desknotify.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.desknotify.api.DeliveryRecord;
import io.desknotify.api.Outcome;
import io.desknotify.api.Target;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store on a real PostgreSQL server, started by the build from a Maven artifact. */
class PostgresRecordStoreTest extends RecordStoreContract {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    @Test
    void aDatabaseThatStoppedFailsTheSaveNamingTheOperationAndSqlStateButNoRecord() throws IOException {
        EmbeddedPostgres own = EmbeddedPostgres.builder().start();
        JdbcRecordStore onIt;
        try {
            onIt = JdbcRecordStore.builder(own.getPostgresDatabase()).createSchema(true).build();
        } finally {
            own.close();
        }
        DeliveryRecord r = DeliveryRecord.builder().jobId("job-gone").target(Target.desktop("secret-desktop-id"))
                .provider("huawei").outcome(Outcome.DELIVERED).updatedAt(Instant.now()).build();
        assertThatThrownBy(() -> onIt.save(List.of(r)))
                .isInstanceOf(JdbcStoreException.class)
                .hasMessageContaining("saving 1 records")
                .hasMessageContaining("SQL state 08")
                .hasMessageNotContaining("secret-desktop-id")
                .satisfies(e -> assertThat(((JdbcStoreException) e).sqlState()).hasValueSatisfying(
                        s -> assertThat(s).startsWith("08")));
    }
}
