package dev.canopy.schema;

import dev.canopy.dialect.Dialect;
import dev.canopy.model.ReferentialAction;
import dev.canopy.plan.JooqTypes;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jooq.Constraint;
import org.jooq.ConstraintForeignKeyOnStep;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * The parts of DDL as jOOQ builds them for one dialect: a column definition's type (storage type, nullability,
 * identity, default), a constraint, and the names Canopy gives constraints and indexes it creates.
 */
final class DdlParts {
    private final Dialect dialect;

    DdlParts(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect is null");
    }

    /** The jOOQ type of a column definition: the dialect's storage type, nullability, identity and default. */
    org.jooq.DataType<?> jooqType(ColumnDefinition d, boolean inCompositeKey) {
        org.jooq.DataType<?> t = dialect.columnType(JooqTypes.of(d.type())).nullable(d.allowNull() && !inCompositeKey);
        if (d.isAutoIncrement()) {
            t = t.identity(true);
        }
        return withDefault(t, d);
    }

    static org.jooq.DataType<?> withDefault(org.jooq.DataType<?> type, ColumnDefinition d) {
        if (d.defaultValue() == null) {
            return type;
        }
        @SuppressWarnings("unchecked")
        org.jooq.DataType<Object> t = (org.jooq.DataType<Object>) type;
        return t.defaultValue(literal(d.defaultValue(), t));
    }

    @SuppressWarnings("unchecked")
    static Field<Object> literal(Object value, org.jooq.DataType<?> type) {
        return DSL.inline(value, (org.jooq.DataType<Object>) type);
    }

    TableConstraint.ForeignKey columnForeignKey(String table, String column, ColumnDefinition d) {
        ReferentialAction onDelete = d.onDelete() == ReferentialAction.SET_NULL && !d.allowNull() ? ReferentialAction.NO_ACTION : d.onDelete();
        return TableConstraint.foreignKey(constraintName("fk", table, List.of(column)), column)
                .references(Objects.requireNonNull(d.referencedTable()), Objects.requireNonNull(d.referencedColumn()))
                .onDelete(onDelete).onUpdate(d.onUpdate());
    }

    /** {@code fk_users_teamId}; cut, with a hash of the whole, when longer than the database keeps. */
    String constraintName(String prefix, String table, List<String> columns) {
        String full = prefix + "_" + table + (columns.isEmpty() ? "" : "_" + String.join("_", columns));
        int max = Math.min(dialect.maxIdentifierLength(), 128);
        if (full.length() <= max) {
            return full;
        }
        String hash = Integer.toHexString(full.hashCode());
        return full.substring(0, max - hash.length() - 1) + "_" + hash;
    }

    Constraint constraint(TableConstraint c) {
        if (c instanceof TableConstraint.ForeignKey fk) {
            ConstraintForeignKeyOnStep step = DSL.constraint(DSL.name(fk.name())).foreignKey(names(fk.columns()))
                    .references(DSL.name(fk.referencedTable()), names(fk.referencedColumns()));
            return onUpdate(onDelete(step, fk.onDelete()), fk.onUpdate());
        }
        if (c instanceof TableConstraint.Unique u) {
            return DSL.constraint(DSL.name(u.name())).unique(names(u.columns()));
        }
        if (c instanceof TableConstraint.PrimaryKey p) {
            return DSL.constraint(DSL.name(p.name())).primaryKey(names(p.columns()));
        }
        TableConstraint.Check k = (TableConstraint.Check) c;
        return DSL.constraint(DSL.name(k.name())).check(DSL.condition(k.condition()));
    }

    static Name[] names(List<String> columns) {
        return columns.stream().map(DSL::name).toArray(Name[]::new);
    }

    static Field<?>[] fields(List<String> columns) {
        return columns.stream().map(c -> DSL.field(DSL.name(c))).toArray(Field[]::new);
    }

    static ConstraintForeignKeyOnStep onDelete(ConstraintForeignKeyOnStep s, ReferentialAction a) {
        switch (a) {
            case CASCADE: return s.onDeleteCascade();
            case SET_NULL: return s.onDeleteSetNull();
            case SET_DEFAULT: return s.onDeleteSetDefault();
            case RESTRICT: return s.onDeleteRestrict();
            default: return s.onDeleteNoAction();
        }
    }

    static Constraint onUpdate(ConstraintForeignKeyOnStep s, ReferentialAction a) {
        switch (a) {
            case CASCADE: return s.onUpdateCascade();
            case SET_NULL: return s.onUpdateSetNull();
            case SET_DEFAULT: return s.onUpdateSetDefault();
            case RESTRICT: return s.onUpdateRestrict();
            default: return s.onUpdateNoAction();
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
