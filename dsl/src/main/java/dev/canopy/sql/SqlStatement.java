package dev.canopy.sql;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * SQL text with its bind values, in order. Every user value is a bind parameter ({@code ?}); none is ever
 * spliced into the text. A bind value may be null (SQL {@code NULL}), or an array: an {@code isIn} list bound as one
 * array where the database binds arrays ({@code x = any(?)}). Two statements are equal when their SQL and their binds
 * are, arrays compared by their elements.
 */
public record SqlStatement(String sql, List<@Nullable Object> binds) {
    public SqlStatement {
        Objects.requireNonNull(sql, "sql is null");
        binds = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(binds));
    }

    @Override public boolean equals(@Nullable Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof SqlStatement) || !sql.equals(((SqlStatement) o).sql) || binds.size() != ((SqlStatement) o).binds.size()) {
            return false;
        }
        List<@Nullable Object> other = ((SqlStatement) o).binds;
        for (int i = 0; i < binds.size(); i++) {
            if (!Objects.deepEquals(binds.get(i), other.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override public int hashCode() {
        return 31 * sql.hashCode() + java.util.Arrays.deepHashCode(binds.toArray());
    }

    /** The SQL, then the binds on a second line when there are any (an array's elements shown). */
    @Override public String toString() {
        return binds.isEmpty() ? sql : sql + "\n-- binds: " + java.util.Arrays.deepToString(binds.toArray());
    }
}
