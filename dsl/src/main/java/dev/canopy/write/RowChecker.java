package dev.canopy.write;

import dev.canopy.error.InvalidValuesException;
import dev.canopy.error.ValidationException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelValidator;
import dev.canopy.model.Validator;
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
    /** Whether rows are inserted (every notNull attribute must have a value) or updated (only the values given count). */
    private final boolean creating;
    private final List<ValidationException.Failure> failures = new ArrayList<>();

    RowChecker(Schema schema, boolean creating) {
        this.schema = schema;
        this.creating = creating;
    }

    /**
     * Throws one {@link ValidationException} with every validation failure of the rows checked so far; call it after
     * the last row, before any SQL.
     */
    void throwIfInvalid() {
        if (!failures.isEmpty()) {
            throw new ValidationException(failures);
        }
    }

    /** The row of {@code values} for {@code model}; {@code nestedAllowed} is false where only attributes may be given. */
    Row check(Model model, Values values, boolean root, boolean nestedAllowed) {
        Row row = new Row(model);
        for (Map.Entry<String, @Nullable Object> e : values.attributes().entrySet()) {
            Column<?> c = column(model, e.getKey(), values.ownerOf(e.getKey()));
            row.put(c, set(c, Coercion.coerce(c, e.getValue())));
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
        if (!row.linkOnly) {
            validate(row);
        }
        return row;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Object set(Column<?> c, @Nullable Object value) {
        java.util.function.UnaryOperator<Object> setter = (java.util.function.UnaryOperator<Object>) c.setter();
        return setter == null || value == null ? value : Coercion.coerce(c, setter.apply(value));
    }

    /** Runs the attribute validators, then the model's, recording each failure. */
    private void validate(Row row) {
        Model model = row.model;
        boolean attributesPassed = true;
        for (Column<?> c : model.columns()) {
            if (c.validators().isEmpty()) {
                continue;
            }
            boolean given = row.has(c);
            Object value = row.get(c);
            for (Validator<?> v : c.validators()) {
                boolean ok;
                if (v.checksNull()) {
                    ok = given ? value != null : !creating || c.defaultValue() != null || c.isAutoIncrement();
                } else {
                    ok = !given || v.test(value);
                }
                if (!ok) {
                    attributesPassed = false;
                    failures.add(new ValidationException.Failure(model.name(), c.name(), v.name(), v.message()));
                }
            }
        }
        if (model.validators().isEmpty() || !attributesPassed) {
            return;
        }
        Map<String, @Nullable Object> byName = new java.util.LinkedHashMap<>();
        row.values.forEach((c, v) -> byName.put(c.name(), v));
        Map<String, @Nullable Object> view = java.util.Collections.unmodifiableMap(byName);
        for (Map.Entry<String, ModelValidator> e : model.validators().entrySet()) {
            String problem = e.getValue().check(view);
            if (problem != null) {
                failures.add(new ValidationException.Failure(model.name(), null, e.getKey(), problem));
            }
        }
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
            if (model.findVirtual(attribute) != null) {
                throw new InvalidValuesException("'" + attribute + "' is a virtual attribute of " + model.name()
                        + ", computed when read and never stored; write the attributes it is computed from");
            }
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
