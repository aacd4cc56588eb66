package dev.canopy.write;

import dev.canopy.error.InvalidValuesException;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.plan.Conditions;
import dev.canopy.plan.JooqTypes;
import dev.canopy.query.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** A model's table and columns as unqualified jOOQ names (writes touch one table per statement), and its where. */
final class Tables {
    private Tables() {}

    static Table<?> table(Model model) {
        return DSL.table(DSL.name(model.tableName()));
    }

    @SuppressWarnings("unchecked")
    static Field<Object> field(Column<?> column) {
        return (Field<Object>) DSL.field(DSL.name(column.field()), JooqTypes.of(column.type()));
    }

    /** A value bound as its column's type. */
    static Field<Object> val(Column<?> column, @Nullable Object value) {
        return DSL.val(value, field(column));
    }

    /** A where on one model's own columns; a path through an association is refused (a write joins nothing). */
    static org.jooq.Condition where(Model model, Condition condition, boolean arrays) {
        return new Conditions(ref -> {
            if (!ref.path().isEmpty() || ref.column().model() != model) {
                throw new InvalidValuesException("A where of a write on " + model.name() + " names only " + model.name()
                        + "'s own attributes; " + ref + " is not one of them. " + model.name() + " has: " + model.attributeNames());
            }
            return field(ref.column());
        }, arrays).toJooq(condition);
    }
}
