package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.error.QueryException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A boolean expression over columns. A closed family of small records, so conditions compare by value, print
 * readably and can be walked by the planner. Build them from columns ({@code ARTIST.name.like("A%")}) and combine
 * them with {@link #and}, {@link #or} and {@link #not}.
 *
 * <p>Rules of the road, as in Sequelize: {@code eq(null)} means {@code IS NULL} and {@code ne(null)} {@code IS NOT NULL};
 * an empty {@code isIn} is simply false and an empty {@code notIn} simply true, never a syntax error.
 *
 * <p>Code that reads conditions walks them with a {@link Visitor}: a new variant adds a method there, so every walker
 * fails to compile until it handles it, instead of failing at run time in an {@code instanceof} chain.
 */
@CheckReturnValue
public sealed interface Condition permits Condition.Compare, Condition.In, Condition.Between, Condition.IsNull,
        Condition.Junction, Condition.Not, Condition.Literal, Condition.ExprCompare {

    Condition TRUE = new Literal(true);
    Condition FALSE = new Literal(false);

    /** One method per variant; {@link #accept} calls the one that fits. */
    interface Visitor<R> {
        R compare(Compare c);
        R in(In c);
        R between(Between c);
        R isNull(IsNull c);
        R junction(Junction c);
        R not(Not c);
        R literal(Literal c);
        R exprCompare(ExprCompare c);
    }

    /** Calls the visitor's method for this variant. */
    <R> R accept(Visitor<R> visitor);

    /** {@code column op value}. */
    record Compare(ColumnRef<?> column, Operator operator, Object value) implements Condition {
        @Override public <R> R accept(Visitor<R> visitor) {
            return visitor.compare(this);
        }

        public Compare {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(operator, "operator is null");
            Objects.requireNonNull(value, "value is null");
        }

        @Override public String toString() {
            return column + " " + operator.json() + " " + Literal.show(value);
        }
    }

    /**
     * {@code expression op value}: Sequelize's {@code where(fn('lower', col('Name')), Op.like, 'a%')}. On an aggregate
     * it filters groups (the query's {@code having}); the value is bound.
     */
    record ExprCompare(Expr<?> expr, Operator operator, Object value) implements Condition {
        @Override public <R> R accept(Visitor<R> visitor) {
            return visitor.exprCompare(this);
        }

        public ExprCompare {
            Objects.requireNonNull(expr, "expression is null");
            Objects.requireNonNull(operator, "operator is null");
            if (value == null) {
                throw new QueryException(expr + " " + operator.json() + " null: compare an expression with a value");
            }
            if (operator.isTextual() && !(value instanceof CharSequence)) {
                throw new QueryException(expr + " " + operator.json() + " needs a text pattern, not " + value);
            }
            if (Expr.typeOf(value) == null) {
                throw new QueryException(expr + " " + operator.json() + ": a value of " + value.getClass().getSimpleName() + " cannot be bound");
            }
        }

        @Override public String toString() {
            return expr + " " + operator.json() + " " + Literal.show(value);
        }
    }

    /** {@code column [NOT] IN (values)}; an empty list is false ({@code IN}) or true ({@code NOT IN}). */
    record In(ColumnRef<?> column, List<Object> values, boolean negated) implements Condition {
        @Override public <R> R accept(Visitor<R> visitor) {
            return visitor.in(this);
        }

        public In {
            Objects.requireNonNull(column, "column is null");
            values = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(values, "values is null")));
        }

        @Override public String toString() {
            return column + (negated ? " $notIn " : " $in ") + values.stream().map(Literal::show).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** {@code column [NOT] BETWEEN low AND high}. */
    record Between(ColumnRef<?> column, Object low, Object high, boolean negated) implements Condition {
        @Override public <R> R accept(Visitor<R> visitor) {
            return visitor.between(this);
        }

        public Between {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(low, "low is null");
            Objects.requireNonNull(high, "high is null");
        }

        @Override public String toString() {
            return column + (negated ? " $notBetween [" : " $between [") + Literal.show(low) + ", " + Literal.show(high) + "]";
        }
    }

    /** {@code column IS [NOT] NULL}. */
    record IsNull(ColumnRef<?> column, boolean negated) implements Condition {
        @Override public <R> R accept(Visitor<R> visitor) {
            return visitor.isNull(this);
        }

        public IsNull {
            Objects.requireNonNull(column, "column is null");
        }

        @Override public String toString() {
            return column + (negated ? " IS NOT NULL" : " IS NULL");
        }
    }

    /** {@code a AND b AND ...} or {@code a OR b OR ...}. */
    record Junction(boolean and, List<Condition> parts) implements Condition {
        @Override public <R> R accept(Visitor<R> visitor) {
            return visitor.junction(this);
        }

        public Junction {
            parts = List.copyOf(Objects.requireNonNull(parts, "parts is null"));
        }

        @Override public String toString() {
            return parts.stream().map(String::valueOf).collect(Collectors.joining(and ? " AND " : " OR ", "(", ")"));
        }
    }

    /** {@code NOT c}. */
    record Not(Condition condition) implements Condition {
        @Override public <R> R accept(Visitor<R> visitor) {
            return visitor.not(this);
        }

        public Not {
            Objects.requireNonNull(condition, "condition is null");
        }

        @Override public String toString() {
            return "NOT " + condition;
        }
    }

    /** Always true or always false. */
    record Literal(boolean value) implements Condition {
        @Override public <R> R accept(Visitor<R> visitor) {
            return visitor.literal(this);
        }

        @Override public String toString() {
            return value ? "TRUE" : "FALSE";
        }

        static String show(@Nullable Object v) {
            return v instanceof CharSequence ? "'" + v + "'" : String.valueOf(v);
        }
    }

    /** Whether an aggregate is compared anywhere in this condition (so it is a {@code having}, not a where). */
    default boolean hasAggregate() {
        return accept(new Visitor<Boolean>() {
            @Override public Boolean compare(Compare c) { return false; }
            @Override public Boolean in(In c) { return false; }
            @Override public Boolean between(Between c) { return false; }
            @Override public Boolean isNull(IsNull c) { return false; }
            @Override public Boolean junction(Junction c) { return c.parts().stream().anyMatch(p -> p.accept(this)); }
            @Override public Boolean not(Not c) { return c.condition().accept(this); }
            @Override public Boolean literal(Literal c) { return false; }
            @Override public Boolean exprCompare(ExprCompare c) { return c.expr().isAggregate(); }
        });
    }

    /** This condition and {@code other}. */
    default Condition and(Condition other) {
        return Condition.and(this, other);
    }

    /** This condition or {@code other}. */
    default Condition or(Condition other) {
        return Condition.or(this, other);
    }

    /** The negation of this condition. */
    default Condition not() {
        return Condition.not(this);
    }

    /** Every condition holds; {@code and()} with no parts is {@link #TRUE}. */
    static Condition and(Condition... parts) {
        return junction(true, java.util.Arrays.asList(parts));
    }

    static Condition and(List<Condition> parts) {
        return junction(true, parts);
    }

    /** At least one condition holds; {@code or()} with no parts is {@link #FALSE}. */
    static Condition or(Condition... parts) {
        return junction(false, java.util.Arrays.asList(parts));
    }

    static Condition or(List<Condition> parts) {
        return junction(false, parts);
    }

    static Condition not(Condition c) {
        Objects.requireNonNull(c, "condition is null");
        if (c instanceof Literal) {
            return ((Literal) c).value() ? FALSE : TRUE;
        }
        if (c instanceof Not) {
            return ((Not) c).condition();
        }
        return new Not(c);
    }

    private static Condition junction(boolean and, List<Condition> parts) {
        List<Condition> flat = new ArrayList<>();
        for (Condition p : parts) {
            if (p == null) {
                throw new QueryException("a condition in " + (and ? "and" : "or") + "(...) is null");
            }
            if (p instanceof Literal) {
                boolean v = ((Literal) p).value();
                if (v == and) {
                    continue;
                }
                return p;
            }
            if (p instanceof Junction && ((Junction) p).and() == and) {
                flat.addAll(((Junction) p).parts());
            } else {
                flat.add(p);
            }
        }
        if (flat.isEmpty()) {
            return and ? TRUE : FALSE;
        }
        return flat.size() == 1 ? flat.get(0) : new Junction(and, flat);
    }

    /** Visits every column reference in this condition. */
    default void forEachColumn(Consumer<ColumnRef<?>> action) {
        accept(new Visitor<Void>() {
            @Override public Void compare(Compare c) { action.accept(c.column()); return null; }
            @Override public Void in(In c) { action.accept(c.column()); return null; }
            @Override public Void between(Between c) { action.accept(c.column()); return null; }
            @Override public Void isNull(IsNull c) { action.accept(c.column()); return null; }
            @Override public Void junction(Junction c) { c.parts().forEach(p -> p.accept(this)); return null; }
            @Override public Void not(Not c) { return c.condition().accept(this); }
            @Override public Void literal(Literal c) { return null; }
            @Override public Void exprCompare(ExprCompare c) {
                c.expr().forEachLeaf(e -> {
                    if (e instanceof Expr.Col) {
                        action.accept(((Expr.Col<?>) e).ref());
                    }
                });
                return null;
            }
        });
    }
}
