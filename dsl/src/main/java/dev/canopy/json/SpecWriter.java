package dev.canopy.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canopy.model.Column;
import dev.canopy.query.Attributes;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes a query as a spec that {@link SpecReader} reads back to an equal query. Conditions take their shortest
 * form that keeps that promise: {@code {"Name": "x"}} for an equality, a merged object for an AND whose parts name
 * different keys, {@code {"$and": [...]}} otherwise.
 */
final class SpecWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SpecWriter() {}

    static ObjectNode query(Query q) {
        ObjectNode n = NODES.objectNode();
        n.put("model", q.root().name());
        ScopeSpec.write(n, q);
        attributes(n, q.attributes());
        if (q.where() != null) {
            n.set("where", condition(q.where()));
        }
        if (!q.includes().isEmpty()) {
            ArrayNode list = n.putArray("include");
            q.includes().forEach(i -> list.add(include(i)));
        }
        if (!q.order().isEmpty()) {
            ArrayNode list = n.putArray("order");
            q.order().forEach(o -> list.add(order(o)));
        }
        if (q.limit() != null) {
            n.put("limit", q.limit());
        }
        if (q.offset() != null) {
            n.put("offset", q.offset());
        }
        if (!q.isParanoid()) {
            n.put("paranoid", false);
        }
        return n;
    }

    private static ObjectNode include(Include inc) {
        ObjectNode n = NODES.objectNode();
        if (inc.isAll()) {
            n.put("all", true);
            if (inc.isAllNested()) {
                n.put("nested", true);
            }
            if (inc.requiredOption() != null) {
                n.put("required", inc.requiredOption());
            }
            return n;
        }
        if (inc.byModel() != null) {
            n.put("model", inc.byModel().name());
        } else {
            n.put("association", inc.alias());
        }
        ScopeSpec.write(n, inc);
        if (inc.isRight()) {
            n.put("right", true);
        } else if (inc.requiredOption() != null) {
            n.put("required", inc.requiredOption());
        }
        if (inc.where() != null) {
            n.set("where", condition(inc.where()));
        }
        attributes(n, inc.attributes());
        if (!inc.includes().isEmpty()) {
            ArrayNode list = n.putArray("include");
            inc.includes().forEach(i -> list.add(include(i)));
        }
        if (inc.separateOption() != null) {
            n.put("separate", inc.separateOption());
        }
        if (!inc.order().isEmpty()) {
            ArrayNode list = n.putArray("order");
            inc.order().forEach(o -> list.add(order(o)));
        }
        if (inc.limit() != null) {
            n.put("limit", inc.limit());
        }
        return n;
    }

    private static void attributes(ObjectNode n, Attributes attributes) {
        if (attributes.isAll()) {
            return;
        }
        if (!attributes.only().isEmpty()) {
            ArrayNode list = n.putArray("attributes");
            attributes.only().forEach(c -> list.add(c.name()));
        } else {
            ArrayNode list = n.putObject("attributes").putArray("exclude");
            attributes.excluded().forEach(c -> list.add(c.name()));
        }
    }

    private static ArrayNode order(Order o) {
        ArrayNode a = NODES.arrayNode();
        o.column().path().forEach(a::add);
        a.add(o.column().column().name());
        a.add(o.direction().name() + (o.nulls() == Order.Nulls.DEFAULT ? "" : " NULLS " + o.nulls().name()));
        return a;
    }

    /** A condition as a where object. */
    static ObjectNode condition(Condition c) {
        return c.accept(new Condition.Visitor<ObjectNode>() {
            @Override public ObjectNode compare(Condition.Compare cmp) {
                JsonNode value = Values.write(cmp.value());
                return single(key(cmp.column()), cmp.operator() == dev.canopy.query.Operator.EQ ? value : single(cmp.operator().json(), value));
            }

            @Override public ObjectNode in(Condition.In in) {
                ArrayNode values = NODES.arrayNode();
                in.values().forEach(v -> values.add(Values.write(v)));
                return single(key(in.column()), single(in.negated() ? "$notIn" : "$in", values));
            }

            @Override public ObjectNode between(Condition.Between b) {
                ArrayNode range = NODES.arrayNode().add(Values.write(b.low())).add(Values.write(b.high()));
                return single(key(b.column()), single(b.negated() ? "$notBetween" : "$between", range));
            }

            @Override public ObjectNode isNull(Condition.IsNull n) {
                return single(key(n.column()), n.negated() ? single("$not", NODES.nullNode()) : NODES.nullNode());
            }

            @Override public ObjectNode junction(Condition.Junction j) {
                return j.and() ? and(j) : single("$or", parts(j));
            }

            @Override public ObjectNode not(Condition.Not n) {
                return single("$not", condition(n.condition()));
            }

            @Override public ObjectNode literal(Condition.Literal l) {
                return single(l.value() ? "$and" : "$or", NODES.arrayNode());
            }
        });
    }

    /** {@code {"A": 1, "B": 2}} when every part is one distinct key; {@code {"$and": [...]}} otherwise. */
    private static ObjectNode and(Condition.Junction j) {
        ObjectNode merged = NODES.objectNode();
        Set<String> keys = new HashSet<>();
        for (Condition part : j.parts()) {
            ObjectNode n = condition(part);
            if (n.size() != 1) {
                return single("$and", parts(j));
            }
            String key = n.fieldNames().next();
            if (!keys.add(key)) {
                return single("$and", parts(j));
            }
            merged.set(key, n.get(key));
        }
        return merged;
    }

    private static ArrayNode parts(Condition.Junction j) {
        ArrayNode list = NODES.arrayNode();
        j.parts().forEach(p -> list.add(condition(p)));
        return list;
    }

    /** {@code Title} for a column of the node itself, {@code $album.Title$} through a path. */
    private static String key(ColumnRef<?> ref) {
        Column<?> c = ref.column();
        return ref.path().isEmpty() ? c.name() : "$" + String.join(".", ref.path()) + "." + c.name() + "$";
    }

    private static ObjectNode single(String key, JsonNode value) {
        ObjectNode n = NODES.objectNode();
        n.set(key, value);
        return n;
    }
}
