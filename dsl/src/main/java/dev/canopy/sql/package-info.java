/**
 * SQL you can see: the statements Canopy renders ({@link dev.canopy.sql.SqlStatement}) and the events a
 * {@link dev.canopy.sql.StatementListener} is told of as each one runs.
 */
@NullMarked
package dev.canopy.sql;

import org.jspecify.annotations.NullMarked;
