/**
 * The dialect SPI: what Canopy needs to know about one database that jOOQ does not already know.
 *
 * <p>A dialect is a small value found through {@link java.util.ServiceLoader}. It names the jOOQ
 * {@link org.jooq.SQLDialect} that renders for it, the {@link dev.canopy.dialect.Capability capabilities}
 * the planner may rely on, how its vendor error codes map to Canopy's {@link dev.canopy.dialect.ErrorKind},
 * and the pool settings its own documentation recommends. Dialects know nothing of models or queries:
 * core never asks "which database is this?", it asks the dialect what it can do.
 */
@NullMarked
package dev.canopy.dialect;

import org.jspecify.annotations.NullMarked;
