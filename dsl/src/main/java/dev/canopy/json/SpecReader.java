package dev.canopy.json;

import static dev.canopy.json.JsonInput.at;
import static dev.canopy.json.JsonInput.describe;
import static dev.canopy.json.JsonInput.field;
import static dev.canopy.json.JsonInput.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reads one query spec; {@link WhereReader} reads its conditions. Includes are read before {@code where} and {@code order}, so that a {@code $alias.Column$}
 * path that is not in the include tree fails here, at its JSON path, rather than when the query is planned.
 */
final class SpecReader {
    private static final JsonInput.Failure FAIL = SpecException::new;
    private static final List<String> QUERY_KEYS = List.of("model", "attributes", "where", "include", "order", "limit", "offset", "paranoid",
            "scope", "unscoped");
    private static final List<String> INCLUDE_KEYS = List.of("association", "as", "model", "required", "right", "where", "attributes",
            "include", "separate", "order", "limit", "scope", "unscoped");
    private static final List<String> ALL_KEYS = List.of("all", "nested", "required");
    private static final Pattern DIRECTION =
            Pattern.compile("(?i)\\s*(ASC|DESC)?\\s*(?:NULLS\\s+(FIRST|LAST))?\\s*");

    private final Schema schema;
    /** The alias paths of the include tree read so far, {@code [album, artist]} for {@code $album.artist.Name$}. */
    private final Set<List<String>> included = new LinkedHashSet<>();
    private final WhereReader where;

    SpecReader(Schema schema) {
        this.schema = schema;
        this.where = new WhereReader(schema, included);
    }

    Query query(JsonNode spec) {
        String path = "$";
        JsonInput.requireObject(spec, path, "A query spec", FAIL);
        JsonInput.checkKeys(spec, path, QUERY_KEYS, "a query spec", FAIL);
        Model root = rootModel(spec.get("model"));
        Query q = ScopeSpec.read(schema, Query.from(root), spec, path);

        JsonNode includes = spec.get("include");
        if (includes != null && !includes.isNull()) {
            String p = field(path, "include");
            int i = 0;
            for (JsonNode child : includeList(includes, p)) {
                String cp = includes.isArray() ? index(p, i++) : p;
                Include inc = include(root, child, cp, List.of());
                Query parent = q;
                q = at(cp, FAIL, () -> parent.include(inc));
            }
        }
        Selection attributes = attributes(root, spec.get("attributes"), field(path, "attributes"));
        if (attributes != null) {
            Query parent = q;
            q = at(field(path, "attributes"), FAIL,
                    () -> attributes.exclude ? parent.exclude(attributes.columns) : parent.attributes(attributes.columns));
        }
        Condition condition = where.optional(root, spec.get("where"), field(path, "where"), true);
        if (condition != null) {
            q = q.where(condition);
        }
        JsonNode order = spec.get("order");
        if (order != null && !order.isNull()) {
            q = q.order(order(root, order, field(path, "order"), List.of()).toArray(Order[]::new));
        }
        Integer limit = count(spec, "limit", path);
        if (limit != null) {
            q = q.limit(limit);
        }
        Integer offset = count(spec, "offset", path);
        if (offset != null) {
            q = q.offset(offset);
        }
        Boolean paranoid = JsonInput.optionalBoolean(spec, "paranoid", path, FAIL);
        if (paranoid != null) {
            q = q.paranoid(paranoid);
        }
        return q;
    }

    private Model rootModel(@Nullable JsonNode model) {
        String path = "$.model";
        String names = schema.models().stream().map(Model::name).collect(Collectors.joining(", "));
        if (model == null || model.isNull()) {
            throw FAIL.at(path, "missing; name the root model, one of: " + names);
        }
        if (!model.isTextual()) {
            throw FAIL.at(path, "expected a model name (a string), not " + describe(model) + "; models: " + names);
        }
        return at(path, FAIL, () -> schema.model(model.asText()));
    }

    private static List<JsonNode> includeList(JsonNode includes, String path) {
        if (includes.isArray()) {
            List<JsonNode> list = new ArrayList<>();
            includes.forEach(list::add);
            return list;
        }
        if (includes.isObject() || includes.isTextual()) {
            return List.of(includes);
        }
        throw FAIL.at(path, "expected an array of includes, not " + describe(includes));
    }

    // ---- include --------------------------------------------------------------------------------------------------

    private Include include(Model parent, JsonNode node, String path, List<String> parentPath) {
        Include inc;
        if (node.isTextual()) {
            inc = at(path, FAIL, () -> Include.of(schema.association(parent, node.asText())));
        } else if (node.isObject() && node.has("all")) {
            return all(parent, node, path, parentPath);
        } else if (node.isObject()) {
            JsonInput.checkKeys(node, path, INCLUDE_KEYS, "an include", FAIL);
            Association association = association(parent, node, path);
            boolean byModel = !node.hasNonNull("association") && !node.hasNonNull("as");
            Include base = byModel ? Include.of(association.target()) : at(path, FAIL, () -> Include.of(association));
            List<String> aliasPath = append(parentPath, association.alias());
            included.add(aliasPath);
            inc = configure(base, association.target(), node, path, aliasPath);
            if (byModel) {
                return inc;
            }
        } else {
            throw FAIL.at(path, "an include is an alias (a string) or an object with \"association\" or \"model\", not " + describe(node));
        }
        included.add(append(parentPath, inc.alias()));
        return inc;
    }

    private Association association(Model parent, JsonNode node, String path) {
        String alias = JsonInput.optionalText(node, "association", path, FAIL);
        String as = JsonInput.optionalText(node, "as", path, FAIL);
        if (alias != null && as != null && !alias.equals(as)) {
            throw FAIL.at(field(path, "as"), "\"association\" says '" + alias + "' and \"as\" says '" + as + "'; give one");
        }
        String aliasKey = alias != null ? "association" : "as";
        alias = alias != null ? alias : as;
        String modelName = JsonInput.optionalText(node, "model", path, FAIL);
        if (alias != null) {
            String a = alias;
            Association found = at(field(path, aliasKey), FAIL, () -> schema.association(parent, a));
            if (modelName != null) {
                Model target = at(field(path, "model"), FAIL, () -> schema.model(modelName));
                if (found.target() != target) {
                    throw FAIL.at(field(path, "model"), "association '" + a + "' of " + parent.name() + " leads to "
                            + found.target().name() + ", not " + target.name());
                }
            }
            return found;
        }
        if (modelName != null) {
            Model target = at(field(path, "model"), FAIL, () -> schema.model(modelName));
            return at(field(path, "model"), FAIL, () -> schema.associationTo(parent, target));
        }
        throw FAIL.at(path, "an include names its \"association\" (an alias) or its \"model\"; " + parent.name() + " has: "
                + schema.associationsOf(parent).stream().map(Association::alias).collect(Collectors.joining(", ")));
    }

    /**
     * {@code {"all": true, "nested": true, "required": false}}: every association of {@code parent} (see
     * {@link Include#all()}); the paths it may include are known to the where and order that follow.
     */
    private Include all(Model parent, JsonNode node, String path, List<String> parentPath) {
        JsonInput.checkKeys(node, path, ALL_KEYS, "an include of all associations", FAIL);
        Boolean all = JsonInput.optionalBoolean(node, "all", path, FAIL);
        if (!Boolean.TRUE.equals(all)) {
            throw FAIL.at(field(path, "all"), "expected true (include every association); to include some, list them");
        }
        Include inc = Include.all();
        if (Boolean.TRUE.equals(JsonInput.optionalBoolean(node, "nested", path, FAIL))) {
            inc = inc.nested();
        }
        Boolean required = JsonInput.optionalBoolean(node, "required", path, FAIL);
        if (required != null) {
            inc = inc.required(required);
        }
        Include every = inc;
        Query expanded = at(path, FAIL, () -> Query.from(parent).include(every).bind(schema));
        addPaths(parentPath, expanded.includes());
        return inc;
    }

    private void addPaths(List<String> parentPath, List<Include> includes) {
        for (Include i : includes) {
            List<String> p = append(parentPath, i.alias());
            included.add(p);
            addPaths(p, i.includes());
        }
    }

    private Include configure(Include base, Model model, JsonNode node, String path, List<String> aliasPath) {
        Include inc = ScopeSpec.read(schema, model, base, node, path);
        Boolean required = JsonInput.optionalBoolean(node, "required", path, FAIL);
        Boolean right = JsonInput.optionalBoolean(node, "right", path, FAIL);
        if (required != null) {
            inc = inc.required(required);
        }
        if (Boolean.TRUE.equals(right)) {
            if (Boolean.TRUE.equals(required)) {
                throw FAIL.at(field(path, "right"), "a right join keeps rows without a parent, so it cannot be required too");
            }
            inc = inc.right();
        }
        String wherePath = field(path, "where");
        Condition condition = where.optional(model, node.get("where"), wherePath, false);
        if (condition != null) {
            Include parent = inc;
            inc = at(wherePath, FAIL, () -> parent.where(condition));
        }
        String attrPath = field(path, "attributes");
        Selection attributes = attributes(model, node.get("attributes"), attrPath);
        if (attributes != null) {
            Include parent = inc;
            inc = at(attrPath, FAIL, () -> attributes.exclude ? parent.exclude(attributes.columns) : parent.attributes(attributes.columns));
        }
        JsonNode children = node.get("include");
        if (children != null && !children.isNull()) {
            String p = field(path, "include");
            int i = 0;
            for (JsonNode child : includeList(children, p)) {
                String cp = children.isArray() ? index(p, i++) : p;
                Include c = include(model, child, cp, aliasPath);
                Include parent = inc;
                inc = at(cp, FAIL, () -> parent.include(c));
            }
        }
        Boolean separate = JsonInput.optionalBoolean(node, "separate", path, FAIL);
        if (separate != null) {
            Include parent = inc;
            inc = at(field(path, "separate"), FAIL, () -> parent.separate(separate));
        }
        JsonNode order = node.get("order");
        if (order != null && !order.isNull()) {
            Order[] terms = order(model, order, field(path, "order"), aliasPath).toArray(Order[]::new);
            Include parent = inc;
            inc = at(field(path, "order"), FAIL, () -> parent.order(terms));
        }
        Integer limit = count(node, "limit", path);
        if (limit != null) {
            Include parent = inc;
            inc = at(field(path, "limit"), FAIL, () -> parent.limit(limit));
        }
        return inc;
    }

    // ---- attributes -----------------------------------------------------------------------------------------------

    /** Which columns a node reads: only these, or all but these. */
    private static final class Selection {
        final boolean exclude;
        final Column<?>[] columns;

        Selection(boolean exclude, List<Column<?>> columns) {
            this.exclude = exclude;
            this.columns = columns.toArray(new Column<?>[0]);
        }
    }

    private static @Nullable Selection attributes(Model model, @Nullable JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return new Selection(false, model.primaryKey());
            }
            return new Selection(false, columns(model, node, path));
        }
        if (node.isObject()) {
            if (node.has("include")) {
                throw FAIL.at(field(path, "include"), "computed attributes are not supported; list attribute names, or {\"exclude\": [...]}");
            }
            JsonInput.checkKeys(node, path, List.of("exclude"), "attributes", FAIL);
            JsonNode exclude = node.get("exclude");
            if (exclude == null || !exclude.isArray()) {
                throw FAIL.at(field(path, "exclude"), "expected an array of attribute names, not " + describe(exclude));
            }
            return new Selection(true, columns(model, exclude, field(path, "exclude")));
        }
        throw FAIL.at(path, "expected an array of attribute names or {\"exclude\": [...]}, not " + describe(node));
    }

    private static List<Column<?>> columns(Model model, JsonNode names, String path) {
        List<Column<?>> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            JsonNode n = names.get(i);
            String p = index(path, i);
            if (!n.isTextual()) {
                throw FAIL.at(p, "expected an attribute name, not " + describe(n) + "; " + model.name() + " has: " + model.attributeNames());
            }
            out.add(at(p, FAIL, () -> model.column(n.asText())));
        }
        return out;
    }

    // ---- order, limit, offset -------------------------------------------------------------------------------------

    /** An order array; terms name {@code model}'s columns, or columns below it through included aliases. */
    private List<Order> order(Model model, JsonNode order, String path, List<String> under) {
        if (!order.isArray()) {
            throw FAIL.at(path, "expected an array of terms such as [[\"Name\", \"DESC\"], [\"album\", \"Title\", \"ASC\"]], not " + describe(order));
        }
        List<Order> terms = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            terms.add(term(model, order.get(i), index(path, i), under));
        }
        return terms;
    }

    private Order term(Model model, JsonNode term, String path, List<String> under) {
        if (term.isTextual()) {
            return new Order(where.ref(model, List.of(), term.asText(), path, under), Order.Direction.ASC, Order.Nulls.DEFAULT);
        }
        if (!term.isArray() || term.isEmpty()) {
            throw FAIL.at(path, "an order term is [\"Attribute\", \"DESC\"] or [\"alias\", ..., \"Attribute\", \"ASC\"], not " + describe(term));
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < term.size(); i++) {
            if (!term.get(i).isTextual()) {
                throw FAIL.at(index(path, i), "expected a string, not " + describe(term.get(i)));
            }
            parts.add(term.get(i).asText());
        }
        Order.Direction direction = Order.Direction.ASC;
        Order.Nulls nulls = Order.Nulls.DEFAULT;
        Matcher last = DIRECTION.matcher(parts.get(parts.size() - 1));
        if (parts.size() > 1 && last.matches() && (last.group(1) != null || last.group(2) != null)) {
            parts.remove(parts.size() - 1);
            if (last.group(2) != null) {
                nulls = last.group(2).equalsIgnoreCase("FIRST") ? Order.Nulls.FIRST : Order.Nulls.LAST;
            }
            if (last.group(1) != null) {
                direction = Order.Direction.valueOf(last.group(1).toUpperCase(Locale.ROOT));
            } else if (parts.size() > 1 && parts.get(parts.size() - 1).matches("(?i)\\s*(ASC|DESC)\\s*")) {
                direction = Order.Direction.valueOf(parts.remove(parts.size() - 1).strip().toUpperCase(Locale.ROOT));
            }
        }
        ColumnRef<?> ref;
        try {
            ref = where.ref(model, parts.subList(0, parts.size() - 1), parts.get(parts.size() - 1), path, under);
        } catch (SpecException e) {
            if (direction == Order.Direction.ASC && nulls == Order.Nulls.DEFAULT && endsWithAttribute(model, parts, path, under)) {
                throw FAIL.at(index(path, parts.size() - 1), "unknown direction '" + parts.get(parts.size() - 1) + "'; a direction is "
                        + "ASC, DESC, NULLS FIRST, NULLS LAST, ASC NULLS FIRST, ASC NULLS LAST, DESC NULLS FIRST or DESC NULLS LAST");
            }
            throw e;
        }
        return new Order(ref, direction, nulls);
    }

    /** Whether all parts but the last name an attribute: then the last one was meant as a direction. */
    private boolean endsWithAttribute(Model model, List<String> parts, String path, List<String> under) {
        if (parts.size() < 2) {
            return false;
        }
        try {
            where.ref(model, parts.subList(0, parts.size() - 2), parts.get(parts.size() - 2), path, under);
            return true;
        } catch (SpecException e) {
            return false;
        }
    }

    private static @Nullable Integer count(JsonNode spec, String key, String path) {
        JsonNode v = spec.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && !v.canConvertToInt() && v.bigIntegerValue().signum() > 0) {
            throw FAIL.at(field(path, key), "expected a whole number from 0 to " + Integer.MAX_VALUE + ", not " + describe(v));
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw FAIL.at(field(path, key), "expected a whole number, 0 or more, not " + describe(v));
        }
        return v.intValue();
    }

    private static List<String> append(List<String> path, String alias) {
        List<String> out = new ArrayList<>(path);
        out.add(alias);
        return List.copyOf(out);
    }
}
