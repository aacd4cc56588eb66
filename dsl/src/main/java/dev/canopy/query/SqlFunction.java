package dev.canopy.query;

import dev.canopy.error.QueryException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The SQL functions an {@link Expr} may call: the whitelist behind {@code Expr.fn(name, args...)} (Sequelize's
 * {@code fn('COUNT', ...)}). A name outside it is refused when the expression is built, so no user text ever becomes
 * SQL; jOOQ renders each of them for the dialect ({@code YEAR(x)} is {@code extract(year from x)} on PostgreSQL and
 * {@code strftime('%Y', x)} on SQLite).
 */
public enum SqlFunction {
    COUNT(true, 0, 1),
    SUM(true, 1, 1),
    AVG(true, 1, 1),
    MIN(true, 1, 1),
    MAX(true, 1, 1),
    LOWER(false, 1, 1),
    UPPER(false, 1, 1),
    LENGTH(false, 1, 1),
    TRIM(false, 1, 1),
    ABS(false, 1, 1),
    ROUND(false, 1, 2),
    COALESCE(false, 1, Integer.MAX_VALUE),
    YEAR(false, 1, 1),
    MONTH(false, 1, 1),
    DAY(false, 1, 1);

    private final boolean aggregate;
    private final int minArgs;
    private final int maxArgs;

    SqlFunction(boolean aggregate, int minArgs, int maxArgs) {
        this.aggregate = aggregate;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    /** Whether it aggregates rows ({@code COUNT}, {@code SUM}, ...), so it needs a group (or the root's key). */
    public boolean isAggregate() {
        return aggregate;
    }

    /** The function of this name, in any case; an unknown name is refused with the list of known ones. */
    public static SqlFunction named(String name) {
        if (name == null) {
            throw new QueryException("function name is null");
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new QueryException("'" + name + "' is not a function Canopy can call; known: " + known());
        }
    }

    /** The known names, comma-separated. */
    public static String known() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    void checkArity(int n) {
        if (n < minArgs || n > maxArgs) {
            String want = minArgs == maxArgs ? String.valueOf(minArgs)
                    : maxArgs == Integer.MAX_VALUE ? minArgs + " or more" : minArgs + " to " + maxArgs;
            throw new QueryException(name() + " takes " + want + " argument" + (maxArgs == 1 && minArgs == 1 ? "" : "s") + ", not " + n);
        }
    }
}
