package dev.canopy.migrate;

import dev.canopy.Canopy;
import dev.canopy.schema.SchemaApi;

/**
 * One versioned change (Sequelize's migration module with {@code up} and {@code down}). Both methods get the schema
 * API for DDL and the {@code Canopy} for data; everything either does joins the migration's transaction.
 * <pre>{@code
 * public final class CreateTeams implements Migration {
 *     public void up(SchemaApi schema, Canopy db) {
 *         schema.createTable("teams", Columns.of("id", ColumnDefinition.integer().primaryKey().autoIncrement())
 *                 .and("name", ColumnDefinition.string(80).notNull()));
 *     }
 *     public void down(SchemaApi schema, Canopy db) {
 *         schema.dropTable("teams");
 *     }
 * }
 * }</pre>
 * A migration's name (its file's, or its class's simple name) starts with its version: {@code 20261201093000-create-teams}
 * or {@code V20261201093000_CreateTeams}; migrations run in version order.
 */
public interface Migration {
    void up(SchemaApi schema, Canopy db);

    /** Undoes {@link #up}; a migration that cannot be undone throws (the default). */
    default void down(SchemaApi schema, Canopy db) {
        throw new MigrationException(getClass().getSimpleName() + " has no down(): it cannot be undone");
    }
}
