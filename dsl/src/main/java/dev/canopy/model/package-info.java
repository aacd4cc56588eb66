/**
 * Define: models, typed columns, associations and the schema that validates them once.
 *
 * <p>Models are plain Java (or Kotlin) classes, no code generation:
 * <pre>{@code
 * public final class Artist extends Model {
 *     public static final Artist ARTIST = new Artist();
 *     public final Column<Integer> id = integer("ArtistId").primaryKey();
 *     public final Column<String> name = string("Name", 120);
 *     private Artist() { super("Artist", ModelOptions.defaults().freezeTableName().timestamps(false)); }
 * }
 * }</pre>
 * Associations are values ({@link dev.canopy.model.Association#hasMany}, ...) that a
 * {@link dev.canopy.model.Schema} collects, checks and seals. {@link dev.canopy.model.Column} carries its comparison
 * operators (as jOOQ's {@code Field} does) through {@link dev.canopy.query.Operand}: that is the one place where
 * {@code model} refers to {@code query}, kept so that {@code ARTIST.name.like("A%")} reads as it should.
 */
@NullMarked
package dev.canopy.model;

import org.jspecify.annotations.NullMarked;
