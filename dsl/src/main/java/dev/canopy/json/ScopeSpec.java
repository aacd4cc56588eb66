package dev.canopy.json;

import static dev.canopy.json.JsonInput.describe;
import static dev.canopy.json.JsonInput.field;
import static dev.canopy.json.JsonInput.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code "scope"} and {@code "unscoped"} keys of a query spec and of its includes, both ways (Sequelize's
 * {@code Model.scope('a', 'b')}, {@code Model.scope({ method: ['minLevel', 5] })}, {@code Model.unscoped()}, and
 * {@code include: [{ model: Post.scope('recent') }]}):
 * <pre>{@code
 * {"model": "Member", "scope": ["admins", {"method": ["minLevel", 5]}],
 *  "include": [{"association": "posts", "scope": "recent"}, {"association": "member", "unscoped": true}]}
 * }</pre>
 * A name is checked against the model's scopes as the spec is read, so that a typo fails at its JSON path with the
 * scopes that exist rather than when the query is planned. Arguments are JSON scalars (or arrays of them), given to
 * the scope's function as Java values: a whole number as an {@code Integer} when it fits (else a {@code Long}), a
 * decimal as the exact {@code BigDecimal} written, strings, booleans and null as such, an array as a {@code List}.
 */
final class ScopeSpec {
    private static final JsonInput.Failure FAIL = SpecException::new;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ScopeSpec() {}

    /** One scope asked for: a name and the arguments its function gets. */
    private record Call(String name, List<@Nullable Object> args) {}

    /** {@code q} with the spec's {@code "unscoped"} and {@code "scope"} keys applied. */
    static Query read(Schema schema, Query q, JsonNode spec, String path) {
        boolean unscoped = unscoped(spec, path);
        Query out = unscoped ? q.unscoped() : q;
        for (Call c : calls(schema, q.root(), spec, path)) {
            Query before = out;
            out = JsonInput.at(field(path, "scope"), FAIL, () -> before.scope(c.name(), c.args().toArray()));
        }
        return out;
    }

    /** {@code inc} (an include of {@code model}) with the include's {@code "unscoped"} and {@code "scope"} keys applied. */
    static Include read(Schema schema, Model model, Include inc, JsonNode node, String path) {
        boolean unscoped = unscoped(node, path);
        Include out = unscoped ? inc.unscoped() : inc;
        for (Call c : calls(schema, model, node, path)) {
            Include before = out;
            out = JsonInput.at(field(path, "scope"), FAIL, () -> before.scope(c.name(), c.args().toArray()));
        }
        return out;
    }

    private static boolean unscoped(JsonNode spec, String path) {
        Boolean unscoped = JsonInput.optionalBoolean(spec, "unscoped", path, FAIL);
        if (Boolean.FALSE.equals(unscoped)) {
            throw FAIL.at(field(path, "unscoped"), "expected true (leave the default scope out), or no \"unscoped\" key");
        }
        if (Boolean.TRUE.equals(unscoped) && spec.hasNonNull("scope")) {
            throw FAIL.at(field(path, "unscoped"), "\"scope\" names the scopes to apply, which already leaves the default scope out; give one of the two");
        }
        return Boolean.TRUE.equals(unscoped);
    }

    private static List<Call> calls(Schema schema, Model model, JsonNode spec, String path) {
        JsonNode scope = spec.get("scope");
        if (scope == null || scope.isNull()) {
            return List.of();
        }
        String p = field(path, "scope");
        List<Call> out = new ArrayList<>();
        if (scope.isArray()) {
            if (scope.isEmpty()) {
                throw FAIL.at(p, "expected a scope name, a {\"method\": [name, arguments...]} object, or a non-empty array of them; "
                        + has(schema, model));
            }
            for (int i = 0; i < scope.size(); i++) {
                out.add(call(schema, model, scope.get(i), index(p, i)));
            }
        } else {
            out.add(call(schema, model, scope, p));
        }
        return out;
    }

    private static Call call(Schema schema, Model model, JsonNode node, String path) {
        if (node.isTextual()) {
            return new Call(known(schema, model, node.asText(), path), List.of());
        }
        if (node.isObject()) {
            JsonInput.checkKeys(node, path, List.of("method"), "a scope with arguments", FAIL);
            JsonNode method = node.get("method");
            String p = field(path, "method");
            if (method == null || !method.isArray() || method.isEmpty() || !method.get(0).isTextual()) {
                throw FAIL.at(p, "expected [\"scope name\", arguments...], not " + describe(method) + "; " + has(schema, model));
            }
            String name = known(schema, model, method.get(0).asText(), index(p, 0));
            List<@Nullable Object> args = new ArrayList<>();
            for (int i = 1; i < method.size(); i++) {
                args.add(argument(method.get(i), index(p, i)));
            }
            return new Call(name, args);
        }
        throw FAIL.at(path, "expected a scope name or {\"method\": [name, arguments...]}, not " + describe(node) + "; " + has(schema, model));
    }

    private static String known(Schema schema, Model model, String name, String path) {
        if (!schema.scopeNames(model).contains(name) && !"defaultScope".equals(name)) {
            throw FAIL.at(path, "'" + name + "' is not a scope of " + model.name() + "; " + has(schema, model));
        }
        return name;
    }

    private static String has(Schema schema, Model model) {
        List<String> names = schema.scopeNames(model);
        return model.name() + " has: " + (names.isEmpty() ? "(no scopes)" : String.join(", ", names));
    }

    private static @Nullable Object argument(JsonNode v, String path) {
        if (v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToInt() ? (Object) v.intValue() : v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isArray()) {
            List<@Nullable Object> list = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                list.add(argument(v.get(i), index(path, i)));
            }
            return list;
        }
        throw FAIL.at(path, "a scope argument is a string, number, boolean, null or an array of them, not " + describe(v));
    }

    // ---- writing ----------------------------------------------------------------------------------------------------

    /** Adds {@code "scope"} (the scopes named) or {@code "unscoped": true} for a query. */
    static void write(ObjectNode n, Query q) {
        write(n, q.scopeNames(), q.scopeArguments(), q.isUnscoped());
    }

    /** Adds {@code "scope"} or {@code "unscoped": true} for an include. */
    static void write(ObjectNode n, Include inc) {
        write(n, inc.scopeNames(), inc.scopeArguments(), inc.isUnscoped());
    }

    private static void write(ObjectNode n, List<String> names, List<List<@Nullable Object>> args, boolean unscoped) {
        if (names.isEmpty()) {
            if (unscoped) {
                n.put("unscoped", true);
            }
            return;
        }
        List<JsonNode> calls = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (args.get(i).isEmpty()) {
                calls.add(NODES.textNode(names.get(i)));
            } else {
                ArrayNode method = NODES.arrayNode().add(names.get(i));
                args.get(i).forEach(a -> method.add(argument(a)));
                ObjectNode call = NODES.objectNode();
                call.set("method", method);
                calls.add(call);
            }
        }
        if (calls.size() == 1) {
            n.set("scope", calls.get(0));
        } else {
            n.putArray("scope").addAll(calls);
        }
    }

    private static JsonNode argument(@Nullable Object a) {
        if (a == null) {
            return NODES.nullNode();
        }
        if (a instanceof List<?> list) {
            ArrayNode out = NODES.arrayNode();
            list.forEach(x -> out.add(argument(x)));
            return out;
        }
        if (a instanceof Double || a instanceof Float) {
            return NODES.numberNode(new BigDecimal(a.toString()));
        }
        return Values.write(a);
    }
}
