package dev.canopy.cli;

import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Naming;
import dev.canopy.model.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A schema as Java source in the shape of {@code dev.canopy.chinook.Chinook}: one holder class with a nested model
 * class per table (a public typed field per column), a constant per model and per association, and the schema.
 */
final class JavaModels {
    /** Java's restricted identifiers, which a generated field may not take though they are not keywords. */
    private static final Set<String> RESTRICTED = Set.of("var", "record", "yield");

    private JavaModels() {}

    static String write(Schema schema, @Nullable String packageName, String holder, String source) {
        Set<String> imports = new TreeSet<>(List.of("dev.canopy.model.Association", "dev.canopy.model.Column", "dev.canopy.model.Model",
                "dev.canopy.model.ModelOptions", "dev.canopy.model.Schema"));
        StringBuilder body = new StringBuilder();
        for (Model m : schema.models()) {
            body.append(model(m, imports));
        }
        List<String> modelConstants = new ArrayList<>();
        for (Model m : schema.models()) {
            String c = constant(m.name());
            modelConstants.add(c);
            body.append("    public static final ").append(m.name()).append("Model ").append(c).append(" = new ").append(m.name()).append("Model();\n");
        }
        body.append('\n');
        List<String> associationConstants = new ArrayList<>();
        Set<String> taken = new HashSet<>(modelConstants);
        for (Association a : schema.associations()) {
            String name = unique(constant(a.source().name()) + "_" + constant(a.alias()), taken);
            associationConstants.add(name);
            body.append("    /** ").append(a).append(". */\n");
            body.append("    public static final Association ").append(name).append(" = ").append(association(a)).append(";\n");
        }
        body.append("\n    /** Every model and association, checked and sealed; declared last, as static initialisers run in order. */\n");
        body.append("    public static final Schema SCHEMA = Schema.builder()\n            .models(").append(String.join(", ", modelConstants))
                .append(")\n            .associations(").append(String.join(", ", associationConstants)).append(")\n            .build();\n");

        StringBuilder sb = new StringBuilder();
        if (packageName != null && !packageName.isEmpty()) {
            sb.append("package ").append(packageName).append(";\n\n");
        }
        for (String i : imports) {
            sb.append("import ").append(i).append(";\n");
        }
        sb.append("\n/** The models and associations of ").append(source.replace("*/", "* /"))
                .append(", read by canopy models. */\n");
        sb.append("public final class ").append(holder).append(" {\n    private ").append(holder).append("() {}\n\n");
        return sb.append(body).append("}\n").toString();
    }

    private static String model(Model m, Set<String> imports) {
        StringBuilder sb = new StringBuilder();
        sb.append("    /** Table {@code ").append(m.tableName()).append("}. */\n");
        sb.append("    public static final class ").append(m.name()).append("Model extends Model {\n");
        Set<String> fields = new HashSet<>();
        for (Column<?> c : m.columns()) {
            sb.append("        public final Column<").append(javaType(c.type(), imports)).append("> ").append(unique(fieldName(c.name()), fields))
                    .append(" = ").append(declaration(c, m.options())).append(";\n");
        }
        ModelOptions o = m.options();
        sb.append("\n        private ").append(m.name()).append("Model() {\n            super(\"").append(m.name())
                .append("\", ModelOptions.defaults().table(\"").append(m.tableName()).append("\")")
                .append(o.isUnderscored() ? ".underscored()" : "").append(".timestamps(").append(o.hasTimestamps()).append("));\n        }\n    }\n\n");
        return sb.toString();
    }

    private static String declaration(Column<?> c, ModelOptions o) {
        DataType<?> t = c.type();
        String a = "\"" + c.name() + "\"";
        String d;
        switch (t.kind()) {
            case INTEGER: d = "integer(" + a + ")"; break;
            case BIGINT: d = "bigint(" + a + ")"; break;
            case DECIMAL: d = "decimal(" + a + ", " + t.length() + ", " + t.scale() + ")"; break;
            case STRING: d = "string(" + a + ", " + t.length() + ")"; break;
            case TEXT: d = "text(" + a + ")"; break;
            case BOOLEAN: d = "bool(" + a + ")"; break;
            case DATE: d = "date(" + a + ")"; break;
            case TIMESTAMP: d = "timestamp(" + a + ")"; break;
            case UUID: d = "uuid(" + a + ")"; break;
            default: d = "json(" + a + ")"; break;
        }
        if (!c.field().equals(o.fieldFor(c.name()))) {
            d += ".field(\"" + c.field() + "\")";
        }
        if (c.isPrimaryKey()) {
            d += ".primaryKey()";
        } else if (!c.allowNull()) {
            d += ".notNull()";
        }
        if (c.isAutoIncrement()) {
            d += ".autoIncrement()";
        }
        if (c.isUnique()) {
            d += ".unique()";
        }
        return d;
    }

    private static String javaType(DataType<?> t, Set<String> imports) {
        Class<?> k = t.javaType();
        if (!k.getPackageName().equals("java.lang")) {
            imports.add(k.getName());
        }
        return k.getSimpleName();
    }

    /** {@code Association.belongsTo(EVENT, ZONE).alias("zone").foreignKey("eventTz")} with the keys that are not primary keys. */
    private static String association(Association a) {
        String kind = a.kind() == Association.Kind.BELONGS_TO ? "belongsTo" : a.kind() == Association.Kind.HAS_ONE ? "hasOne"
                : a.kind() == Association.Kind.HAS_MANY ? "hasMany" : "belongsToMany";
        StringBuilder sb = new StringBuilder("Association.").append(kind).append('(').append(constant(a.source().name())).append(", ")
                .append(constant(a.target().name()));
        if (a.through() != null) {
            sb.append(", ").append(constant(a.through().name()));
        }
        sb.append(").alias(\"").append(a.alias()).append("\").foreignKey(\"").append(a.foreignKey()).append("\")");
        if (a.kind() == Association.Kind.BELONGS_TO_MANY) {
            sb.append(".otherKey(\"").append(a.otherKey()).append("\")");
            if (!isKey(a.source(), a.referencedKey())) {
                sb.append(".sourceKey(\"").append(a.referencedKey()).append("\")");
            }
            if (!isKey(a.target(), a.otherReferencedKey())) {
                sb.append(".targetKey(\"").append(a.otherReferencedKey()).append("\")");
            }
        } else if (a.kind() == Association.Kind.BELONGS_TO) {
            if (!isKey(a.target(), a.referencedKey())) {
                sb.append(".targetKey(\"").append(a.referencedKey()).append("\")");
            }
        } else if (!isKey(a.source(), a.referencedKey())) {
            sb.append(".sourceKey(\"").append(a.referencedKey()).append("\")");
        }
        return sb.toString();
    }

    private static boolean isKey(Model m, String attribute) {
        return m.primaryKey().size() == 1 && m.primaryKey().get(0).name().equals(attribute);
    }

    /** {@code EventPerson} → {@code EVENT_PERSON}, {@code ownerZone} → {@code OWNER_ZONE}. */
    static String constant(String name) {
        return Naming.snake(name).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    /** A Java field name for an attribute: {@code event_id} → {@code eventId}, {@code TrackId} → {@code trackId}. */
    static String fieldName(String attribute) {
        String camel = Naming.lowerFirst(Naming.camel(attribute.chars().noneMatch(Character::isLowerCase)
                ? attribute.toLowerCase(Locale.ROOT) : attribute));
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            sb.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        String s = sb.length() == 0 || !Character.isJavaIdentifierStart(sb.charAt(0)) ? "_" + sb : sb.toString();
        return javax.lang.model.SourceVersion.isKeyword(s) || RESTRICTED.contains(s) ? s + "_" : s;
    }

    private static String unique(String name, Set<String> taken) {
        String n = name;
        for (int i = 2; !taken.add(n); i++) {
            n = name + i;
        }
        return n;
    }
}
