/**
 * Canopy: Sequelize's model of relational querying for the JVM. {@link dev.canopy.Canopy} is the entry point:
 * it connects to a database and runs {@link dev.canopy.query.Query queries} over
 * {@link dev.canopy.model.Model models}, returning {@link dev.canopy.result.Entity} graphs.
 *
 * <p>The pipeline runs one way, one package per stage: {@code model} (define) → {@code query} (compose) →
 * {@code plan} → {@code render} → {@code exec} → {@code hydrate}.
 */
@NullMarked
package dev.canopy;

import org.jspecify.annotations.NullMarked;
