package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One term of an order array: a column (through a path of aliases), or an {@link Expr expression} (a computed
 * attribute by its alias, a function of columns), a direction, and where nulls go.
 * {@code ALBUM.title.at("album").desc().nullsLast()}, {@code Expr.col("trackCount").desc()}.
 *
 * @param column the column ordered by; null when the term is an expression
 * @param expr   the expression ordered by; null when the term is a column
 */
@CheckReturnValue
public record Order(@Nullable ColumnRef<?> column, Direction direction, Nulls nulls, @Nullable Expr<?> expr) {
    public enum Direction { ASC, DESC }

    /** Where nulls sort; {@code DEFAULT} leaves it to the database. */
    public enum Nulls { DEFAULT, FIRST, LAST }

    public Order {
        if ((column == null) == (expr == null)) {
            throw new IllegalArgumentException("an order term is a column or an expression");
        }
        Objects.requireNonNull(direction, "direction is null");
        Objects.requireNonNull(nulls, "nulls is null");
    }

    /** A column term. */
    public Order(ColumnRef<?> column, Direction direction, Nulls nulls) {
        this(Objects.requireNonNull(column, "column is null"), direction, nulls, null);
    }

    /** A term on an expression; a plain column expression is the column's term. */
    static Order by(Expr<?> expr, Direction direction) {
        Objects.requireNonNull(expr, "expression is null");
        return expr instanceof Expr.Col ? new Order(((Expr.Col<?>) expr).ref(), direction, Nulls.DEFAULT)
                : new Order(null, direction, Nulls.DEFAULT, expr);
    }

    /** Whether this term orders by an expression rather than a column. */
    public boolean isExpr() {
        return expr != null;
    }

    public Order nullsFirst() {
        return new Order(column, direction, Nulls.FIRST, expr);
    }

    public Order nullsLast() {
        return new Order(column, direction, Nulls.LAST, expr);
    }

    @Override public String toString() {
        return (column != null ? column : expr) + " " + direction + (nulls == Nulls.DEFAULT ? "" : " NULLS " + nulls);
    }
}
