package dev.canopy.query;

import dev.canopy.error.QueryException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A computed attribute: an expression and the name it comes back under, Sequelize's
 * {@code [fn('COUNT', col('tracks.TrackId')), 'trackCount']}. It is read into entities ({@code get("trackCount")}),
 * records (the component of that name) and JSON like any attribute.
 *
 * @param name the alias: letters, digits and underscores, starting with a letter or underscore
 * @param expr what is computed
 * @param <T>  the Java type of its value
 */
public record Computed<T>(String name, Expr<T> expr) implements Selection {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    public Computed {
        Objects.requireNonNull(name, "alias is null");
        Objects.requireNonNull(expr, "expression is null");
        if (!NAME.matcher(name).matches()) {
            throw new QueryException("'" + name + "' cannot name a computed attribute: use letters, digits and _, starting with a letter or _");
        }
    }

    @Override public String toString() {
        return expr + " AS " + name;
    }
}
