/**
 * The {@code canopy} command line: {@code query} runs a JSON query spec on a database, {@code sql} prints the SQL it
 * renders for a dialect,
 * {@code translate} turns a SQL SELECT with joins into a query spec, Java or Kotlin, {@code models} reads the models of a live
 * database, {@code demo} shows include queries on the Chinook sample database.
 */
@NullMarked
package dev.canopy.cli;

import org.jspecify.annotations.NullMarked;
