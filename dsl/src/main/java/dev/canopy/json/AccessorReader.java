package dev.canopy.json;

import static dev.canopy.json.JsonInput.at;
import static dev.canopy.json.JsonInput.describe;
import static dev.canopy.json.JsonInput.field;
import static dev.canopy.json.JsonInput.fields;
import static dev.canopy.json.JsonInput.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.RowView;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The getters, setters and virtual attributes of a models file (Sequelize's attribute {@code get()}, {@code set()} and
 * {@code DataTypes.VIRTUAL}), which a JSON file can only declare from a fixed vocabulary, as it holds no code:
 * <pre>{@code
 * "attributes": {
 *   "first":    {"type": "string", "set": "trim"},
 *   "last":     {"type": "string", "get": "upper"},
 *   "email":    {"type": "string", "set": ["trim", "lower"]},
 *   "fullName": {"type": "virtual", "template": "{first} {last}"}
 * }
 * }</pre>
 * <ul>
 * <li>{@code "get"} and {@code "set"} name string transforms, applied in the order listed: {@code trim},
 *     {@code lower}, {@code upper} (in the root locale); on string attributes only.</li>
 * <li>A virtual attribute's {@code "template"} is text with {@code {attribute}} placeholders naming attributes of the
 *     same model (<code>{{</code> and <code>}}</code> are literal braces). Each placeholder is the attribute's value as read
 *     (through its getter); a decimal is written in plain notation, other values by their usual text (a date as
 *     {@code 2024-01-31}). When any attribute the template names is null, the virtual attribute is null (as SQL's
 *     {@code ||} would be, rather than the text "null").</li>
 * </ul>
 * Why a template and not an expression or SQL: the value is computed in Java from the row already read, so a
 * template can never change what SQL runs (no text from the file reaches a statement) and cannot fail at read time
 * (every name is checked when the file is read); an expression language would bring its own parser, operators and
 * evaluation errors for what is almost always a concatenation. Anything richer is a virtual attribute declared on a
 * Java model.
 */
final class AccessorReader {
    private static final JsonInput.Failure FAIL = ModelsFileException::new;
    private static final List<String> VIRTUAL_KEYS = List.of("type", "template");
    private static final List<String> TRANSFORMS = List.of("trim", "lower", "upper");

    private AccessorReader() {}

    /** Whether an attribute of the file is virtual ({@code "type": "virtual"}): not a column, so not read as one. */
    static boolean isVirtual(JsonNode def) {
        JsonNode type = def.isObject() ? def.get("type") : def;
        return type != null && type.isTextual() && type.asText().strip().equalsIgnoreCase("virtual");
    }

    /** Adds the getters, setters and virtual attributes of {@code attributes} (the file's object) to {@code model}, still open. */
    static void apply(Model.Builder builder, Model model, @Nullable JsonNode attributes, String path) {
        if (attributes == null || !attributes.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : fields(attributes)) {
            String p = field(path, e.getKey());
            JsonNode def = e.getValue();
            if (isVirtual(def)) {
                continue;
            }
            if (def.isObject()) {
                accessor(model, e.getKey(), def, "get", p);
                accessor(model, e.getKey(), def, "set", p);
            }
        }
        for (Map.Entry<String, JsonNode> e : fields(attributes)) {
            if (isVirtual(e.getValue())) {
                virtual(builder, model, e.getKey(), e.getValue(), field(path, e.getKey()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void accessor(Model model, String attribute, JsonNode def, String key, String path) {
        JsonNode spec = def.get(key);
        if (spec == null || spec.isNull()) {
            return;
        }
        String p = field(path, key);
        Column<?> column = model.column(attribute);
        if (column.type().javaType() != String.class) {
            throw FAIL.at(p, "'" + attribute + "' is " + column.type() + "; a getter or setter of a models file transforms a string "
                    + "(" + String.join(", ", TRANSFORMS) + "); declare others on a Java model");
        }
        UnaryOperator<String> f = transforms(spec, p);
        Column<String> c = (Column<String>) column;
        at(p, FAIL, () -> "get".equals(key) ? c.getter(f) : c.setter(f));
    }

    private static UnaryOperator<String> transforms(JsonNode spec, String path) {
        List<JsonNode> names = new ArrayList<>();
        if (spec.isArray() && !spec.isEmpty()) {
            spec.forEach(names::add);
        } else {
            names.add(spec);
        }
        List<UnaryOperator<String>> steps = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            JsonNode n = names.get(i);
            String p = spec.isArray() ? index(path, i) : path;
            String name = n.isTextual() ? n.asText() : "";
            switch (name) {
                case "trim": steps.add(String::strip); break;
                case "lower": steps.add(s -> s.toLowerCase(Locale.ROOT)); break;
                case "upper": steps.add(s -> s.toUpperCase(Locale.ROOT)); break;
                default:
                    throw FAIL.at(p, "expected a transform, one of " + String.join(", ", TRANSFORMS) + " (or a list of them), not " + describe(n));
            }
        }
        return s -> {
            String out = s;
            for (UnaryOperator<String> step : steps) {
                out = step.apply(out);
            }
            return out;
        };
    }

    private static void virtual(Model.Builder builder, Model model, String name, JsonNode def, String path) {
        JsonInput.requireObject(def, path, "A virtual attribute ({\"type\": \"virtual\", \"template\": \"{first} {last}\"})", FAIL);
        JsonInput.checkKeys(def, path, VIRTUAL_KEYS, "a virtual attribute", FAIL);
        String template = JsonInput.optionalText(def, "template", path, FAIL);
        if (template == null) {
            throw FAIL.at(field(path, "template"), "missing; a virtual attribute of a models file is a template such as \"{first} {last}\"");
        }
        List<Object> parts = parse(model, template, field(path, "template"));
        Set<String> names = new LinkedHashSet<>();
        parts.stream().filter(o -> o instanceof Ref).forEach(o -> names.add(((Ref) o).attribute()));
        Function<RowView, @Nullable String> compute = row -> render(parts, row);
        at(path, FAIL, () -> builder.virtual(name, String.class, compute, names.toArray(new String[0])));
    }

    /** A placeholder of a template. */
    private record Ref(String attribute) {}

    /** The template as literal strings and {@link Ref}s. */
    private static List<Object> parse(Model model, String template, String path) {
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if ((ch == '{' || ch == '}') && i + 1 < template.length() && template.charAt(i + 1) == ch) {
                text.append(ch);
                i += 2;
            } else if (ch == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw FAIL.at(path, "a '{' at " + i + " is not closed; write {attribute}, or {{ for a brace");
                }
                String attribute = template.substring(i + 1, end).strip();
                if (model.findColumn(attribute) == null) {
                    throw FAIL.at(path, "{" + attribute + "} is not an attribute of " + model.name() + "; " + model.name() + " has: "
                            + model.attributeNames());
                }
                if (text.length() > 0) {
                    parts.add(text.toString());
                    text.setLength(0);
                }
                parts.add(new Ref(attribute));
                i = end + 1;
            } else if (ch == '}') {
                throw FAIL.at(path, "a '}' at " + i + " closes nothing; write }} for a brace");
            } else {
                text.append(ch);
                i++;
            }
        }
        if (text.length() > 0) {
            parts.add(text.toString());
        }
        if (parts.stream().noneMatch(o -> o instanceof Ref)) {
            throw FAIL.at(path, "names no attribute; a virtual attribute is computed from attributes, such as \"{first} {last}\"");
        }
        return List.copyOf(parts);
    }

    private static @Nullable String render(List<Object> parts, RowView row) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Ref ref) {
                Object v = row.get(ref.attribute());
                if (v == null) {
                    return null;
                }
                sb.append(v instanceof BigDecimal d ? d.toPlainString() : v.toString());
            } else {
                sb.append((String) part);
            }
        }
        return sb.toString();
    }
}
