package dev.canopy.dialect;

import java.nio.ByteBuffer;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The conversions of {@link Dialect#fromJdbc} that every driver needs; a dialect adds its own on top. */
final class JdbcValues {
    private JdbcValues() {}

    static @Nullable Object convert(@Nullable Object v, Class<?> javaType) {
        if (v == null || javaType.isInstance(v)) {
            return v;
        }
        if (javaType == LocalDateTime.class) {
            if (v instanceof java.sql.Timestamp) {
                return ((java.sql.Timestamp) v).toLocalDateTime();
            }
            if (v instanceof OffsetDateTime) {
                return ((OffsetDateTime) v).toLocalDateTime();
            }
            if (v instanceof CharSequence) {
                return LocalDateTime.parse(v.toString().replace(' ', 'T'));
            }
        }
        if (javaType == UUID.class) {
            if (v instanceof byte[] && ((byte[]) v).length == 16) {
                ByteBuffer b = ByteBuffer.wrap((byte[]) v);
                return new UUID(b.getLong(), b.getLong());
            }
            return UUID.fromString(v.toString());
        }
        return v;
    }
}
