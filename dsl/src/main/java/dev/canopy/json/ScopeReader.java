package dev.canopy.json;

import static dev.canopy.json.JsonInput.at;
import static dev.canopy.json.JsonInput.field;
import static dev.canopy.json.JsonInput.fields;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canopy.error.SchemaException;
import dev.canopy.model.Association;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scopes of a models file (Sequelize's model options {@code defaultScope} and {@code scopes}): each is a query
 * spec of the model it is declared on, without {@code "model"}, read with the file's associations.
 * <pre>{@code
 * "Member": {"attributes": {...},
 *            "defaultScope": {"where": {"active": true}},
 *            "scopes": {"admins": {"where": {"role": "admin"}},
 *                       "withPosts": {"include": [{"association": "posts", "order": [["title", "DESC"]]}]}}}
 * }</pre>
 * Scopes with arguments ({@code scope({ method: [...] })}) need code, so they are declared on a Java schema. A mistake
 * in a scope is reported at its path in the file: {@code $.models.Member.scopes.admins.where.rol: ...}.
 */
final class ScopeReader {
    private static final JsonInput.Failure FAIL = ModelsFileException::new;

    private ScopeReader() {}

    /** {@code plain} (the file's models and associations) with the file's scopes, or {@code plain} itself when it has none. */
    static Schema read(Schema plain, JsonNode models, List<Association> associations) {
        Schema.Builder builder = null;
        List<String> labels = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : fields(models)) {
            JsonNode def = e.getValue();
            Model model = plain.model(e.getKey());
            String path = field("$.models", e.getKey());
            JsonNode defaultScope = def.get("defaultScope");
            JsonNode scopes = def.get("scopes");
            boolean any = defaultScope != null && !defaultScope.isNull() || scopes != null && !scopes.isNull();
            if (!any) {
                continue;
            }
            if (builder == null) {
                builder = Schema.builder().models(plain.models().toArray(new Model[0])).associations(associations);
            }
            Schema.Builder b = builder;
            if (defaultScope != null && !defaultScope.isNull()) {
                String p = field(path, "defaultScope");
                Query q = spec(plain, model, defaultScope, p);
                at(p, FAIL, () -> b.defaultScope(q));
                labels.add("defaultScope of " + model.name());
                paths.add(p);
            }
            if (scopes != null && !scopes.isNull()) {
                String sp = field(path, "scopes");
                JsonInput.requireObject(scopes, sp, "\"scopes\" (scope specs by name)", FAIL);
                for (Map.Entry<String, JsonNode> s : fields(scopes)) {
                    String p = field(sp, s.getKey());
                    Query q = spec(plain, model, s.getValue(), p);
                    at(p, FAIL, () -> b.scope(s.getKey(), q));
                    labels.add("scope " + s.getKey() + " of " + model.name());
                    paths.add(p);
                }
            }
        }
        if (builder == null) {
            return plain;
        }
        try {
            return builder.build();
        } catch (SchemaException e) {
            String message = String.valueOf(e.getMessage());
            for (int i = 0; i < labels.size(); i++) {
                if (message.contains("The " + labels.get(i) + " ")) {
                    throw FAIL.at(paths.get(i), message, e);
                }
            }
            throw FAIL.at("$.models", message, e);
        }
    }

    /** A scope's spec read as a query of {@code model}; its mistakes at their path under {@code path}. */
    private static Query spec(Schema plain, Model model, JsonNode spec, String path) {
        JsonInput.requireObject(spec, path, "A scope (a query spec without \"model\")", FAIL);
        if (spec.has("model")) {
            throw FAIL.at(field(path, "model"), "a scope is a query of the model it is declared on (" + model.name() + "); leave \"model\" out");
        }
        ObjectNode full = ((ObjectNode) spec).deepCopy();
        full.put("model", model.name());
        try {
            return QuerySpec.parse(plain, full);
        } catch (SpecException e) {
            throw FAIL.at(path + e.path().substring(1), e.detail(), e);
        }
    }
}
