package dev.canopy.hydrate;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Entities are filled once by the hydrator and never change afterwards; lists they return are unmodifiable.
 */
public final class Entity {
    private final EntityShape shape;
    private final Object[] values;
    private final Object[] links;

    Entity(EntityShape shape, Object[] values) {
        this.shape = shape;
        this.values = values;
        this.links = new Object[shape.linkCount()];
        for (int i = 0; i < links.length; i++) {
            if (shape.isToMany(i)) {
                links[i] = new ArrayList<Entity>(4);
            }
        }
    }

    public Model model() {
        return shape.model();
    }

    /** The value of a column of this entity's model. */
    public <T> @Nullable T get(Column<T> column) {
        return column.type().javaType().cast(values[shape.checkLoaded(column)]);
    }

    /** The value of an attribute, by the name the model gives it. */
    public @Nullable Object get(String attribute) {
        return values[shape.columnIndex(attribute)];
    }

    /** The included to-one association with an alias; null when the row has none. */
    public @Nullable Entity one(String alias) {
        return (Entity) links[shape.linkIndex(alias, false)];
    }

    /** The included to-many association with an alias; an empty list when there are none. */
    @SuppressWarnings("unchecked")
    public List<Entity> many(String alias) {
        return Collections.unmodifiableList((List<Entity>) links[shape.linkIndex(alias, true)]);
    }

    /**
     * The entity as nested maps, in Sequelize's {@code toJSON()} shape: each attribute that was read, then each
     * included alias holding a map or null (to-one) or a list of maps (to-many).
     */
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        List<Column<?>> columns = shape.model().columns();
        for (int i = 0; i < values.length; i++) {
            if (shape.isLoaded(i)) {
                m.put(columns.get(i).name(), values[i]);
            }
        }
        for (int i = 0; i < links.length; i++) {
            Object link = links[i];
            if (shape.isToMany(i)) {
                @SuppressWarnings("unchecked")
                List<Entity> list = (List<Entity>) link;
                List<Map<String, @Nullable Object>> maps = new ArrayList<>(list.size());
                for (Entity e : list) {
                    maps.add(e.toMap());
                }
                m.put(shape.alias(i), maps);
            } else {
                m.put(shape.alias(i), link == null ? null : ((Entity) link).toMap());
            }
        }
        return m;
    }

    /** The entity as JSON, in the shape of {@link #toMap()}; dates in ISO-8601. */
    public String toJson() {
        return Json.write(toMap());
    }

    /**
     * This entity and its includes as a Java record or a Kotlin class with a primary constructor, mapped as
     * {@link dev.canopy.Canopy#findAll(dev.canopy.query.Query, Class)} maps roots (see {@link dev.canopy.typed}).
     * The mapping is compiled once per plan node and type.
     * <pre>{@code
     * AlbumView album = db.findOne(Query.from(ALBUM).include("tracks")).into(AlbumView.class);
     * }</pre>
     *
     * @throws dev.canopy.error.MappingException listing every component that does not match this entity's shape
     */
    public <T> T into(Class<T> type) {
        return dev.canopy.typed.TypedResults.mapper(shape.plan(), shape.node(), type).map(this);
    }

    // ---- index-based reads, for mappers compiled against a plan ----

    /** What every entity of this plan node looks like. */
    public EntityShape shape() {
        return shape;
    }

    /**
     * The raw value at a column's {@link Column#index() index}, without a check: null when the column is null or
     * was not read. For mappers that resolved the index once against the plan.
     */
    public @Nullable Object valueAt(int columnIndex) {
        return values[columnIndex];
    }

    /** The to-one include at a link index (the order of the plan node's links), or null when absent; no check. */
    public @Nullable Entity oneAt(int link) {
        return (Entity) links[link];
    }

    /** The to-many include at a link index (the order of the plan node's links), unmodifiable; no check. */
    @SuppressWarnings("unchecked")
    public List<Entity> manyAt(int link) {
        return Collections.unmodifiableList((List<Entity>) links[link]);
    }

    // ---- filled by the hydrator ----

    /** The raw value of a column, loaded or not (null when not read). */
    @Nullable Object value(Column<?> column) {
        return values[column.index()];
    }

    /** Per link, this entity's children by key while hydrating; dropped when hydration ends. */
    private @Nullable Map<Object, Entity> @Nullable [] childIndex;

    @SuppressWarnings("unchecked")
    Map<Object, Entity> childIndex(int link) {
        if (childIndex == null) {
            childIndex = new Map[links.length];
        }
        Map<Object, Entity> m = childIndex[link];
        if (m == null) {
            m = Hydrator.newIndex();
            childIndex[link] = m;
        }
        return m;
    }

    void dropIndexes() {
        if (childIndex == null) {
            return;
        }
        childIndex = null;
        for (int i = 0; i < links.length; i++) {
            Object link = links[i];
            if (link instanceof Entity) {
                ((Entity) link).dropIndexes();
            } else if (link instanceof List) {
                for (Object e : (List<?>) link) {
                    ((Entity) e).dropIndexes();
                }
            }
        }
    }

    void setOne(int link, Entity child) {
        links[link] = child;
    }

    @SuppressWarnings("unchecked")
    void addMany(int link, Entity child) {
        ((List<Entity>) links[link]).add(child);
    }

    /** Equal when of one model, with the same attributes read, the same values and the same included graph. */
    @Override public boolean equals(@Nullable Object o) {
        if (!(o instanceof Entity)) {
            return false;
        }
        Entity e = (Entity) o;
        if (e.shape.model() != shape.model() || !java.util.Arrays.equals(links, e.links)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (shape.isLoaded(i) != e.shape.isLoaded(i) || (shape.isLoaded(i) && !Objects.equals(values[i], e.values[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override public int hashCode() {
        int h = System.identityHashCode(shape.model());
        for (int i = 0; i < values.length; i++) {
            if (shape.isLoaded(i)) {
                h = 31 * h + Objects.hashCode(values[i]);
            }
        }
        return h;
    }

    /** {@code Artist{"ArtistId":1,"Name":"AC/DC"}}. */
    @Override public String toString() {
        return shape.model().name() + toJson();
    }
}
