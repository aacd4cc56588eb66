/**
 * The {@code canopy} command line: {@code query} runs a JSON query spec on a database, {@code sql} prints the SQL it
 * renders for a dialect, {@code demo} shows include queries on the Chinook sample database.
 */
@NullMarked
package dev.canopy.cli;

import org.jspecify.annotations.NullMarked;
