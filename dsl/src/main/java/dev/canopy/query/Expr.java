package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.QueryException;
import dev.canopy.model.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A typed SQL expression: a column (through a path of aliases), a value (always a bind parameter), a call of a
 * whitelisted function, or a cast. Sequelize's {@code fn}, {@code col}, {@code cast} and the value side of
 * {@code where(fn(...), op, value)}, as immutable values that compare by value:
 * <pre>{@code
 * import static dev.canopy.query.Expr.*;
 *
 * Query q = Query.from(ARTIST)
 *         .attributes(ARTIST.artistId, ARTIST.name, count(TRACK.trackId.at("albums", "tracks")).alias("trackCount"))
 *         .include("albums")
 *         .order(col("trackCount").desc())
 *         .limit(10);
 * }</pre>
 * Expressions go into attributes (with an alias: {@link #alias}), where ({@link #gt} and the other comparisons give a
 * {@link Condition}), order ({@link #asc}, {@link #desc}), {@code group} and {@code having}. Function names are
 * checked against {@link SqlFunction} when the expression is built; jOOQ renders each for the dialect.
 *
 * @param <T> the Java type of the expression's value
 */
@CheckReturnValue
public sealed interface Expr<T> permits Expr.Col, Expr.Named, Expr.Value, Expr.Call, Expr.Cast {

    /** A column, through a path: {@code TRACK.milliseconds.at("tracks")}. */
    record Col<T>(ColumnRef<T> ref) implements Expr<T> {
        public Col {
            Objects.requireNonNull(ref, "column is null");
        }

        @Override public @Nullable DataType<?> type() {
            return ref.column().type();
        }

        @Override public String toString() {
            return ref.toString();
        }
    }

    /**
     * A column named by its path as text ({@code "albums.tracks.TrackId"}, resolved when the query is bound), or a
     * computed attribute of the query named by its alias ({@code "trackCount"}, resolved when it is planned).
     */
    record Named(List<String> path, String name) implements Expr<Object> {
        public Named {
            path = List.copyOf(Objects.requireNonNull(path, "path is null"));
            Objects.requireNonNull(name, "name is null");
            if (name.isBlank()) {
                throw new QueryException("a column name is empty");
            }
        }

        @Override public @Nullable DataType<?> type() {
            return null;
        }

        @Override public String toString() {
            return path.isEmpty() ? name : String.join(".", path) + "." + name;
        }
    }

    /** A value, bound as a parameter. */
    record Value<T>(Object value) implements Expr<T> {
        public Value {
            Objects.requireNonNull(value, "value is null; compare with isNull() instead");
            if (typeOf(value) == null) {
                throw new QueryException("a value of " + value.getClass().getSimpleName() + " (" + value + ") cannot be an expression; "
                        + "use a number, text, boolean, date or timestamp");
            }
        }

        @Override public @Nullable DataType<?> type() {
            return typeOf(value);
        }

        @Override public String toString() {
            return Condition.Literal.show(value);
        }
    }

    /** A call of a whitelisted function; {@code distinct} only for {@code COUNT} and {@code SUM}. */
    record Call<T>(SqlFunction function, List<Expr<?>> args, boolean distinct) implements Expr<T> {
        public Call {
            Objects.requireNonNull(function, "function is null");
            args = List.copyOf(Objects.requireNonNull(args, "args is null"));
            function.checkArity(args.size());
            if (distinct && function != SqlFunction.COUNT && function != SqlFunction.SUM) {
                throw new QueryException("DISTINCT is for COUNT and SUM, not " + function);
            }
            if (function.isAggregate()) {
                for (Expr<?> a : args) {
                    if (a.isAggregate()) {
                        throw new QueryException(function + "(" + a + "): an aggregate cannot contain another aggregate");
                    }
                }
            }
        }

        @Override public @Nullable DataType<?> type() {
            DataType<?> arg = args.isEmpty() ? null : args.get(0).type();
            switch (function) {
                case COUNT: return DataType.BIGINT;
                case LENGTH: case YEAR: case MONTH: case DAY: return DataType.INTEGER;
                case AVG: return AVG_TYPE;
                case SUM:
                    if (arg == null) {
                        return null;
                    }
                    return arg.kind() == DataType.Kind.INTEGER || arg.kind() == DataType.Kind.BIGINT ? DataType.BIGINT
                            : arg.kind() == DataType.Kind.DECIMAL ? DataType.decimal(38, arg.scale()) : arg;
                case COALESCE:
                    for (Expr<?> a : args) {
                        if (a.type() != null) {
                            return a.type();
                        }
                    }
                    return null;
                default: return arg;
            }
        }

        @Override public String toString() {
            return function + "(" + (distinct ? "DISTINCT " : "") + (function == SqlFunction.COUNT && args.isEmpty() ? "*"
                    : args.stream().map(String::valueOf).collect(Collectors.joining(", "))) + ")";
        }
    }

    /** {@code CAST(expr AS type)}. */
    record Cast<T>(Expr<?> expr, DataType<T> to) implements Expr<T> {
        public Cast {
            Objects.requireNonNull(expr, "expression is null");
            Objects.requireNonNull(to, "type is null");
        }

        @Override public DataType<?> type() {
            return to;
        }

        @Override public String toString() {
            return "CAST(" + expr + " AS " + to + ")";
        }
    }

    /** How averages are read on every database: 38 digits, 6 after the point (rounded half up). */
    DataType<BigDecimal> AVG_TYPE = DataType.decimal(38, 6);

    /** The type of the value, when known before the query is planned (not for {@link Named}). */
    @Nullable DataType<?> type();

    // ---- factories ------------------------------------------------------------------------------------------------

    /** A column (of the node it is used in, or through a path: {@code TRACK.name.at("tracks")}). */
    static <T> Expr<T> col(Operand<T> column) {
        return new Col<>(Objects.requireNonNull(column, "column is null").ref());
    }

    /**
     * A column by its path as text, Sequelize's {@code col('albums.tracks.TrackId')}: the last part is the attribute,
     * the parts before it the aliases from the root; a name without a path may also be a computed attribute's alias.
     */
    static Expr<Object> col(String path) {
        Objects.requireNonNull(path, "path is null");
        List<String> parts = new ArrayList<>(Arrays.asList(path.split("\\.", -1)));
        for (String p : parts) {
            if (p.isBlank()) {
                throw new QueryException("'" + path + "' has an empty part; write alias.alias.Attribute");
            }
        }
        String name = parts.remove(parts.size() - 1);
        return new Named(parts, name);
    }

    /** A value, bound as a parameter: Sequelize's plain value (never {@code literal}: no SQL text is ever spliced). */
    static <T> Expr<T> value(T value) {
        return new Value<>(value);
    }

    /**
     * A call of a function by name (Sequelize's {@code fn('COUNT', col('x'))}); the name must be one of
     * {@link SqlFunction}'s. Arguments are expressions, columns, or values (bound).
     */
    static Expr<Object> fn(String name, Object... args) {
        SqlFunction f = SqlFunction.named(name);
        List<Expr<?>> exprs = new ArrayList<>();
        for (Object a : args) {
            exprs.add(of(a));
        }
        return new Call<>(f, exprs, false);
    }

    /** An expression, a column as an expression, or a value as a bound expression. */
    static Expr<?> of(Object any) {
        if (any instanceof Expr) {
            return (Expr<?>) any;
        }
        if (any instanceof Operand) {
            return new Col<>(((Operand<?>) any).ref());
        }
        if (any == null) {
            throw new QueryException("a function argument is null");
        }
        return new Value<>(any);
    }

    /** {@code COUNT(*)}. */
    static Expr<Long> count() {
        return new Call<>(SqlFunction.COUNT, List.of(), false);
    }

    /** {@code COUNT(x)}: the rows where x is not null. */
    static Expr<Long> count(Operand<?> x) {
        return count(col(x));
    }

    static Expr<Long> count(Expr<?> x) {
        return new Call<>(SqlFunction.COUNT, List.of(x), false);
    }

    /** {@code COUNT(DISTINCT x)}. */
    static Expr<Long> countDistinct(Operand<?> x) {
        return countDistinct(col(x));
    }

    static Expr<Long> countDistinct(Expr<?> x) {
        return new Call<>(SqlFunction.COUNT, List.of(x), true);
    }

    /** {@code SUM(x)}: a {@code Long} over whole numbers, a {@code BigDecimal} over decimals; null over no rows. */
    static Expr<Number> sum(Operand<? extends Number> x) {
        return sum(col(x));
    }

    static Expr<Number> sum(Expr<? extends Number> x) {
        return new Call<>(SqlFunction.SUM, List.of(x), false);
    }

    /** {@code AVG(x)}, read as a {@code BigDecimal} with 6 decimals on every database. */
    static Expr<BigDecimal> avg(Operand<? extends Number> x) {
        return avg(col(x));
    }

    static Expr<BigDecimal> avg(Expr<? extends Number> x) {
        return new Call<>(SqlFunction.AVG, List.of(x), false);
    }

    static <T> Expr<T> min(Operand<T> x) {
        return min(col(x));
    }

    static <T> Expr<T> min(Expr<T> x) {
        return new Call<>(SqlFunction.MIN, List.of(x), false);
    }

    static <T> Expr<T> max(Operand<T> x) {
        return max(col(x));
    }

    static <T> Expr<T> max(Expr<T> x) {
        return new Call<>(SqlFunction.MAX, List.of(x), false);
    }

    static Expr<String> lower(Operand<String> x) {
        return lower(col(x));
    }

    static Expr<String> lower(Expr<String> x) {
        return new Call<>(SqlFunction.LOWER, List.of(x), false);
    }

    static Expr<String> upper(Operand<String> x) {
        return upper(col(x));
    }

    static Expr<String> upper(Expr<String> x) {
        return new Call<>(SqlFunction.UPPER, List.of(x), false);
    }

    /** The first argument that is not null: expressions, columns, or values (bound). */
    @SafeVarargs
    static <T> Expr<T> coalesce(Expr<T> first, Expr<? extends T>... rest) {
        List<Expr<?>> args = new ArrayList<>();
        args.add(first);
        args.addAll(Arrays.asList(rest));
        return new Call<>(SqlFunction.COALESCE, args, false);
    }

    /** {@code COALESCE(column, value)}: the column, or the value where it is null. */
    static <T> Expr<T> coalesce(Operand<T> column, T otherwise) {
        return new Call<>(SqlFunction.COALESCE, List.of(col(column), value(otherwise)), false);
    }

    /** {@code CAST(x AS type)}, rendered by jOOQ for the dialect. */
    static <T> Expr<T> cast(Object x, DataType<T> type) {
        return new Cast<>(of(x), type);
    }

    /** The year of a date or timestamp. */
    static Expr<Integer> year(Object dateOrTimestamp) {
        return new Call<>(SqlFunction.YEAR, List.of(of(dateOrTimestamp)), false);
    }

    static Expr<Integer> month(Object dateOrTimestamp) {
        return new Call<>(SqlFunction.MONTH, List.of(of(dateOrTimestamp)), false);
    }

    static Expr<Integer> day(Object dateOrTimestamp) {
        return new Call<>(SqlFunction.DAY, List.of(of(dateOrTimestamp)), false);
    }

    // ---- use ------------------------------------------------------------------------------------------------------

    /** This expression as a computed attribute named {@code name}: Sequelize's {@code [fn(...), 'name']}. */
    default Computed<T> alias(String name) {
        return new Computed<>(name, this);
    }

    default Condition eq(T value) { return compare(Operator.EQ, value); }
    default Condition ne(T value) { return compare(Operator.NE, value); }
    default Condition gt(T value) { return compare(Operator.GT, value); }
    default Condition ge(T value) { return compare(Operator.GE, value); }
    default Condition lt(T value) { return compare(Operator.LT, value); }
    default Condition le(T value) { return compare(Operator.LE, value); }
    default Condition like(String pattern) { return compare(Operator.LIKE, pattern); }

    /** Sequelize's {@code where(fn(...), op, value)}; the value is bound. */
    default Condition compare(Operator operator, Object value) {
        return new Condition.ExprCompare(this, operator, value);
    }

    default Order asc() { return Order.by(this, Order.Direction.ASC); }
    default Order desc() { return Order.by(this, Order.Direction.DESC); }

    /** Whether an aggregate function is called anywhere in this expression. */
    default boolean isAggregate() {
        if (this instanceof Call && ((Call<?>) this).function().isAggregate()) {
            return true;
        }
        boolean[] found = {false};
        children(c -> found[0] |= c.isAggregate());
        return found[0];
    }

    /** The direct sub-expressions. */
    default void children(Consumer<Expr<?>> action) {
        if (this instanceof Call) {
            ((Call<?>) this).args().forEach(action);
        } else if (this instanceof Cast) {
            action.accept(((Cast<?>) this).expr());
        }
    }

    /** Every column and named reference in this expression, depth first. */
    default void forEachLeaf(Consumer<Expr<?>> action) {
        if (this instanceof Col || this instanceof Named) {
            action.accept(this);
        }
        children(c -> c.forEachLeaf(action));
    }

    /** The type Canopy infers for a value, or null for a value it cannot bind. */
    static @Nullable DataType<?> typeOf(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return DataType.INTEGER;
        }
        if (value instanceof Long) {
            return DataType.BIGINT;
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
            return DataType.decimal(38, 10);
        }
        if (value instanceof CharSequence) {
            return DataType.TEXT;
        }
        if (value instanceof Boolean) {
            return DataType.BOOLEAN;
        }
        if (value instanceof LocalDate) {
            return DataType.DATE;
        }
        if (value instanceof LocalDateTime) {
            return DataType.TIMESTAMP;
        }
        return null;
    }
}
