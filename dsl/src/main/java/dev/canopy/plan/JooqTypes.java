package dev.canopy.plan;

import dev.canopy.model.DataType;
import org.jooq.impl.SQLDataType;

/** Canopy's column types as jOOQ data types, so that jOOQ binds and renders each value as its column's type. */
public final class JooqTypes {
    private JooqTypes() {}

    public static org.jooq.DataType<?> of(DataType<?> type) {
        switch (type.kind()) {
            case INTEGER: return SQLDataType.INTEGER;
            case BIGINT: return SQLDataType.BIGINT;
            case DECIMAL: return SQLDataType.NUMERIC(type.length(), type.scale());
            case STRING: return SQLDataType.VARCHAR(type.length());
            case TEXT: return SQLDataType.CLOB;
            case BOOLEAN: return SQLDataType.BOOLEAN;
            case DATE: return SQLDataType.LOCALDATE;
            case TIMESTAMP: return SQLDataType.LOCALDATETIME;
            case UUID: return SQLDataType.UUID;
            case JSON: return SQLDataType.CLOB;
            default: throw new IllegalStateException("unmapped type " + type);
        }
    }
}
