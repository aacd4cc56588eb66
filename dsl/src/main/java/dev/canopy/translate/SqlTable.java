package dev.canopy.translate;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.query.JoinKind;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One table of the FROM clause, as the translation sees it: its model, how it joins the table it hangs from (the
 * key pair its ON clause equates, the join kind, ON conditions on its own columns), and, once resolved, the
 * association that join is. A mutable working record of one translation, never shared.
 */
final class SqlTable {
    final int index;
    final Model model;
    /** The alias the SQL gives the table, or null. */
    final @Nullable String alias;
    /** How messages name the table: its alias, else its table name. */
    final String shown;

    @Nullable SqlTable parent;
    @Nullable Column<?> parentKey;
    @Nullable Column<?> ownKey;
    JoinKind kind = JoinKind.INNER;
    /** The join as the SQL writes it, for messages: {@code LEFT JOIN zones ON event_tz = zid}. */
    String joinText = "";
    /** ON conjuncts that name this table's columns only: the include's where. */
    final List<org.jooq.Condition> onWhere = new ArrayList<>();

    @Nullable Association association;
    /** The junction of a belongsToMany: it has no node in the include tree, its child hangs from its parent. */
    boolean junction;
    /** For a junction, the belongsToMany it is part of; set once its target is resolved. */
    @Nullable Association junctionOf;

    SqlTable(int index, Model model, @Nullable String alias) {
        this.index = index;
        this.model = model;
        this.alias = alias;
        this.shown = alias != null ? alias : model.tableName();
    }

    /** The table this one hangs from in the include tree: its parent, or its junction's parent. */
    @Nullable SqlTable treeParent() {
        SqlTable p = parent;
        return p != null && p.junction ? p.parent : p;
    }

    /** The aliases from the root to this table's node. */
    List<String> path() {
        List<String> out = new ArrayList<>();
        for (SqlTable t = this; t.treeParent() != null; t = t.treeParent()) {
            out.add(0, t.association().alias());
        }
        return out;
    }

    Association association() {
        Association a = association;
        if (a == null) {
            throw new IllegalStateException(shown + " is not resolved");
        }
        return a;
    }

    /** Whether this node and every node above it are required: INNER joins all the way to the root. */
    boolean innerToRoot() {
        for (SqlTable t = this; t.treeParent() != null; t = t.treeParent()) {
            if (t.kind != JoinKind.INNER) {
                return false;
            }
        }
        return true;
    }

    /** The column of this table that {@code child}'s join equates with. */
    Column<?> parentKeyOf(SqlTable child) {
        Column<?> k = child.parentKey;
        if (k == null || child.parent != this) {
            throw new IllegalStateException(child.shown + " does not hang from " + shown);
        }
        return k;
    }

    /** {@code events.event_tz}. */
    String name(Column<?> c) {
        return shown + "." + c.field();
    }

    @Override public String toString() {
        return shown + " (" + model.name() + ")";
    }
}
