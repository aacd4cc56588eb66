/**
 * Execute: runs rendered statements on a JDBC {@link javax.sql.DataSource} (HikariCP by default), reports each
 * statement with its duration and the rows it read, and turns vendor errors into Canopy's unchecked exceptions.
 */
@NullMarked
package dev.canopy.exec;

import org.jspecify.annotations.NullMarked;
