package dev.canopy.query;

import dev.canopy.error.QueryException;
import io.vavr.collection.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A boolean expression over columns. A closed family of small records, so conditions compare by value, print
 * readably and can be walked by the planner. Build them from columns ({@code ARTIST.name.like("A%")}) and combine
 * them with {@link #and}, {@link #or} and {@link #not}.
 *
 * <p>Rules of the road, as in Sequelize: {@code eq(null)} means {@code IS NULL} and {@code ne(null)} {@code IS NOT NULL};
 * an empty {@code isIn} is simply false and an empty {@code notIn} simply true, never a syntax error.
 */
public sealed interface Condition permits Condition.Compare, Condition.In, Condition.Between, Condition.IsNull,
        Condition.Junction, Condition.Not, Condition.Literal {

    Condition TRUE = new Literal(true);
    Condition FALSE = new Literal(false);

    /** {@code column op value}. */
    record Compare(ColumnRef<?> column, Operator operator, Object value) implements Condition {
        public Compare {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(operator, "operator is null");
            Objects.requireNonNull(value, "value is null");
        }

        @Override public String toString() {
            return column + " " + operator.json() + " " + Literal.show(value);
        }
    }

    /** {@code column [NOT] IN (values)}; an empty list is false ({@code IN}) or true ({@code NOT IN}). */
    record In(ColumnRef<?> column, List<Object> values, boolean negated) implements Condition {
        public In {
            Objects.requireNonNull(column, "column is null");
            Objects.requireNonNull(values, "values is null");
        }

        @Override public String toString() {
            return column + (negated ? " $notIn " : " $in ") + values.map(Literal::show).mkString("[", ", ", "]");
        }
    }

    /** {@code column [NOT] BETWEEN low AND high}. */
    record Between(ColumnRef<?> column, Object low, Object high, boolean negated) implements Condition {
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
        public IsNull {
            Objects.requireNonNull(column, "column is null");
        }

        @Override public String toString() {
            return column + (negated ? " IS NOT NULL" : " IS NULL");
        }
    }

    /** {@code a AND b AND ...} or {@code a OR b OR ...}. */
    record Junction(boolean and, List<Condition> parts) implements Condition {
        public Junction {
            Objects.requireNonNull(parts, "parts is null");
        }

        @Override public String toString() {
            return parts.mkString("(", and ? " AND " : " OR ", ")");
        }
    }

    /** {@code NOT c}. */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition is null");
        }

        @Override public String toString() {
            return "NOT " + condition;
        }
    }

    /** Always true or always false. */
    record Literal(boolean value) implements Condition {
        @Override public String toString() {
            return value ? "TRUE" : "FALSE";
        }

        static String show(@Nullable Object v) {
            return v instanceof CharSequence ? "'" + v + "'" : String.valueOf(v);
        }
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
        return junction(true, List.of(parts));
    }

    static Condition and(java.util.List<Condition> parts) {
        return junction(true, List.ofAll(parts));
    }

    /** At least one condition holds; {@code or()} with no parts is {@link #FALSE}. */
    static Condition or(Condition... parts) {
        return junction(false, List.of(parts));
    }

    static Condition or(java.util.List<Condition> parts) {
        return junction(false, List.ofAll(parts));
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
        List<Condition> flat = List.empty();
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
                flat = flat.appendAll(((Junction) p).parts());
            } else {
                flat = flat.append(p);
            }
        }
        if (flat.isEmpty()) {
            return and ? TRUE : FALSE;
        }
        return flat.size() == 1 ? flat.head() : new Junction(and, flat);
    }

    /** Visits every column reference in this condition. */
    default void forEachColumn(Consumer<ColumnRef<?>> action) {
        if (this instanceof Compare) {
            action.accept(((Compare) this).column());
        } else if (this instanceof In) {
            action.accept(((In) this).column());
        } else if (this instanceof Between) {
            action.accept(((Between) this).column());
        } else if (this instanceof IsNull) {
            action.accept(((IsNull) this).column());
        } else if (this instanceof Junction) {
            ((Junction) this).parts().forEach(p -> p.forEachColumn(action));
        } else if (this instanceof Not) {
            ((Not) this).condition().forEachColumn(action);
        }
    }
}
