package dev.canopy.plan;

import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Turns Canopy conditions into jOOQ conditions. Every value becomes a bind parameter typed like its column;
 * {@code ILIKE} is left to jOOQ, which renders it natively or as {@code lower(a) LIKE lower(b)} per dialect.
 */
public final class Conditions implements Condition.Visitor<org.jooq.Condition> {
    /** Lists longer than this are bound as one array where the dialect can ({@code x = ANY(?)}). */
    static final int ARRAY_THRESHOLD = 1000;
    /**
     * Without an array bind, a longer list is split into {@code (x in (...) or x in (...))} chunks of this size: each
     * {@code IN} stays under every database's own list limits, and the statement binds each value once.
     */
    static final int IN_CHUNK = 1000;
    /** The most values one array bind carries: H2 refuses an array longer than 65,536. */
    static final int ARRAY_CHUNK = 65_536;

    private final Function<ColumnRef<?>, Field<Object>> fields;
    private final boolean arrays;
    private final Expressions exprs;

    public Conditions(Function<ColumnRef<?>, Field<Object>> fields, boolean arrays) {
        this(fields, arrays, Expressions.columnsOnly(fields));
    }

    Conditions(Function<ColumnRef<?>, Field<Object>> fields, boolean arrays, Expressions exprs) {
        this.fields = fields;
        this.arrays = arrays;
        this.exprs = exprs;
    }

    /** {@code expr op value}, the value bound: Sequelize's {@code where(fn(...), op, value)}. */
    @Override
    @SuppressWarnings("unchecked")
    public org.jooq.Condition exprCompare(Condition.ExprCompare c) {
        Field<Object> f = (Field<Object>) exprs.field(c.expr());
        Field<Object> v = Expressions.bind(c.value(), f);
        switch (c.operator()) {
            case EQ: return f.eq(v);
            case NE: return f.ne(v);
            case GT: return f.gt(v);
            case GE: return f.ge(v);
            case LT: return f.lt(v);
            case LE: return f.le(v);
            default: break;
        }
        Field<String> text = (Field<String>) (Field<?>) f;
        String s = (String) c.value();
        switch (c.operator()) {
            case LIKE: return text.like(DSL.val(s));
            case NOT_LIKE: return text.notLike(DSL.val(s));
            case ILIKE: return text.likeIgnoreCase(DSL.val(s));
            case NOT_ILIKE: return text.notLikeIgnoreCase(DSL.val(s));
            case STARTS_WITH: return text.startsWith(DSL.val(s));
            case ENDS_WITH: return text.endsWith(DSL.val(s));
            case CONTAINS: return text.contains(DSL.val(s));
            default: throw new IllegalStateException("unhandled operator " + c.operator());
        }
    }

    public org.jooq.Condition toJooq(Condition c) {
        return c.accept(this);
    }

    @Override
    public org.jooq.Condition in(Condition.In in) {
        if (in.values().isEmpty()) {
            return in.negated() ? DSL.trueCondition() : DSL.falseCondition();
        }
        Field<Object> f = fields.apply(in.column());
        if (arrays && in.values().size() > ARRAY_THRESHOLD) {
            return arrayBind(in, f);
        }
        List<Field<Object>> vals = new ArrayList<>(in.values().size());
        for (Object v : in.values()) {
            vals.add(DSL.val(v, f));
        }
        if (vals.size() <= IN_CHUNK) {
            return in.negated() ? f.notIn(vals) : f.in(vals);
        }
        List<org.jooq.Condition> chunks = new ArrayList<>();
        for (int from = 0; from < vals.size(); from += IN_CHUNK) {
            List<Field<Object>> chunk = vals.subList(from, Math.min(vals.size(), from + IN_CHUNK));
            chunks.add(in.negated() ? f.notIn(chunk) : f.in(chunk));
        }
        return in.negated() ? DSL.and(chunks) : DSL.or(chunks);
    }

    @Override
    public org.jooq.Condition between(Condition.Between b) {
        Field<Object> f = fields.apply(b.column());
        return b.negated() ? f.notBetween(DSL.val(b.low(), f), DSL.val(b.high(), f))
                : f.between(DSL.val(b.low(), f), DSL.val(b.high(), f));
    }

    @Override
    public org.jooq.Condition isNull(Condition.IsNull n) {
        Field<Object> f = fields.apply(n.column());
        return n.negated() ? f.isNotNull() : f.isNull();
    }

    @Override
    public org.jooq.Condition junction(Condition.Junction j) {
        List<org.jooq.Condition> parts = new ArrayList<>(j.parts().size());
        for (Condition p : j.parts()) {
            parts.add(p.accept(this));
        }
        return j.and() ? DSL.and(parts) : DSL.or(parts);
    }

    @Override
    public org.jooq.Condition not(Condition.Not n) {
        return DSL.not(n.condition().accept(this));
    }

    @Override
    public org.jooq.Condition literal(Condition.Literal l) {
        return l.value() ? DSL.trueCondition() : DSL.falseCondition();
    }

    @Override
    @SuppressWarnings("unchecked")
    public org.jooq.Condition compare(Condition.Compare c) {
        Field<Object> f = fields.apply(c.column());
        Object v = c.value();
        switch (c.operator()) {
            case EQ: return f.eq(DSL.val(v, f));
            case NE: return f.ne(DSL.val(v, f));
            case GT: return f.gt(DSL.val(v, f));
            case GE: return f.ge(DSL.val(v, f));
            case LT: return f.lt(DSL.val(v, f));
            case LE: return f.le(DSL.val(v, f));
            default: break;
        }
        Field<String> text = (Field<String>) (Field<?>) f;
        String s = (String) v;
        switch (c.operator()) {
            case LIKE: return text.like(DSL.val(pattern(s))).escape(ESCAPE);
            case NOT_LIKE: return text.notLike(DSL.val(pattern(s))).escape(ESCAPE);
            case ILIKE: return text.likeIgnoreCase(DSL.val(pattern(s))).escape(ESCAPE);
            case NOT_ILIKE: return text.notLikeIgnoreCase(DSL.val(pattern(s))).escape(ESCAPE);
            case STARTS_WITH: return text.startsWith(DSL.val(s));
            case ENDS_WITH: return text.endsWith(DSL.val(s));
            case CONTAINS: return text.contains(DSL.val(s));
            default: throw new IllegalStateException("unhandled operator " + c.operator());
        }
    }

    /**
     * A raw pattern's escape character, the same on every database: a backslash, as H2, MariaDB and PostgreSQL have by
     * default, said explicitly so that SQLite (which has none by default) means the same.
     */
    static final char ESCAPE = '\\';

    /**
     * The pattern as bound: a backslash that ends it (an escape with nothing to escape) stands for itself, as on
     * MariaDB, instead of matching nothing (H2) or failing (PostgreSQL, SQLite).
     */
    static String pattern(String s) {
        int trailing = 0;
        for (int i = s.length() - 1; i >= 0 && s.charAt(i) == ESCAPE; i--) {
            trailing++;
        }
        return trailing % 2 == 1 ? s + ESCAPE : s;
    }

    /**
     * {@code (x = any(?) or x = any(?))}, an array per {@link #ARRAY_CHUNK} values, as a template with plain binds: jOOQ
     * would expand {@code f.eq(any(array))} on H2 into one {@code or f = ?} per value, and its cast to an array type
     * caps the array at H2's cardinality limit.
     */
    private static org.jooq.Condition arrayBind(Condition.In in, Field<Object> f) {
        java.util.List<Object> values = in.values();
        java.util.List<org.jooq.Condition> parts = new java.util.ArrayList<>();
        for (int from = 0; from < values.size(); from += ARRAY_CHUNK) {
            java.util.List<Object> chunk = values.subList(from, Math.min(values.size(), from + ARRAY_CHUNK));
            Object[] array = (Object[]) java.lang.reflect.Array.newInstance(in.column().column().type().javaType(), chunk.size());
            for (int i = 0; i < array.length; i++) {
                array[i] = chunk.get(i);
            }
            org.jooq.Condition any = DSL.condition("{0} = any({1})", f, DSL.field("?", Object.class, new Object[] {array}));
            parts.add(in.negated() ? DSL.not(any) : any);
        }
        return in.negated() ? DSL.and(parts) : DSL.or(parts);
    }
}
