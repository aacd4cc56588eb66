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

    private final Function<ColumnRef<?>, Field<Object>> fields;
    private final boolean arrays;

    public Conditions(Function<ColumnRef<?>, Field<Object>> fields, boolean arrays) {
        this.fields = fields;
        this.arrays = arrays;
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
            Object[] array = (Object[]) java.lang.reflect.Array.newInstance(in.column().column().type().javaType(), in.values().size());
            int i = 0;
            for (Object v : in.values()) {
                array[i++] = v;
            }
            Field<Object[]> param = DSL.val(array, f.getDataType().getArrayDataType());
            return in.negated() ? f.ne(DSL.all(param)) : f.eq(DSL.any(param));
        }
        List<Field<Object>> vals = new ArrayList<>(in.values().size());
        for (Object v : in.values()) {
            vals.add(DSL.val(v, f));
        }
        return in.negated() ? f.notIn(vals) : f.in(vals);
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
}
