package dev.canopy.query;

import org.jspecify.annotations.Nullable;

/**
 * One named scope an include asks for ({@link Include#scope}): its name and the arguments its scope function gets,
 * compared by value, as includes are parts of a query that is a cache key.
 */
record NamedScope(String name, java.util.List<@Nullable Object> args) {}
