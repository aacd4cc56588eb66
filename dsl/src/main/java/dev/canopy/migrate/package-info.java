/**
 * Versioned migrations and seeders, on the schema API: a {@link dev.canopy.migrate.Migrator} finds migrations (Java
 * classes, {@code .java} sources compiled in-process, {@code .sql} files with {@code -- up} and {@code -- down}),
 * orders them by the version their names start with, takes a database lock, runs each pending one in a transaction
 * where the database has transactional DDL, and records it with a checksum in a history table. Seeders are the same
 * runner with their own history (or none).
 */
@NullMarked
package dev.canopy.migrate;

import org.jspecify.annotations.NullMarked;
