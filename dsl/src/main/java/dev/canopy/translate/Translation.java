package dev.canopy.translate;

import dev.canopy.json.QuerySpec;
import dev.canopy.query.Query;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of translating one SQL statement: the {@link Query}, and the same query written as a JSON spec (what
 * {@code canopy query --spec} takes), as Java and as Kotlin source. Notes say where the translation read the SQL
 * in a way worth knowing (a LEFT JOIN that an INNER JOIN below it makes required, a DISTINCT that changes nothing).
 * An immutable value.
 */
public final class Translation {
    private final String sql;
    private final Query query;
    private final List<String> notes;
    private final Map<String, String> sources;

    Translation(String sql, Query query, List<String> notes, Map<String, String> sources) {
        this.sql = sql;
        this.query = query;
        this.notes = List.copyOf(notes);
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** The SQL that was translated. */
    public String sql() {
        return sql;
    }

    /** The query that returns the rows of the SQL as an include tree. */
    public Query query() {
        return query;
    }

    /** What the translation chose where the SQL left room, one sentence each; empty when nothing needed saying. */
    public List<String> notes() {
        return notes;
    }

    /**
     * Where each node of the include tree comes from: its path of aliases ({@code ""} for the root,
     * {@code "album.artist"}) to the table of the SQL, by its alias or, unaliased, its table name, in FROM order.
     * A junction table that became a belongsToMany has no node and is not listed.
     */
    public Map<String, String> sources() {
        return sources;
    }

    /** The query as a compact JSON spec ({@link QuerySpec#toJson}). */
    public String toJson() {
        return QuerySpec.toJson(query);
    }

    /** The query as a Java class, in {@code style}; see {@link CodeStyle}. */
    public String toJava(CodeStyle style) {
        return new QuerySource(QuerySource.Lang.JAVA, Objects.requireNonNull(style, "style is null"), sql).write(query);
    }

    /** The query as Kotlin, in {@code style}; see {@link CodeStyle}. */
    public String toKotlin(CodeStyle style) {
        return new QuerySource(QuerySource.Lang.KOTLIN, Objects.requireNonNull(style, "style is null"), sql).write(query);
    }

    @Override public String toString() {
        return query.toString();
    }
}
