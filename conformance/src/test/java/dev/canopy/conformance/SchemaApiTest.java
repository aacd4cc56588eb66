package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.error.ConstraintViolationException;
import dev.canopy.error.SchemaException;
import dev.canopy.model.ReferentialAction;
import dev.canopy.schema.ColumnDefinition;
import dev.canopy.schema.Columns;
import dev.canopy.schema.IndexDefinition;
import dev.canopy.schema.SchemaApi;
import dev.canopy.schema.TableConstraint;
import dev.canopy.schema.TableDescription;
import dev.canopy.schema.TableOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema API (Sequelize's QueryInterface): the same calls change the same tables on every database. */
@DisplayName("Schema API")
class SchemaApiTest {

    static Columns teams() {
        return Columns.of("id", ColumnDefinition.integer().primaryKey().autoIncrement())
                .and("name", ColumnDefinition.string(80).notNull());
    }

    static Columns users() {
        return Columns.of("id", ColumnDefinition.integer().primaryKey())
                .and("email", ColumnDefinition.string(120).notNull().unique())
                .and("active", ColumnDefinition.bool().notNull().defaultValue(true));
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("addConstraint adds a foreign key between two tables created before, and the database enforces it")
    void addConstraintAfterBothTablesExist(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("addfk")) {
            SchemaApi schema = h.db.schemaApi();
            schema.createTable("posts", Columns.of("id", ColumnDefinition.integer().primaryKey())
                    .and("authorId", ColumnDefinition.integer().notNull()));
            schema.createTable("users", users());
            Jdbc.execute(h.db, "INSERT INTO \"users\" (\"id\", \"email\") VALUES (?, ?)", 1, "a@x");
            Jdbc.execute(h.db, "INSERT INTO \"posts\" (\"id\", \"authorId\") VALUES (?, ?)", 1, 1);

            schema.addConstraint("posts", TableConstraint.foreignKey("fk_posts_author", "authorId").references("users", "id")
                    .onDelete(ReferentialAction.CASCADE));

            List<TableDescription.ForeignKey> fks = schema.foreignKeysOf("posts");
            assertThat(fks).hasSize(1);
            assertThat(fks.get(0).name()).isEqualToIgnoringCase("fk_posts_author");
            assertThat(fks.get(0).columns()).containsExactly("authorId");
            assertThat(fks.get(0).referencedTable()).isEqualToIgnoringCase("users");
            assertThat(fks.get(0).onDelete()).isEqualTo(ReferentialAction.CASCADE);
            assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"posts\" (\"id\", \"authorId\") VALUES (?, ?)", 2, 99))
                    .isInstanceOf(ConstraintViolationException.class);
            Jdbc.execute(h.db, "DELETE FROM \"users\" WHERE \"id\" = ?", 1);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"posts\"")).isZero();

            schema.removeConstraint("posts", "fk_posts_author");
            assertThat(schema.foreignKeysOf("posts")).isEmpty();
            Jdbc.execute(h.db, "INSERT INTO \"posts\" (\"id\", \"authorId\") VALUES (?, ?)", 2, 99);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("addColumn with references, onUpdate CASCADE and onDelete SET NULL behaves so; removeColumn takes column and key away")
    void addColumnWithReferencesThenRemoveColumn(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("addcolref")) {
            SchemaApi schema = h.db.schemaApi();
            schema.createTable("teams", teams());
            schema.createTable("users", users());
            Jdbc.execute(h.db, "INSERT INTO \"teams\" (\"name\") VALUES (?)", "red");
            Jdbc.execute(h.db, "INSERT INTO \"users\" (\"id\", \"email\") VALUES (?, ?)", 1, "a@x");
            Jdbc.execute(h.db, "INSERT INTO \"users\" (\"id\", \"email\") VALUES (?, ?)", 2, "b@x");

            schema.addColumn("users", "teamId", ColumnDefinition.integer().references("teams", "id")
                    .onUpdate(ReferentialAction.CASCADE).onDelete(ReferentialAction.SET_NULL));

            TableDescription.ForeignKey fk = schema.foreignKeysOf("users").get(0);
            assertThat(fk.columns()).containsExactly("teamId");
            assertThat(fk.onUpdate()).isEqualTo(ReferentialAction.CASCADE);
            assertThat(fk.onDelete()).isEqualTo(ReferentialAction.SET_NULL);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"users\"")).isEqualTo(2);
            Jdbc.execute(h.db, "UPDATE \"users\" SET \"teamId\" = ?", 1);
            Jdbc.execute(h.db, "UPDATE \"teams\" SET \"id\" = ? WHERE \"id\" = ?", 7, 1);
            assertThat(Jdbc.ints(h.db, "SELECT \"teamId\" FROM \"users\" ORDER BY \"id\"")).containsExactly(7, 7);
            Jdbc.execute(h.db, "DELETE FROM \"teams\" WHERE \"id\" = ?", 7);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"users\" WHERE \"teamId\" IS NULL")).isEqualTo(2);

            schema.removeColumn("users", "teamId");

            assertThat(schema.describeTable("users").columnNames()).containsExactly("id", "email", "active");
            assertThat(schema.foreignKeysOf("users")).isEmpty();
            assertThat(Jdbc.strings(h.db, "SELECT \"email\" FROM \"users\" ORDER BY \"id\"")).containsExactly("a@x", "b@x");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("describeTable tells columns, types, nullability, keys and indexes; mistakes name what exists")
    void describeAndMistakes(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("describe")) {
            SchemaApi schema = h.db.schemaApi();
            schema.createTable("memberships", Columns.of("userId", ColumnDefinition.integer())
                    .and("teamId", ColumnDefinition.integer())
                    .and("role", ColumnDefinition.string(20).notNull().defaultValue("member")),
                    TableOptions.none().primaryKey("userId", "teamId"));
            schema.addIndex("memberships", IndexDefinition.on("role", "teamId").named("idx_role_team"));

            TableDescription d = schema.describeTable("memberships");
            assertThat(d.primaryKey()).containsExactly("userId", "teamId");
            assertThat(d.column("role").allowNull()).isFalse();
            assertThat(d.column("role").type()).isEqualTo(dev.canopy.model.DataType.string(20));
            assertThat(d.column("role").defaultValue()).contains("member");
            assertThat(d.indexes()).anySatisfy(i -> {
                assertThat(i.name()).isEqualToIgnoringCase("idx_role_team");
                assertThat(i.columns()).containsExactly("role", "teamId");
            });
            assertThat(schema.showAllTables()).anyMatch(t -> t.equalsIgnoreCase("memberships"));

            schema.removeIndex("memberships", "idx_role_team");
            assertThat(schema.describeTable("memberships").indexes()).noneMatch(i -> i.name().equalsIgnoreCase("idx_role_team"));

            assertThatThrownBy(() -> schema.describeTable("membership")).isInstanceOf(SchemaException.class)
                    .hasMessageContaining("'membership' does not exist").hasMessageContaining("memberships");
            assertThatThrownBy(() -> schema.removeColumn("memberships", "rank")).isInstanceOf(SchemaException.class)
                    .hasMessageContaining("no column 'rank'").hasMessageContaining("userId, teamId, role");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("changeColumn, renameColumn, renameTable, unique and check constraints keep the rows")
    void changesKeepRows(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("changes")) {
            SchemaApi schema = h.db.schemaApi();
            schema.createTable("books", Columns.of("id", ColumnDefinition.integer().primaryKey())
                    .and("title", ColumnDefinition.string(40))
                    .and("pages", ColumnDefinition.integer()));
            Jdbc.execute(h.db, "INSERT INTO \"books\" (\"id\", \"title\", \"pages\") VALUES (?, ?, ?)", 1, "Dune", 412);

            schema.changeColumn("books", "title", ColumnDefinition.string(200).notNull());
            TableDescription.Column title = schema.describeTable("books").column("title");
            assertThat(title.allowNull()).isFalse();
            if (kind != TestDatabase.SQLITE) {
                assertThat(title.type()).isEqualTo(dev.canopy.model.DataType.string(200));
            }
            schema.renameColumn("books", "pages", "pageCount");
            schema.renameTable("books", "novels");
            schema.addConstraint("novels", TableConstraint.unique("uq_novels_title", "title"));
            schema.addConstraint("novels", TableConstraint.check("ck_novels_pages", Jdbc.sql(h.db, "\"pageCount\" > 0")));

            assertThat(Jdbc.ints(h.db, "SELECT \"pageCount\" FROM \"novels\"")).containsExactly(412);
            assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"novels\" (\"id\", \"title\", \"pageCount\") VALUES (?, ?, ?)", 2, "Dune", 1))
                    .isInstanceOf(ConstraintViolationException.class);
            assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"novels\" (\"id\", \"title\", \"pageCount\") VALUES (?, ?, ?)", 3, "Emma", -1))
                    .isInstanceOf(ConstraintViolationException.class);

            schema.removeConstraint("novels", "uq_novels_title");
            schema.removeConstraint("novels", "ck_novels_pages");
            Jdbc.execute(h.db, "INSERT INTO \"novels\" (\"id\", \"title\", \"pageCount\") VALUES (?, ?, ?)", 4, "Dune", -1);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"novels\"")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("add nullable, backfill in batches, make NOT NULL: 100,000 rows, none lost")
    void addNullableBackfillNotNull(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("backfill")) {
            SchemaApi schema = h.db.schemaApi();
            schema.createTable("readings", Columns.of("id", ColumnDefinition.integer().primaryKey())
                    .and("celsius", ColumnDefinition.integer().notNull()));
            int total = 100_000;
            for (int from = 1; from <= total; from += 1000) {
                List<Map<String, ?>> rows = new ArrayList<>();
                for (int id = from; id < from + 1000; id++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", id);
                    row.put("celsius", id % 40);
                    rows.add(row);
                }
                schema.bulkInsert("readings", rows);
            }

            schema.addColumn("readings", "kelvin", ColumnDefinition.integer());
            int batch = 10_000;
            for (int from = 1; from <= total; from += batch) {
                h.db.execute(Jdbc.sql(h.db, "UPDATE \"readings\" SET \"kelvin\" = \"celsius\" + 273 WHERE \"id\" >= ? AND \"id\" < ?"),
                        from, from + batch);
            }
            schema.changeColumn("readings", "kelvin", ColumnDefinition.integer().notNull());

            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"readings\"")).isEqualTo(total);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"readings\" WHERE \"kelvin\" = \"celsius\" + 273")).isEqualTo(total);
            assertThat(schema.describeTable("readings").column("kelvin").allowNull()).isFalse();
            assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"readings\" (\"id\", \"celsius\") VALUES (?, ?)", 0, 1))
                    .isInstanceOf(ConstraintViolationException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("dropping a column and adding a foreign key keep the rows and other tables' references (SQLite: by rebuild)")
    void rebuildKeepsDataAndReferences(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("rebuild")) {
            SchemaApi schema = h.db.schemaApi();
            schema.createTable("artists", Columns.of("id", ColumnDefinition.integer().primaryKey().autoIncrement())
                    .and("name", ColumnDefinition.string(80).notNull().unique())
                    .and("legacy", ColumnDefinition.string(10)));
            schema.createTable("albums", Columns.of("id", ColumnDefinition.integer().primaryKey())
                    .and("artistId", ColumnDefinition.integer().notNull().references("artists", "id").onDelete(ReferentialAction.CASCADE))
                    .and("labelId", ColumnDefinition.integer()));
            schema.createTable("labels", Columns.of("id", ColumnDefinition.integer().primaryKey()));
            schema.addIndex("artists", IndexDefinition.on("legacy"));
            schema.addIndex("artists", IndexDefinition.on("name").named("idx_artists_name"));
            Jdbc.execute(h.db, "INSERT INTO \"artists\" (\"name\", \"legacy\") VALUES (?, ?)", "AC/DC", "x");
            Jdbc.execute(h.db, "INSERT INTO \"artists\" (\"name\", \"legacy\") VALUES (?, ?)", "Accept", "y");
            Jdbc.execute(h.db, "INSERT INTO \"labels\" (\"id\") VALUES (?)", 5);
            Jdbc.execute(h.db, "INSERT INTO \"albums\" (\"id\", \"artistId\", \"labelId\") VALUES (?, ?, ?)", 10, 1, 5);
            Jdbc.execute(h.db, "INSERT INTO \"albums\" (\"id\", \"artistId\", \"labelId\") VALUES (?, ?, ?)", 11, 2, null);

            schema.removeColumn("artists", "legacy");
            schema.addConstraint("albums", TableConstraint.foreignKey("fk_albums_label", "labelId").references("labels", "id"));

            assertThat(schema.describeTable("artists").columnNames()).containsExactly("id", "name");
            assertThat(Jdbc.strings(h.db, "SELECT \"name\" FROM \"artists\" ORDER BY \"id\"")).containsExactly("AC/DC", "Accept");
            assertThat(schema.describeTable("artists").indexes()).anyMatch(i -> i.name().equalsIgnoreCase("idx_artists_name"));
            assertThat(schema.foreignKeysOf("albums")).extracting(TableDescription.ForeignKey::referencedTable)
                    .map(String::toLowerCase).containsExactlyInAnyOrder("artists", "labels");
            assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"artists\" (\"name\") VALUES (?)", "Accept"))
                    .isInstanceOf(ConstraintViolationException.class);
            assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"albums\" (\"id\", \"artistId\", \"labelId\") VALUES (?, ?, ?)", 12, 1, 6))
                    .isInstanceOf(ConstraintViolationException.class);
            Jdbc.execute(h.db, "INSERT INTO \"artists\" (\"name\") VALUES (?)", "Aerosmith");
            List<Integer> ids = Jdbc.ints(h.db, "SELECT \"id\" FROM \"artists\" ORDER BY \"id\"");
            assertThat(ids).hasSize(3).startsWith(1, 2);
            assertThat(ids.get(2)).as("the identity still counts on").isGreaterThan(2);
            Jdbc.execute(h.db, "DELETE FROM \"artists\" WHERE \"id\" = ?", 1);
            assertThat(Jdbc.ints(h.db, "SELECT \"id\" FROM \"albums\"")).containsExactly(11);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a dry-run API prints the DDL and changes nothing")
    void dryRun(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("dryrun")) {
            SchemaApi dry = h.db.schemaApi().dryRun();
            dry.createTable("teams", teams());
            assertThat(dry.statements()).hasSize(1);
            assertThat(dry.statements().get(0)).containsIgnoringCase("create table");
            assertThat(h.db.schemaApi().tableExists("teams")).isFalse();
        }
    }
}
