/** PostgreSQL through the PostgreSQL JDBC driver: {@link dev.canopy.dialect.postgres.PostgresDialect}. */
@NullMarked
package dev.canopy.dialect.postgres;

import org.jspecify.annotations.NullMarked;
