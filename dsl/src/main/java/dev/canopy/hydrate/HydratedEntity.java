package dev.canopy.hydrate;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.VirtualAttribute;
import dev.canopy.result.Entity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Canopy's {@link Entity}: the values of one row by column index, then its links, in one array, so that an entity
 * costs two objects. Filled once by the {@link Hydrator} and never changed afterwards; only the hydrator (this
 * package) and the typed mappers read its slots by index.
 */
public final class HydratedEntity implements Entity {
    private final EntityShape shape;
    /**
     * The values of the model's columns by column index, then the links by link index (an entity or null for a
     * to-one link, a list for a to-many link): one array, so that an entity costs two objects.
     */
    private final Object[] slots;

    /**
     * Made by the hydrator with {@code shape.width() + shape.linkCount()} slots, the values already filled in. Each
     * to-many list starts with room for as many children as {@code previous} (an entity of the same plan node, or null)
     * has, so that siblings of equal size allocate one array each instead of growing from four.
     */
    HydratedEntity(EntityShape shape, Object[] slots, @Nullable HydratedEntity previous) {
        this.shape = shape;
        this.slots = slots;
        int width = shape.width();
        for (int i = 0, n = shape.linkCount(); i < n; i++) {
            if (shape.isToMany(i)) {
                slots[width + i] = new ArrayList<HydratedEntity>(roomFor(previous, width + i));
            }
        }
    }

    /** Made by a written row loop, which put the to-many lists into {@code slots} itself. */
    HydratedEntity(EntityShape shape, Object[] slots) {
        this.shape = shape;
        this.slots = slots;
    }

    /**
     * The room a new to-many list in {@code slot} starts with: as many children as {@code previous} (an entity of the
     * same plan node) has there, at least 1 and at most 64; 4 when there is no previous entity.
     */
    static int roomFor(@Nullable HydratedEntity previous, int slot) {
        return previous == null ? 4 : Math.min(64, Math.max(1, ((List<?>) previous.slots[slot]).size()));
    }

    /** Adds a child to the to-many list in {@code slot} (its link's index after the values), as a written row loop does. */
    @SuppressWarnings("unchecked")
    void addManyAt(int slot, HydratedEntity child) {
        ((ArrayList<HydratedEntity>) slots[slot]).add(child);
    }

    /** Sets the to-one link in {@code slot} (its link's index after the values). */
    void setOneAt(int slot, HydratedEntity child) {
        slots[slot] = child;
    }

    @Override
    public Model model() {
        return shape.model();
    }

    @Override
    public <T> @Nullable T get(Column<T> column) {
        int i = shape.checkLoaded(column);
        return column.type().javaType().cast(shape.model().columns().get(i).read(slots[i]));
    }

    /**
     * An attribute's value; a computed attribute's by its alias; for a child of a belongsToMany read with
     * {@code through(...)}, the junction's attributes as a map under the junction model's name ({@code get("PlaylistTrack")}).
     */
    @Override
    public @Nullable Object get(String attribute) {
        VirtualAttribute<?> v = shape.model().findVirtual(attribute);
        if (v != null) {
            shape.checkLoaded(v);
            return v.compute(this);
        }
        if (shape.model().findColumn(attribute) == null) {
            int slot = shape.computedSlot(attribute);
            if (slot >= 0) {
                return slots[slot];
            }
            Map<String, @Nullable Object> through = through(attribute);
            if (through != null) {
                return through;
            }
        }
        int i = shape.columnIndex(attribute);
        return shape.model().columns().get(i).read(slots[i]);
    }

    /**
     * The junction's attributes read with {@code through(...)} (computed attributes named {@code Junction.attribute}), as
     * a map, or null when none is named so; without building the rest of {@link #toMap()}.
     */
    private @Nullable Map<String, @Nullable Object> through(String junction) {
        Map<String, @Nullable Object> m = null;
        int base = shape.width() + shape.linkCount();
        for (int i = 0, n = shape.computedCount(); i < n; i++) {
            String name = shape.computedName(i);
            if (name.length() > junction.length() && name.charAt(junction.length()) == '.' && name.startsWith(junction)) {
                if (m == null) {
                    m = new LinkedHashMap<>();
                }
                m.put(name.substring(junction.length() + 1), slots[base + i]);
            }
        }
        return m;
    }

    @Override
    public @Nullable HydratedEntity one(String alias) {
        return (HydratedEntity) slots[shape.width() + shape.linkIndex(alias, false)];
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Entity> many(String alias) {
        return Collections.unmodifiableList((List<HydratedEntity>) slots[shape.width() + shape.linkIndex(alias, true)]);
    }

    /**
     * The entity as nested maps, in Sequelize's {@code toJSON()} shape: each attribute that was read, then each
     * included alias holding a map or null (to-one) or a list of maps (to-many).
     */
    @Override
    public Map<String, @Nullable Object> toMap() {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        List<Column<?>> columns = shape.model().columns();
        int width = shape.width();
        for (int i : shape.order()) {
            Column<?> c = columns.get(i);
            m.put(c.name(), c.read(slots[i]));
        }
        for (VirtualAttribute<?> v : shape.model().virtualAttributes()) {
            if (shape.isLoaded(v)) {
                m.put(v.name(), v.compute(this));
            }
        }
        for (int i = 0, n = shape.computedCount(); i < n; i++) {
            String name = shape.computedName(i);
            int dot = name.indexOf('.');
            if (dot < 0) {
                m.put(name, slots[width + shape.linkCount() + i]);
            } else {
                // a junction's attribute (through): nested under the junction model's name, as Sequelize's child.PlaylistTrack
                @SuppressWarnings("unchecked")
                Map<String, @Nullable Object> through = (Map<String, @Nullable Object>) m.computeIfAbsent(name.substring(0, dot),
                        k -> new LinkedHashMap<String, @Nullable Object>());
                through.put(name.substring(dot + 1), slots[width + shape.linkCount() + i]);
            }
        }
        for (int i = 0, n = shape.linkCount(); i < n; i++) {
            Object link = slots[width + i];
            if (shape.isToMany(i)) {
                @SuppressWarnings("unchecked")
                List<HydratedEntity> list = (List<HydratedEntity>) link;
                List<Map<String, @Nullable Object>> maps = new ArrayList<>(list.size());
                for (HydratedEntity e : list) {
                    maps.add(e.toMap());
                }
                m.put(shape.alias(i), maps);
            } else {
                m.put(shape.alias(i), link == null ? null : ((HydratedEntity) link).toMap());
            }
        }
        return m;
    }

    @Override
    public String toJson() {
        return Json.write(toMap());
    }

    @Override
    public <T> T into(Class<T> type) {
        return shape.mapping().map(this, type);
    }

    // ---- index-based reads, for mappers compiled against a plan ----

    /** What every entity of this plan node looks like. */
    public EntityShape shape() {
        return shape;
    }

    /**
     * The stored value at a column's {@link Column#index() index}, without a check and without its getter: null when the column is null or
     * was not read. For mappers that resolved the index once against the plan.
     */
    public @Nullable Object valueAt(int columnIndex) {
        return slots[columnIndex];
    }

    /** The to-one include at a link index (the order of the plan node's links), or null when absent; no check. */
    public @Nullable HydratedEntity oneAt(int link) {
        return (HydratedEntity) slots[shape.width() + link];
    }

    /** The to-many include at a link index (the order of the plan node's links), unmodifiable; no check. */
    @SuppressWarnings("unchecked")
    public List<HydratedEntity> manyAt(int link) {
        return Collections.unmodifiableList((List<HydratedEntity>) slots[shape.width() + link]);
    }

    // ---- filled by the hydrator ----

    /** The raw value of a column, loaded or not (null when not read). */
    @Nullable Object value(Column<?> column) {
        return slots[column.index()];
    }

    /** The raw value at a model column index, loaded or not. */
    @Nullable Object value(int columnIndex) {
        return slots[columnIndex];
    }

    /**
     * Per link, this entity's children by key while hydrating, for the links whose rows stopped coming in key order
     * (or whose keys are not single numbers); dropped when hydration ends.
     */
    private @Nullable Map<Object, HydratedEntity> @Nullable [] childIndex;

    /** The children of a link by key, made empty on first use. */
    @SuppressWarnings("unchecked")
    Map<Object, HydratedEntity> childIndex(int link) {
        if (childIndex == null) {
            childIndex = new Map[shape.linkCount()];
        }
        Map<Object, HydratedEntity> m = childIndex[link];
        if (m == null) {
            m = new HashMap<>();
            childIndex[link] = m;
        }
        return m;
    }

    /** The children of a link by key, or null when none was made. */
    @Nullable Map<Object, HydratedEntity> existingIndex(int link) {
        return childIndex == null ? null : childIndex[link];
    }

    boolean hasIndexes() {
        return childIndex != null;
    }

    void dropIndexes() {
        childIndex = null;
    }

    /** The last child added to a to-many link, or the child of a to-one link; null when there is none. */
    @Nullable HydratedEntity lastChild(int link) {
        Object l = slots[shape.width() + link];
        if (l instanceof List) {
            List<?> list = (List<?>) l;
            return list.isEmpty() ? null : (HydratedEntity) list.get(list.size() - 1);
        }
        return (HydratedEntity) l;
    }

    /** Every child of a link: the list of a to-many link, the one child (or none) of a to-one link. */
    @SuppressWarnings("unchecked")
    List<HydratedEntity> children(int link) {
        Object l = slots[shape.width() + link];
        if (l instanceof List) {
            return (List<HydratedEntity>) l;
        }
        return l == null ? List.of() : List.of((HydratedEntity) l);
    }

    void setOne(int link, HydratedEntity child) {
        setOneAt(shape.width() + link, child);
    }

    void addMany(int link, HydratedEntity child) {
        addManyAt(shape.width() + link, child);
    }

    /** Equal when of one model, with the same attributes read, the same values and the same included graph. */
    @Override public boolean equals(@Nullable Object o) {
        if (!(o instanceof HydratedEntity)) {
            return false;
        }
        HydratedEntity e = (HydratedEntity) o;
        int width = shape.width();
        if (e.shape.model() != shape.model() || e.slots.length != slots.length) {
            return false;
        }
        for (int i = 0; i < width; i++) {
            if (shape.isLoaded(i) != e.shape.isLoaded(i) || (shape.isLoaded(i) && !Objects.equals(slots[i], e.slots[i]))) {
                return false;
            }
        }
        for (int i = width; i < slots.length; i++) {
            if (!Objects.equals(slots[i], e.slots[i])) {
                return false;
            }
        }
        return true;
    }

    /** Over the model and the values (not the links, which may be large graphs). */
    @Override public int hashCode() {
        int h = System.identityHashCode(shape.model());
        for (int i = 0, width = shape.width(); i < width; i++) {
            if (shape.isLoaded(i)) {
                h = 31 * h + Objects.hashCode(slots[i]);
            }
        }
        return h;
    }

    /** {@code Artist{"ArtistId":1,"Name":"AC/DC"}}. */
    @Override public String toString() {
        return shape.model().name() + toJson();
    }
}
