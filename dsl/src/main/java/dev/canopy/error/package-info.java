/**
 * Canopy's unchecked exceptions. A user catches {@link dev.canopy.error.UniqueConstraintException}, never parses a
 * driver's message; a mistake Canopy can see (an unknown alias, a column of the wrong model) is a
 * {@link dev.canopy.error.QueryException} or {@link dev.canopy.error.SchemaException} before any SQL runs.
 */
@NullMarked
package dev.canopy.error;

import org.jspecify.annotations.NullMarked;
