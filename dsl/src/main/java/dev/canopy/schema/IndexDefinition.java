package dev.canopy.schema;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An index for {@code addIndex}: its columns in order, unique or not, and a name (generated from the table and the
 * columns when not given: {@code idx_users_last_name_first_name}).
 * <pre>{@code
 * schema.addIndex("users", IndexDefinition.on("lastName", "firstName").unique().named("uq_users_name"));
 * }</pre>
 */
@CheckReturnValue
public record IndexDefinition(List<String> columns, boolean isUnique, @Nullable String name) {
    public IndexDefinition {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new dev.canopy.error.SchemaException("An index needs at least one column");
        }
        columns.forEach(c -> Identifiers.check(c, "index column"));
        if (name != null) {
            Identifiers.check(name, "index name");
        }
    }

    public static IndexDefinition on(String... columns) {
        return new IndexDefinition(List.of(columns), false, null);
    }

    public IndexDefinition unique() {
        return new IndexDefinition(columns, true, name);
    }

    public IndexDefinition named(String indexName) {
        return new IndexDefinition(columns, isUnique, indexName);
    }
}
