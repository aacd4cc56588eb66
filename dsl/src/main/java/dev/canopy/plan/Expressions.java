package dev.canopy.plan;

import dev.canopy.error.QueryException;
import dev.canopy.model.DataType;
import dev.canopy.query.ColumnRef;
import dev.canopy.query.Expr;
import dev.canopy.query.SqlFunction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * Turns Canopy expressions into jOOQ fields: columns through the statement's aliases, values as bind parameters typed
 * by their Java type, and each whitelisted function as the jOOQ function that renders it for the dialect
 * ({@code YEAR} is {@code extract(year from x)} on PostgreSQL, {@code strftime} on SQLite). A name without a path is
 * a computed attribute of the query, looked up by alias.
 *
 * <p>A value's parameter is recorded with its slot ({@link Shape}: values inside expressions come after the query's
 * other values, one slot per distinct value), so a query that differs only in such values shares the plan and SQL.
 * ROUND's number of places is rendered inline: it is part of the shape.
 */
final class Expressions {
    private final Function<ColumnRef<?>, Field<Object>> columns;
    private final Function<String, @Nullable Field<?>> computed;
    private final Function<String, DataType<?>> computedType;
    private final Function<Expr<?>, @Nullable Field<?>> precomputed;
    private final Spec.@Nullable Slots slots;

    /**
     * @param precomputed the field of an expression computed elsewhere (a root's aggregate, in the aggregate table), or
     *                    null to render it here
     * @param slots       where each value's bind parameter is recorded with its slot ({@link Shape}), or null
     */
    Expressions(Function<ColumnRef<?>, Field<Object>> columns, Function<String, @Nullable Field<?>> computed,
                Function<String, DataType<?>> computedType, Function<Expr<?>, @Nullable Field<?>> precomputed, Spec.@Nullable Slots slots) {
        this.columns = columns;
        this.computed = computed;
        this.computedType = computedType;
        this.precomputed = precomputed;
        this.slots = slots;
    }

    /** Expressions over columns only (an include's where): a name is never a computed attribute there. */
    static Expressions columnsOnly(Function<ColumnRef<?>, Field<Object>> columns, Spec.@Nullable Slots slots) {
        return new Expressions(columns, name -> null, name -> DataType.TEXT, e -> null, slots);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Field<?> field(Expr<?> e) {
        Field<?> pre = precomputed.apply(e);
        if (pre != null) {
            return pre;
        }
        if (e instanceof Expr.Col) {
            return columns.apply(((Expr.Col<?>) e).ref());
        }
        if (e instanceof Expr.Named) {
            Expr.Named n = (Expr.Named) e;
            Field<?> f = n.path().isEmpty() ? computed.apply(n.name()) : null;
            if (f == null) {
                throw new QueryException("'" + n + "' names no computed attribute of this query, and was not resolved as a column; "
                        + "bind the query to its schema, or fix the name");
            }
            return f;
        }
        if (e instanceof Expr.Value) {
            Object v = ((Expr.Value<?>) e).value();
            Param<?> p = DSL.val(v, (org.jooq.DataType) JooqTypes.of(e.type()));
            // Equal values of a query share one slot (Shape), as the plan shares one field for equal expressions.
            Integer slot = slots == null ? null : slots.at().values().get(e);
            if (slot != null) {
                slots.binds().add(p, new BindSource.Value(slot, p.getDataType()));
            }
            return p;
        }
        if (e instanceof Expr.Cast) {
            Expr.Cast<?> c = (Expr.Cast<?>) e;
            return DSL.cast(field(c.expr()), JooqTypes.of(c.to()));
        }
        Expr.Call<?> call = (Expr.Call<?>) e;
        List<Field<?>> args = new ArrayList<>();
        for (Expr<?> a : call.args()) {
            args.add(field(a));
        }
        Field a0 = args.isEmpty() ? null : args.get(0);
        switch (call.function()) {
            case COUNT:
                return a0 == null ? DSL.count() : call.distinct() ? DSL.countDistinct(a0) : DSL.count(a0);
            case SUM: return call.distinct() ? DSL.sumDistinct(a0) : DSL.sum(a0);
            case AVG: return DSL.avg(a0);
            case MIN: return DSL.min(a0);
            case MAX: return DSL.max(a0);
            case LOWER: return DSL.lower(a0);
            case UPPER: return DSL.upper(a0);
            case LENGTH: return DSL.charLength(a0);
            case TRIM: return DSL.trim(a0);
            case ABS: return DSL.abs(a0);
            // the number of places is inline and part of the query's shape (Shape), like a function's name
            case ROUND: return args.size() == 1 ? DSL.round(a0) : DSL.round(a0, DSL.inline(places(call)));
            case COALESCE: {
                // jOOQ's COALESCE (a keyword, never quoted: as a quoted name it would be a user function, which H2
                // does not have and PostgreSQL matches by exact argument types)
                return coalesce(a0, args.subList(1, args.size()).toArray(new Field<?>[0]));
            }
            case YEAR: return DSL.year(a0);
            case MONTH: return DSL.month(a0);
            case DAY: return DSL.day(a0);
            default: throw new IllegalStateException("unhandled function " + call.function());
        }
    }

    /** {@code COALESCE(first, rest...)}: typed on its own, so the call picks jOOQ's overload for fields. */
    private static <T> Field<T> coalesce(Field<T> first, Field<?>[] rest) {
        return DSL.coalesce(first, rest);
    }

    private static int places(Expr.Call<?> call) {
        Expr<?> p = call.args().get(1);
        if (!(p instanceof Expr.Value) || !(((Expr.Value<?>) p).value() instanceof Integer)) {
            throw new QueryException("ROUND's second argument is a whole number of decimal places, not " + p);
        }
        return (Integer) ((Expr.Value<?>) p).value();
    }

    /** The type a value of the expression is read as. */
    DataType<?> type(Expr<?> e) {
        if (e instanceof Expr.Named) {
            return computedType.apply(((Expr.Named) e).name());
        }
        if (e instanceof Expr.Call) {
            Expr.Call<?> call = (Expr.Call<?>) e;
            SqlFunction f = call.function();
            if (call.args().isEmpty()) {
                return DataType.BIGINT;
            }
            DataType<?> arg = type(call.args().get(0));
            switch (f) {
                case COUNT: return DataType.BIGINT;
                case LENGTH: case YEAR: case MONTH: case DAY: return DataType.INTEGER;
                case AVG: return Expr.AVG_TYPE;
                case SUM:
                    return arg.kind() == DataType.Kind.INTEGER || arg.kind() == DataType.Kind.BIGINT ? DataType.BIGINT
                            : arg.kind() == DataType.Kind.DECIMAL ? DataType.decimal(38, arg.scale()) : arg;
                case ROUND:
                    return arg.kind() == DataType.Kind.DECIMAL ? arg : DataType.decimal(38, 10);
                default: return arg;
            }
        }
        DataType<?> t = e.type();
        return t == null ? DataType.TEXT : t;
    }

    /** A value compared with an expression, bound with the expression's type where it fits. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Param<Object> bind(Object value, Field<?> against) {
        if (value instanceof Number && !(value instanceof BigDecimal) && against.getType() == BigDecimal.class) {
            return (Param) DSL.val(new BigDecimal(value.toString()));
        }
        return (Param) DSL.val(value, (org.jooq.DataType) JooqTypes.of(Expr.typeOf(value)));
    }
}
