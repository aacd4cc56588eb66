package dev.canopy.write;

import dev.canopy.error.InvalidValuesException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a graph of rows level by level, in the direction each association says: belongsTo parents first (their key
 * goes into the child), then the rows themselves, then hasOne/hasMany children (the row's key goes into them), then
 * belongsToMany children and their junction rows. Rows of one model at one level go in one {@link Inserter} call,
 * so a graph of any size costs one INSERT per table per level (per batch of the bind limit), not one per row.
 * A nested row given with only its primary key is an existing row: it is linked (its key is used, or for a
 * hasOne/hasMany its foreign key is set by one UPDATE per parent), never inserted.
 */
final class GraphWriter {
    private final Inserter inserter;
    private final Updater updater;
    private final LocalDateTime now;

    GraphWriter(Inserter inserter, Updater updater, LocalDateTime now) {
        this.inserter = inserter;
        this.updater = updater;
        this.now = now;
    }

    /** Inserts {@code rows} of {@code model} with everything nested under them; returns the rows of {@code model} inserted. */
    int insertAll(Model model, List<Row> rows, Inserter.@Nullable OnConflict conflict) {
        if (rows.isEmpty()) {
            return 0;
        }
        Map<Association, List<Row[]>> edges = edges(rows);
        for (Map.Entry<Association, List<Row[]>> e : edges.entrySet()) {
            Association a = e.getKey();
            if (a.kind() == Association.Kind.BELONGS_TO) {
                List<Row> parents = seconds(e.getValue());
                insertAll(a.target(), parents, null);
                Column<?> fk = a.source().column(a.foreignKey());
                Column<?> key = a.target().column(a.referencedKey());
                for (Row[] pair : e.getValue()) {
                    pair[0].put(fk, keyOf(pair[1], key, a));
                }
            }
        }
        for (Row r : rows) {
            if (!r.linkOnly) {
                Stamps.onCreate(r, now);
            }
        }
        int count = inserter.insert(model, rows, conflict);
        for (Map.Entry<Association, List<Row[]>> e : edges.entrySet()) {
            Association a = e.getKey();
            switch (a.kind()) {
                case HAS_ONE: case HAS_MANY: children(a, e.getValue()); break;
                case BELONGS_TO_MANY: junction(a, e.getValue()); break;
                default: break;
            }
        }
        return count;
    }

    /** The (row, nested row) pairs of every association, in the order of first appearance. */
    private static Map<Association, List<Row[]>> edges(List<Row> rows) {
        Map<Association, List<Row[]>> edges = new LinkedHashMap<>();
        for (Row r : rows) {
            for (Map.Entry<Association, List<Row>> n : r.nested.entrySet()) {
                List<Row[]> pairs = edges.computeIfAbsent(n.getKey(), k -> new ArrayList<>());
                for (Row child : n.getValue()) {
                    pairs.add(new Row[] {r, child});
                }
            }
        }
        return edges;
    }

    private static List<Row> seconds(List<Row[]> pairs) {
        List<Row> out = new ArrayList<>(pairs.size());
        for (Row[] p : pairs) {
            out.add(p[1]);
        }
        return out;
    }

    /** hasOne / hasMany: the parent's key into each child; new children inserted, existing ones re-pointed. */
    private void children(Association a, List<Row[]> pairs) {
        Column<?> fk = a.target().column(a.foreignKey());
        Column<?> key = a.source().column(a.referencedKey());
        List<Row> inserted = new ArrayList<>();
        Map<Object, List<Row>> linkedByParent = new LinkedHashMap<>();
        for (Row[] pair : pairs) {
            Object parentKey = keyOf(pair[0], key, a);
            if (pair[1].linkOnly) {
                linkedByParent.computeIfAbsent(parentKey, k -> new ArrayList<>()).add(pair[1]);
            } else {
                pair[1].put(fk, parentKey);
                inserted.add(pair[1]);
            }
        }
        insertAll(a.target(), inserted, null);
        for (Map.Entry<Object, List<Row>> e : linkedByParent.entrySet()) {
            updater.link(a.target(), fk, e.getKey(), e.getValue(), now);
            for (Row r : e.getValue()) {
                r.put(fk, e.getKey());
            }
        }
    }

    /** belongsToMany: the targets inserted (or taken as they are, when only their key is given), then one junction row per pair. */
    private void junction(Association a, List<Row[]> pairs) {
        insertAll(a.target(), seconds(pairs), null);
        Model through = java.util.Objects.requireNonNull(a.through());
        Column<?> fk = through.column(a.foreignKey());
        Column<?> other = through.column(a.otherKey());
        Column<?> sourceKey = a.source().column(a.referencedKey());
        Column<?> targetKey = a.target().column(a.otherReferencedKey());
        List<Row> links = new ArrayList<>(pairs.size());
        for (Row[] pair : pairs) {
            Row link = new Row(through);
            link.put(fk, keyOf(pair[0], sourceKey, a));
            link.put(other, keyOf(pair[1], targetKey, a));
            Stamps.onCreate(link, now);
            links.add(link);
        }
        inserter.insert(through, links, null);
    }

    private static Object keyOf(Row row, Column<?> key, Association a) {
        Object v = row.get(key);
        if (v == null) {
            throw new InvalidValuesException("Cannot link " + a + ": the " + row.model.name() + " row has no value for " + key
                    + (row.linkOnly ? "; give " + key.name() + " to link an existing row by it" : ""));
        }
        return v;
    }
}
