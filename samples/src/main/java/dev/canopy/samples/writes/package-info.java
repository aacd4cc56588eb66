/**
 * Writes: a parent created with its children through a custom foreign key, a model with two aliased associations to
 * the same model written and read back, and timestamps and paranoid soft deletes in action.
 */
@NullMarked
package dev.canopy.samples.writes;

import org.jspecify.annotations.NullMarked;
