package dev.canopy.json;

import static dev.canopy.json.JsonInput.at;
import static dev.canopy.json.JsonInput.describe;
import static dev.canopy.json.JsonInput.field;
import static dev.canopy.json.JsonInput.fields;
import static dev.canopy.json.JsonInput.index;
import static dev.canopy.json.JsonInput.optionalBoolean;
import static dev.canopy.json.JsonInput.optionalText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canopy.error.ConnectionException;
import dev.canopy.error.DatabaseException;
import dev.canopy.error.SchemaException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Validator;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Naming;
import dev.canopy.model.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads one models file, against a database when there is one; {@link AssociationReader} reads its associations. */
final class ModelsFileReader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelsFile.class);
    private static final JsonInput.Failure FAIL = ModelsFileException::new;
    private static final List<String> ROOT_KEYS = List.of("models", "associations");
    private static final List<String> MODEL_KEYS =
            List.of("table", "primaryKey", "timestamps", "underscored", "paranoid", "version", "freezeTableName", "attributes",
                    "defaultScope", "scopes");
    private static final List<String> ATTRIBUTE_KEYS =
            List.of("type", "length", "scale", "field", "allowNull", "primaryKey", "autoIncrement", "unique", "defaultValue", "validate",
                    "get", "set");
    private static final Pattern TYPE = Pattern.compile("\\s*([A-Za-z]+)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    /** An attribute as the file (and the database, when there is one) describe it. */
    private record Attr(String name, String path, @Nullable DataType<?> type, @Nullable String field, @Nullable Boolean allowNull,
                        boolean primaryKey, boolean autoIncrement, boolean unique, @Nullable JsonNode defaultValue,
                        List<Validator<Object>> validators) {}

    private final @Nullable DataSource dataSource;

    ModelsFileReader(@Nullable DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Schema read(JsonNode root) {
        JsonInput.requireObject(root, "$", "A models file", FAIL);
        JsonInput.checkKeys(root, "$", ROOT_KEYS, "a models file", FAIL);
        JsonNode models = root.get("models");
        if (models == null || !models.isObject() || models.isEmpty()) {
            throw FAIL.at("$.models", "expected an object of models by name ({\"Track\": {...}}), not " + describe(models));
        }
        Map<String, Model> built = dataSource == null ? models(models, null) : modelsFromDatabase(models, dataSource);
        Schema.Builder schema = Schema.builder();
        built.forEach((name, model) -> at(field("$.models", name), FAIL, () -> schema.model(model)));
        List<Association> associations = new AssociationReader(built, dataSource != null).read(root.get("associations"));
        for (int i = 0; i < associations.size(); i++) {
            Association a = associations.get(i);
            at(index("$.associations", i), FAIL, () -> schema.association(a));
        }
        try {
            return ScopeReader.read(schema.build(), models, associations);
        } catch (ModelsFileException e) {
            throw e;
        } catch (SchemaException e) {
            String path = "$.associations";
            for (int i = 0; i < associations.size(); i++) {
                if (String.valueOf(e.getMessage()).startsWith(associations.get(i).toString())) {
                    path = index(path, i);
                    break;
                }
            }
            throw FAIL.at(path, String.valueOf(e.getMessage()), e);
        }
    }

    private Map<String, Model> modelsFromDatabase(JsonNode models, DataSource ds) {
        Connection c;
        try {
            c = ds.getConnection();
        } catch (SQLException e) {
            throw new ConnectionException("Cannot connect to read the models' tables: " + e.getMessage(), e);
        }
        try (c) {
            return models(models, new DatabaseTables(c));
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the database's tables and columns: " + e.getMessage(), e);
        }
    }

    private Map<String, Model> models(JsonNode models, @Nullable DatabaseTables db) {
        Map<String, Model> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : fields(models)) {
            try {
                out.put(e.getKey(), model(e.getKey(), e.getValue(), field("$.models", e.getKey()), db));
            } catch (SQLException ex) {
                throw new DatabaseException("Cannot read the table of model " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    // ---- models ---------------------------------------------------------------------------------------------------

    private Model model(String name, JsonNode def, String path, @Nullable DatabaseTables db) throws SQLException {
        JsonInput.requireObject(def, path, "A model", FAIL);
        JsonInput.checkKeys(def, path, MODEL_KEYS, "a model", FAIL);
        ModelOptions options = options(def, path);
        Map<String, Attr> listed = listedAttributes(def, field(path, "attributes"), db == null);
        List<Attr> attributes;
        List<String> databaseKey = List.of();
        if (db == null) {
            if (!def.has("attributes")) {
                throw FAIL.at(field(path, "attributes"), "missing; without a database connection every model lists its attributes");
            }
            attributes = new ArrayList<>(listed.values());
        } else {
            String tableName = options.tableNameFor(name);
            DatabaseTables.Table table = db.table(tableName);
            if (table == null) {
                boolean named = def.has("table");
                throw FAIL.at(named ? field(path, "table") : path, "table '" + tableName + "'"
                        + (named ? "" : " (model " + name + "'s table name; set \"table\" to name another)")
                        + " is not in the database; its tables: " + (db.tableNames().isEmpty() ? "(none)" : String.join(", ", db.tableNames())));
            }
            if (!table.name().equals(tableName)) {
                options = options.table(table.name());
            }
            attributes = fromDatabase(name, table, listed, options);
            databaseKey = table.primaryKey().stream()
                    .map(col -> attributes.stream().filter(a -> col.equals(a.field())).map(Attr::name).findFirst().orElse(col))
                    .collect(Collectors.toList());
        }
        Set<String> key = primaryKey(def, path, attributes, databaseKey);
        if (db != null) {
            checkTimestamps(name, def, path, options, attributes);
        }
        ModelOptions chosen = options;
        Model.Builder builder = at(path, FAIL, () -> Model.builder(name, chosen));
        for (Attr a : attributes) {
            add(builder, a, key.contains(a.name()));
        }
        AccessorReader.apply(builder, builder.build(), def.get("attributes"), field(path, "attributes"));
        return builder.build();
    }

    private static ModelOptions options(JsonNode def, String path) {
        ModelOptions options = ModelOptions.defaults();
        String table = optionalText(def, "table", path, FAIL);
        if (table != null) {
            ModelOptions o = options;
            options = at(field(path, "table"), FAIL, () -> o.table(table));
        }
        if (Boolean.TRUE.equals(optionalBoolean(def, "freezeTableName", path, FAIL))) {
            options = options.freezeTableName();
        }
        Boolean underscored = optionalBoolean(def, "underscored", path, FAIL);
        if (underscored != null) {
            options = options.underscored(underscored);
        }
        Boolean timestamps = optionalBoolean(def, "timestamps", path, FAIL);
        if (timestamps != null) {
            options = options.timestamps(timestamps);
        }
        if (Boolean.TRUE.equals(optionalBoolean(def, "paranoid", path, FAIL))) {
            if (Boolean.FALSE.equals(timestamps)) {
                throw FAIL.at(field(path, "paranoid"), "a paranoid model needs timestamps (deletedAt is one); remove \"timestamps\": false");
            }
            options = options.paranoid();
        }
        JsonNode version = def.get("version");
        if (version != null && !version.isNull() && !(version.isBoolean() && !version.booleanValue())) {
            if (!version.isTextual() && !version.isBoolean()) {
                throw FAIL.at(field(path, "version"), "expected true (an attribute named version) or the attribute's name, not "
                        + JsonInput.describe(version));
            }
            String attribute = version.isBoolean() ? "version" : version.asText();
            ModelOptions o = options;
            options = at(field(path, "version"), FAIL, () -> o.version(attribute));
        }
        return options;
    }

    private static Map<String, Attr> listedAttributes(JsonNode def, String path, boolean typeRequired) {
        Map<String, Attr> out = new LinkedHashMap<>();
        JsonNode attributes = def.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return out;
        }
        JsonInput.requireObject(attributes, path, "\"attributes\"", FAIL);
        for (Map.Entry<String, JsonNode> e : fields(attributes)) {
            if (AccessorReader.isVirtual(e.getValue())) {
                continue;   // not a column: AccessorReader adds it
            }
            out.put(e.getKey(), attribute(e.getKey(), e.getValue(), field(path, e.getKey()), typeRequired));
        }
        return out;
    }

    private static Attr attribute(String name, JsonNode def, String path, boolean typeRequired) {
        if (def.isTextual()) {
            return new Attr(name, path, type(def.asText(), null, null, path, path), null, null, false, false, false, null, List.of());
        }
        JsonInput.requireObject(def, path, "An attribute (or its type name)", FAIL);
        JsonInput.checkKeys(def, path, ATTRIBUTE_KEYS, "an attribute", FAIL);
        String typeName = optionalText(def, "type", path, FAIL);
        Integer length = size(def, "length", path);
        Integer scale = size(def, "scale", path);
        DataType<?> type = null;
        if (typeName != null) {
            type = type(typeName, length, scale, field(path, "type"), path);
        } else if (typeRequired) {
            throw FAIL.at(field(path, "type"), "missing; without a database connection every attribute has a type; known: " + DataType.knownNames());
        } else if (length != null || scale != null) {
            throw FAIL.at(field(path, length != null ? "length" : "scale"), "a length or scale needs a \"type\"");
        }
        JsonNode dv = def.get("defaultValue");
        return new Attr(name, path, type, optionalText(def, "field", path, FAIL), optionalBoolean(def, "allowNull", path, FAIL),
                Boolean.TRUE.equals(optionalBoolean(def, "primaryKey", path, FAIL)),
                Boolean.TRUE.equals(optionalBoolean(def, "autoIncrement", path, FAIL)),
                Boolean.TRUE.equals(optionalBoolean(def, "unique", path, FAIL)), dv == null || dv.isNull() ? null : dv,
                validators(def.get("validate"), field(path, "validate")));
    }

    /**
     * Sequelize's {@code validate} object of an attribute: {@code {"notNull": true, "notEmpty": true, "len": [2, 80],
     * "min": 1, "max": 10, "isEmail": true, "isIn": [["a", "b"]], "is": "^[a-z]+$"}} ({@code isIn} also as a flat list,
     * {@code is} also as {@code matches}). Custom validators need code: declare them on a Java model.
     */
    @SuppressWarnings("unchecked")
    private static List<Validator<Object>> validators(@Nullable JsonNode def, String path) {
        if (def == null || def.isNull()) {
            return List.of();
        }
        JsonInput.requireObject(def, path, "\"validate\"", FAIL);
        List<Validator<Object>> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : fields(def)) {
            String at = field(path, e.getKey());
            JsonNode v = e.getValue();
            Validator<?> made;
            switch (e.getKey()) {
                case "notNull": case "notEmpty": case "isEmail":
                    if (!v.isBoolean()) {
                        throw FAIL.at(at, "expected true or false, not " + describe(v));
                    }
                    if (!v.booleanValue()) {
                        continue;
                    }
                    made = e.getKey().equals("notNull") ? Validator.notNull() : e.getKey().equals("notEmpty") ? Validator.notEmpty() : Validator.isEmail();
                    break;
                case "len":
                    if (!v.isArray() || v.size() != 2 || !v.get(0).canConvertToInt() || !v.get(1).canConvertToInt()) {
                        throw FAIL.at(at, "expected [min, max], not " + describe(v));
                    }
                    made = at(at, FAIL, () -> Validator.len(v.get(0).intValue(), v.get(1).intValue()));
                    break;
                case "min": case "max":
                    if (!v.isNumber()) {
                        throw FAIL.at(at, "expected a number, not " + describe(v));
                    }
                    made = e.getKey().equals("min") ? Validator.min(v.decimalValue()) : Validator.max(v.decimalValue());
                    break;
                case "isIn": {
                    JsonNode list = v.isArray() && v.size() == 1 && v.get(0).isArray() ? v.get(0) : v;
                    if (!list.isArray()) {
                        throw FAIL.at(at, "expected a list of values, not " + describe(v));
                    }
                    List<Object> allowed = new ArrayList<>();
                    for (JsonNode x : list) {
                        allowed.add(x.isNumber() ? (Object) x.numberValue() : x.asText());
                    }
                    made = Validator.isIn(allowed);
                    break;
                }
                case "is": case "matches":
                    if (!v.isTextual()) {
                        throw FAIL.at(at, "expected a regular expression, not " + describe(v));
                    }
                    made = at(at, FAIL, () -> Validator.matches(v.asText()));
                    break;
                default:
                    throw FAIL.at(at, "unknown validator; known: notNull, notEmpty, len, min, max, isEmail, isIn, is (matches)");
            }
            out.add((Validator<Object>) made);
        }
        return List.copyOf(out);
    }

    private static DataType<?> type(String text, @Nullable Integer length, @Nullable Integer scale, String path, String attrPath) {
        Matcher m = TYPE.matcher(text);
        DataType<?> type = null;
        if (m.matches()) {
            if (m.group(2) != null && (length != null || scale != null)) {
                throw FAIL.at(path, "the size is given twice, in '" + text + "' and in \"length\"/\"scale\"; give it once");
            }
            Integer len = m.group(2) != null ? Integer.valueOf(m.group(2)) : length;
            Integer sc = m.group(3) != null ? Integer.valueOf(m.group(3)) : scale;
            type = at(path, FAIL, () -> DataType.named(m.group(1), len, sc));
        }
        if (type == null) {
            throw FAIL.at(path, "unknown type '" + text + "'; known: " + DataType.knownNames());
        }
        return type;
    }

    private static @Nullable Integer size(JsonNode def, String key, String path) {
        JsonNode v = def.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw FAIL.at(field(path, key), "expected a whole number, not " + describe(v));
        }
        return v.intValue();
    }

    /** The model's attributes in table order: listed ones completed from their columns, the others read from them. */
    private static List<Attr> fromDatabase(String model, DatabaseTables.Table table, Map<String, Attr> listed, ModelOptions options) {
        Map<String, Attr> byColumn = new HashMap<>();
        for (Attr a : listed.values()) {
            String wanted = a.field() != null ? a.field() : options.fieldFor(a.name());
            DatabaseTables.DbColumn column = table.column(wanted);
            if (column == null) {
                throw FAIL.at(a.field() != null ? field(a.path(), "field") : a.path(), "table " + table.name() + " has no column '" + wanted
                        + "'; its columns: " + table.columnNames());
            }
            Attr other = byColumn.get(column.name());
            if (other != null) {
                throw FAIL.at(a.path(), "column '" + column.name() + "' is already attribute '" + other.name() + "'");
            }
            DataType<?> type = a.type() != null ? a.type() : column.dataType();
            if (type == null) {
                throw FAIL.at(field(a.path(), "type"), "column '" + column.name() + "' is " + column.typeName()
                        + ", which has no Canopy type; give one of: " + DataType.knownNames());
            }
            byColumn.put(column.name(), new Attr(a.name(), a.path(), type, column.name(),
                    a.allowNull() != null ? a.allowNull() : column.nullable(), a.primaryKey(),
                    a.autoIncrement() || column.autoIncrement(), a.unique(), a.defaultValue(), a.validators()));
        }
        String path = field("$.models", model);
        List<Attr> out = new ArrayList<>();
        for (DatabaseTables.DbColumn column : table.columns()) {
            Attr a = byColumn.get(column.name());
            if (a != null) {
                out.add(a);
                continue;
            }
            DataType<?> type = column.dataType();
            if (type == null) {
                LOG.warn("{}: column {}.{} is {}, which has no Canopy type; it is left out of model {}",
                        path, table.name(), column.name(), column.typeName(), model);
                continue;
            }
            out.add(new Attr(attributeName(column.name(), options), path, type, column.name(), column.nullable(), false,
                    column.autoIncrement(), false, null, List.of()));
        }
        return out;
    }

    /** A column's attribute name: the column's, or for an underscored model its camelCase ({@code ALBUM_ID} → {@code albumId}). */
    static String attributeName(String column, ModelOptions options) {
        if (!options.isUnderscored()) {
            return column;
        }
        boolean upperOnly = column.chars().noneMatch(Character::isLowerCase);
        return Naming.camel(upperOnly ? column.toLowerCase(Locale.ROOT) : column);
    }

    private static Set<String> primaryKey(JsonNode def, String path, List<Attr> attributes, List<String> databaseKey) {
        Set<String> names = attributes.stream().map(Attr::name).collect(Collectors.toCollection(LinkedHashSet::new));
        JsonNode pk = def.get("primaryKey");
        String p = field(path, "primaryKey");
        Set<String> key = new LinkedHashSet<>();
        if (pk != null && !pk.isNull()) {
            List<JsonNode> list = new ArrayList<>();
            if (pk.isArray()) {
                pk.forEach(list::add);
            } else {
                list.add(pk);
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                String np = pk.isArray() ? index(p, i) : p;
                if (!n.isTextual() || !names.contains(n.asText())) {
                    throw FAIL.at(np, (n.isTextual() ? "unknown attribute '" + n.asText() + "'" : "expected an attribute name, not " + describe(n))
                            + "; the model has: " + String.join(", ", names));
                }
                key.add(n.asText());
            }
            return key;
        }
        attributes.stream().filter(Attr::primaryKey).forEach(a -> key.add(a.name()));
        if (key.isEmpty()) {
            key.addAll(databaseKey);
        }
        return key;
    }

    private static void checkTimestamps(String model, JsonNode def, String path, ModelOptions options, List<Attr> attributes) {
        if (!options.hasTimestamps()) {
            return;
        }
        List<String> stamps = new ArrayList<>(Arrays.asList("createdAt", "updatedAt"));
        if (options.isParanoid()) {
            stamps.add("deletedAt");
        }
        for (String stamp : stamps) {
            if (attributes.stream().noneMatch(a -> a.name().equals(stamp))) {
                throw FAIL.at(def.has("timestamps") || def.has("paranoid") ? field(path, def.has("paranoid") ? "paranoid" : "timestamps") : path,
                        "model " + model + " has timestamps" + (def.has("timestamps") ? "" : " (Sequelize's default)") + " but its table "
                        + options.tableNameFor(model) + " has no column for '" + stamp + "' ('" + options.fieldFor(stamp)
                        + "'); set \"timestamps\": false, or add the column");
            }
        }
    }

    private static void add(Model.Builder builder, Attr a, boolean primaryKey) {
        DataType<?> type = a.type();
        if (type == null) {
            throw FAIL.at(field(a.path(), "type"), "missing; known: " + DataType.knownNames());
        }
        addTyped(builder, a, type, primaryKey);
    }

    private static <T> void addTyped(Model.Builder builder, Attr a, DataType<T> type, boolean primaryKey) {
        T defaultValue = null;
        if (a.defaultValue() != null) {
            try {
                defaultValue = type.javaType().cast(Values.convert(type, a.defaultValue()));
            } catch (Values.Mismatch e) {
                throw FAIL.at(field(a.path(), "defaultValue"), "the attribute is " + type + "; " + e.getMessage(), e);
            }
        }
        T dv = defaultValue;
        at(a.path(), FAIL, () -> builder.column(a.name(), type, c -> {
            Column<T> r = c;
            if (a.field() != null) {
                r = r.field(a.field());
            }
            if (primaryKey) {
                r = r.primaryKey();
            }
            if (Boolean.FALSE.equals(a.allowNull())) {
                r = r.notNull();
            }
            if (a.autoIncrement()) {
                r = r.autoIncrement();
            }
            if (a.unique()) {
                r = r.unique();
            }
            if (dv != null) {
                r = r.defaultValue(dv);
            }
            if (!a.validators().isEmpty()) {
                r = r.validate(a.validators().toArray(new Validator[0]));
            }
            return r;
        }));
    }
}
