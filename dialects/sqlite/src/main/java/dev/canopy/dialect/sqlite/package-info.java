/** SQLite through the xerial driver: {@link dev.canopy.dialect.sqlite.SqliteDialect}. */
@NullMarked
package dev.canopy.dialect.sqlite;

import org.jspecify.annotations.NullMarked;
