/**
 * What queries give back: {@link dev.canopy.result.Entity} graphs, and the annotations that shape typed results
 * (records and Kotlin classes: {@link dev.canopy.result.Attribute}, {@link dev.canopy.result.Included}).
 */
@NullMarked
package dev.canopy.result;

import org.jspecify.annotations.NullMarked;
