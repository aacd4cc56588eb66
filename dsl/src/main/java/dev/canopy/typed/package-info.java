/**
 * Typed results: query results as Java records and Kotlin classes instead of {@link dev.canopy.hydrate.Entity}
 * graphs, through {@link dev.canopy.Canopy#findAll(dev.canopy.query.Query, Class)}, {@code findOne}, {@code stream}
 * and {@link dev.canopy.hydrate.Entity#into(Class)}.
 *
 * <p>A record's components (a Kotlin class's primary-constructor parameters) are filled from the include tree:
 * <ul>
 *   <li>an attribute the node reads, to a component of the same name ({@link dev.canopy.typed.Names}: exactly, then
 *       camelCase as snake_case, then ignoring case), or the one named by {@link dev.canopy.typed.Attribute};</li>
 *   <li>a to-one include, by alias or {@link dev.canopy.typed.Included}, to a nested record: null when absent, or
 *       an {@code Optional<...>} component;</li>
 *   <li>a to-many include to a {@code List<...>} of records, empty when there are none;</li>
 *   <li>{@code Entity} or {@code List<Entity>} components take the entities as they are.</li>
 * </ul>
 * A component that no attribute or include feeds is an error, whatever its nullness: a misspelt name never
 * silently becomes null. So is a value that may be null (a nullable column, an optional include) feeding a
 * component that may not (a primitive; a Kotlin type without {@code ?}; a Java component under JSpecify's
 * {@code @NullMarked} without {@code @Nullable}), and a type {@link dev.canopy.typed.Conversion} does not convert.
 *
 * <p>Why a package of its own: mapping is compiled against a {@link dev.canopy.plan.Plan}'s node shapes before the
 * query runs, so that every mistake is reported at once, in one {@link dev.canopy.error.MappingException}, and no
 * row is read in vain. The compiled mapper reads the entity's values and links by index and calls the constructor
 * through a {@link java.lang.invoke.MethodHandle}: no reflection and no lookup by name per row. Kotlin's nullness and
 * parameter names come from {@code kotlin.Metadata}, read here without kotlin-reflect. This package depends on
 * {@code hydrate} and {@code plan}; {@code Entity.into} is the one call back from {@code hydrate} into it.
 */
@NullMarked
package dev.canopy.typed;

import org.jspecify.annotations.NullMarked;
