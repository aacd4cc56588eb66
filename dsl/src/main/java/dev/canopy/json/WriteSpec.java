package dev.canopy.json;

import static dev.canopy.json.JsonInput.describe;
import static dev.canopy.json.JsonInput.field;
import static dev.canopy.json.JsonInput.fields;
import static dev.canopy.json.JsonInput.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Condition;
import dev.canopy.write.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON of writes: a row as an object keyed by attribute name, its nested rows keyed by association alias (an
 * object for a to-one alias, an array for a to-many one), and a where object as in a query spec.
 * <pre>{@code
 * {"name": "Ann", "publisher": {"name": "Tor"}, "books": [{"title": "One", "chapters": [{"heading": "1.1"}]}],
 *  "tags": [{"id": 3}]}
 * }</pre>
 * Values are converted to their column's type as in a query spec ({@code "2021-01-01"} for a DATE); a mistake is a
 * {@link SpecException} at the JSON path, naming what exists.
 */
public final class WriteSpec {
    private static final JsonInput.Failure FAIL = SpecException::new;

    private WriteSpec() {}

    /** The values of one row of {@code model} (with nested rows), from a JSON object. */
    public static Values values(Schema schema, Model model, String json) {
        return values(schema, model, JsonInput.read(json, FAIL), "$");
    }

    /** The rows of a JSON array of objects, for {@code bulkCreate}. */
    public static List<Values> rows(Schema schema, Model model, String json) {
        JsonNode node = JsonInput.read(json, FAIL);
        if (!node.isArray()) {
            throw FAIL.at("$", "expected an array of rows ([{...}, ...]), not " + describe(node));
        }
        List<Values> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            out.add(values(schema, model, node.get(i), index("$", i)));
        }
        return out;
    }

    /**
     * A where object on {@code model}'s own attributes ({@code {"id": 3}}, {@code {"age": {"$gt": 30}}}); null for
     * {@code {}}, which names no row (a write that means every row says so otherwise).
     */
    public static @org.jspecify.annotations.Nullable Condition where(Schema schema, Model model, String json) {
        JsonNode node = JsonInput.read(json, FAIL);
        if (!node.isObject()) {
            throw FAIL.at("$", "expected a where object ({\"Attribute\": value, ...}), not " + describe(node));
        }
        return new WhereReader(schema, Set.of()).optional(model, node, "$", true);
    }

    private static Values values(Schema schema, Model model, JsonNode node, String path) {
        if (!node.isObject()) {
            throw FAIL.at(path, "expected an object of " + model.name() + "'s attributes, not " + describe(node));
        }
        Values v = Values.empty();
        for (Map.Entry<String, JsonNode> e : fields(node)) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            String at = field(path, key);
            Column<?> c = model.findColumn(key);
            if (c != null) {
                Object converted;
                try {
                    converted = value.isNull() ? null : dev.canopy.json.Values.convert(c.type(), value);
                } catch (dev.canopy.json.Values.Mismatch m) {
                    throw FAIL.at(at, c + " is " + c.type() + ": " + m.getMessage());
                }
                v = v.and(key, converted);
                continue;
            }
            Association a = schema.findAssociation(model, key);
            if (a == null) {
                throw FAIL.at(at, model.name() + " has no attribute or association '" + key + "'; attributes: " + model.attributeNames()
                        + "; associations: " + aliases(schema, model));
            }
            if (value.isArray()) {
                if (!a.isToMany() && value.size() > 1) {
                    throw FAIL.at(at, "'" + key + "' is a to-one association of " + model.name() + "; give one object, not an array");
                }
                List<Values> rows = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    rows.add(values(schema, a.target(), value.get(i), index(at, i)));
                }
                v = a.isToMany() ? v.with(key, rows) : rows.isEmpty() ? v : v.with(key, rows.get(0));
            } else if (value.isObject()) {
                Values child = values(schema, a.target(), value, at);
                v = a.isToMany() ? v.with(key, List.of(child)) : v.with(key, child);
            } else if (!value.isNull()) {
                throw FAIL.at(at, "'" + key + "' is an association of " + model.name() + "; give " + (a.isToMany() ? "an array of objects" : "an object")
                        + ", not " + describe(value));
            }
        }
        return v;
    }

    private static String aliases(Schema schema, Model model) {
        List<Association> list = schema.associationsOf(model);
        return list.isEmpty() ? "(none)" : list.stream().map(Association::alias).collect(Collectors.joining(", "));
    }
}
