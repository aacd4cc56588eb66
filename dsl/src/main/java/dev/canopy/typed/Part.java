package dev.canopy.typed;

import dev.canopy.error.MappingException;
import dev.canopy.hydrate.HydratedEntity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads one constructor argument from an entity, by index, as compiled: an attribute's value through its
 * {@link Conversion}, or an include through the child's mapper. No names and no reflection per row.
 */
@FunctionalInterface
interface Part {
    @Nullable Object read(HydratedEntity e);

    /** A computed attribute at {@code index} in the entity's values (it has no getter), converted; wrapped in an Optional if asked. */
    static Part column(int index, Conversion conversion, boolean optional, String label) {
        return column(index, conversion, optional, label, null);
    }

    /** An attribute at {@code index} in the entity's values, through its getter, converted; wrapped in an Optional if asked. */
    static Part column(int index, Conversion conversion, boolean optional, String label, dev.canopy.model.@Nullable Column<?> column) {
        boolean getter = column != null && column.getter() != null;
        return e -> {
            Object v = getter ? java.util.Objects.requireNonNull(column).read(e.valueAt(index)) : e.valueAt(index);
            if (v == null) {
                return optional ? Optional.empty() : null;
            }
            Object c;
            try {
                c = conversion == Conversion.IDENTITY ? v : conversion.apply(v);
            } catch (RuntimeException ex) {
                MappingException m = new MappingException(label + ": cannot convert " + v + " (" + v.getClass().getSimpleName() + "): " + ex.getMessage());
                m.initCause(ex);
                throw m;
            }
            return optional ? Optional.of(c) : c;
        };
    }

    /** A virtual attribute, computed from the entity, converted; wrapped in an Optional if asked. */
    static Part virtual(dev.canopy.model.VirtualAttribute<?> attribute, Conversion conversion, boolean optional, String label) {
        return e -> {
            Object v = attribute.compute(e);
            if (v == null) {
                return optional ? Optional.empty() : null;
            }
            Object c;
            try {
                c = conversion == Conversion.IDENTITY ? v : conversion.apply(v);
            } catch (RuntimeException ex) {
                MappingException m = new MappingException(label + ": cannot convert " + v.getClass().getSimpleName() + ": " + ex.getMessage());
                m.initCause(ex);
                throw m;
            }
            return optional ? Optional.of(c) : c;
        };
    }

    /** A to-one include at {@code link}, mapped by {@code child} (null: the entity itself). */
    static Part one(int link, @Nullable EntityMapper<?> child, boolean optional) {
        return e -> {
            HydratedEntity c = e.oneAt(link);
            Object v = c == null || child == null ? c : child.map(c);
            return optional ? Optional.ofNullable(v) : v;
        };
    }

    /** A to-many include at {@code link}, each mapped by {@code child} (null: the entities themselves). */
    static Part many(int link, @Nullable EntityMapper<?> child) {
        return e -> {
            List<HydratedEntity> children = e.manyAt(link);
            if (child == null) {
                return children;
            }
            if (children.isEmpty()) {
                return List.of();
            }
            List<Object> out = new ArrayList<>(children.size());
            for (HydratedEntity c : children) {
                out.add(child.map(c));
            }
            return Collections.unmodifiableList(out);
        };
    }
}
