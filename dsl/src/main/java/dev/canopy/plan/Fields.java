package dev.canopy.plan;

import dev.canopy.model.Column;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Qualified, typed jOOQ references to the columns and tables of generated aliases. */
final class Fields {
    private Fields() {}

    /** {@code "alias"."field"}, typed as the column so binds compared with it take its type. */
    @SuppressWarnings("unchecked")
    static Field<Object> of(Name table, Column<?> c) {
        return (Field<Object>) DSL.field(table.append(c.field()), JooqTypes.of(c.type()));
    }

    static Field<Object> of(String alias, Column<?> c) {
        return of(DSL.name(alias), c);
    }

    /** {@code "table" as "alias"}. */
    static Table<?> table(String tableName, String alias) {
        return DSL.table(DSL.name(tableName)).as(DSL.name(alias));
    }
}
