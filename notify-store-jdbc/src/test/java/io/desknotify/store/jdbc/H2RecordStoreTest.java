package io.desknotify.store.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The store on H2, the embedded default. */
class H2RecordStoreTest extends RecordStoreContract {
    private static final JdbcDataSource H2 = new JdbcDataSource();

    static {
        H2.setURL("jdbc:h2:mem:records;DB_CLOSE_DELAY=-1");
    }

    @Override
    DataSource dataSource() {
        return H2;
    }
}
