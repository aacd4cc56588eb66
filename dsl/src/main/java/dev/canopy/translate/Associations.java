package dev.canopy.translate;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.JoinKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the association each join is: the one of the parent's model, to the joined model, whose keys are the pair
 * the ON clause equates, in either direction ({@code belongsTo} when the parent holds the foreign key, {@code hasOne}
 * or {@code hasMany} when the joined table does; a self-join tells them apart by which side holds it). A table joined
 * between two others as the junction of a {@code belongsToMany} of the first, and joined to that association's
 * target, becomes that belongsToMany and has no node of its own.
 */
final class Associations {
    private final Schema schema;
    private final List<String> notes;

    Associations(Schema schema, List<String> notes) {
        this.schema = schema;
        this.notes = notes;
    }

    void resolve(List<SqlTable> tables) {
        for (SqlTable t : tables) {
            if (t.parent != null && !t.junction) {
                collapseJunction(t, tables);
            }
        }
        for (SqlTable t : tables) {
            if (t.parent != null && !t.junction && t.association == null) {
                t.association = direct(t);
            }
        }
        checkTwice(tables);
    }

    /** Makes {@code j} the junction of a belongsToMany when it joins its parent and exactly one child as one. */
    private void collapseJunction(SqlTable j, List<SqlTable> tables) {
        SqlTable p = j.parent;
        List<SqlTable> children = tables.stream().filter(t -> t.parent == j).collect(Collectors.toList());
        if (p == null || p.junction || children.size() != 1) {
            return;
        }
        SqlTable c = children.get(0);
        for (Association a : schema.associationsOf(p.model)) {
            if (a.kind() != Association.Kind.BELONGS_TO_MANY || a.through() != j.model || a.target() != c.model) {
                continue;
            }
            Model through = j.model;
            boolean toSource = j.ownKey == through.column(a.foreignKey()) && j.parentKey == p.model.column(a.referencedKey());
            boolean toTarget = c.parentKey == through.column(a.otherKey()) && c.ownKey == c.model.column(a.otherReferencedKey());
            if (!toSource || !toTarget) {
                continue;
            }
            j.junction = true;
            j.junctionOf = a;
            c.association = a;
            if (!j.onWhere.isEmpty()) {
                throw junctionColumn(j, SqlText.of(j.onWhere.get(0)));
            }
            if (j.kind == JoinKind.INNER && c.kind == JoinKind.LEFT) {
                c.kind = JoinKind.INNER;
                notes.add(c.joinText + " comes after the INNER " + j.joinText + "; the belongsToMany '" + a.alias()
                        + "' is required (a junction row refers to an existing " + c.model.name() + ")");
            }
            return;
        }
    }

    static TranslationException junctionColumn(SqlTable j, String part) {
        Association a = j.junctionOf;
        return new TranslationException(part + ": " + j.shown + " is the junction of " + (a == null ? "a belongsToMany" : a.source().name()
                + "." + a.alias() + " (belongsToMany)") + ", which has no node of its own in an include tree; its columns cannot be"
                + " selected, filtered or ordered by");
    }

    private Association direct(SqlTable t) {
        SqlTable p = t.parent;
        List<Association> found = new ArrayList<>();
        for (Association a : schema.associationsOf(p.model)) {
            if (a.target() == t.model && matches(a, p.parentKeyOf(t), t.ownKey)) {
                found.add(a);
            }
        }
        if (found.isEmpty()) {
            throw new TranslationException(missing(p, t));
        }
        if (found.size() > 1) {
            notes.add(t.joinText + " matches " + found.stream().map(Association::alias).collect(Collectors.joining(", "))
                    + " of " + p.model.name() + "; the translation uses the first, '" + found.get(0).alias() + "'");
        }
        return found.get(0);
    }

    /** Whether {@code a} joins its source's column {@code parentKey} to its target's column {@code childKey}. */
    private static boolean matches(Association a, Column<?> parentKey, Column<?> childKey) {
        switch (a.kind()) {
            case BELONGS_TO:
                return parentKey == a.source().column(a.foreignKey()) && childKey == a.target().column(a.referencedKey());
            case HAS_ONE: case HAS_MANY:
                return childKey == a.target().column(a.foreignKey()) && parentKey == a.source().column(a.referencedKey());
            default:
                return false;
        }
    }

    /** {@code no association of Event joins events.event_tz = zones.zid; declare Event.belongsTo(Zone, foreignKey: eventTz, targetKey: zid)}. */
    private String missing(SqlTable p, SqlTable t) {
        Column<?> pk = p.parentKeyOf(t);
        Column<?> ck = t.ownKey;
        String pair = p.name(pk) + " = " + t.name(ck);
        String declare;
        if (pk.isPrimaryKey() && p.model.primaryKey().size() == 1 && !(ck.isPrimaryKey() && t.model.primaryKey().size() == 1)) {
            declare = p.model.name() + ".hasMany(" + t.model.name() + ", foreignKey: " + ck.name() + ", sourceKey: " + pk.name() + ")";
        } else {
            declare = p.model.name() + ".belongsTo(" + t.model.name() + ", foreignKey: " + pk.name() + ", targetKey: " + ck.name() + ")";
        }
        String other = "";
        for (Association a : schema.associationsOf(t.model)) {
            if (a.target() == p.model && matches(a, ck, pk)) {
                other = " (" + t.model.name() + "." + kindName(a) + "(" + p.model.name() + " as " + a.alias() + ") joins them the other way:"
                        + " start FROM at " + t.model.tableName() + ")";
                break;
            }
        }
        return "no association of " + p.model.name() + " joins " + pair + "; declare " + declare + other;
    }

    static String kindName(Association a) {
        switch (a.kind()) {
            case BELONGS_TO: return "belongsTo";
            case HAS_ONE: return "hasOne";
            case HAS_MANY: return "hasMany";
            default: return "belongsToMany";
        }
    }

    private static void checkTwice(List<SqlTable> tables) {
        for (SqlTable a : tables) {
            for (SqlTable b : tables) {
                if (a.index < b.index && !a.junction && !b.junction && a.association != null && a.association == b.association
                        && a.treeParent() == b.treeParent()) {
                    throw new TranslationException(b.joinText + ": " + a.treeParent().shown + " is joined along "
                            + a.association.source().name() + "." + a.association.alias() + " twice (" + a.shown + " and " + b.shown
                            + "); an include tree includes an association once under a parent");
                }
            }
        }
    }
}
