package dev.canopy.cli;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import dev.canopy.result.Entity;
import dev.canopy.hydrate.Json;
import dev.canopy.query.Query;
import dev.canopy.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How the commands print SQL and results. */
final class Printing {
    private Printing() {}

    /** The SQL, then its binds as a comment line, in JSON so that strings and numbers read apart: {@code -- binds: [22,"B%"]}. */
    static String sql(SqlStatement statement) {
        return statement.sql() + "\n-- binds: " + Json.write(statement.binds());
    }

    /**
     * Every statement a query runs for a dialect: the one statement with its binds; or, when includes are loaded by
     * separate queries, {@link Canopy#explain}'s listing of each statement under a comment naming its path.
     */
    static String sql(Query query, Dialect dialect) {
        if (new dev.canopy.plan.Planner(dialect.capabilities()).plan(query).fetches().isEmpty()) {
            return sql(Canopy.toSql(query, dialect));
        }
        return Canopy.explain(query, dialect).stripTrailing();
    }

    static List<Map<String, Object>> maps(List<Entity> entities) {
        List<Map<String, Object>> out = new ArrayList<>(entities.size());
        for (Entity e : entities) {
            out.add(e.toMap());
        }
        return out;
    }

    static String json(Object value, boolean pretty) {
        return pretty ? Json.writePretty(value) : Json.write(value);
    }

    /** A message on one line: drivers and SQL put newlines in theirs. */
    static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
