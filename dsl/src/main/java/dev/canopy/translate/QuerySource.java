package dev.canopy.translate;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.query.Attributes;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import dev.canopy.query.Include;
import dev.canopy.query.Operator;
import dev.canopy.query.Order;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes a {@link Query} as Java or Kotlin source that builds an equal query, as a person would write it: the chain
 * of {@code Query.from(...)}, {@code .where(...)}, {@code .include("alias", a -> a.required()...)},
 * {@code .order(...)}, with values of the columns' Java types. Names of models and columns follow the
 * {@link CodeStyle}.
 */
final class QuerySource {
    enum Lang { JAVA, KOTLIN }

    /**
     * Names a generated local variable cannot take besides Java's keywords ({@link javax.lang.model.SourceVersion}):
     * Java's restricted identifiers, Kotlin's hard keywords, and the names the generated code itself uses.
     */
    private static final Set<String> RESERVED = Set.of("var", "record", "yield", "as", "fun", "in", "is", "object", "typealias",
            "typeof", "val", "when", "it", "schema");

    private final Lang lang;
    private final CodeStyle style;
    private final String sql;
    private final Set<String> imports = new TreeSet<>();
    private final Set<String> staticImports = new TreeSet<>();
    private boolean helper;

    QuerySource(Lang lang, CodeStyle style, String sql) {
        this.lang = lang;
        this.style = style;
        this.sql = sql;
    }

    String write(Query q) {
        imports.add("dev.canopy.query.Query");
        String body = chain(q);
        return lang == Lang.JAVA ? javaFile(body) : kotlinFile(body);
    }

    // ---- files ----------------------------------------------------------------------------------------------------

    private String javaFile(String chain) {
        if (helper) {
            imports.add("dev.canopy.model.Column");
            imports.add(style.isTyped() ? "dev.canopy.model.Model" : "dev.canopy.model.Schema");
        }
        if (!style.isTyped()) {
            imports.add("dev.canopy.model.Schema");
        }
        StringBuilder sb = header(";");
        String name = style.className();
        sb.append("/** Translated from SQL by Canopy. */\n");
        sb.append("public final class ").append(name).append(" {\n");
        if (style.isTyped()) {
            sb.append("    private ").append(name).append("() {}\n\n");
            sb.append("    public static Query query() {\n");
        } else {
            sb.append("    private final Schema schema;\n\n");
            sb.append("    public ").append(name).append("(Schema schema) {\n        this.schema = schema;\n    }\n\n");
            sb.append("    public Query query() {\n");
        }
        sb.append("        return ").append(chain.replace("\n", "\n        ")).append(";\n    }\n");
        if (helper) {
            sb.append("\n    /** A column looked up by name, as {@code Column<Object>}: values are checked against its type when a condition is built. */\n");
            sb.append("    @SuppressWarnings(\"unchecked\")\n");
            if (style.isTyped()) {
                sb.append("    private static Column<Object> col(Model model, String attribute) {\n");
                sb.append("        return (Column<Object>) model.column(attribute);\n    }\n");
            } else {
                sb.append("    private Column<Object> col(String model, String attribute) {\n");
                sb.append("        return (Column<Object>) schema.model(model).column(attribute);\n    }\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private String kotlinFile(String chain) {
        if (helper) {
            imports.add("dev.canopy.model.Column");
            imports.add(style.isTyped() ? "dev.canopy.model.Model" : "dev.canopy.model.Schema");
        }
        if (!style.isTyped()) {
            imports.add("dev.canopy.model.Schema");
        }
        StringBuilder sb = header("");
        String name = style.className();
        sb.append("/** Translated from SQL by Canopy. */\n");
        sb.append(style.isTyped() ? "object " + name + " {\n" : "class " + name + "(private val schema: Schema) {\n");
        sb.append("    fun query(): Query = ").append(chain.replace("\n", "\n    ")).append("\n");
        if (helper) {
            sb.append("\n    /** A column looked up by name, as Column<Any>: values are checked against its type when a condition is built. */\n");
            sb.append("    @Suppress(\"UNCHECKED_CAST\")\n");
            if (style.isTyped()) {
                sb.append("    private fun col(model: Model, attribute: String): Column<Any> = model.column(attribute) as Column<Any>\n");
            } else {
                sb.append("    private fun col(model: String, attribute: String): Column<Any> =\n");
                sb.append("        schema.model(model).column(attribute) as Column<Any>\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private StringBuilder header(String semicolon) {
        StringBuilder sb = new StringBuilder();
        for (String line : sql.strip().split("\\R")) {
            sb.append("// ").append(line).append('\n');
        }
        if (style.packageName() != null) {
            sb.append("package ").append(style.packageName()).append(semicolon).append("\n\n");
        } else {
            sb.append('\n');
        }
        for (String s : staticImports) {
            sb.append(lang == Lang.JAVA ? "import static " : "import ").append(s).append(semicolon).append('\n');
        }
        if (!staticImports.isEmpty()) {
            sb.append('\n');
        }
        for (String i : imports) {
            sb.append("import ").append(i).append(semicolon).append('\n');
        }
        return sb.append('\n');
    }

    // ---- the chain ------------------------------------------------------------------------------------------------

    private String chain(Query q) {
        StringBuilder sb = new StringBuilder("Query.from(").append(model(q.root())).append(')');
        String indent = lang == Lang.JAVA ? "\n        " : "\n    ";
        if (!q.attributes().isAll()) {
            List<String> items = new ArrayList<>();
            if (!q.attributes().only().isEmpty()) {
                items.add(columns(q.attributes()));
            }
            q.attributes().computed().forEach(c -> items.add(computed(c)));
            sb.append(indent).append(".attributes(").append(String.join(", ", items)).append(')');
        } else if (!q.attributes().computed().isEmpty()) {
            sb.append(indent).append(".addAttributes(").append(q.attributes().computed().stream().map(this::computed)
                    .collect(Collectors.joining(", "))).append(')');
        }
        if (q.where() != null) {
            sb.append(indent).append(".where(").append(condition(q.where())).append(')');
        }
        for (Include inc : q.includes()) {
            sb.append(indent).append(include(inc, new HashSet<>()));
        }
        if (!q.group().isEmpty()) {
            sb.append(indent).append(".group(").append(q.group().stream().map(g -> g instanceof dev.canopy.query.Expr.Col
                    ? ref(((dev.canopy.query.Expr.Col<?>) g).ref()) : expr(g)).collect(Collectors.joining(", "))).append(')');
        }
        if (q.having() != null) {
            sb.append(indent).append(".having(").append(condition(q.having())).append(')');
        }
        if (!q.order().isEmpty()) {
            sb.append(indent).append(".order(").append(q.order().stream().map(this::order).collect(Collectors.joining(", "))).append(')');
        }
        if (q.limit() != null) {
            sb.append(indent).append(".limit(").append(q.limit()).append(')');
        }
        if (q.offset() != null) {
            sb.append(indent).append(".offset(").append(q.offset()).append(')');
        }
        return sb.toString();
    }

    /** {@code .include("album", album -> album.required().include("artist"))}. */
    private String include(Include inc, Set<String> names) {
        List<String> calls = new ArrayList<>();
        if (inc.isRight()) {
            calls.add(".right()");
        } else if (Boolean.TRUE.equals(inc.requiredOption())) {
            calls.add(".required()");
        } else if (Boolean.FALSE.equals(inc.requiredOption())) {
            calls.add(".optional()");
        }
        if (inc.where() != null) {
            calls.add(".where(" + condition(inc.where()) + ")");
        }
        if (!inc.attributes().isAll()) {
            calls.add(".attributes(" + columns(inc.attributes()) + ")");
        }
        String param = lang == Lang.KOTLIN ? "it" : param(inc.alias(), names);
        Set<String> inner = new HashSet<>(names);
        inner.add(param);
        for (Include child : inc.includes()) {
            calls.add(include(child, inner));
        }
        String alias = string(inc.alias());
        if (calls.isEmpty()) {
            return ".include(" + alias + ")";
        }
        String body = param + String.join("", calls);
        return lang == Lang.JAVA ? ".include(" + alias + ", " + param + " -> " + body + ")" : ".include(" + alias + ") { " + body + " }";
    }

    /** A lambda parameter named after the alias, unique among the enclosing lambdas' (Java does not let them shadow). */
    private static String param(String alias, Set<String> taken) {
        String base = alias.chars().allMatch(Character::isJavaIdentifierPart) && Character.isJavaIdentifierStart(alias.charAt(0))
                ? alias : "include";
        String name = javax.lang.model.SourceVersion.isKeyword(base) || RESERVED.contains(base) ? base + "Include" : base;
        int n = 2;
        String candidate = name;
        while (taken.contains(candidate)) {
            candidate = name + n++;
        }
        return candidate;
    }

    /** {@code Expr.count(...).alias("n")}. */
    private String computed(dev.canopy.query.Computed<?> c) {
        return expr(c.expr()) + ".alias(" + string(c.name()) + ")";
    }

    private String order(Order o) {
        String s = (o.isExpr() ? expr(o.expr()) : ref(o.column())) + (o.direction() == Order.Direction.DESC ? ".desc()" : ".asc()");
        if (o.nulls() == Order.Nulls.FIRST) {
            s += ".nullsFirst()";
        } else if (o.nulls() == Order.Nulls.LAST) {
            s += ".nullsLast()";
        }
        return s;
    }

    private String columns(Attributes a) {
        return a.only().stream().map(this::column).collect(Collectors.joining(", "));
    }

    // ---- conditions -----------------------------------------------------------------------------------------------

    private String condition(Condition c) {
        return c.accept(new Condition.Visitor<String>() {
            @Override public String compare(Condition.Compare cmp) {
                return ref(cmp.column()) + "." + method(cmp.operator()) + "(" + value(cmp.value()) + ")";
            }

            @Override public String in(Condition.In in) {
                return ref(in.column()) + (in.negated() ? ".notIn(" : ".isIn(")
                        + in.values().stream().map(QuerySource.this::value).collect(Collectors.joining(", ")) + ")";
            }

            @Override public String between(Condition.Between b) {
                return ref(b.column()) + (b.negated() ? ".notBetween(" : ".between(") + value(b.low()) + ", " + value(b.high()) + ")";
            }

            @Override public String isNull(Condition.IsNull n) {
                return ref(n.column()) + (n.negated() ? ".isNotNull()" : ".isNull()");
            }

            @Override public String junction(Condition.Junction j) {
                String word = j.and() ? "and" : "or";
                if (j.parts().get(0) instanceof Condition.Junction) {
                    imports.add("dev.canopy.query.Condition");
                    return "Condition." + word + "(" + j.parts().stream().map(QuerySource.this::condition).collect(Collectors.joining(", ")) + ")";
                }
                StringBuilder sb = new StringBuilder(condition(j.parts().get(0)));
                for (Condition p : j.parts().subList(1, j.parts().size())) {
                    sb.append('.').append(word).append('(').append(condition(p)).append(')');
                }
                return sb.toString();
            }

            @Override public String not(Condition.Not n) {
                imports.add("dev.canopy.query.Condition");
                return "Condition.not(" + condition(n.condition()) + ")";
            }

            @Override public String literal(Condition.Literal l) {
                imports.add("dev.canopy.query.Condition");
                return l.value() ? "Condition.TRUE" : "Condition.FALSE";
            }

            @Override public String exprCompare(Condition.ExprCompare c) {
                switch (c.operator()) {
                    case EQ: case NE: case GT: case GE: case LT: case LE: case LIKE:
                        return expr(c.expr()) + "." + method(c.operator()) + "(" + value(c.value()) + ")";
                    default:
                        imports.add("dev.canopy.query.Operator");
                        return expr(c.expr()) + ".compare(Operator." + c.operator().name() + ", " + value(c.value()) + ")";
                }
            }
        });
    }

    /** An expression as code: {@code Expr.count(...)}, {@code Expr.fn("LOWER", ...)}, {@code Expr.col(...)}. */
    String expr(dev.canopy.query.Expr<?> e) {
        imports.add("dev.canopy.query.Expr");
        if (e instanceof dev.canopy.query.Expr.Col) {
            return "Expr.col(" + ref(((dev.canopy.query.Expr.Col<?>) e).ref()) + ")";
        }
        if (e instanceof dev.canopy.query.Expr.Named) {
            return "Expr.col(" + string(e.toString()) + ")";
        }
        if (e instanceof dev.canopy.query.Expr.Value) {
            return "Expr.value(" + value(((dev.canopy.query.Expr.Value<?>) e).value()) + ")";
        }
        if (e instanceof dev.canopy.query.Expr.Cast) {
            dev.canopy.query.Expr.Cast<?> c = (dev.canopy.query.Expr.Cast<?>) e;
            imports.add("dev.canopy.model.DataType");
            return "Expr.cast(" + expr(c.expr()) + ", DataType.named(" + string(c.to().kind().name().toLowerCase(java.util.Locale.ROOT)) + ", null, null))";
        }
        dev.canopy.query.Expr.Call<?> call = (dev.canopy.query.Expr.Call<?>) e;
        String args = call.args().stream().map(this::expr).collect(Collectors.joining(", "));
        if (call.function() == dev.canopy.query.SqlFunction.COUNT) {
            return (call.distinct() ? "Expr.countDistinct(" : "Expr.count(") + args + ")";
        }
        return "Expr.fn(" + string(call.function().name()) + (args.isEmpty() ? "" : ", " + args) + ")";
    }

    private static String method(Operator op) {
        switch (op) {
            case EQ: return "eq";
            case NE: return "ne";
            case GT: return "gt";
            case GE: return "ge";
            case LT: return "lt";
            case LE: return "le";
            case LIKE: return "like";
            case NOT_LIKE: return "notLike";
            case ILIKE: return "iLike";
            case NOT_ILIKE: return "notILike";
            case STARTS_WITH: return "startsWith";
            case ENDS_WITH: return "endsWith";
            default: return "contains";
        }
    }

    private String value(Object v) {
        if (v instanceof Integer || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Long) {
            return v + "L";
        }
        if (v instanceof BigDecimal) {
            imports.add("java.math.BigDecimal");
            return (lang == Lang.JAVA ? "new BigDecimal(" : "BigDecimal(") + string(((BigDecimal) v).toPlainString()) + ")";
        }
        if (v instanceof LocalDate) {
            imports.add("java.time.LocalDate");
            return "LocalDate.parse(" + string(v.toString()) + ")";
        }
        if (v instanceof LocalDateTime) {
            imports.add("java.time.LocalDateTime");
            return "LocalDateTime.parse(" + string(v.toString()) + ")";
        }
        if (v instanceof UUID) {
            imports.add("java.util.UUID");
            return "UUID.fromString(" + string(v.toString()) + ")";
        }
        return string(v.toString());
    }

    /** A string literal; Kotlin also escapes {@code $}, which starts a template there. */
    private String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '$': sb.append(lang == Lang.KOTLIN ? "\\$" : "$"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    // ---- names ----------------------------------------------------------------------------------------------------

    private String ref(ColumnRef<?> r) {
        String c = column(r.column());
        return r.path().isEmpty() ? c : c + ".at(" + r.path().stream().map(this::string).collect(Collectors.joining(", ")) + ")";
    }

    private String model(Model m) {
        if (!style.isTyped()) {
            return "schema.model(" + string(m.name()) + ")";
        }
        String constant = style.constantOf(m);
        if (constant == null) {
            throw new IllegalArgumentException("model " + m.name() + " is not a public static constant of " + style.holder().getName()
                    + "; generate this query with CodeStyle.byName()");
        }
        staticImports.add(style.holder().getCanonicalName() + "." + constant);
        return constant;
    }

    private String column(Column<?> c) {
        if (!style.isTyped()) {
            helper = true;
            return "col(" + string(c.model().name()) + ", " + string(c.name()) + ")";
        }
        String model = model(c.model());
        String field = CodeStyle.fieldOf(c);
        if (field == null) {
            helper = true;
            return "col(" + model + ", " + string(c.name()) + ")";
        }
        return model + "." + (lang == Lang.KOTLIN && KOTLIN_HARD_KEYWORDS.contains(field) ? "`" + field + "`" : field);
    }

    private static final Set<String> KOTLIN_HARD_KEYWORDS = Set.of("as", "break", "class", "continue", "do", "else", "false", "for",
            "fun", "if", "in", "interface", "is", "null", "object", "package", "return", "super", "this", "throw", "true", "try",
            "typealias", "typeof", "val", "var", "when", "while");
}
