package dev.canopy.translate;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.TableField;
import org.jspecify.annotations.Nullable;

/**
 * The tables a column of the SQL may belong to, and how a column reference is bound to one of them: a qualifier
 * names a table by its alias (or, unaliased, by its name); an unqualified column must belong to exactly one table.
 * Names match exactly, else ignoring case, as unquoted SQL identifiers do.
 */
final class Scope {
    private final List<SqlTable> tables;

    Scope(List<SqlTable> tables) {
        this.tables = tables;
    }

    /** Whether {@code f} is a plain column reference ({@code name}, {@code t.name}, {@code s.t.name}). */
    static boolean isColumn(@Nullable Object f) {
        return f instanceof TableField;
    }

    /** The table and column {@code f} names; {@code where} says where in the SQL it stands, for messages. */
    Bound bind(Field<?> f) {
        String[] parts = f.getQualifiedName().getName();
        String column = parts[parts.length - 1];
        if (parts.length >= 2) {
            SqlTable t = table(parts[parts.length - 2], f);
            return new Bound(t, column(t, column));
        }
        List<Bound> found = new ArrayList<>();
        for (SqlTable t : tables) {
            Column<?> c = find(t.model, column);
            if (c != null) {
                found.add(new Bound(t, c));
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new TranslationException("column '" + column + "' is in no table of FROM (" + shownTables() + ")");
        }
        throw new TranslationException("column '" + column + "' is ambiguous: it may be "
                + found.stream().map(Bound::toString).collect(Collectors.joining(" or ")) + "; qualify it with its table");
    }

    /** The FROM table a qualifier names. */
    SqlTable table(String qualifier, Object where) {
        for (SqlTable t : tables) {
            if (t.alias != null && t.alias.equals(qualifier)) {
                return t;
            }
        }
        for (SqlTable t : tables) {
            if (t.alias != null && t.alias.equalsIgnoreCase(qualifier)) {
                return t;
            }
        }
        for (SqlTable t : tables) {
            if (t.alias == null && t.model.tableName().equalsIgnoreCase(qualifier)) {
                return t;
            }
        }
        throw new TranslationException(SqlText.of(where instanceof Field ? (Field<?>) where : org.jooq.impl.DSL.name(qualifier))
                + ": no table of FROM is named or aliased '" + qualifier + "'; FROM has: " + shownTables());
    }

    private static Column<?> column(SqlTable t, String column) {
        Column<?> c = find(t.model, column);
        if (c == null) {
            throw new TranslationException(t.shown + " has no column '" + column + "' (model " + t.model.name() + ": "
                    + t.model.columns().stream().map(Column::field).collect(Collectors.joining(", ")) + ")");
        }
        return c;
    }

    /** The model's column stored in the table column {@code name}, exactly or ignoring case. */
    static @Nullable Column<?> find(Model model, String name) {
        Column<?> exact = model.findColumnByField(name);
        if (exact != null) {
            return exact;
        }
        String folded = name.toLowerCase(Locale.ROOT);
        for (Column<?> c : model.columns()) {
            if (c.field().toLowerCase(Locale.ROOT).equals(folded)) {
                return c;
            }
        }
        return null;
    }

    String shownTables() {
        return tables.stream().map(t -> t.alias == null ? t.shown : t.model.tableName() + " " + t.alias).collect(Collectors.joining(", "));
    }
}
