package dev.canopy.json;

import dev.canopy.model.Schema;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Models and associations defined at run time from JSON, optionally completed from a live database:
 * <pre>{@code
 * {"models": {"Track": {"table": "Track", "primaryKey": ["TrackId"], "timestamps": false, "underscored": false,
 *                       "paranoid": false, "freezeTableName": true,
 *                       "attributes": {"TrackId": {"type": "integer", "field": "track_id", "allowNull": false},
 *                                      "Name": {"type": "string", "length": 200}}}},
 *  "associations": [{"type": "belongsTo", "source": "Track", "target": "Album", "foreignKey": "AlbumId", "as": "album"},
 *                   {"type": "belongsToMany", "source": "Playlist", "target": "Track", "through": "PlaylistTrack",
 *                    "foreignKey": "PlaylistId", "otherKey": "TrackId", "as": "tracks"}]}
 * }</pre>
 *
 * <p><b>Models</b> take Sequelize's options ({@code table}, {@code freezeTableName}, {@code underscored},
 * {@code timestamps} — on unless said otherwise, as in Sequelize — {@code paranoid}, and {@code version}: {@code true} or the
 * name of an optimistic-locking attribute), a {@code primaryKey} (an
 * attribute name or a list of them) and {@code attributes}, each with a {@code type} ({@code integer bigint decimal
 * string text boolean date timestamp uuid json}; {@code length}/{@code scale} or {@code "decimal(10,2)"}),
 * {@code field}, {@code allowNull}, {@code primaryKey}, {@code autoIncrement}, {@code unique}, {@code defaultValue},
 * {@code validate} (Sequelize's validators), and {@code get}/{@code set} (string transforms); an attribute of type
 * {@code "virtual"} is computed from a {@code template} such as {@code "{first} {last}"} (see the README's getters, setters and virtual attributes
 * for what they accept and why a template). A model may declare Sequelize's {@code defaultScope} and {@code scopes},
 * each a query spec of the model without {@code "model"} ({@code "scopes": {"admins": {"where": {"role": "admin"}}}}).
 * <b>Associations</b> have a {@code type} ({@code belongsTo hasOne hasMany belongsToMany}), {@code source},
 * {@code target}, {@code through} (belongsToMany), {@code as}, {@code foreignKey}, {@code otherKey},
 * {@code sourceKey}, {@code targetKey}, {@code onDelete}, {@code onUpdate} ({@code "SET NULL"}, {@code "CASCADE"}, ...)
 * and {@code constraints}. Keys are attribute names.
 *
 * <p><b>With a data source</b>, each model's table must exist (matched exactly, else ignoring case), every listed
 * attribute must be one of its columns, and the columns a model does not list become attributes too, in table
 * order: named like the column, or, for an {@code underscored} model, the camelCase of the snake_case column
 * ({@code album_id} → {@code albumId}; an all-upper-case {@code ALBUM_ID} is read as {@code album_id}), typed from
 * {@link java.sql.Types}. A listed attribute may then leave out its {@code type}. The primary key comes from the
 * database when the file names none. Columns whose type Canopy cannot represent (binary, time of day, arrays) are
 * left out unless listed. Foreign keys must then be existing attributes, and a model with timestamps (the default)
 * must have them. <b>Without a data source</b>, every model lists its attributes with their types, and an
 * association's foreign key that no model declares is added, as Sequelize does.
 *
 * <p>Every mistake is a {@link ModelsFileException} whose message starts with the JSON path of the problem
 * ({@code $.models.Member.scopes.admins.where.rol: ...}); a database that cannot be read is a {@link dev.canopy.error.DatabaseException}.
 */
public final class ModelsFile {
    private ModelsFile() {}

    /**
     * A schema as a models file, every model with all its attributes, that {@link #parse(String)} reads back to the
     * same models and associations: what {@code canopy models} prints for an introspected database.
     */
    public static String toJson(Schema schema) {
        Objects.requireNonNull(schema, "schema is null");
        try {
            return JsonInput.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(ModelsFileWriter.schema(schema));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new dev.canopy.error.CanopyException("Cannot write the models file of " + schema + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The schema a models file describes; every model lists its attributes.
     *
     * @throws ModelsFileException for malformed JSON (with line and column) or a definition that does not hold
     */
    public static Schema parse(String json) {
        return new ModelsFileReader(null).read(JsonInput.read(json, ModelsFileException::new));
    }

    /**
     * The schema a models file describes, checked against and completed from the database behind {@code dataSource}
     * (one connection, closed before returning).
     *
     * @throws ModelsFileException for a definition that does not hold or does not match the database
     * @throws dev.canopy.error.DatabaseException when the database cannot be reached or its metadata read
     */
    public static Schema parse(String json, DataSource dataSource) {
        Objects.requireNonNull(dataSource, "data source is null");
        return new ModelsFileReader(dataSource).read(JsonInput.read(json, ModelsFileException::new));
    }
}
