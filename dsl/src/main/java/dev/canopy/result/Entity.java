package dev.canopy.result;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.RowView;
import dev.canopy.model.VirtualAttribute;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of a model with its included associations: Sequelize's model instance, read-only.
 * <pre>{@code
 * Entity artist = db.findOne(Query.from(ARTIST).include("albums"));
 * String name = artist.get(ARTIST.name);
 * List<Entity> albums = artist.many("albums");     // empty when there are none
 * Entity label = album.one("label");                // null when absent
 * String json = artist.toJson();                    // {"ArtistId":1,"Name":"AC/DC","albums":[...]}
 * }</pre>
 * An interface, as jOOQ's results are: Canopy's hydrator fills its own implementation once and never changes it
 * afterwards, and nothing here lets a caller change it; the lists it returns are unmodifiable. Two entities are equal
 * when they are of one model, with the same attributes read, the same values and the same included graph.
 */
public interface Entity extends RowView {
    /** The model this row is of. */
    @Override
    Model model();

    /** The value of a column of this entity's model, through the column's getter when it has one. */
    @Override
    <T> @Nullable T get(Column<T> column);

    /** The value of an attribute or a virtual attribute, by the name the model gives it. */
    @Override
    @Nullable Object get(String attribute);

    /** The value of a virtual attribute of this entity's model, computed from the attributes it depends on. */
    default <T> @Nullable T get(VirtualAttribute<T> attribute) {
        if (attribute.model() != model()) {
            throw new dev.canopy.error.UnknownColumnException(attribute + " is not an attribute of " + model().name());
        }
        return attribute.type().cast(get(attribute.name()));
    }

    /** The included to-one association with an alias; null when the row has none. */
    @Nullable Entity one(String alias);

    /** The included to-many association with an alias; an empty list when there are none. */
    List<Entity> many(String alias);

    /**
     * The entity as nested maps, in Sequelize's {@code toJSON()} shape: each attribute that was read, then each
     * included alias holding a map or null (to-one) or a list of maps (to-many).
     */
    Map<String, @Nullable Object> toMap();

    /** The entity as JSON, in the shape of {@link #toMap()}; dates in ISO-8601. */
    String toJson();

    /**
     * This entity and its includes as a Java record or a Kotlin class with a primary constructor, mapped as
     * {@code Canopy.findAll(query, type)} maps roots. The mapping is compiled once per plan node and type.
     * <pre>{@code
     * AlbumView album = db.findOne(Query.from(ALBUM).include("tracks")).into(AlbumView.class);
     * }</pre>
     *
     * @throws dev.canopy.error.MappingException listing every component that does not match this entity's shape
     */
    <T> T into(Class<T> type);
}
