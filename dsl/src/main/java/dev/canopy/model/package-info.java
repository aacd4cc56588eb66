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
 * operators (as jOOQ's {@code Field} does) through {@link dev.canopy.query.Operand}, so that
 * {@code ARTIST.name.like("A%")} reads as it should; and a schema's scopes are {@link dev.canopy.query.Query} values.
 * Those are the two places where {@code model} refers to {@code query}.
 *
 * <p>Beside columns, a model declares what Sequelize declares in its attributes and options: validators
 * ({@link dev.canopy.model.Column#validate}, {@link dev.canopy.model.Validator}, model-level
 * {@link dev.canopy.model.ModelValidator}s), getters and setters ({@link dev.canopy.model.Column#getter},
 * {@link dev.canopy.model.Column#setter}) and virtual attributes ({@link dev.canopy.model.VirtualAttribute}). Scopes
 * are declared with the schema ({@link dev.canopy.model.Schema.Builder#defaultScope}); hooks are run by writes and
 * given to a {@code Canopy} ({@code dev.canopy.write.Hooks}).
 */
@NullMarked
package dev.canopy.model;

import org.jspecify.annotations.NullMarked;
