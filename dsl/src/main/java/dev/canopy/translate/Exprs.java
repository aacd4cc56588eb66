package dev.canopy.translate;

import dev.canopy.error.QueryException;
import dev.canopy.model.DataType;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Expr;
import dev.canopy.query.SqlFunction;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jooq.AggregateFunction;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.QOM;

/**
 * Translates the expressions of the SQL (functions, aggregates, casts, columns and values inside them) into
 * {@link Expr}s: {@code COUNT(*)}, {@code COUNT([DISTINCT] x)}, {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX},
 * {@code LOWER}, {@code UPPER}, {@code LENGTH}, {@code TRIM}, {@code ABS}, {@code ROUND}, {@code COALESCE} (and
 * {@code IFNULL}/{@code NVL}), {@code YEAR}/{@code MONTH}/{@code DAY} (and {@code EXTRACT} of them) and
 * {@code CAST}: the functions of {@link SqlFunction}, which the DSL can call on every database. Anything else
 * (window functions, {@code FILTER}, other functions, arithmetic, an aggregate inside an aggregate) is a
 * {@link TranslationException} naming it. Each column becomes the {@link ColumnRef} that {@code refs} gives for its
 * table, as in {@link Predicates}.
 */
final class Exprs {
    private final Scope scope;
    private final Function<Bound, ColumnRef<Object>> refs;

    Exprs(Scope scope, Function<Bound, ColumnRef<Object>> refs) {
        this.scope = scope;
        this.refs = refs;
    }

    /** Whether {@code f} is an expression this class reads rather than a column or a value: a function call of any kind. */
    static boolean isCall(Field<?> f) {
        return !Scope.isColumn(f) && !Literals.isValue(f) && !(f instanceof QOM.ScalarSubquery) && !(f instanceof QOM.FieldAlias);
    }

    /** The expression {@code f}; {@code context} is the part of the SQL it stands in, for messages. */
    Expr<?> translate(Field<?> f, String context) {
        if (Scope.isColumn(f)) {
            return new Expr.Col<>(refs.apply(scope.bind(f)));
        }
        if (Literals.isValue(f)) {
            Object raw = Literals.raw(f, context);
            if (raw == null) {
                throw new TranslationException(context + ": NULL inside an expression cannot be translated; the DSL binds values only");
            }
            return value(raw, context);
        }
        if (f instanceof QOM.ScalarSubquery) {
            throw Predicates.subquery(f);
        }
        if (f instanceof QOM.WindowFunction && (((QOM.WindowFunction<?>) f).$windowSpecification() != null
                || ((QOM.WindowFunction<?>) f).$windowDefinition() != null)) {
            throw new TranslationException(SqlText.of(f) + ": window functions (OVER ...) cannot be translated; an aggregate is per root"
                    + " or per group (GROUP BY)");
        }
        if (f instanceof AggregateFunction) {
            return aggregate((AggregateFunction<?>) f, context);
        }
        if (f instanceof QOM.Lower) {
            return call(SqlFunction.LOWER, f, false, ((QOM.Lower) f).$arg1());
        }
        if (f instanceof QOM.Upper) {
            return call(SqlFunction.UPPER, f, false, ((QOM.Upper) f).$arg1());
        }
        if (f instanceof QOM.CharLength) {
            return call(SqlFunction.LENGTH, f, false, ((QOM.CharLength) f).$arg1());
        }
        if (f instanceof QOM.Trim) {
            if (((QOM.Trim) f).$arg2() != null) {
                throw new TranslationException(SqlText.of(f) + ": TRIM of given characters cannot be translated; the DSL's TRIM removes spaces");
            }
            return call(SqlFunction.TRIM, f, false, ((QOM.Trim) f).$arg1());
        }
        if (f instanceof QOM.Abs) {
            return call(SqlFunction.ABS, f, false, ((QOM.Abs<?>) f).$arg1());
        }
        if (f instanceof QOM.Round) {
            QOM.Round<?> r = (QOM.Round<?>) f;
            return r.$arg2() == null ? call(SqlFunction.ROUND, f, false, r.$arg1()) : call(SqlFunction.ROUND, f, false, r.$arg1(), r.$arg2());
        }
        if (f instanceof QOM.Coalesce) {
            return call(SqlFunction.COALESCE, f, false, ((QOM.Coalesce<?>) f).$arg1().toArray(Field<?>[]::new));
        }
        if (f instanceof QOM.Nvl) {
            return call(SqlFunction.COALESCE, f, false, ((QOM.Nvl<?>) f).$arg1(), ((QOM.Nvl<?>) f).$arg2());
        }
        if (f instanceof QOM.Extract) {
            DatePart part = ((QOM.Extract) f).$datePart();
            SqlFunction fn = part == DatePart.YEAR ? SqlFunction.YEAR : part == DatePart.MONTH ? SqlFunction.MONTH
                    : part == DatePart.DAY ? SqlFunction.DAY : null;
            if (fn == null) {
                throw new TranslationException(SqlText.of(f) + ": only the YEAR, MONTH and DAY of a date can be translated");
            }
            return call(fn, f, false, ((QOM.Extract) f).$field());
        }
        if (f instanceof QOM.Cast) {
            DataType<?> to = DataType.named(f.getDataType().getTypeName().toLowerCase(Locale.ROOT), null, null);
            if (to == null) {
                throw new TranslationException(SqlText.of(f) + ": a cast to " + f.getDataType().getTypeName() + " cannot be translated; the DSL casts to "
                        + DataType.knownNames());
            }
            return new Expr.Cast<>(translate(((QOM.Cast<?>) f).$field(), context), to);
        }
        if (f instanceof QOM.Function) {
            String name = f.getQualifiedName().last();
            SqlFunction fn;
            try {
                fn = SqlFunction.named(name);
            } catch (QueryException e) {
                throw unknown(f);
            }
            return call(fn, f, false, ((QOM.Function<?>) f).$args().toArray(Field<?>[]::new));
        }
        throw unknown(f);
    }

    private Expr<?> aggregate(AggregateFunction<?> f, String context) {
        if (f.$filterWhere() != null) {
            throw new TranslationException(SqlText.of(f) + ": an aggregate with FILTER (WHERE ...) cannot be translated; filter the rows in WHERE");
        }
        if (f instanceof QOM.Count) {
            QOM.Count c = (QOM.Count) f;
            Field<?> arg = c.$field();
            boolean star = arg instanceof org.jooq.Asterisk || "*".equals(SqlText.of(arg).strip()) || Literals.isValue(arg);
            if (star) {
                if (c.$distinct()) {
                    throw new TranslationException(SqlText.of(f) + ": COUNT(DISTINCT) of a constant cannot be translated; count a column");
                }
                return Expr.count();
            }
            return call(SqlFunction.COUNT, f, c.$distinct(), arg);
        }
        if (f instanceof QOM.Sum) {
            return call(SqlFunction.SUM, f, ((QOM.Sum) f).$distinct(), ((QOM.Sum) f).$field());
        }
        if (f instanceof QOM.Avg) {
            return distinctless(SqlFunction.AVG, f, ((QOM.Avg) f).$distinct(), ((QOM.Avg) f).$field());
        }
        if (f instanceof QOM.Min) {
            return distinctless(SqlFunction.MIN, f, ((QOM.Min<?>) f).$distinct(), ((QOM.Min<?>) f).$field());
        }
        if (f instanceof QOM.Max) {
            return distinctless(SqlFunction.MAX, f, ((QOM.Max<?>) f).$distinct(), ((QOM.Max<?>) f).$field());
        }
        throw new TranslationException(SqlText.of(f) + ": this aggregate function cannot be translated; the DSL aggregates with COUNT,"
                + " SUM, AVG, MIN and MAX");
    }

    /** MIN and MAX of distinct values are those of all values; AVG(DISTINCT) the DSL cannot say. */
    private Expr<?> distinctless(SqlFunction fn, Field<?> f, boolean distinct, Field<?> arg) {
        if (distinct && fn == SqlFunction.AVG) {
            throw new TranslationException(SqlText.of(f) + ": AVG(DISTINCT ...) cannot be translated; the DSL's DISTINCT is for COUNT and SUM");
        }
        return call(fn, f, false, arg);
    }

    private Expr<?> call(SqlFunction fn, Field<?> whole, boolean distinct, Field<?>... args) {
        List<Expr<?>> exprs = new ArrayList<>();
        for (Field<?> a : args) {
            Expr<?> e = translate(a, SqlText.of(whole));
            if (fn.isAggregate() && e.isAggregate()) {
                throw new TranslationException(SqlText.of(whole) + ": an aggregate inside an aggregate cannot be translated (SQL refuses it too)");
            }
            exprs.add(e);
        }
        try {
            return new Expr.Call<>(fn, exprs, distinct);
        } catch (QueryException e) {
            throw new TranslationException(SqlText.of(whole) + ": " + e.getMessage(), e);
        }
    }

    private static TranslationException unknown(Field<?> f) {
        return new TranslationException(SqlText.of(f) + ": this function or expression cannot be translated; the DSL calls "
                + SqlFunction.known() + ", CAST, and EXTRACT of YEAR, MONTH or DAY, on columns and values");
    }

    /** A value inside an expression, as a spec reads it back: whole numbers as Integer (or Long), others as they are. */
    static Expr<?> value(Object raw, String context) {
        Object v = normalize(raw);
        if (Expr.typeOf(v) == null) {
            throw new TranslationException(context + ": " + Literals.show(raw) + " cannot be a value of an expression");
        }
        return Expr.value(v);
    }

    static Object normalize(Object raw) {
        if (raw instanceof BigInteger || raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
            BigInteger i = new BigInteger(raw.toString());
            return i.bitLength() < 32 ? (Object) i.intValue() : i.bitLength() < 64 ? (Object) i.longValue() : new BigDecimal(i);
        }
        if (raw instanceof Double || raw instanceof Float) {
            return new BigDecimal(raw.toString());
        }
        if (raw instanceof java.sql.Date) {
            return ((java.sql.Date) raw).toLocalDate();
        }
        if (raw instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) raw).toLocalDateTime();
        }
        return raw;
    }

    /** {@code raw} as a value of {@code e}'s type (when it is known), to compare {@code e} with. */
    static Object valueFor(Expr<?> e, Object raw, String context) {
        DataType<?> type = e.type();
        if (type == null) {
            return normalize(raw);
        }
        Object v = Literals.convert(type, raw);
        if (v == null) {
            throw new TranslationException(context + ": " + e + " is " + type + "; " + Literals.show(raw) + " is not a value of that type");
        }
        return v;
    }
}
