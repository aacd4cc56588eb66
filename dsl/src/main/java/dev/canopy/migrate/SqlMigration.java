package dev.canopy.migrate;

import dev.canopy.Canopy;
import dev.canopy.schema.SchemaApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A migration written in SQL: a {@code -- up} section and an optional {@code -- down} section, each a list of
 * statements that end with {@code ;} at the end of a line. Each statement is a step of its own, so a failure names
 * the statement.
 * <pre>
 * -- up
 * CREATE TABLE teams (id INT PRIMARY KEY, name VARCHAR(80) NOT NULL);
 * -- down
 * DROP TABLE teams;
 * </pre>
 */
final class SqlMigration implements Migration {
    private final String name;
    private final List<String> up;
    private final List<String> down;
    private final boolean hasDown;

    private SqlMigration(String name, List<String> up, List<String> down, boolean hasDown) {
        this.name = name;
        this.up = List.copyOf(up);
        this.down = List.copyOf(down);
        this.hasDown = hasDown;
    }

    /** Parses a migration's text; {@code name} is for messages. */
    static SqlMigration parse(String name, String text) {
        List<StringBuilder> sections = new ArrayList<>(List.of(new StringBuilder(), new StringBuilder()));
        int current = -1;
        boolean sawUp = false;
        boolean sawDown = false;
        for (String line : text.split("\r?\n", -1)) {
            String marker = line.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (marker.equals("-- up") || marker.equals("--up") || marker.equals("-- +up")) {
                current = 0;
                sawUp = true;
            } else if (marker.equals("-- down") || marker.equals("--down") || marker.equals("-- +down")) {
                current = 1;
                sawDown = true;
            } else if (current >= 0) {
                sections.get(current).append(line).append('\n');
            } else if (!marker.isEmpty() && !marker.startsWith("--")) {
                throw new MigrationSourceException("The SQL migration " + name + " has a statement before its '-- up' line; put the "
                        + "statements that apply it under '-- up' and those that undo it under '-- down'");
            }
        }
        if (!sawUp) {
            throw new MigrationSourceException("The SQL migration " + name + " has no '-- up' section; write '-- up' on a line of its own "
                    + "above the statements that apply it (and '-- down' above those that undo it)");
        }
        return new SqlMigration(name, statements(sections.get(0).toString()), statements(sections.get(1).toString()), sawDown);
    }

    /** Statements end with {@code ;} at the end of a line; {@code --} lines are comments. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            String t = line.trim();
            if (t.startsWith("--") && sb.length() == 0 || t.isEmpty() && sb.length() == 0) {
                continue;
            }
            sb.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = sb.toString().trim();
                out.add(s.substring(0, s.length() - 1).trim());
                sb.setLength(0);
            }
        }
        if (!sb.toString().isBlank()) {
            out.add(sb.toString().trim());
        }
        return out;
    }

    @Override
    public void up(SchemaApi schema, Canopy db) {
        up.forEach(schema::execute);
    }

    @Override
    public void down(SchemaApi schema, Canopy db) {
        if (!hasDown) {
            throw new MigrationException("The SQL migration " + name + " has no '-- down' section: it cannot be undone");
        }
        down.forEach(schema::execute);
    }
}
