package dev.canopy.query;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;

/**
 * One term of an order array: a column (through a path of aliases), a direction, and where nulls go.
 * {@code ALBUM.title.at("album").desc().nullsLast()}.
 */
@CheckReturnValue
public record Order(ColumnRef<?> column, Direction direction, Nulls nulls) {
    public enum Direction { ASC, DESC }

    /** Where nulls sort; {@code DEFAULT} leaves it to the database. */
    public enum Nulls { DEFAULT, FIRST, LAST }

    public Order {
        Objects.requireNonNull(column, "column is null");
        Objects.requireNonNull(direction, "direction is null");
        Objects.requireNonNull(nulls, "nulls is null");
    }

    public Order nullsFirst() {
        return new Order(column, direction, Nulls.FIRST);
    }

    public Order nullsLast() {
        return new Order(column, direction, Nulls.LAST);
    }

    @Override public String toString() {
        return column + " " + direction + (nulls == Nulls.DEFAULT ? "" : " NULLS " + nulls);
    }
}
