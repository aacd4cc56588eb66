/**
 * Hydrate: flat result rows into nested {@link dev.canopy.hydrate.HydratedEntity} graphs. A reader per plan node, compiled
 * once per plan, reads its columns by index through the plan's slot map, deduplicates by primary key and links
 * children to parents. It never looks at SQL text and never looks a column up by name. A plan read often gets a row
 * loop of its own ({@link dev.canopy.hydrate.LoopWriter}), written as bytecode, with the same rules.
 */
@NullMarked
package dev.canopy.hydrate;

import org.jspecify.annotations.NullMarked;
