package dev.canopy.hydrate;

import dev.canopy.dialect.Dialect;
import dev.canopy.model.DataType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads one column of the current row as its Canopy type. One reader per column type, chosen when a plan is
 * compiled; the primitive getters avoid boxing through {@code getObject} for the common numeric keys. Types that
 * drivers return in more than one form (timestamps, UUIDs) go through the dialect's {@link Dialect#fromJdbc}.
 */
@FunctionalInterface
public interface ValueReader {
    @Nullable Object read(ResultSet rs, int index) throws SQLException;

    /** The reader for a column type on a database of this dialect (null: the conversions every driver needs). */
    static ValueReader of(DataType<?> type, @Nullable Dialect dialect) {
        switch (type.kind()) {
            case INTEGER: return (rs, i) -> {
                int v = rs.getInt(i);
                return v == 0 && rs.wasNull() ? null : Integer.valueOf(v);
            };
            case BIGINT: return (rs, i) -> {
                long v = rs.getLong(i);
                return v == 0 && rs.wasNull() ? null : Long.valueOf(v);
            };
            case DECIMAL: {
                int scale = type.scale();
                return (rs, i) -> {
                    java.math.BigDecimal v = rs.getBigDecimal(i);
                    return v == null || v.scale() == scale ? v : v.setScale(scale, java.math.RoundingMode.HALF_UP);
                };
            }
            case BOOLEAN: return (rs, i) -> {
                boolean v = rs.getBoolean(i);
                return !v && rs.wasNull() ? null : Boolean.valueOf(v);
            };
            case DATE: return (rs, i) -> rs.getObject(i, LocalDate.class);
            case TIMESTAMP: return converting(dialect, LocalDateTime.class);
            case UUID: return converting(dialect, UUID.class);
            default: return ResultSet::getString;
        }
    }

    private static ValueReader converting(@Nullable Dialect dialect, Class<?> javaType) {
        if (dialect == null) {
            return (rs, i) -> Dialect.commonFromJdbc(rs.getObject(i), javaType);
        }
        return (rs, i) -> dialect.fromJdbc(rs.getObject(i), javaType);
    }
}
