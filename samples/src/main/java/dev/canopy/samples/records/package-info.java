/**
 * Typed results in Java: Chinook queried into records. {@code @NullMarked}, so a record component that may hold
 * null says {@code @Nullable}, as a Kotlin type says {@code ?}; read it beside {@code dev.canopy.samples.dataclasses}.
 */
@NullMarked
package dev.canopy.samples.records;

import org.jspecify.annotations.NullMarked;
