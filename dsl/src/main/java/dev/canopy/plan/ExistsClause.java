package dev.canopy.plan;

import dev.canopy.model.Association;
import dev.canopy.model.Model;
import dev.canopy.query.Include;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.SelectQuery;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * {@code EXISTS (SELECT 1 FROM child WHERE child.fk = parent.key AND child's where AND ...)} for a required separate
 * include, with one nested EXISTS per required include below it, so the parent is kept exactly when the joined
 * required chain would have kept it. Its aliases ({@code e1}, {@code e2}, ...) are numbered while one layout is
 * built; the conditions it returns are kept in the layout and never change.
 */
final class ExistsClause {
    private final Spec spec;
    private final boolean paranoid;
    private final boolean arrays;
    private int count;

    ExistsClause(Spec spec, boolean arrays) {
        this.spec = spec;
        this.paranoid = spec.paranoid();
        this.arrays = arrays;
    }

    /** The EXISTS of {@code child}, the include at {@code path} from the query's root (where its values' slots are found). */
    org.jooq.Condition of(Name parentAlias, Include child, String path) {
        Association a = child.association();
        Association.Keys k = a.keys();
        Name e = DSL.name("e" + (++count));
        Model target = a.target();
        SelectQuery<Record> sub = Planner.NEUTRAL.selectQuery();
        sub.addSelect(DSL.inline(1));
        Table<?> t = DSL.table(DSL.name(target.tableName())).as(e);
        if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
            Name j = DSL.name(e.first() + "j");
            Table<?> junction = DSL.table(DSL.name(a.through().tableName())).as(j);
            sub.addFrom(junction.join(t).on(Fields.of(j, k.throughTarget()).eq(Fields.of(e, k.target()))));
            sub.addConditions(Fields.of(j, k.throughSource()).eq(Fields.of(parentAlias, k.source())));
            sub.addConditions(JoinTree.throughWhere(spec, child, j, arrays, path));
        } else {
            sub.addFrom(t);
            sub.addConditions(Fields.of(e, k.target()).eq(Fields.of(parentAlias, k.source())));
        }
        if (child.where() != null) {
            int base = spec.slots() == null ? 0 : spec.includeSlot(path) + 1;
            sub.addConditions(spec.conditions(ref -> Fields.of(e, ref.column()), arrays, base).toJooq(child.where()));
        }
        if (paranoid && target.options().isParanoid()) {
            sub.addConditions(Fields.of(e, target.column("deletedAt")).isNull());
        }
        for (Include grandchild : child.includes()) {
            if (grandchild.isRequired()) {
                sub.addConditions(of(e, grandchild, path + "." + grandchild.alias()));
            }
        }
        return DSL.exists(sub);
    }
}
