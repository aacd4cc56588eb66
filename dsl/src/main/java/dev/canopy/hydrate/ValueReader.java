package dev.canopy.hydrate;

import dev.canopy.model.DataType;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads one column of the current row as its Canopy type. One reader per column type, chosen when a plan is
 * compiled; the primitive getters avoid boxing through {@code getObject} for the common numeric keys.
 */
@FunctionalInterface
public interface ValueReader {
    @Nullable Object read(ResultSet rs, int index) throws SQLException;

    /** The reader for a column type. */
    static ValueReader of(DataType<?> type) {
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
            case TIMESTAMP: return ValueReader::timestamp;
            case UUID: return ValueReader::uuid;
            default: return ResultSet::getString;
        }
    }

    private static @Nullable Object timestamp(ResultSet rs, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null || v instanceof LocalDateTime) {
            return v;
        }
        if (v instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) v).toLocalDateTime();
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).toLocalDateTime();
        }
        if (v instanceof String) {
            return LocalDateTime.parse(((String) v).replace(' ', 'T'));
        }
        return rs.getObject(i, LocalDateTime.class);
    }

    private static @Nullable Object uuid(ResultSet rs, int i) throws SQLException {
        Object v = rs.getObject(i);
        if (v == null || v instanceof UUID) {
            return v;
        }
        if (v instanceof byte[] && ((byte[]) v).length == 16) {
            ByteBuffer b = ByteBuffer.wrap((byte[]) v);
            return new UUID(b.getLong(), b.getLong());
        }
        return UUID.fromString(v.toString());
    }
}
