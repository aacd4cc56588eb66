package dev.canopy.json;

import dev.canopy.error.ConnectionException;
import dev.canopy.error.DatabaseException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Naming;
import dev.canopy.model.Schema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Models and associations read from a live database, so that a user with an existing schema (tables Canopy did not
 * create, keys that are not {@code id}) starts in one step:
 * <pre>{@code
 * Schema schema = SchemaIntrospector.read(dataSource, false);
 * String json = ModelsFile.toJson(schema);    // a models file ModelsFile.parse reads back
 * }</pre>
 *
 * <p>Each base table of the connection's current schema becomes a model named after it in singular PascalCase
 * ({@code events} → {@code Event}, {@code user_logins} → {@code UserLogin}) with its exact table name; each column
 * with a Canopy type an attribute (its column name, or with {@code underscored} the camelCase of a snake_case
 * column), with its type, nullability, primary key, auto-increment and single-column unique index. A model has
 * timestamps when it has {@code createdAt} and {@code updatedAt} attributes.
 *
 * <p>Each single-column foreign key gives both directions, named by Sequelize's conventions: {@code belongsTo} from the
 * table holding it, aliased as the target model in lower camelCase ({@code zone}), and {@code hasMany} back, aliased
 * as the plural ({@code events}), or {@code hasOne} ({@code profile}) when the key is unique. A junction table, whose
 * columns hold exactly two foreign keys (and maybe more columns) and whose primary key is those two, gives a
 * {@code belongsToMany} each way instead. Where a table has two keys to one table, both are named from their columns,
 * each way ({@code homeTeam} and {@code awayTeam}, {@code homeTeamMatches} and {@code awayTeamMatches}); where a name
 * is taken (an attribute of that name), the key's column names the association ({@code owner} for {@code owner_id},
 * {@code ownerEvents}).
 */
public final class SchemaIntrospector {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaIntrospector.class);

    private SchemaIntrospector() {}

    /**
     * The models and associations of the database behind {@code dataSource} (one connection, closed before returning).
     *
     * @param underscored whether attributes are the camelCase of snake_case columns, with Sequelize's {@code underscored}
     * @throws DatabaseException when the database cannot be reached or its metadata read
     */
    public static Schema read(DataSource dataSource, boolean underscored) {
        Objects.requireNonNull(dataSource, "data source is null");
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw new ConnectionException("Cannot connect to read the database's tables: " + e.getMessage(), e);
        }
        try (c) {
            return new Reader(new DatabaseTables(c), underscored).read();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the database's tables, keys and columns: " + e.getMessage(), e);
        }
    }

    /** {@code user_logins} → {@code UserLogin}, {@code events} → {@code Event}, {@code PlaylistTrack} stays. */
    static String modelName(String table) {
        String camel = Naming.camel(table.chars().noneMatch(Character::isLowerCase) ? table.toLowerCase(Locale.ROOT) : table);
        String pascal = camel.isEmpty() ? "Model" : Character.toUpperCase(camel.charAt(0)) + camel.substring(1);
        int start = 0;
        for (int i = 1; i < pascal.length(); i++) {
            if (Character.isUpperCase(pascal.charAt(i))) {
                start = i;
            }
        }
        return pascal.substring(0, start) + singular(pascal.substring(start));
    }

    /** The English singular of a regular plural word: {@code Categories} → {@code Category}, {@code People} → {@code Person}. */
    static String singular(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        Map<String, String> irregular = Map.of("people", "person", "children", "child", "men", "man", "women", "woman", "mice", "mouse",
                "geese", "goose", "feet", "foot", "teeth", "tooth", "data", "datum");
        for (Map.Entry<String, String> e : irregular.entrySet()) {
            if (lower.equals(e.getKey())) {
                String s = e.getValue();
                return Character.isUpperCase(word.charAt(0)) ? Character.toUpperCase(s.charAt(0)) + s.substring(1) : s;
            }
        }
        if (lower.endsWith("ies") && word.length() > 3) {
            return word.substring(0, word.length() - 3) + (Character.isUpperCase(word.charAt(word.length() - 1)) ? "Y" : "y");
        }
        if (lower.endsWith("sses") || lower.endsWith("xes") || lower.endsWith("ches") || lower.endsWith("shes") || lower.endsWith("zes")) {
            return word.substring(0, word.length() - 2);
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us") && !lower.endsWith("is") && word.length() > 1) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    /** One pass over one connection. */
    private static final class Reader {
        private final DatabaseTables db;
        private final boolean underscored;
        private final Map<String, Model> byTable = new LinkedHashMap<>();
        private final Map<String, DatabaseTables.Table> tables = new LinkedHashMap<>();
        private final Map<Model, Set<String>> taken = new HashMap<>();

        Reader(DatabaseTables db, boolean underscored) {
            this.db = db;
            this.underscored = underscored;
        }

        Schema read() throws SQLException {
            Set<String> names = new HashSet<>();
            for (String name : db.baseTableNames()) {
                DatabaseTables.Table t = db.exactly(name);
                tables.put(name, t);
                Model m = model(t, unique(modelName(name), names), db.uniqueColumns(name));
                byTable.put(name, m);
                Set<String> used = new HashSet<>();
                m.columns().forEach(c -> used.add(c.name()));
                taken.put(m, used);
            }
            Schema.Builder schema = Schema.builder();
            byTable.values().forEach(schema::model);
            for (Map.Entry<String, DatabaseTables.Table> e : tables.entrySet()) {
                List<DatabaseTables.ForeignKey> keys = new ArrayList<>();
                for (DatabaseTables.ForeignKey k : db.foreignKeys(e.getKey())) {
                    if (byTable.containsKey(k.referencedTable())) {
                        keys.add(k);
                    }
                }
                Model m = byTable.get(e.getKey());
                if (isJunction(e.getValue(), keys)) {
                    junction(schema, m, keys.get(0), keys.get(1));
                } else {
                    for (DatabaseTables.ForeignKey k : keys) {
                        long toSameTable = keys.stream().filter(o -> o.referencedTable().equals(k.referencedTable())).count();
                        foreignKey(schema, m, k, toSameTable > 1);
                    }
                }
            }
            return schema.build();
        }

        private Model model(DatabaseTables.Table t, String name, Set<String> uniqueColumns) {
            List<String> attributes = new ArrayList<>();
            List<DatabaseTables.DbColumn> kept = new ArrayList<>();
            for (DatabaseTables.DbColumn c : t.columns()) {
                if (c.dataType() == null) {
                    LOG.warn("column {}.{} is {}, which has no Canopy type; it is left out of model {}", t.name(), c.name(), c.typeName(), name);
                    continue;
                }
                kept.add(c);
                attributes.add(ModelsFileReader.attributeName(c.name(), ModelOptions.defaults().underscored(underscored)));
            }
            boolean timestamps = attributes.contains("createdAt") && attributes.contains("updatedAt");
            ModelOptions options = ModelOptions.defaults().table(t.name()).underscored(underscored).timestamps(timestamps);
            Model.Builder b = Model.builder(name, options);
            for (int i = 0; i < kept.size(); i++) {
                add(b, attributes.get(i), kept.get(i), t.primaryKey().contains(kept.get(i).name()),
                        uniqueColumns.contains(kept.get(i).name()) && !t.primaryKey().equals(List.of(kept.get(i).name())), options);
            }
            return b.build();
        }

        private static <T> void add(Model.Builder b, String attribute, DatabaseTables.DbColumn c, boolean pk, boolean unique,
                                    ModelOptions options) {
            @SuppressWarnings("unchecked")
            DataType<T> type = (DataType<T>) c.dataType();
            b.column(attribute, type, col -> {
                Column<T> r = col;
                if (!options.fieldFor(attribute).equals(c.name())) {
                    r = r.field(c.name());
                }
                if (pk) {
                    r = r.primaryKey();
                }
                if (!c.nullable()) {
                    r = r.notNull();
                }
                if (c.autoIncrement()) {
                    r = r.autoIncrement();
                }
                if (unique) {
                    r = r.unique();
                }
                return r;
            });
        }

        private static boolean isJunction(DatabaseTables.Table t, List<DatabaseTables.ForeignKey> keys) {
            if (keys.size() != 2 || t.primaryKey().size() != 2) {
                return false;
            }
            return Set.copyOf(t.primaryKey()).equals(Set.of(keys.get(0).column(), keys.get(1).column()));
        }

        /**
         * Both directions of one foreign key. When {@code holder} has several keys to the same table, none of them takes
         * the target's plain name: each is named from its column, both ways ({@code homeTeam}/{@code awayTeam},
         * {@code homeTeamMatches}/{@code awayTeamMatches}), so that which key came first decides nothing.
         */
        private void foreignKey(Schema.Builder schema, Model holder, DatabaseTables.ForeignKey k, boolean shared) {
            Model target = byTable.get(k.referencedTable());
            Column<?> fk = column(holder, k.column());
            Column<?> key = column(target, k.referencedColumn());
            String base = base(fk.name());
            String targetName = Naming.lowerFirst(target.name());
            Association belongsTo = Association.belongsTo(holder, target).foreignKey(fk.name())
                    .alias(shared ? alias(holder, base, base + target.name()) : alias(holder, targetName, base, base + target.name()));
            if (!isPrimaryKey(target, key)) {
                belongsTo = belongsTo.targetKey(key.name());
            }
            schema.association(belongsTo);
            boolean one = fk.isUnique() || holder.primaryKey().size() == 1 && holder.primaryKey().get(0).equals(fk);
            String singular = Naming.lowerFirst(holder.name());
            String plural = Naming.plural(singular);
            Association back = (one ? Association.hasOne(target, holder) : Association.hasMany(target, holder)).foreignKey(fk.name())
                    .alias(one ? alias(target, shared ? new String[] {base + holder.name()} : new String[] {singular, base + holder.name()})
                            : alias(target, shared ? new String[] {base + Naming.plural(holder.name())}
                                    : new String[] {plural, base + Naming.plural(holder.name())}));
            if (!isPrimaryKey(target, key)) {
                back = back.sourceKey(key.name());
            }
            schema.association(back);
        }

        private void junction(Schema.Builder schema, Model through, DatabaseTables.ForeignKey a, DatabaseTables.ForeignKey b) {
            Model left = byTable.get(a.referencedTable());
            Model right = byTable.get(b.referencedTable());
            Column<?> fa = column(through, a.column());
            Column<?> fb = column(through, b.column());
            schema.association(btm(left, right, through, fa, fb, column(left, a.referencedColumn()), column(right, b.referencedColumn())));
            schema.association(btm(right, left, through, fb, fa, column(right, b.referencedColumn()), column(left, a.referencedColumn())));
        }

        private Association btm(Model source, Model target, Model through, Column<?> fk, Column<?> other, Column<?> sourceKey,
                                Column<?> targetKey) {
            String plural = Naming.plural(Naming.lowerFirst(target.name()));
            Association a = Association.belongsToMany(source, target, through).foreignKey(fk.name()).otherKey(other.name())
                    .alias(alias(source, plural, Naming.plural(base(other.name())), base(other.name()) + Naming.plural(target.name())));
            if (!isPrimaryKey(source, sourceKey)) {
                a = a.sourceKey(sourceKey.name());
            }
            if (!isPrimaryKey(target, targetKey)) {
                a = a.targetKey(targetKey.name());
            }
            return a;
        }

        /** The first candidate that no attribute or association of {@code source} has taken; then numbered. */
        private String alias(Model source, String... candidates) {
            Set<String> used = taken.get(source);
            for (String c : candidates) {
                if (!c.isEmpty() && Naming.isValidIdentifier(c) && !used.contains(c)) {
                    used.add(c);
                    return c;
                }
            }
            for (int n = 2; ; n++) {
                String c = candidates[0] + n;
                if (!used.contains(c)) {
                    used.add(c);
                    return c;
                }
            }
        }

        private static boolean isPrimaryKey(Model m, Column<?> c) {
            return m.primaryKey().size() == 1 && m.primaryKey().get(0).name().equals(c.name());
        }

        private static Column<?> column(Model m, String field) {
            Column<?> c = m.findColumnByField(field);
            if (c == null) {
                throw new DatabaseException("The foreign key column " + m.tableName() + "." + field + " has no Canopy type", null);
            }
            return c;
        }

        /** {@code ownerId} → {@code owner}, {@code event_tz} → {@code eventTz}: the name a key's column gives an association. */
        private static String base(String attribute) {
            String b = attribute;
            for (String suffix : List.of("_id", "_fk", "Id", "ID", "Fk", "FK")) {
                if (b.length() > suffix.length() && b.endsWith(suffix)) {
                    b = b.substring(0, b.length() - suffix.length());
                    break;
                }
            }
            return Naming.lowerFirst(Naming.camel(b));
        }

        private static String unique(String name, Set<String> names) {
            String n = name;
            for (int i = 2; !names.add(n); i++) {
                n = name + i;
            }
            return n;
        }
    }
}
