/**
 * MySQL and MariaDB through MySQL Connector/J: {@link dev.canopy.dialect.mysql.MySqlDialect} serves
 * {@code jdbc:mysql:} URLs and hands over to {@link dev.canopy.dialect.mysql.MariaDbDialect} when the server it
 * reaches is MariaDB.
 */
@NullMarked
package dev.canopy.dialect.mysql;

import org.jspecify.annotations.NullMarked;
