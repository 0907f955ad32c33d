package io.desknotify.store.jdbc;

import java.util.Locale;

/** What differs between the databases the store runs on: how a row is inserted or replaced in one statement. */
enum SqlDialect {
    /** PostgreSQL 10 or later: {@code INSERT ... ON CONFLICT DO UPDATE} (MERGE came only with 15). */
    POSTGRESQL {
        @Override
        String upsert(String table, String columns, String key) {
            StringBuilder set = new StringBuilder();
            for (String column : columns.split(",")) {
                String c = column.strip();
                if (!(", " + key + ",").contains(", " + c + ",")) {
                    set.append(set.length() == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
                }
            }
            return "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks(columns) + ") ON CONFLICT (" + key
                    + ") DO UPDATE SET " + set;
        }
    },
    /** H2 2.x: {@code MERGE INTO ... KEY}, which updates only the columns it names, so the row keeps its place. */
    H2 {
        @Override
        String upsert(String table, String columns, String key) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + key + ") VALUES (" + marks(columns) + ")";
        }
    };

    /**
     * One statement that inserts a row or, when a row of the same key exists, replaces its columns.
     *
     * @param table the table
     * @param columns the columns bound, in order, comma separated
     * @param key the columns of the key, comma separated, in the order they appear in {@code columns}
     */
    abstract String upsert(String table, String columns, String key);

    static String marks(String columns) {
        int n = columns.split(",").length;
        return "?" + ", ?".repeat(n - 1);
    }

    /** The dialect of a database by its JDBC product name. */
    static SqlDialect of(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new JdbcStoreException("the JDBC store runs on PostgreSQL or H2, not on " + productName, null, null);
    }
}
