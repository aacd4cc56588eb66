/**
 * Writes: values typed by their model, and the write planner that turns them into INSERT, UPDATE, DELETE and upsert
 * statements, nested graphs included.
 *
 * <p>A write is checked against its model before any SQL runs ({@link dev.canopy.write.Values} names unknown
 * attributes and wrong types), planned level by level along the schema's associations (belongsTo parents before
 * their children, hasOne/hasMany children after their parents, junction rows after both sides), rendered by jOOQ
 * through the same {@link dev.canopy.render.Renderer} as reads and run by the same
 * {@link dev.canopy.exec.Executor}, in one transaction. How generated keys come back is the dialect's
 * {@link dev.canopy.dialect.Capability#RETURNING} capability: a multi-row {@code INSERT ... RETURNING} where the
 * database has it, the driver's generated keys otherwise. Timestamps, paranoid and version columns are the model's
 * options, applied here, never by the caller.
 */
@NullMarked
package dev.canopy.write;

import org.jspecify.annotations.NullMarked;
