package dev.canopy.plan;

import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Turns Canopy conditions into jOOQ conditions. Every value becomes a bind parameter typed like its column;
 * {@code ILIKE} is left to jOOQ, which renders it natively or as {@code lower(a) LIKE lower(b)} per dialect.
 *
 * <p>Given {@link BindSlots}, each parameter is recorded with the slot of the value it binds, counting from
 * {@code base} in the walk {@link Shape} defines (one slot per comparison and per {@code isIn} list, two per BETWEEN),
 * so SQL rendered once per query shape can be run with another query's values. One instance converts one condition.
 */
public final class Conditions implements Condition.Visitor<org.jooq.Condition> {
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
    private final @Nullable BindSlots slots;
    /** The slot of the next value met. */
    private int next;

    public Conditions(Function<ColumnRef<?>, Field<Object>> fields, boolean arrays) {
        this(fields, arrays, Expressions.columnsOnly(fields, null), null, 0);
    }

    Conditions(Function<ColumnRef<?>, Field<Object>> fields, boolean arrays, Expressions exprs, @Nullable BindSlots slots, int base) {
        this.fields = fields;
        this.arrays = arrays;
        this.exprs = exprs;
        this.slots = slots;
        this.next = base;
    }

    /**
     * How an {@code isIn} list of {@code size} values shapes the SQL: 0 when empty (a literal), the negated number of
     * arrays when bound as arrays (its length is then no part of the SQL), else its length (one bind per value).
     * Where the dialect binds arrays, every non-empty list is bound as arrays, however short: lists of any length up
     * to {@link #ARRAY_CHUNK} then share one SQL text, so one cached plan (a service asking for 3 ids, then 4, plans
     * once). {@code x = any(array)} means what {@code x in (...)} means, NULLs included: true when an element equals
     * {@code x}; else NULL when {@code x} or an element is NULL; else false (and {@code not} of it likewise).
     */
    static int inShape(int size, boolean arrays) {
        if (size == 0) {
            return 0;
        }
        if (arrays) {
            return -((size + ARRAY_CHUNK - 1) / ARRAY_CHUNK);
        }
        return size;
    }

    /** The bind parameter of one value, recorded with its slot. */
    private Param<Object> bind(Object value, Field<Object> f, int slot) {
        return record(DSL.val(value, f), slot);
    }

    private Param<String> text(String value, int slot) {
        return record(DSL.val(value), slot);
    }

    private <T> Param<T> record(Param<T> p, int slot) {
        if (slots != null) {
            slots.add(p, new BindSource.Value(slot, p.getDataType()));
        }
        return p;
    }

    /**
     * {@code expr op value}, the value bound: Sequelize's {@code where(fn(...), op, value)}. The compared value takes one
     * slot, like a comparison's; values inside the expression have theirs from {@link Expressions}.
     */
    @Override
    @SuppressWarnings("unchecked")
    public org.jooq.Condition exprCompare(Condition.ExprCompare c) {
        int slot = next++;
        Field<Object> f = (Field<Object>) exprs.field(c.expr());
        switch (c.operator()) {
            case EQ: return f.eq(record(Expressions.bind(c.value(), f), slot));
            case NE: return f.ne(record(Expressions.bind(c.value(), f), slot));
            case GT: return f.gt(record(Expressions.bind(c.value(), f), slot));
            case GE: return f.ge(record(Expressions.bind(c.value(), f), slot));
            case LT: return f.lt(record(Expressions.bind(c.value(), f), slot));
            case LE: return f.le(record(Expressions.bind(c.value(), f), slot));
            default: break;
        }
        Field<String> text = (Field<String>) (Field<?>) f;
        Param<String> s = text((String) c.value(), slot);
        switch (c.operator()) {
            case LIKE: return text.like(s);
            case NOT_LIKE: return text.notLike(s);
            case ILIKE: return text.likeIgnoreCase(s);
            case NOT_ILIKE: return text.notLikeIgnoreCase(s);
            case STARTS_WITH: return text.startsWith(s);
            case ENDS_WITH: return text.endsWith(s);
            case CONTAINS: return text.contains(s);
            default: throw new IllegalStateException("unhandled operator " + c.operator());
        }
    }

    public org.jooq.Condition toJooq(Condition c) {
        return c.accept(this);
    }

    @Override
    public org.jooq.Condition in(Condition.In in) {
        int slot = next++;
        if (in.values().isEmpty()) {
            return in.negated() ? DSL.trueCondition() : DSL.falseCondition();
        }
        Field<Object> f = fields.apply(in.column());
        if (inShape(in.values().size(), arrays) < 0) {
            return arrayBind(in, f, slot);
        }
        List<Field<Object>> vals = new ArrayList<>(in.values().size());
        for (Object v : in.values()) {
            Param<Object> p = DSL.val(v, f);
            if (slots != null) {
                slots.add(p, new BindSource.Element(slot, vals.size(), p.getDataType()));
            }
            vals.add(p);
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
        int slot = next;
        next += 2;
        Param<Object> low = bind(b.low(), f, slot);
        Param<Object> high = bind(b.high(), f, slot + 1);
        return b.negated() ? f.notBetween(low, high) : f.between(low, high);
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
        int slot = next++;
        switch (c.operator()) {
            case EQ: return f.eq(bind(v, f, slot));
            case NE: return f.ne(bind(v, f, slot));
            case GT: return f.gt(bind(v, f, slot));
            case GE: return f.ge(bind(v, f, slot));
            case LT: return f.lt(bind(v, f, slot));
            case LE: return f.le(bind(v, f, slot));
            default: break;
        }
        Field<String> text = (Field<String>) (Field<?>) f;
        Param<String> s = text((String) boundValue(c.operator(), v), slot);
        switch (c.operator()) {
            case LIKE: return text.like(s).escape(ESCAPE);
            case NOT_LIKE: return text.notLike(s).escape(ESCAPE);
            case ILIKE: return text.likeIgnoreCase(s).escape(ESCAPE);
            case NOT_ILIKE: return text.notLikeIgnoreCase(s).escape(ESCAPE);
            case STARTS_WITH: return text.startsWith(s);
            case ENDS_WITH: return text.endsWith(s);
            case CONTAINS: return text.contains(s);
            default: throw new IllegalStateException("unhandled operator " + c.operator());
        }
    }

    /**
     * A raw pattern's escape character, the same on every database: a backslash, as H2, MariaDB and PostgreSQL have by
     * default, said explicitly so that SQLite (which has none by default) means the same.
     */
    static final char ESCAPE = '\\';

    /**
     * The value a compared value is bound as, here and in {@link Shape} (which fills a cached plan's slots with it): a
     * like pattern's backslash that ends it (an escape with nothing to escape) stands for itself, as on
     * MariaDB, instead of matching nothing (H2) or failing (PostgreSQL, SQLite).
     */
    static @Nullable Object boundValue(dev.canopy.query.Operator op, @Nullable Object v) {
        switch (op) {
            case LIKE: case NOT_LIKE: case ILIKE: case NOT_ILIKE:
                return v instanceof String ? pattern((String) v) : v;
            default:
                return v;
        }
    }

    /**
     * The pattern as bound (see {@link #boundValue}): a trailing lone backslash doubled.
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
    private org.jooq.Condition arrayBind(Condition.In in, Field<Object> f, int slot) {
        java.util.List<Object> values = in.values();
        java.util.List<org.jooq.Condition> parts = new java.util.ArrayList<>();
        org.jooq.DataType<Object> type = f.getDataType();
        for (int from = 0; from < values.size(); from += ARRAY_CHUNK) {
            Object[] array = array(type, values, from);
            if (slots != null) {
                slots.addArray(array, new BindSource.ArrayChunk(slot, from, type));
            }
            org.jooq.Condition any = DSL.condition("{0} = any({1})", f, DSL.field("?", Object.class, new Object[] {array}));
            parts.add(in.negated() ? DSL.not(any) : any);
        }
        return in.negated() ? DSL.and(parts) : DSL.or(parts);
    }

    /**
     * The values from {@code from}, at most {@link #ARRAY_CHUNK} of them, as an array of the column's type, each
     * converted to it as {@code DSL.val(value, field)} converts one bind: a column accepts values of other types (any
     * {@code Number} for an integer column, any text for a string one), which an array of its type would not store.
     */
    static Object[] array(org.jooq.DataType<?> type, List<?> values, int from) {
        int to = Math.min(values.size(), from + ARRAY_CHUNK);
        Object[] array = (Object[]) java.lang.reflect.Array.newInstance(type.getType(), to - from);
        for (int i = 0; i < array.length; i++) {
            array[i] = type.convert(values.get(from + i));
        }
        return array;
    }
}
