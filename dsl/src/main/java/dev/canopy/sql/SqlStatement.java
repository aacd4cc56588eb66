package dev.canopy.sql;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * SQL text with its bind values, in order. Every user value is a bind parameter ({@code ?}); none is ever
 * spliced into the text. A bind value may be null (SQL {@code NULL}).
 */
public record SqlStatement(String sql, List<@Nullable Object> binds) {
    public SqlStatement {
        Objects.requireNonNull(sql, "sql is null");
        binds = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(binds));
    }

    /** The SQL, then the binds on a second line when there are any. */
    @Override public String toString() {
        return binds.isEmpty() ? sql : sql + "\n-- binds: " + binds;
    }
}
