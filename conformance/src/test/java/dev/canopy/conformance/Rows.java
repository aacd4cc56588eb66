package dev.canopy.conformance;

import dev.canopy.Canopy;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.plan.JooqTypes;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Insert;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Inserts test rows into a model's table, by attribute name, with SQL that jOOQ renders for the database's dialect
 * (so identifier quoting is right everywhere) and runs through {@link Canopy#execute}. Canopy has no insert API in
 * this issue; this helper is the test suite's stand-in for Sequelize's {@code Model.create}.
 */
final class Rows {
    /** The value the helper gives {@code createdAt} / {@code updatedAt} when a test does not. */
    static final LocalDateTime STAMP = LocalDateTime.of(2024, 1, 2, 3, 4, 5);

    private Rows() {}

    /** Inserts one row: {@code insert(db, ARTIST, "ArtistId", 1, "Name", "AC/DC")}. */
    static void insert(Canopy db, Model model, Object... attributeValuePairs) {
        if (attributeValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("attribute/value pairs expected, got " + attributeValuePairs.length + " arguments");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < attributeValuePairs.length; i += 2) {
            values.put((String) attributeValuePairs[i], attributeValuePairs[i + 1]);
        }
        insert(db, model, values);
    }

    /** Inserts one row of attribute values; timestamps the model has and the map lacks get {@link #STAMP}. */
    @SuppressWarnings("unchecked")
    static void insert(Canopy db, Model model, Map<String, Object> attributeValues) {
        Map<String, Object> values = new LinkedHashMap<>(attributeValues);
        for (String stamp : List.of("createdAt", "updatedAt")) {
            if (model.findColumn(stamp) != null && !values.containsKey(stamp)) {
                values.put(stamp, STAMP);
            }
        }
        List<Field<Object>> fields = new ArrayList<>();
        List<Field<Object>> binds = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Column<?> c = model.column(e.getKey());
            Field<Object> f = (Field<Object>) DSL.field(DSL.name(c.field()), JooqTypes.of(c.type()));
            fields.add(f);
            binds.add(DSL.val(e.getValue(), f));
        }
        Insert<?> insert = context(db).insertInto(DSL.table(DSL.name(model.tableName())), fields).values(binds);
        db.execute(insert.getSQL(ParamType.INDEXED), insert.getBindValues().toArray());
    }

    /** A jOOQ context that renders for the database's dialect, every name quoted. */
    static DSLContext context(Canopy db) {
        return DSL.using(db.dialect().jooqDialect(), new Settings().withRenderQuotedNames(RenderQuotedNames.ALWAYS));
    }
}
