package dev.canopy.write;

import dev.canopy.error.InvalidValuesException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@link Values} against their model and the schema's associations, before any SQL: every attribute must be
 * the model's, every value of its column's type, every nested alias an association of the model. The message names
 * the model, the attribute or alias, and what the model has.
 */
final class RowChecker {
    private final Schema schema;

    RowChecker(Schema schema) {
        this.schema = schema;
    }

    /** The row of {@code values} for {@code model}; {@code nestedAllowed} is false where only attributes may be given. */
    Row check(Model model, Values values, boolean root, boolean nestedAllowed) {
        Row row = new Row(model);
        for (Map.Entry<String, @Nullable Object> e : values.attributes().entrySet()) {
            Column<?> c = column(model, e.getKey(), values.ownerOf(e.getKey()));
            row.put(c, Coercion.coerce(c, e.getValue()));
        }
        if (!nestedAllowed && !values.nestedRows().isEmpty()) {
            throw new InvalidValuesException("Nested rows (" + String.join(", ", values.nestedRows().keySet()) + ") cannot be given to an "
                    + "update or upsert of " + model.name() + "; update each model on its own");
        }
        for (Map.Entry<String, Values.Nested> e : values.nestedRows().entrySet()) {
            Association a = association(model, e.getKey());
            Values.Nested n = e.getValue();
            if (!a.isToMany() && n.rows().size() > 1) {
                throw new InvalidValuesException("'" + e.getKey() + "' of " + model.name() + " is " + kind(a) + " (to one); "
                        + n.rows().size() + " rows were given under it");
            }
            List<Row> children = new ArrayList<>(n.rows().size());
            for (Values child : n.rows()) {
                children.add(check(a.target(), child, false, true));
            }
            row.nested.put(a, children);
        }
        row.linkOnly = !root && isKeyOnly(model, row);
        return row;
    }

    private static boolean isKeyOnly(Model model, Row row) {
        List<Column<?>> pk = model.primaryKey();
        return !pk.isEmpty() && row.nested.isEmpty() && row.values.size() == pk.size()
                && pk.stream().allMatch(c -> row.values.get(c) != null);
    }

    private Column<?> column(Model model, String attribute, @Nullable Model owner) {
        if (owner != null && owner != model) {
            throw new InvalidValuesException(owner.name() + "." + attribute + " is a column of " + owner.name() + ", not of "
                    + model.name() + "; " + model.name() + " has: " + model.attributeNames());
        }
        Column<?> c = model.findColumn(attribute);
        if (c == null) {
            Association a = schema.findAssociation(model, attribute);
            if (a != null) {
                throw new InvalidValuesException("'" + attribute + "' is an association of " + model.name()
                        + ", not an attribute; nest its rows with with(\"" + attribute + "\", ...)");
            }
            throw new InvalidValuesException(model.name() + " has no attribute '" + attribute + "'; " + model.name() + " has: "
                    + model.attributeNames() + associationsText(model));
        }
        return c;
    }

    private Association association(Model model, String alias) {
        Association a = schema.findAssociation(model, alias);
        if (a == null) {
            throw new InvalidValuesException("'" + alias + "' is not an association of " + model.name() + "; " + model.name()
                    + " has: " + aliases(model));
        }
        return a;
    }

    private String aliases(Model model) {
        List<Association> list = schema.associationsOf(model);
        return list.isEmpty() ? "(no associations)" : list.stream().map(Association::alias).collect(Collectors.joining(", "));
    }

    private String associationsText(Model model) {
        List<Association> list = schema.associationsOf(model);
        return list.isEmpty() ? "" : " (associations: " + aliases(model) + ")";
    }

    /** The attributes named, checked: for conflict targets and updateOnDuplicate lists. */
    static List<Column<?>> columns(Model model, List<String> attributes, String what) {
        List<Column<?>> out = new ArrayList<>();
        for (String a : attributes) {
            Column<?> c = model.findColumn(a);
            if (c == null) {
                throw new InvalidValuesException(what + ": " + model.name() + " has no attribute '" + a + "'; " + model.name()
                        + " has: " + model.attributeNames());
            }
            out.add(c);
        }
        return out;
    }

    static String kind(Association a) {
        switch (a.kind()) {
            case BELONGS_TO: return "belongsTo";
            case HAS_ONE: return "hasOne";
            case HAS_MANY: return "hasMany";
            default: return "belongsToMany";
        }
    }
}
