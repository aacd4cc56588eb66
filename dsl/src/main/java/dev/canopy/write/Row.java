package dev.canopy.write;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One row of a write while it is planned and run: its checked values by column, the rows nested under it by
 * association, and whether it only names an existing row to link. Working state of one write call, confined to
 * its thread; never shared or cached.
 */
final class Row {
    final Model model;
    final Map<Column<?>, @Nullable Object> values = new LinkedHashMap<>();
    final Map<Association, List<Row>> nested = new LinkedHashMap<>();
    /** Given with its primary key and nothing else: an existing row to link, not to insert. */
    boolean linkOnly;

    Row(Model model) {
        this.model = model;
    }

    @Nullable Object get(Column<?> column) {
        return values.get(column);
    }

    boolean has(Column<?> column) {
        return values.containsKey(column);
    }

    void put(Column<?> column, @Nullable Object value) {
        values.put(column, value);
    }

    /** The rows nested under {@code a}, empty when none. */
    List<Row> nested(Association a) {
        return nested.getOrDefault(a, List.of());
    }

    /** This row's primary key values, in key order. */
    List<@Nullable Object> key() {
        List<@Nullable Object> key = new ArrayList<>();
        for (Column<?> c : model.primaryKey()) {
            key.add(values.get(c));
        }
        return key;
    }
}
