/**
 * Plan: turns a {@link dev.canopy.query.Query} into a {@link dev.canopy.plan.Plan} — a statement tree (jOOQ query
 * parts, built once and never changed, not SQL strings), short generated table aliases ({@code t0}, {@code t1}, ...,
 * mapped to include paths on the side, so no identifier is ever cut at 63 bytes), and a slot map that says which
 * result column feeds which node and attribute. The planner knows nothing of JDBC and of any one database.
 */
@NullMarked
package dev.canopy.plan;

import org.jspecify.annotations.NullMarked;
