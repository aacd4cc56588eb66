package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.QueryException;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What can be compared: a {@link Column} of the node it is used in, or a {@link ColumnRef} through a path.
 * The operators check the value's type when the condition is built, so a wrong value fails here and not as a
 * database error.
 *
 * @param <T> the column's Java type
 */
@CheckReturnValue
public interface Operand<T> {

    /** This operand as a column reference. */
    ColumnRef<T> ref();

    /** {@code = value}; {@code eq(null)} is {@code IS NULL}. */
    default Condition eq(@Nullable T value) {
        return value == null ? isNull() : compare(Operator.EQ, value);
    }

    /** {@code <> value}; {@code ne(null)} is {@code IS NOT NULL}. */
    default Condition ne(@Nullable T value) {
        return value == null ? isNotNull() : compare(Operator.NE, value);
    }

    default Condition gt(T value) { return compare(Operator.GT, value); }
    default Condition ge(T value) { return compare(Operator.GE, value); }
    default Condition lt(T value) { return compare(Operator.LT, value); }
    default Condition le(T value) { return compare(Operator.LE, value); }

    /** SQL {@code LIKE}: {@code %} and {@code _} are wildcards. */
    default Condition like(String pattern) { return compare(Operator.LIKE, pattern); }
    default Condition notLike(String pattern) { return compare(Operator.NOT_LIKE, pattern); }
    /** Case-insensitive {@code LIKE} on every dialect ({@code ILIKE} where native, {@code lower() LIKE lower()} elsewhere). */
    default Condition iLike(String pattern) { return compare(Operator.ILIKE, pattern); }
    default Condition notILike(String pattern) { return compare(Operator.NOT_ILIKE, pattern); }
    /** Starts with {@code prefix}, taken literally: wildcards in it are escaped. */
    default Condition startsWith(String prefix) { return compare(Operator.STARTS_WITH, prefix); }
    /** Ends with {@code suffix}, taken literally. */
    default Condition endsWith(String suffix) { return compare(Operator.ENDS_WITH, suffix); }
    /** Contains {@code part}, taken literally (Sequelize's {@code $substring}). */
    default Condition contains(String part) { return compare(Operator.CONTAINS, part); }

    /** {@code IN (values)}; an empty collection is simply false. */
    default Condition isIn(Collection<? extends T> values) {
        return new Condition.In(ref(), checkedList(values), false);
    }

    @SuppressWarnings("unchecked")
    default Condition isIn(T... values) {
        return isIn(Arrays.asList(values));
    }

    /** {@code NOT IN (values)}; an empty collection is simply true. */
    default Condition notIn(Collection<? extends T> values) {
        return new Condition.In(ref(), checkedList(values), true);
    }

    @SuppressWarnings("unchecked")
    default Condition notIn(T... values) {
        return notIn(Arrays.asList(values));
    }

    default Condition between(T low, T high) {
        return new Condition.Between(ref(), check(low), check(high), false);
    }

    default Condition notBetween(T low, T high) {
        return new Condition.Between(ref(), check(low), check(high), true);
    }

    default Condition isNull() { return new Condition.IsNull(ref(), false); }
    default Condition isNotNull() { return new Condition.IsNull(ref(), true); }

    default Order asc() { return new Order(ref(), Order.Direction.ASC, Order.Nulls.DEFAULT); }
    default Order desc() { return new Order(ref(), Order.Direction.DESC, Order.Nulls.DEFAULT); }

    /** A comparison with an operator chosen at run time (the JSON spec uses this); checks the value's type. */
    default Condition compare(Operator operator, Object value) {
        Objects.requireNonNull(operator, "operator is null");
        if (value == null) {
            throw new QueryException(ref() + " " + operator.json() + " null: only $eq and $ne take null (meaning IS NULL / IS NOT NULL)");
        }
        if (operator.isTextual()) {
            if (!(value instanceof CharSequence)) {
                throw new QueryException(ref() + " " + operator.json() + " needs a text pattern, not " + value + " ("
                        + value.getClass().getSimpleName() + ")");
            }
            return new Condition.Compare(ref(), operator, value.toString());
        }
        return new Condition.Compare(ref(), operator, check(value));
    }

    private java.util.List<Object> checkedList(Collection<? extends T> values) {
        Objects.requireNonNull(values, "values is null");
        java.util.List<Object> checked = new java.util.ArrayList<>(values.size());
        for (Object v : values) {
            if (v == null) {
                throw new QueryException(ref() + " $in/$notIn: a list value is null; use isNull() for NULL");
            }
            checked.add(check(v));
        }
        return checked;
    }

    private Object check(Object value) {
        Objects.requireNonNull(value, () -> ref() + ": value is null");
        DataType<?> type = ref().column().type();
        if (!type.accepts(value)) {
            throw new QueryException(ref().column() + " is " + type + "; the value " + value + " ("
                    + value.getClass().getSimpleName() + ") cannot be compared with it");
        }
        return value instanceof Enum ? ((Enum<?>) value).name() : value;
    }
}
