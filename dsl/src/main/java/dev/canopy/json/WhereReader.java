package dev.canopy.json;

import static dev.canopy.json.JsonInput.at;
import static dev.canopy.json.JsonInput.describe;
import static dev.canopy.json.JsonInput.field;
import static dev.canopy.json.JsonInput.fields;
import static dev.canopy.json.JsonInput.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import dev.canopy.query.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads the conditions of a spec ({@code where} objects) and the column references of {@code where} and
 * {@code order}: attribute names of a node's model, or {@code $alias.Attribute$} paths, which in the query's own
 * where and order must lead to an included node.
 */
final class WhereReader {
    private static final JsonInput.Failure FAIL = SpecException::new;
    static final String OPERATORS = "$eq, $ne, $gt, $gte, $lt, $lte, $in, $notIn, $like, $notLike, $iLike, $notILike, "
            + "$startsWith, $endsWith, $substring, $between, $notBetween, $is, $not, $and, $or";

    private final Schema schema;
    /** The include tree's alias paths, filled by the {@link SpecReader} before any where or order is read. */
    private final Set<List<String>> included;

    WhereReader(Schema schema, Set<List<String>> included) {
        this.schema = schema;
        this.included = included;
    }

    /** A where object, or null when absent, null or {@code {}}. */
    @Nullable Condition optional(Model model, @Nullable JsonNode node, String path, boolean top) {
        if (node == null || node.isNull() || (node.isObject() && node.isEmpty())) {
            return null;
        }
        return where(model, node, path, top);
    }

    /** Every key of a where object, ANDed. {@code top}: paths are the query's, checked against the include tree. */
    private Condition where(Model model, JsonNode node, String path, boolean top) {
        if (!node.isObject()) {
            throw FAIL.at(path, "expected an object of conditions ({\"Attribute\": value, \"$or\": [...]}), not " + describe(node));
        }
        List<Condition> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : fields(node)) {
            parts.add(entry(model, e.getKey(), e.getValue(), field(path, e.getKey()), top));
        }
        return Condition.and(parts);
    }

    /** The computed attributes' aliases of the query being read: a {@code ["col", "alias"]} may name one. */
    private final java.util.Set<String> computed = new java.util.HashSet<>();

    void computed(java.util.Collection<String> names) {
        computed.addAll(names);
    }

    /** An expression of a spec over {@code model}: columns through any path, or a computed attribute by alias. */
    dev.canopy.query.Expr<?> expr(Model model, JsonNode node, String path) {
        return ExprJson.read(node, path, (aliases, name, p) -> aliases.isEmpty() && computed.contains(name) && model.findColumn(name) == null
                ? dev.canopy.query.Expr.col(name) : dev.canopy.query.Expr.col(ref(model, aliases, name, p, null)));
    }

    /**
     * {@code {"$expr": [expression, {"$gt": 5}]}}: Sequelize's {@code where(fn(...), Op.gt, 5)}; a bare value means
     * {@code $eq}. The value is read as the expression's type where it is known ({@code COUNT} gives a whole number).
     */
    private Condition exprCondition(Model model, JsonNode value, String path) {
        if (!value.isArray() || value.size() != 2) {
            throw FAIL.at(path, "$expr takes [expression, {\"$op\": value}], e.g. [[\"fn\", \"COUNT\", [\"col\", \"tracks.TrackId\"]], {\"$gt\": 5}], not "
                    + describe(value));
        }
        dev.canopy.query.Expr<?> e = expr(model, value.get(0), index(path, 0));
        JsonNode cmp = value.get(1);
        String opPath = index(path, 1);
        Operator op = Operator.EQ;
        JsonNode v = cmp;
        if (cmp.isObject()) {
            if (cmp.size() != 1) {
                throw FAIL.at(opPath, "expected one operator and its value, {\"$gt\": 5}, not " + describe(cmp));
            }
            String key = cmp.fieldNames().next();
            op = null;
            for (Operator o : Operator.values()) {
                if (o.json().equals(key)) {
                    op = o;
                }
            }
            if (op == null) {
                throw FAIL.at(field(opPath, key), "unknown operator '" + key + "' for an expression; use $eq, $ne, $gt, $gte, $lt, $lte, $like, "
                        + "$notLike, $iLike, $notILike, $startsWith, $endsWith, $substring");
            }
            v = cmp.get(key);
            opPath = field(opPath, key);
        }
        if (v == null || v.isNull() || v.isContainerNode()) {
            throw FAIL.at(opPath, "expected a value to compare with, not " + describe(v));
        }
        JsonNode raw = v;
        Object value1;
        try {
            value1 = e.type() != null && !op.isTextual() ? Values.convert(e.type(), raw) : plain(raw);
        } catch (Values.Mismatch m) {
            throw FAIL.at(opPath, e + " is " + e.type() + "; " + m.getMessage(), m);
        }
        Operator o = op;
        return at(opPath, FAIL, () -> e.compare(o, value1));
    }

    private static Object plain(JsonNode raw) {
        return raw.isTextual() ? raw.asText() : raw.isBoolean() ? (Object) raw.booleanValue()
                : raw.isIntegralNumber() ? (raw.canConvertToInt() ? (Object) raw.intValue() : (Object) raw.longValue()) : raw.decimalValue();
    }

    private Condition entry(Model model, String key, JsonNode value, String path, boolean top) {
        switch (key) {
            case "$expr": return exprCondition(model, value, path);
            case "$and": return junction(model, value, path, top, true);
            case "$or": return junction(model, value, path, top, false);
            case "$not":
                if (value.isNull()) {
                    throw FAIL.at(path, "$not here negates a condition ({\"$not\": {...}}); for IS NOT NULL write {\"Attribute\": {\"$not\": null}}");
                }
                return Condition.not(value.isArray() ? junction(model, value, path, top, true) : where(model, value, path, top));
            default:
                if (key.startsWith("$") && !isPathKey(key)) {
                    throw FAIL.at(path, "unknown key '" + key + "'; a where object takes attribute names, \"$alias.Attribute$\" paths, "
                            + "$and, $or, $not and $expr");
                }
                return columnCondition(columnKey(model, key, path, top), value, path);
        }
    }

    private Condition junction(Model model, JsonNode value, String path, boolean top, boolean and) {
        List<Condition> parts = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                parts.add(where(model, value.get(i), index(path, i), top));
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : fields(value)) {
                parts.add(entry(model, e.getKey(), e.getValue(), field(path, e.getKey()), top));
            }
        } else {
            throw FAIL.at(path, "expected an array of conditions, not " + describe(value));
        }
        return and ? Condition.and(parts) : Condition.or(parts);
    }

    private static boolean isPathKey(String key) {
        return key.length() > 2 && key.startsWith("$") && key.endsWith("$");
    }

    private ColumnRef<?> columnKey(Model model, String key, String path, boolean top) {
        if (!isPathKey(key)) {
            return at(path, FAIL, () -> model.column(key)).ref();
        }
        List<String> parts = Arrays.asList(key.substring(1, key.length() - 1).split("\\.", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw FAIL.at(path, "'" + key + "' has an empty name; write \"$alias.Attribute$\" or \"$alias.nested.Attribute$\"");
        }
        return ref(model, parts.subList(0, parts.size() - 1), parts.get(parts.size() - 1), path, top ? List.of() : null);
    }

    /**
     * A column reached from {@code from} through aliases. With {@code includedUnder} (the alias path of the node
     * {@code from} is, {@code []} for the root), the path must be in the include tree; without, the caller's own
     * check applies (an include's where names only its own model's columns).
     */
    ColumnRef<?> ref(Model from, List<String> aliases, String attribute, String path, @Nullable List<String> includedUnder) {
        Model m = from;
        for (String alias : aliases) {
            Model source = m;
            m = at(path, FAIL, () -> schema.association(source, alias)).target();
        }
        if (includedUnder != null && !aliases.isEmpty()) {
            List<String> full = new ArrayList<>(includedUnder);
            full.addAll(aliases);
            if (!included.contains(full)) {
                throw FAIL.at(path, "the path '" + String.join(".", full) + "' is not included in the query; included paths: "
                        + (included.isEmpty() ? "(none)" : included.stream().map(p -> String.join(".", p)).collect(Collectors.joining(", ")))
                        + ". Include it, or fix the path");
            }
        }
        Model owner = m;
        Column<?> column = at(path, FAIL, () -> owner.column(attribute));
        return column.at(aliases.toArray(new String[0]));
    }

    @SuppressWarnings("unchecked")
    private static Condition columnCondition(ColumnRef<?> column, @Nullable JsonNode value, String path) {
        ColumnRef<Object> ref = (ColumnRef<Object>) column;
        if (value == null || value.isNull()) {
            return ref.isNull();
        }
        if (value.isArray()) {
            return in(ref, value, path, false);
        }
        if (value.isObject()) {
            if (value.isEmpty()) {
                throw FAIL.at(path, "an empty object names no operator; write a value, null, or an object of operators (" + OPERATORS + ")");
            }
            List<Condition> parts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : fields(value)) {
                parts.add(operator(ref, e.getKey(), e.getValue(), field(path, e.getKey())));
            }
            return Condition.and(parts);
        }
        Object v = value(ref, value, path);
        return at(path, FAIL, () -> ref.eq(v));
    }

    private static Condition operator(ColumnRef<Object> ref, String op, JsonNode value, String path) {
        switch (op) {
            case "$in": return in(ref, value, path, false);
            case "$notIn": return in(ref, value, path, true);
            case "$between": return between(ref, value, path, false);
            case "$notBetween": return between(ref, value, path, true);
            case "$is":
                if (value.isNull()) {
                    return ref.isNull();
                }
                if (value.isBoolean()) {
                    Object v = value(ref, value, path);
                    return at(path, FAIL, () -> ref.eq(v));
                }
                throw FAIL.at(path, "$is takes null, true or false, not " + describe(value));
            case "$not":
                return value.isNull() ? ref.isNotNull() : Condition.not(columnCondition(ref, value, path));
            case "$and": case "$or":
                return columnJunction(ref, value, path, op.equals("$and"));
            default:
                break;
        }
        Operator operator = null;
        for (Operator o : Operator.values()) {
            if (o.json().equals(op)) {
                operator = o;
            }
        }
        if (operator == null) {
            throw FAIL.at(path, "unknown operator '" + op + "'; operators: " + OPERATORS);
        }
        if (value.isNull()) {
            if (operator == Operator.EQ) {
                return ref.isNull();
            }
            if (operator == Operator.NE) {
                return ref.isNotNull();
            }
            throw FAIL.at(path, op + " needs a value, not null; only $eq, $ne, $is and $not take null");
        }
        Operator o = operator;
        if (operator.isTextual()) {
            if (!value.isTextual()) {
                throw FAIL.at(path, op + " needs a text pattern (a string), not " + describe(value));
            }
            return at(path, FAIL, () -> ref.compare(o, value.asText()));
        }
        Object v = value(ref, value, path);
        return at(path, FAIL, () -> ref.compare(o, v));
    }

    private static Condition columnJunction(ColumnRef<Object> ref, JsonNode value, String path, boolean and) {
        List<Condition> parts = new ArrayList<>();
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                parts.add(columnCondition(ref, value.get(i), index(path, i)));
            }
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : fields(value)) {
                parts.add(operator(ref, e.getKey(), e.getValue(), field(path, e.getKey())));
            }
        } else {
            throw FAIL.at(path, "expected an array of conditions or an object of operators, not " + describe(value));
        }
        return and ? Condition.and(parts) : Condition.or(parts);
    }

    private static Condition in(ColumnRef<Object> ref, JsonNode value, String path, boolean negated) {
        if (!value.isArray()) {
            throw FAIL.at(path, "expected an array of values, not " + describe(value));
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode v = value.get(i);
            if (v.isNull()) {
                throw FAIL.at(index(path, i), "null is never IN a list; use {\"$or\": [{\"$in\": [...]}, null]} for NULL too");
            }
            values.add(value(ref, v, index(path, i)));
        }
        return at(path, FAIL, () -> negated ? ref.notIn(values) : ref.isIn(values));
    }

    private static Condition between(ColumnRef<Object> ref, JsonNode value, String path, boolean negated) {
        if (!value.isArray() || value.size() != 2) {
            throw FAIL.at(path, "expected an array of two values [low, high], not " + (value.isArray() ? "an array of " + value.size() : describe(value)));
        }
        Object low = value(ref, value.get(0), index(path, 0));
        Object high = value(ref, value.get(1), index(path, 1));
        return at(path, FAIL, () -> negated ? ref.notBetween(low, high) : ref.between(low, high));
    }

    private static Object value(ColumnRef<?> ref, JsonNode value, String path) {
        Column<?> column = ref.column();
        try {
            return Values.convert(column.type(), value);
        } catch (Values.Mismatch e) {
            throw FAIL.at(path, column + " is " + column.type() + "; " + e.getMessage(), e);
        }
    }
}
