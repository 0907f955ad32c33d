/**
 * Delivery records in the application's own database over JDBC:
 * {@link io.desknotify.store.jdbc.JdbcRecordStore}, on PostgreSQL or H2, with its schema as a versioned SQL script
 * for Flyway or Liquibase ({@value io.desknotify.store.jdbc.JdbcRecordStore#MIGRATIONS}). No ORM and no
 * dependency beyond the JDK's {@code java.sql}; the application brings the driver and the data source.
 */
package io.desknotify.store.jdbc;
