package dev.canopy.typed;

import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.plan.PlanNode;
import org.jspecify.annotations.Nullable;

/**
 * What one compiled component reads, kept beside its {@link Part} so that the direct reader ({@link TypedReader}) can
 * read the same thing from the result set instead of from an entity: an attribute (its column, conversion, whether
 * it is an Optional), a computed attribute (its result column) or an include (its link, whether to-many, the child's mapper; a null child is an {@code Entity}).
 *
 * @param column     the attribute's column, null for an include
 * @param conversion the attribute's conversion
 * @param optional   whether the component is an Optional
 * @param label      the component, for messages
 * @param link       the include's link index in the node, -1 for an attribute
 * @param many       whether the include is to-many
 * @param child      the mapper of the include's entities, null when the component takes entities
 * @param param      the component's class, as the constructor declares it
 * @param computed   the computed attribute (or a belongsToMany's junction attribute) the component reads, at its own
 *                   result column; null otherwise
 */
record Spec(@Nullable Column<?> column, Conversion conversion, boolean optional, String label, int link, boolean many,
            @Nullable EntityMapper<?> child, Class<?> param, PlanNode.@Nullable ComputedSlot computed) {

    static final Spec NONE = new Spec(null, Conversion.IDENTITY, false, "", -1, false, null, Object.class, null);

    /** A component only an entity can feed (a virtual attribute): the type is mapped from entities. */
    static final Spec FROM_ENTITY = new Spec(null, Conversion.IDENTITY, false, "", Integer.MAX_VALUE, false, null, Object.class, null);

    static Spec column(Column<?> column, Conversion conversion, boolean optional, String label) {
        return new Spec(column, conversion, optional, label, -1, false, null, Object.class, null);
    }

    /** A computed attribute, or a junction's attribute, read from its own result column. */
    static Spec computed(PlanNode.ComputedSlot slot, Conversion conversion, boolean optional, String label) {
        return new Spec(null, conversion, optional, label, -1, false, null, Object.class, slot);
    }

    static Spec link(int link, boolean many, @Nullable EntityMapper<?> child, boolean optional) {
        return new Spec(null, Conversion.IDENTITY, optional, "", link, many, child, Object.class, null);
    }

    Spec withParam(Class<?> p) {
        return new Spec(column, conversion, optional, label, link, many, child, p, computed);
    }

    /** The type the attribute is read as: its column's, or the computed attribute's. */
    DataType<?> type() {
        return computed != null ? computed.type() : java.util.Objects.requireNonNull(column).type();
    }

    boolean isLink() {
        return link >= 0;
    }
}
