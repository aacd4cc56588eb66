package dev.canopy.schema;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.model.ReferentialAction;
import java.util.List;
import java.util.Objects;

/**
 * A named table constraint for {@code addConstraint} and {@code createTable} (Sequelize's {@code addConstraint}
 * options): a foreign key, a unique key, a check or a primary key.
 * <pre>{@code
 * schema.addConstraint("albums", TableConstraint.foreignKey("fk_albums_artist", "artistId").references("artists", "id")
 *         .onDelete(ReferentialAction.CASCADE));
 * }</pre>
 */
public sealed interface TableConstraint {
    /** The constraint's name, which {@code removeConstraint} takes. */
    String name();

    /** The columns the constraint is over (empty for a check). */
    List<String> columns();

    /** The first step of a foreign key over {@code columns}; finish it with {@link ForeignKeyStart#references}. */
    static ForeignKeyStart foreignKey(String name, String... columns) {
        return new ForeignKeyStart(Identifiers.check(name, "constraint name"), checked(columns));
    }

    static Unique unique(String name, String... columns) {
        return new Unique(Identifiers.check(name, "constraint name"), checked(columns));
    }

    static PrimaryKey primaryKey(String name, String... columns) {
        return new PrimaryKey(Identifiers.check(name, "constraint name"), checked(columns));
    }

    /**
     * A check with its condition as SQL, written by the migration's author (it is DDL, so it cannot take bind values):
     * {@code TableConstraint.check("ck_age", "\"age\" >= 0")}.
     */
    static Check check(String name, String condition) {
        return new Check(Identifiers.check(name, "constraint name"), Objects.requireNonNull(condition, "condition is null"));
    }

    private static List<String> checked(String... columns) {
        if (columns.length == 0) {
            throw new dev.canopy.error.SchemaException("A constraint needs at least one column");
        }
        for (String c : columns) {
            Identifiers.check(c, "constraint column");
        }
        return List.of(columns);
    }

    /** A foreign key waiting for the table it references. */
    record ForeignKeyStart(String name, List<String> columns) {
        @CheckReturnValue
        public ForeignKey references(String table, String... keys) {
            Identifiers.check(table, "referenced table");
            List<String> k = checked(keys);
            if (k.size() != columns.size()) {
                throw new dev.canopy.error.SchemaException("Foreign key " + name + " has " + columns.size() + " column(s) but references "
                        + k.size());
            }
            return new ForeignKey(name, columns, table, k, ReferentialAction.NO_ACTION, ReferentialAction.NO_ACTION);
        }
    }

    record ForeignKey(String name, List<String> columns, String referencedTable, List<String> referencedColumns,
                      ReferentialAction onDelete, ReferentialAction onUpdate) implements TableConstraint {
        @CheckReturnValue
        public ForeignKey onDelete(ReferentialAction action) {
            return new ForeignKey(name, columns, referencedTable, referencedColumns, action, onUpdate);
        }

        @CheckReturnValue
        public ForeignKey onUpdate(ReferentialAction action) {
            return new ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, action);
        }
    }

    record Unique(String name, List<String> columns) implements TableConstraint {}

    record PrimaryKey(String name, List<String> columns) implements TableConstraint {}

    record Check(String name, String condition) implements TableConstraint {
        @Override public List<String> columns() { return List.of(); }
    }
}
