/**
 * Render: a plan's statement tree as SQL text and bind values for one dialect. jOOQ does the rendering
 * (identifier quoting, LIMIT/OFFSET forms, nested joins, ILIKE emulation); this stage only configures it.
 */
@NullMarked
package dev.canopy.render;

import org.jspecify.annotations.NullMarked;
