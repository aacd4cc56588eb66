package dev.canopy.json;

import static dev.canopy.json.JsonInput.at;
import static dev.canopy.json.JsonInput.describe;
import static dev.canopy.json.JsonInput.field;
import static dev.canopy.json.JsonInput.index;
import static dev.canopy.json.JsonInput.optionalBoolean;
import static dev.canopy.json.JsonInput.optionalText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canopy.model.Association;
import dev.canopy.model.Model;
import dev.canopy.model.ReferentialAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Reads the {@code associations} of a models file, checking the keys they name where the JSON path is known. */
final class AssociationReader {
    private static final JsonInput.Failure FAIL = ModelsFileException::new;
    private static final List<String> ASSOCIATION_KEYS = List.of("type", "source", "target", "through", "as", "foreignKey",
            "otherKey", "sourceKey", "targetKey", "onDelete", "onUpdate", "constraints");

    private final Map<String, Model> models;
    /** Whether the models come from a database, where a foreign key nobody declared has no column behind it. */
    private final boolean fromDatabase;

    AssociationReader(Map<String, Model> models, boolean fromDatabase) {
        this.models = models;
        this.fromDatabase = fromDatabase;
    }

    List<Association> read(@Nullable JsonNode list) {
        List<Association> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw FAIL.at("$.associations", "expected an array of associations, not " + describe(list));
        }
        for (int i = 0; i < list.size(); i++) {
            out.add(association(list.get(i), index("$.associations", i)));
        }
        return out;
    }

    private Association association(JsonNode def, String path) {
        JsonInput.requireObject(def, path, "An association", FAIL);
        JsonInput.checkKeys(def, path, ASSOCIATION_KEYS, "an association", FAIL);
        String type = optionalText(def, "type", path, FAIL);
        if (type == null) {
            throw FAIL.at(field(path, "type"), "missing; one of belongsTo, hasOne, hasMany, belongsToMany");
        }
        Model source = model(def, "source", path);
        Model target = model(def, "target", path);
        @Nullable Model through = def.hasNonNull("through") ? model(def, "through", path) : null;
        String kind = type.toLowerCase(Locale.ROOT);
        if (!kind.equals("belongstomany") && through != null) {
            throw FAIL.at(field(path, "through"), "only a belongsToMany association goes through a junction model");
        }
        Association a;
        switch (kind) {
            case "belongsto": a = Association.belongsTo(source, target); break;
            case "hasone": a = Association.hasOne(source, target); break;
            case "hasmany": a = Association.hasMany(source, target); break;
            case "belongstomany":
                if (through == null) {
                    throw FAIL.at(field(path, "through"), "missing; a belongsToMany association names its junction model");
                }
                a = Association.belongsToMany(source, target, through);
                break;
            default:
                throw FAIL.at(field(path, "type"), "unknown association type '" + type + "'; one of belongsTo, hasOne, hasMany, belongsToMany");
        }
        a = option(a, def, "as", path, Association::alias);
        a = option(a, def, "foreignKey", path, Association::foreignKey);
        if (def.has("otherKey") && a.kind() != Association.Kind.BELONGS_TO_MANY) {
            throw FAIL.at(field(path, "otherKey"), "only a belongsToMany association has an otherKey");
        }
        a = option(a, def, "otherKey", path, Association::otherKey);
        a = option(a, def, "sourceKey", path, Association::sourceKey);
        a = option(a, def, "targetKey", path, Association::targetKey);
        a = action(a, def, "onDelete", path, true);
        a = action(a, def, "onUpdate", path, false);
        Boolean constraints = optionalBoolean(def, "constraints", path, FAIL);
        if (constraints != null) {
            a = a.constraints(constraints);
        }
        checkKeys(a, def, path);
        return a;
    }

    private Model model(JsonNode def, String key, String path) {
        String name = optionalText(def, key, path, FAIL);
        if (name == null) {
            throw FAIL.at(field(path, key), "missing; name a model, one of: " + String.join(", ", models.keySet()));
        }
        Model m = models.get(name);
        if (m == null) {
            throw FAIL.at(field(path, key), "unknown model '" + name + "'; models: " + String.join(", ", models.keySet()));
        }
        return m;
    }

    private interface Option {
        Association apply(Association a, String value);
    }

    private static Association option(Association a, JsonNode def, String key, String path, Option option) {
        String value = optionalText(def, key, path, FAIL);
        return value == null ? a : at(field(path, key), FAIL, () -> option.apply(a, value));
    }

    private static Association action(Association a, JsonNode def, String key, String path, boolean onDelete) {
        String value = optionalText(def, key, path, FAIL);
        if (value == null) {
            return a;
        }
        ReferentialAction action;
        try {
            action = ReferentialAction.valueOf(value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw FAIL.at(field(path, key), "unknown action '" + value + "'; one of "
                    + Arrays.stream(ReferentialAction.values()).map(ReferentialAction::sql).collect(Collectors.joining(", ")));
        }
        return onDelete ? a.onDelete(action) : a.onUpdate(action);
    }

    /**
     * Checks the keys an association refers to, here where the JSON path is known: the referenced keys always, and,
     * when the models come from a database, the foreign keys too (no column would back an implicit one).
     */
    private void checkKeys(Association a, JsonNode def, String path) {
        Model keyModel = a.kind() == Association.Kind.BELONGS_TO ? a.target() : a.source();
        String keyOption = a.kind() == Association.Kind.BELONGS_TO ? "targetKey" : "sourceKey";
        String referenced = at(def.has(keyOption) ? field(path, keyOption) : path, FAIL, a::referencedKey);
        requireAttribute(keyModel, referenced, def.has(keyOption) ? field(path, keyOption) : path, "the key " + a + " refers to");
        if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
            String other = at(def.has("targetKey") ? field(path, "targetKey") : path, FAIL, a::otherReferencedKey);
            requireAttribute(a.target(), other, def.has("targetKey") ? field(path, "targetKey") : path, "the key " + a + " refers to");
        }
        if (fromDatabase) {
            requireAttribute(a.foreignKeyModel(), a.foreignKey(), def.has("foreignKey") ? field(path, "foreignKey") : path,
                    "the foreign key of " + a);
            if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
                requireAttribute(a.foreignKeyModel(), a.otherKey(), def.has("otherKey") ? field(path, "otherKey") : path,
                        "the other key of " + a);
            }
        }
    }

    private static void requireAttribute(Model model, String attribute, String path, String what) {
        if (model.findColumn(attribute) == null) {
            throw FAIL.at(path, model.name() + " has no attribute '" + attribute + "' for " + what + "; " + model.name() + " has: "
                    + model.attributeNames());
        }
    }
}
