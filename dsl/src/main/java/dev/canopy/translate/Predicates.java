package dev.canopy.translate;

import dev.canopy.query.ColumnRef;
import dev.canopy.query.Condition;
import dev.canopy.query.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.impl.QOM;

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

    Predicates(Scope scope, Function<Bound, ColumnRef<Object>> refs) {
        this.scope = scope;
        this.refs = refs;
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
            Bound col = column(c, b.$arg1());
            ColumnRef<Object> ref = refs.apply(col);
            return ref.between(value(c, col, b.$arg2()), value(c, col, b.$arg3()));
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
        if (leftColumn && rightColumn) {
            throw new TranslationException(SqlText.of(c) + ": compares two columns; a where compares a column with a value"
                    + " (tables are joined along associations, with key equalities in JOIN ... ON)");
        }
        if (!leftColumn && !rightColumn) {
            throw expression(c, left, right);
        }
        Field<?> columnSide = leftColumn ? left : right;
        Field<?> valueSide = leftColumn ? right : left;
        Operator operator = leftColumn ? op : converse;
        Bound col = column(c, columnSide);
        if (!Literals.isValue(valueSide)) {
            throw expression(c, valueSide);
        }
        Object raw = Literals.raw(valueSide, SqlText.of(c));
        if (raw == null) {
            throw new TranslationException(SqlText.of(c) + ": a comparison with NULL is never true in SQL; write "
                    + SqlText.of(columnSide) + (operator == Operator.NE ? " IS NOT NULL" : " IS NULL"));
        }
        return refs.apply(col).compare(operator, Literals.convert(col, raw, SqlText.of(c)));
    }

    private Condition like(org.jooq.Condition c, Field<?> value, Field<String> pattern, @org.jspecify.annotations.Nullable Character escape,
                           Operator op) {
        if (escape != null) {
            throw new TranslationException(SqlText.of(c) + ": LIKE ... ESCAPE cannot be translated; Canopy's like takes the pattern as it is"
                    + " (startsWith, endsWith and contains escape wildcards themselves)");
        }
        Bound col = column(c, value);
        if (!Literals.isValue(pattern)) {
            throw expression(c, pattern);
        }
        Object raw = Literals.raw(pattern, SqlText.of(c));
        if (!(raw instanceof CharSequence)) {
            throw new TranslationException(SqlText.of(c) + ": the pattern of " + op.json().substring(1) + " must be a text literal");
        }
        return refs.apply(col).compare(op, raw.toString());
    }

    private Condition in(org.jooq.Condition c, Field<?> field, List<? extends Field<?>> list, boolean negated) {
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
        return new TranslationException(SqlText.of(c) + ": functions and expressions cannot be translated; compare a column with a value");
    }

    static TranslationException subquery(org.jooq.QueryPart c) {
        return new TranslationException(SqlText.of(c) + ": subqueries cannot be translated; an include tree filters through its"
                + " includes (a required include with a where keeps the parents that have a match)");
    }
}
