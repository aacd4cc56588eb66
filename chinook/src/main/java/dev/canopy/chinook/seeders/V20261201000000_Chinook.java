package dev.canopy.chinook.seeders;

import dev.canopy.Canopy;
import dev.canopy.chinook.ChinookData;
import dev.canopy.migrate.Migration;
import dev.canopy.schema.SchemaApi;
import java.util.List;
import java.util.Map;

/**
 * The Chinook sample as a seeder: its tables and rows, through the schema API, in one transaction (on one connection,
 * so that MySQL's session {@code sql_mode} holds for every statement).
 * <pre>
 * canopy db:seed:all --url jdbc:h2:file:./target/chinook --seeders classpath:dev.canopy.chinook.seeders
 * </pre>
 */
public final class V20261201000000_Chinook implements Migration {
    @Override
    public void up(SchemaApi schema, Canopy db) {
        boolean mysql = schema.dialect().jooqDialect().family().name().matches("MYSQL|MARIADB");
        schema.transaction(() -> {
            Object mode = null;
            if (mysql) {
                List<Map<String, Object>> rows = schema.select("SELECT @@SESSION.sql_mode AS m");
                mode = rows.get(0).get("m");
                schema.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',ANSI_QUOTES,NO_BACKSLASH_ESCAPES')");
            }
            try {
                ChinookData.statements(mysql).forEach(schema::execute);
            } finally {
                if (mysql) {
                    schema.execute("SET SESSION sql_mode = ?", mode);
                }
            }
            return null;
        });
    }

    @Override
    public void down(SchemaApi schema, Canopy db) {
        List<String> tables = ChinookData.tables();
        for (int i = tables.size() - 1; i >= 0; i--) {
            schema.dropTable(tables.get(i));
        }
    }
}
