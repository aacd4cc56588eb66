/**
 * The Chinook sample database as Canopy models, associations and a loader ({@link dev.canopy.chinook.Chinook},
 * {@link dev.canopy.chinook.ChinookData}). Null-marked, so Kotlin sees its constants and methods as non-null types.
 */
@NullMarked
package dev.canopy.chinook;

import org.jspecify.annotations.NullMarked;
