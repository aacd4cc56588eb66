package dev.canopy.json;

import static dev.canopy.json.JsonInput.at;
import static dev.canopy.json.JsonInput.describe;
import static dev.canopy.json.JsonInput.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.canopy.model.DataType;
import dev.canopy.query.Expr;
import dev.canopy.query.SqlFunction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Expressions in a spec, in the shape of Sequelize's helpers written as JSON arrays:
 * <ul>
 *   <li>{@code ["fn", "COUNT", ["col", "albums.tracks.TrackId"]]}: a function (one of {@link SqlFunction}) and its
 *       arguments; {@code ["fn", "COUNT", ["distinct", ["col", "x"]]]} for {@code COUNT(DISTINCT x)};</li>
 *   <li>{@code ["col", "albums.Title"]}: a column by path, or a computed attribute by its alias;</li>
 *   <li>{@code ["cast", expr, "integer"]}: a cast to a type of the models file;</li>
 *   <li>a plain JSON number, string or boolean: a value, bound as a parameter.</li>
 * </ul>
 */
final class ExprJson {
    private static final JsonInput.Failure FAIL = SpecException::new;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Resolves a column by its aliases and attribute (or a computed alias), reporting at a JSON path. */
    @FunctionalInterface
    interface Columns {
        Expr<?> column(List<String> aliases, String name, String path);
    }

    private ExprJson() {}

    /** Whether a JSON value is written as an expression array ({@code ["fn", ...]}, {@code ["col", ...]}, {@code ["cast", ...]}). */
    static boolean isExpr(JsonNode node) {
        return node.isArray() && !node.isEmpty() && node.get(0).isTextual()
                && List.of("fn", "col", "cast").contains(node.get(0).asText());
    }

    static Expr<?> read(JsonNode node, String path, Columns columns) {
        if (node.isNumber()) {
            return Expr.value(node.isIntegralNumber() ? (node.canConvertToInt() ? (Object) node.intValue() : (Object) node.longValue())
                    : (Object) node.decimalValue());
        }
        if (node.isTextual() || node.isBoolean()) {
            return Expr.value(node.isTextual() ? (Object) node.asText() : (Object) node.booleanValue());
        }
        if (!isExpr(node)) {
            throw FAIL.at(path, "expected an expression: [\"fn\", \"COUNT\", [\"col\", \"tracks.TrackId\"]], [\"col\", \"Name\"], "
                    + "[\"cast\", expr, \"integer\"] or a value, not " + describe(node));
        }
        String kind = node.get(0).asText();
        switch (kind) {
            case "col": {
                if (node.size() != 2 || !node.get(1).isTextual()) {
                    throw FAIL.at(path, "[\"col\", \"alias.Attribute\"] takes one path, not " + describe(node));
                }
                List<String> parts = new ArrayList<>(Arrays.asList(node.get(1).asText().split("\\.", -1)));
                if (parts.stream().anyMatch(String::isBlank)) {
                    throw FAIL.at(index(path, 1), "'" + node.get(1).asText() + "' has an empty part; write \"alias.Attribute\"");
                }
                String name = parts.remove(parts.size() - 1);
                return columns.column(parts, name, index(path, 1));
            }
            case "cast": {
                if (node.size() != 3 || !node.get(2).isTextual()) {
                    throw FAIL.at(path, "[\"cast\", expr, \"type\"] takes an expression and a type name, not " + describe(node));
                }
                DataType<?> type = DataType.named(node.get(2).asText().toLowerCase(Locale.ROOT), null, null);
                if (type == null) {
                    throw FAIL.at(index(path, 2), "unknown type '" + node.get(2).asText() + "'; types: " + DataType.knownNames());
                }
                Expr<?> inner = read(node.get(1), index(path, 1), columns);
                return Expr.cast(inner, type);
            }
            default: {
                if (node.size() < 2 || !node.get(1).isTextual()) {
                    throw FAIL.at(path, "[\"fn\", \"NAME\", args...] needs a function name; known: " + SqlFunction.known());
                }
                SqlFunction f = at(index(path, 1), FAIL, () -> SqlFunction.named(node.get(1).asText()));
                List<Expr<?>> args = new ArrayList<>();
                boolean distinct = false;
                for (int i = 2; i < node.size(); i++) {
                    JsonNode a = node.get(i);
                    if (a.isArray() && a.size() == 2 && a.get(0).isTextual() && a.get(0).asText().equals("distinct")) {
                        distinct = true;
                        args.add(read(a.get(1), index(index(path, i), 1), columns));
                    } else {
                        args.add(read(a, index(path, i), columns));
                    }
                }
                boolean d = distinct;
                return at(path, FAIL, () -> new Expr.Call<>(f, args, d));
            }
        }
    }

    static JsonNode write(Expr<?> e) {
        if (e instanceof Expr.Col) {
            Expr.Col<?> c = (Expr.Col<?>) e;
            List<String> parts = new ArrayList<>(c.ref().path());
            parts.add(c.ref().column().name());
            return NODES.arrayNode().add("col").add(String.join(".", parts));
        }
        if (e instanceof Expr.Named) {
            return NODES.arrayNode().add("col").add(e.toString());
        }
        if (e instanceof Expr.Value) {
            Object v = ((Expr.Value<?>) e).value();
            return v instanceof Double || v instanceof Float ? NODES.numberNode(new BigDecimal(v.toString())) : Values.write(v);
        }
        if (e instanceof Expr.Cast) {
            Expr.Cast<?> c = (Expr.Cast<?>) e;
            return NODES.arrayNode().add("cast").add(write(c.expr())).add(c.to().kind().name().toLowerCase(Locale.ROOT));
        }
        Expr.Call<?> call = (Expr.Call<?>) e;
        ArrayNode a = NODES.arrayNode().add("fn").add(call.function().name());
        for (Expr<?> arg : call.args()) {
            a.add(call.distinct() ? NODES.arrayNode().add("distinct").add(write(arg)) : write(arg));
        }
        return a;
    }
}
