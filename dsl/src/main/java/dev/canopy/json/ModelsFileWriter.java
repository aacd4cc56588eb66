package dev.canopy.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import java.util.Locale;

/** Writes a schema as a models file that {@link ModelsFileReader} reads back to the same models and associations. */
final class ModelsFileWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ModelsFileWriter() {}

    static ObjectNode schema(Schema schema) {
        ObjectNode root = NODES.objectNode();
        ObjectNode models = root.putObject("models");
        for (Model m : schema.models()) {
            models.set(m.name(), model(m));
        }
        ArrayNode associations = root.putArray("associations");
        for (Association a : schema.associations()) {
            associations.add(association(a));
        }
        return root;
    }

    private static ObjectNode model(Model m) {
        ObjectNode n = NODES.objectNode();
        ModelOptions o = m.options();
        n.put("table", m.tableName());
        if (!m.primaryKey().isEmpty()) {
            ArrayNode pk = n.putArray("primaryKey");
            m.primaryKey().forEach(c -> pk.add(c.name()));
        }
        n.put("timestamps", o.hasTimestamps());
        if (o.isUnderscored()) {
            n.put("underscored", true);
        }
        if (o.isParanoid()) {
            n.put("paranoid", true);
        }
        if (o.versionAttribute() != null) {
            n.put("version", o.versionAttribute());
        }
        ObjectNode attributes = n.putObject("attributes");
        for (Column<?> c : m.columns()) {
            attributes.set(c.name(), attribute(c, o));
        }
        return n;
    }

    private static ObjectNode attribute(Column<?> c, ModelOptions o) {
        ObjectNode n = NODES.objectNode();
        DataType<?> t = c.type();
        n.put("type", t.kind() == DataType.Kind.TIMESTAMP ? "timestamp" : t.kind().name().toLowerCase(Locale.ROOT));
        if (t.kind() == DataType.Kind.STRING || t.kind() == DataType.Kind.DECIMAL) {
            n.put("length", t.length());
        }
        if (t.kind() == DataType.Kind.DECIMAL) {
            n.put("scale", t.scale());
        }
        if (!c.field().equals(o.fieldFor(c.name()))) {
            n.put("field", c.field());
        }
        if (!c.allowNull()) {
            n.put("allowNull", false);
        }
        if (c.isAutoIncrement()) {
            n.put("autoIncrement", true);
        }
        if (c.isUnique()) {
            n.put("unique", true);
        }
        if (c.defaultValue() != null) {
            n.set("defaultValue", Values.write(c.defaultValue()));
        }
        return n;
    }

    private static ObjectNode association(Association a) {
        ObjectNode n = NODES.objectNode();
        n.put("type", a.kind() == Association.Kind.BELONGS_TO ? "belongsTo" : a.kind() == Association.Kind.HAS_ONE ? "hasOne"
                : a.kind() == Association.Kind.HAS_MANY ? "hasMany" : "belongsToMany");
        n.put("source", a.source().name());
        n.put("target", a.target().name());
        if (a.through() != null) {
            n.put("through", a.through().name());
        }
        n.put("as", a.alias());
        n.put("foreignKey", a.foreignKey());
        if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
            n.put("otherKey", a.otherKey());
            if (!isKey(a.source(), a.referencedKey())) {
                n.put("sourceKey", a.referencedKey());
            }
            if (!isKey(a.target(), a.otherReferencedKey())) {
                n.put("targetKey", a.otherReferencedKey());
            }
        } else if (a.kind() == Association.Kind.BELONGS_TO) {
            if (!isKey(a.target(), a.referencedKey())) {
                n.put("targetKey", a.referencedKey());
            }
        } else if (!isKey(a.source(), a.referencedKey())) {
            n.put("sourceKey", a.referencedKey());
        }
        return n;
    }

    private static boolean isKey(Model m, String attribute) {
        return m.primaryKey().size() == 1 && m.primaryKey().get(0).name().equals(attribute);
    }
}
