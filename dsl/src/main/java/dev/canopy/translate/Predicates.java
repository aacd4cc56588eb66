package dev.canopy.translate;

import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import dev.canopy.query.Operator;
import java.util.ArrayList;
import dev.canopy.error.QueryException;
import dev.canopy.query.Expr;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.impl.QOM;
import org.jspecify.annotations.Nullable;

/**
 * Translates the conditions of a WHERE or ON clause into Canopy {@link Condition}s: comparisons of a column with a
 * value (either side), LIKE and ILIKE (and their negations), IN lists, BETWEEN, IS [NOT] NULL, AND, OR and NOT.
 * {@code NOT} over one predicate becomes its negated form ({@code NOT (a = 1)} is {@code a <> 1}, exactly so in SQL's
 * three-valued logic). Each column becomes the {@link ColumnRef} that {@code refs} gives for its table: its own
 * column in an include's where, {@code column.at(path)} in the query's.
 */
final class Predicates {
    private final Scope scope;
    private final Function<Bound, ColumnRef<Object>> refs;
    private final Exprs exprs;
    /** The select list's aliases and their expressions when this reads a HAVING, else null. */
    private final @Nullable Map<String, Expr<?>> having;

    /** Conditions of a WHERE or ON: on columns, or on functions of columns ({@code LOWER(name) LIKE 'a%'}). */
    Predicates(Scope scope, Function<Bound, ColumnRef<Object>> refs) {
        this(scope, refs, null);
    }

    /**
     * Conditions of a HAVING: on aggregates ({@code COUNT(t.TrackId) > 50}), or on the select list's aliases of
     * aggregates ({@code n > 50}), keyed by alias in lower case.
     */
    Predicates(Scope scope, Function<Bound, ColumnRef<Object>> refs, @Nullable Map<String, Expr<?>> having) {
        this.scope = scope;
        this.refs = refs;
        this.exprs = new Exprs(scope, refs);
        this.having = having;
    }

    /** The conjuncts of a condition: the parts of its top-level ANDs, in order. */
    static List<org.jooq.Condition> conjuncts(org.jooq.Condition c) {
        List<org.jooq.Condition> out = new ArrayList<>();
        if (c instanceof QOM.And) {
            out.addAll(conjuncts(((QOM.And) c).$arg1()));
            out.addAll(conjuncts(((QOM.And) c).$arg2()));
        } else if (!(c instanceof QOM.True) && !c.equals(org.jooq.impl.DSL.noCondition())) {
            out.add(c);
        }
        return out;
    }

    Condition translate(org.jooq.Condition c) {
        if (c instanceof QOM.And) {
            return Condition.and(translate(((QOM.And) c).$arg1()), translate(((QOM.And) c).$arg2()));
        }
        if (c instanceof QOM.Or) {
            return Condition.or(translate(((QOM.Or) c).$arg1()), translate(((QOM.Or) c).$arg2()));
        }
        if (c instanceof QOM.Not) {
            return negate(translate(((QOM.Not) c).$condition()));
        }
        if (c instanceof QOM.Eq) {
            return compare(c, ((QOM.Eq<?>) c).$arg1(), ((QOM.Eq<?>) c).$arg2(), Operator.EQ, Operator.EQ);
        }
        if (c instanceof QOM.Ne) {
            return compare(c, ((QOM.Ne<?>) c).$arg1(), ((QOM.Ne<?>) c).$arg2(), Operator.NE, Operator.NE);
        }
        if (c instanceof QOM.Lt) {
            return compare(c, ((QOM.Lt<?>) c).$arg1(), ((QOM.Lt<?>) c).$arg2(), Operator.LT, Operator.GT);
        }
        if (c instanceof QOM.Le) {
            return compare(c, ((QOM.Le<?>) c).$arg1(), ((QOM.Le<?>) c).$arg2(), Operator.LE, Operator.GE);
        }
        if (c instanceof QOM.Gt) {
            return compare(c, ((QOM.Gt<?>) c).$arg1(), ((QOM.Gt<?>) c).$arg2(), Operator.GT, Operator.LT);
        }
        if (c instanceof QOM.Ge) {
            return compare(c, ((QOM.Ge<?>) c).$arg1(), ((QOM.Ge<?>) c).$arg2(), Operator.GE, Operator.LE);
        }
        if (c instanceof QOM.Like) {
            QOM.Like l = (QOM.Like) c;
            return like(c, l.$value(), l.$pattern(), l.$escape(), Operator.LIKE);
        }
        if (c instanceof QOM.NotLike) {
            QOM.NotLike l = (QOM.NotLike) c;
            return like(c, l.$value(), l.$pattern(), l.$escape(), Operator.NOT_LIKE);
        }
        if (c instanceof QOM.LikeIgnoreCase) {
            QOM.LikeIgnoreCase l = (QOM.LikeIgnoreCase) c;
            return like(c, l.$value(), l.$pattern(), l.$escape(), Operator.ILIKE);
        }
        if (c instanceof QOM.NotLikeIgnoreCase) {
            QOM.NotLikeIgnoreCase l = (QOM.NotLikeIgnoreCase) c;
            return like(c, l.$value(), l.$pattern(), l.$escape(), Operator.NOT_ILIKE);
        }
        if (c instanceof QOM.InList) {
            return in(c, ((QOM.InList<?>) c).$field(), ((QOM.InList<?>) c).$list(), false);
        }
        if (c instanceof QOM.NotInList) {
            return in(c, ((QOM.NotInList<?>) c).$field(), ((QOM.NotInList<?>) c).$list(), true);
        }
        if (c instanceof QOM.Between) {
            QOM.Between<?> b = (QOM.Between<?>) c;
            if (b.$symmetric()) {
                throw new TranslationException(SqlText.of(c) + ": BETWEEN SYMMETRIC cannot be translated; write the bounds in order");
            }
            if (!isPlainColumn(b.$arg1())) {
                Expr<?> e = expr(c, b.$arg1());
                return Condition.and(exprCompare(c, e, Operator.GE, raw(c, b.$arg2())), exprCompare(c, e, Operator.LE, raw(c, b.$arg3())));
            }
            Bound col = column(c, b.$arg1());
            ColumnRef<Object> ref = refs.apply(col);
            return ref.between(value(c, col, b.$arg2()), value(c, col, b.$arg3()));
        }
        if (c instanceof QOM.IsNull || c instanceof QOM.IsNotNull) {
            Field<?> f = c instanceof QOM.IsNull ? ((QOM.IsNull) c).$field() : ((QOM.IsNotNull) c).$field();
            if (!isPlainColumn(f) && Exprs.isCall(f)) {
                throw new TranslationException(SqlText.of(c) + ": IS [NOT] NULL of a function cannot be translated; the DSL compares a"
                        + " function with a value");
            }
        }
        if (c instanceof QOM.IsNull) {
            return refs.apply(column(c, ((QOM.IsNull) c).$field())).isNull();
        }
        if (c instanceof QOM.IsNotNull) {
            return refs.apply(column(c, ((QOM.IsNotNull) c).$field())).isNotNull();
        }
        if (c instanceof QOM.FieldCondition && Scope.isColumn(((QOM.FieldCondition) c).$field())) {
            Bound col = column(c, ((QOM.FieldCondition) c).$field());
            return refs.apply(col).eq(Literals.convert(col, Boolean.TRUE, SqlText.of(c)));
        }
        if (c instanceof QOM.Exists || c instanceof QOM.In || c instanceof QOM.NotIn || c instanceof QOM.EqQuantified
                || c instanceof QOM.NeQuantified || c instanceof QOM.LtQuantified || c instanceof QOM.LeQuantified
                || c instanceof QOM.GtQuantified || c instanceof QOM.GeQuantified) {
            throw subquery(c);
        }
        throw new TranslationException(SqlText.of(c) + ": this kind of condition cannot be translated; compare columns with values"
                + " (=, <>, <, <=, >, >=, LIKE, ILIKE, IN, BETWEEN, IS NULL) and combine with AND, OR, NOT");
    }

    /** {@code NOT p} as the negated predicate where SQL has one that means the same. */
    static Condition negate(Condition c) {
        return c.accept(new Condition.Visitor<Condition>() {
            @Override public Condition compare(Condition.Compare cmp) {
                Operator flipped = negated(cmp.operator());
                return flipped != null ? new Condition.Compare(cmp.column(), flipped, cmp.value()) : Condition.not(cmp);
            }
            @Override public Condition in(Condition.In in) {
                return new Condition.In(in.column(), in.values(), !in.negated());
            }
            @Override public Condition between(Condition.Between b) {
                return new Condition.Between(b.column(), b.low(), b.high(), !b.negated());
            }
            @Override public Condition isNull(Condition.IsNull n) {
                return new Condition.IsNull(n.column(), !n.negated());
            }
            @Override public Condition junction(Condition.Junction j) {
                return Condition.not(j);
            }
            @Override public Condition not(Condition.Not n) {
                return n.condition();
            }
            @Override public Condition literal(Condition.Literal l) {
                return Condition.not(l);
            }
            @Override public Condition exprCompare(Condition.ExprCompare c) {
                return Condition.not(c);
            }
        });
    }

    private static @org.jspecify.annotations.Nullable Operator negated(Operator op) {
        switch (op) {
            case EQ: return Operator.NE;
            case NE: return Operator.EQ;
            case LT: return Operator.GE;
            case GE: return Operator.LT;
            case GT: return Operator.LE;
            case LE: return Operator.GT;
            case LIKE: return Operator.NOT_LIKE;
            case NOT_LIKE: return Operator.LIKE;
            case ILIKE: return Operator.NOT_ILIKE;
            case NOT_ILIKE: return Operator.ILIKE;
            default: return null;
        }
    }

    private Condition compare(org.jooq.Condition c, Field<?> left, Field<?> right, Operator op, Operator converse) {
        boolean leftColumn = Scope.isColumn(left);
        boolean rightColumn = Scope.isColumn(right);
        if (leftColumn && rightColumn && having == null) {
            throw new TranslationException(SqlText.of(c) + ": compares two columns; a where compares a column with a value"
                    + " (tables are joined along associations, with key equalities in JOIN ... ON)");
        }
        boolean leftValue = Literals.isValue(left);
        boolean rightValue = Literals.isValue(right);
        if (leftValue == rightValue) {
            throw expression(c, left, right);
        }
        Field<?> subject = leftValue ? right : left;
        Field<?> valueSide = leftValue ? left : right;
        Operator operator = leftValue ? converse : op;
        Object raw = Literals.raw(valueSide, SqlText.of(c));
        if (raw == null) {
            throw new TranslationException(SqlText.of(c) + ": a comparison with NULL is never true in SQL; write "
                    + SqlText.of(subject) + (operator == Operator.NE ? " IS NOT NULL" : " IS NULL"));
        }
        if (isPlainColumn(subject)) {
            Bound col = column(c, subject);
            return refs.apply(col).compare(operator, Literals.convert(col, raw, SqlText.of(c)));
        }
        return exprCompare(c, expr(c, subject), operator, raw);
    }

    /** Whether {@code f} is compared as a column: a column of a table, in a WHERE or ON. */
    private boolean isPlainColumn(Field<?> f) {
        return having == null && Scope.isColumn(f);
    }

    /**
     * The expression a condition compares: in a WHERE, a function of columns that aggregates nothing; in a HAVING, an
     * aggregate, or the alias of one in the select list.
     */
    private Expr<?> expr(org.jooq.Condition c, Field<?> f) {
        if (having != null && Scope.isColumn(f)) {
            String[] parts = f.getQualifiedName().getName();
            Expr<?> aliased = parts.length == 1 ? having.get(parts[0].toLowerCase(Locale.ROOT)) : null;
            if (aliased == null) {
                throw new TranslationException("HAVING " + SqlText.of(c) + ": " + SqlText.of(f) + " is not an aggregate; a condition on columns"
                        + " belongs in WHERE");
            }
            return aliased;
        }
        if (!Exprs.isCall(f)) {
            throw expression(c, f);
        }
        Expr<?> e = exprs.translate(f, SqlText.of(c));
        if (having == null && e.isAggregate()) {
            throw new TranslationException(SqlText.of(c) + ": an aggregate cannot filter rows in WHERE; it filters the groups in HAVING");
        }
        if (having != null && !e.isAggregate()) {
            throw new TranslationException("HAVING " + SqlText.of(c) + ": " + SqlText.of(f) + " is not an aggregate; a condition on columns"
                    + " belongs in WHERE");
        }
        return e;
    }

    /** {@code e op value}, the value of the expression's type where it is known ({@code COUNT} compares with a Long). */
    private static Condition exprCompare(org.jooq.Condition c, Expr<?> e, Operator op, @Nullable Object raw) {
        if (raw == null) {
            throw new TranslationException(SqlText.of(c) + ": a comparison with NULL is never true in SQL");
        }
        Object value;
        if (op.isTextual()) {
            if (!(raw instanceof CharSequence)) {
                throw new TranslationException(SqlText.of(c) + ": the pattern of " + op.json().substring(1) + " must be a text literal");
            }
            value = raw.toString();
        } else {
            value = Exprs.valueFor(e, raw, SqlText.of(c));
        }
        try {
            return e.compare(op, value);
        } catch (QueryException ex) {
            throw new TranslationException(SqlText.of(c) + ": " + ex.getMessage(), ex);
        }
    }

    private static @Nullable Object raw(org.jooq.Condition c, Field<?> f) {
        if (!Literals.isValue(f)) {
            throw expression(c, f);
        }
        return Literals.raw(f, SqlText.of(c));
    }

    private Condition like(org.jooq.Condition c, Field<?> value, Field<String> pattern, @org.jspecify.annotations.Nullable Character escape,
                           Operator op) {
        if (escape != null) {
            throw new TranslationException(SqlText.of(c) + ": LIKE ... ESCAPE cannot be translated; Canopy's like takes the pattern as it is"
                    + " (startsWith, endsWith and contains escape wildcards themselves)");
        }
        if (!Literals.isValue(pattern)) {
            throw expression(c, pattern);
        }
        Object raw = Literals.raw(pattern, SqlText.of(c));
        if (!isPlainColumn(value)) {
            return exprCompare(c, expr(c, value), op, raw);
        }
        Bound col = column(c, value);
        if (!(raw instanceof CharSequence)) {
            throw new TranslationException(SqlText.of(c) + ": the pattern of " + op.json().substring(1) + " must be a text literal");
        }
        return refs.apply(col).compare(op, raw.toString());
    }

    private Condition in(org.jooq.Condition c, Field<?> field, List<? extends Field<?>> list, boolean negated) {
        if (!isPlainColumn(field)) {
            // e IN (a, b) is e = a OR e = b, and NOT IN the AND of <>, in SQL's three-valued logic too
            Expr<?> e = expr(c, field);
            List<Condition> parts = new ArrayList<>();
            for (Field<?> f : list) {
                Object raw = raw(c, f);
                if (raw == null) {
                    throw new TranslationException(SqlText.of(c) + ": NULL in a list or range matches nothing in SQL; use IS NULL");
                }
                parts.add(exprCompare(c, e, negated ? Operator.NE : Operator.EQ, raw));
            }
            return negated ? Condition.and(parts) : Condition.or(parts);
        }
        Bound col = column(c, field);
        List<Object> values = new ArrayList<>();
        for (Field<?> f : list) {
            values.add(value(c, col, f));
        }
        ColumnRef<Object> ref = refs.apply(col);
        return negated ? ref.notIn(values) : ref.isIn(values);
    }

    private Object value(org.jooq.Condition c, Bound col, Field<?> f) {
        if (!Literals.isValue(f)) {
            throw expression(c, f);
        }
        Object raw = Literals.raw(f, SqlText.of(c));
        if (raw == null) {
            throw new TranslationException(SqlText.of(c) + ": NULL in a list or range matches nothing in SQL; use IS NULL");
        }
        return Literals.convert(col, raw, SqlText.of(c));
    }

    private Bound column(org.jooq.Condition c, Field<?> f) {
        if (!Scope.isColumn(f)) {
            throw expression(c, f);
        }
        return scope.bind(f);
    }

    private static TranslationException expression(org.jooq.Condition c, Field<?>... parts) {
        for (Field<?> p : parts) {
            if (p instanceof QOM.ScalarSubquery) {
                return subquery(c);
            }
        }
        return new TranslationException(SqlText.of(c) + ": this comparison cannot be translated; compare a column, or a function of"
                + " columns, with a value");
    }

    static TranslationException subquery(org.jooq.QueryPart c) {
        return new TranslationException(SqlText.of(c) + ": subqueries cannot be translated; an include tree filters through its"
                + " includes (a required include with a where keeps the parents that have a match)");
    }
}
