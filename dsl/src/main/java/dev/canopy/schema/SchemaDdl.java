package dev.canopy.schema;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ReferentialAction;
import dev.canopy.model.Schema;
import dev.canopy.plan.JooqTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Constraint;
import org.jooq.ConstraintForeignKeyOnStep;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.impl.DSL;

/**
 * The CREATE TABLE and DROP TABLE statements for a schema's models, as jOOQ statement trees. Foreign keys come from
 * associations whose {@code constraints} are on, with their {@code onDelete}/{@code onUpdate}; a hasMany and its
 * inverse belongsTo over the same column make one constraint.
 */
public final class SchemaDdl {
    private SchemaDdl() {}

    /** A foreign key: {@code holder.column} references {@code target.key}. */
    record ForeignKey(Model holder, Column<?> column, Model target, Column<?> key, ReferentialAction onDelete,
                              ReferentialAction onUpdate) {}

    /** {@code CREATE TABLE IF NOT EXISTS} for every model, referenced tables first. */
    public static List<Query> create(DSLContext ctx, dev.canopy.dialect.Dialect dialect, Schema schema) {
        Map<Model, List<ForeignKey>> fks = foreignKeys(schema);
        List<Query> out = new ArrayList<>();
        for (Model m : creationOrder(schema, fks)) {
            List<Field<?>> fields = new ArrayList<>();
            for (Column<?> c : m.columns()) {
                DataType<?> type = dialect.columnType(JooqTypes.of(c.type())).nullable(c.allowNull());
                if (c.isAutoIncrement()) {
                    type = type.identity(true);
                }
                if (c.defaultValue() != null) {
                    @SuppressWarnings("unchecked")
                    DataType<Object> t = (DataType<Object>) type;
                    type = t.defaultValue(DSL.inline(c.defaultValue(), t));
                }
                fields.add(DSL.field(DSL.name(c.field()), type));
            }
            List<Constraint> constraints = new ArrayList<>();
            if (!m.primaryKey().isEmpty()) {
                constraints.add(DSL.constraint(DSL.name("pk_" + m.tableName()))
                        .primaryKey(m.primaryKey().stream().map(c -> DSL.field(DSL.name(c.field()))).toArray(Field[]::new)));
            }
            for (Column<?> c : m.columns()) {
                if (c.isUnique() && !c.isPrimaryKey()) {
                    constraints.add(DSL.constraint(DSL.name("uq_" + m.tableName() + "_" + c.field())).unique(DSL.field(DSL.name(c.field()))));
                }
            }
            for (ForeignKey fk : fks.getOrDefault(m, List.of())) {
                ConstraintForeignKeyOnStep step = DSL.constraint(DSL.name("fk_" + m.tableName() + "_" + fk.column().field()))
                        .foreignKey(DSL.field(DSL.name(fk.column().field())))
                        .references(DSL.table(DSL.name(fk.target().tableName())), DSL.field(DSL.name(fk.key().field())));
                constraints.add(DdlParts.onUpdate(DdlParts.onDelete(step, fk.onDelete()), fk.onUpdate()));
            }
            out.add(ctx.createTableIfNotExists(DSL.name(m.tableName())).columns(fields).constraints(constraints));
        }
        return out;
    }

    /** {@code DROP TABLE IF EXISTS} for every model, referencing tables first. */
    public static List<Query> drop(DSLContext ctx, Schema schema) {
        List<Model> order = creationOrder(schema, foreignKeys(schema));
        List<Query> out = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            out.add(ctx.dropTableIfExists(DSL.name(order.get(i).tableName())));
        }
        return out;
    }

    static Map<Model, List<ForeignKey>> foreignKeys(Schema schema) {
        Map<Model, List<ForeignKey>> out = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Association a : schema.associations()) {
            if (!a.constraints()) {
                continue;
            }
            Model holder = a.foreignKeyModel();
            Model keyModel = a.kind() == Association.Kind.BELONGS_TO ? a.target() : a.source();
            add(out, seen, new ForeignKey(holder, holder.column(a.foreignKey()), keyModel, keyModel.column(a.referencedKey()),
                    a.onDelete(), a.onUpdate()));
            if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
                add(out, seen, new ForeignKey(holder, holder.column(a.otherKey()), a.target(), a.target().column(a.otherReferencedKey()),
                        a.onDelete(), a.onUpdate()));
            }
        }
        return out;
    }

    private static void add(Map<Model, List<ForeignKey>> out, Set<String> seen, ForeignKey fk) {
        if (fk.column().allowNull() == false && fk.onDelete() == ReferentialAction.SET_NULL) {
            fk = new ForeignKey(fk.holder(), fk.column(), fk.target(), fk.key(), ReferentialAction.NO_ACTION, fk.onUpdate());
        }
        if (seen.add(fk.holder().tableName() + "." + fk.column().field())) {
            out.computeIfAbsent(fk.holder(), m -> new ArrayList<>()).add(fk);
        }
    }

    /** Models ordered so that each comes after the models its foreign keys reference (self-references aside). */
    static List<Model> creationOrder(Schema schema, Map<Model, List<ForeignKey>> fks) {
        List<Model> order = new ArrayList<>();
        Set<Model> visiting = new LinkedHashSet<>();
        for (Model m : schema.models()) {
            visit(m, fks, order, visiting);
        }
        return order;
    }

    private static void visit(Model m, Map<Model, List<ForeignKey>> fks, List<Model> order, Set<Model> visiting) {
        if (order.contains(m) || !visiting.add(m)) {
            return;
        }
        for (ForeignKey fk : fks.getOrDefault(m, List.of())) {
            if (fk.target() != m) {
                visit(fk.target(), fks, order, visiting);
            }
        }
        order.add(m);
    }
}
