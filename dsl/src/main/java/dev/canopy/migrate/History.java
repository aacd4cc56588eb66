package dev.canopy.migrate;

import dev.canopy.schema.ColumnDefinition;
import dev.canopy.schema.Columns;
import dev.canopy.schema.SchemaApi;
import dev.canopy.schema.TableOptions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The history table: one row per applied (or, where DDL is not transactional, failed) migration with its checksum,
 * when it ran, how long it took, its outcome, and for a failure the step that failed. Statements go through the
 * schema API, so they join the migration's transaction.
 */
final class History {
    static final String APPLIED = "applied";
    static final String FAILED = "failed";

    /** One row. */
    record Row(String name, String checksum, @Nullable LocalDateTime appliedAt, long durationMillis, String outcome, @Nullable String detail) {}

    private final SchemaApi api;
    private final String table;
    private final String q;

    History(SchemaApi api, String table) {
        this.api = api;
        this.table = table;
        this.q = api.quote(table);
    }

    String table() {
        return table;
    }

    void ensure() {
        if (!api.tableExists(table)) {
            api.createTable(table, Columns.of("name", ColumnDefinition.string(255).notNull())
                    .and("checksum", ColumnDefinition.string(64).notNull())
                    .and("applied_at", ColumnDefinition.timestamp().notNull())
                    .and("duration_ms", ColumnDefinition.bigint().notNull())
                    .and("outcome", ColumnDefinition.string(16).notNull())
                    .and("detail", ColumnDefinition.string(2000)), TableOptions.none().primaryKey("name").ifNotExists());
        }
    }

    /** Every row, by name, in the order they were applied. */
    Map<String, Row> rows() {
        Map<String, Row> out = new LinkedHashMap<>();
        if (!api.tableExists(table)) {
            return out;
        }
        for (Map<String, @Nullable Object> r : api.select("SELECT " + cols() + " FROM " + q + " ORDER BY " + api.quote("applied_at") + ", "
                + api.quote("name"))) {
            Object[] v = r.values().toArray();
            out.put((String) v[0], new Row((String) v[0], (String) v[1], time(v[2]), ((Number) v[3]).longValue(), (String) v[4], (String) v[5]));
        }
        return out;
    }

    void record(String name, String checksum, Duration duration, String outcome, @Nullable String detail) {
        api.execute("DELETE FROM " + q + " WHERE " + api.quote("name") + " = ?", name);
        api.execute("INSERT INTO " + q + " (" + cols() + ") VALUES (?, ?, ?, ?, ?, ?)", name, checksum,
                LocalDateTime.now().withNano(0), duration.toMillis(), outcome, detail == null ? null : cut(detail));
    }

    void forget(String name) {
        api.execute("DELETE FROM " + q + " WHERE " + api.quote("name") + " = ?", name);
    }

    private String cols() {
        return String.join(", ", api.quote("name"), api.quote("checksum"), api.quote("applied_at"), api.quote("duration_ms"),
                api.quote("outcome"), api.quote("detail"));
    }

    private static String cut(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 1997) + "...";
    }

    private static final DateTimeFormatter TEXT = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd[ ]['T']HH:mm[:ss]")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    /** A timestamp as the driver returns it: a {@code Timestamp}, a {@code LocalDateTime}, or SQLite's text. */
    static @Nullable LocalDateTime time(@Nullable Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime();
        }
        if (v instanceof LocalDateTime t) {
            return t;
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return t.toLocalDateTime();
        }
        if (v instanceof String s) {
            return LocalDateTime.parse(s.trim(), TEXT);
        }
        if (v instanceof Number n) {
            return LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(n.longValue()), java.time.ZoneId.systemDefault());
        }
        return null;
    }
}
