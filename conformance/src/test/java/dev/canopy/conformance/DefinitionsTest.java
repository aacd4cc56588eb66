package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.PLAYLIST_TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.canopy.Canopy;
import dev.canopy.error.NotNullConstraintException;
import dev.canopy.error.QueryException;
import dev.canopy.error.UniqueConstraintException;
import dev.canopy.result.Entity;
import dev.canopy.hydrate.Json;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Define: typed columns, nullability, defaults, keys, naming options, timestamps and soft deletes. */
@DisplayName("Definitions")
class DefinitionsTest {

    // ---- typed columns ------------------------------------------------------------------------------------------

    static final class Everything extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Long> big = bigint("big");
        final Column<BigDecimal> price = decimal("price", 12, 3);
        final Column<String> code = string("code", 16);
        final Column<String> body = text("body");
        final Column<Boolean> active = bool("active");
        final Column<LocalDate> born = date("born");
        final Column<LocalDateTime> seenAt = timestamp("seenAt");
        final Column<UUID> token = uuid("token");
        final Column<String> meta = json("meta");

        Everything() { super("Everything", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Strict extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40).notNull();
        final Column<String> email = string("email", 60).unique();

        Strict() { super("Strict", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Defaulted extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> status = string("status", 10).notNull().defaultValue("draft");
        final Column<Integer> priority = integer("priority").defaultValue(3);
        final Column<Boolean> visible = bool("visible").defaultValue(true);

        Defaulted() { super("Defaulted", ModelOptions.defaults().timestamps(false)); }
    }

    static final Everything EVERYTHING = new Everything();
    static final Strict STRICT = new Strict();
    static final Defaulted DEFAULTED = new Defaulted();
    static final Schema TYPES = Schema.builder().models(EVERYTHING, STRICT, DEFAULTED).build();

    @Nested
    @DisplayName("typed columns")
    class TypedColumns {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a value of every column type but uuid comes back equal and with its Java type")
        void everyTypeRoundTrips(TestDatabase kind) {
            String body = "long text ".repeat(600);
            try (TestDatabase.Handle h = kind.open("types")) {
                Canopy db = h.db.withSchema(TYPES);
                db.sync(TYPES);
                Rows.insert(db, EVERYTHING, "id", 1, "big", 9_000_000_000L, "price", new BigDecimal("12345.678"),
                        "code", "ABC-123", "body", body, "active", true, "born", LocalDate.of(1969, 7, 20),
                        "seenAt", LocalDateTime.of(2024, 2, 29, 13, 45, 30), "meta", "{\"a\":[1,2],\"b\":\"x\"}");

                List<Entity> all = db.findAll(EVERYTHING);

                assertThat(all).hasSize(1);
                Entity e = all.get(0);
                assertThat(e.get(EVERYTHING.id)).isInstanceOf(Integer.class).isEqualTo(1);
                assertThat(e.get(EVERYTHING.big)).isInstanceOf(Long.class).isEqualTo(9_000_000_000L);
                assertThat(e.get(EVERYTHING.price)).isInstanceOf(BigDecimal.class).isEqualByComparingTo("12345.678");
                assertThat(e.get(EVERYTHING.code)).isEqualTo("ABC-123");
                assertThat(e.get(EVERYTHING.body)).isEqualTo(body);
                assertThat(e.get(EVERYTHING.active)).isInstanceOf(Boolean.class).isTrue();
                assertThat(e.get(EVERYTHING.born)).isInstanceOf(LocalDate.class).isEqualTo(LocalDate.of(1969, 7, 20));
                assertThat(e.get(EVERYTHING.seenAt)).isInstanceOf(LocalDateTime.class)
                        .isEqualTo(LocalDateTime.of(2024, 2, 29, 13, 45, 30));
                assertThat(e.get(EVERYTHING.token)).isNull();
                assertThat(json(e.get(EVERYTHING.meta))).isEqualTo(json("{\"a\":[1,2],\"b\":\"x\"}"));
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a uuid comes back as a UUID, and a where on it finds its row")
        void uuidRoundTrips(TestDatabase kind) {
            UUID token = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
            UUID other = UUID.fromString("00000000-0000-4000-8000-000000000002");
            try (TestDatabase.Handle h = kind.open("uuid")) {
                Canopy db = h.db.withSchema(TYPES);
                db.sync(TYPES);
                Rows.insert(db, EVERYTHING, "id", 1, "token", token);
                Rows.insert(db, EVERYTHING, "id", 2, "token", other);

                List<Entity> found = db.findAll(Query.from(EVERYTHING).where(EVERYTHING.token.eq(token)));

                assertThat(found).extracting(e -> e.get(EVERYTHING.id)).containsExactly(1);
                assertThat(found.get(0).get(EVERYTHING.token)).isInstanceOf(UUID.class).isEqualTo(token);
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("timestamps before 1970 and after 2038 round-trip (Chinook's employees were born in the 1940s)")
        void timestampsOutsideTheUnixEpochRange(TestDatabase kind) {
            LocalDateTime early = LocalDateTime.of(1947, 9, 19, 0, 0);
            LocalDateTime late = LocalDateTime.of(2041, 1, 2, 3, 4, 5);
            try (TestDatabase.Handle h = kind.open("timestamps")) {
                Canopy db = h.db.withSchema(TYPES);
                db.sync(TYPES);
                Rows.insert(db, EVERYTHING, "id", 1, "seenAt", early);
                Rows.insert(db, EVERYTHING, "id", 2, "seenAt", late);

                List<Entity> rows = db.findAll(Query.from(EVERYTHING).order(EVERYTHING.id.asc()));

                assertThat(rows).extracting(e -> e.get(EVERYTHING.seenAt)).containsExactly(early, late);
                assertThat(db.count(Query.from(EVERYTHING).where(EVERYTHING.seenAt.lt(LocalDateTime.of(1970, 1, 1, 0, 0))))).isEqualTo(1);
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a null in a nullable column of any type comes back as null, and false stays false")
        void nullsRoundTrip(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("nulls")) {
                Canopy db = h.db.withSchema(TYPES);
                db.sync(TYPES);
                Rows.insert(db, EVERYTHING, "id", 2, "active", false, "big", 0L);

                Entity e = db.findByPk(EVERYTHING, 2);

                assertThat(e).isNotNull();
                assertThat(e.get(EVERYTHING.active)).isFalse();
                assertThat(e.get(EVERYTHING.big)).isEqualTo(0L);
                for (Column<?> c : List.of(EVERYTHING.price, EVERYTHING.code, EVERYTHING.body, EVERYTHING.born,
                        EVERYTHING.seenAt, EVERYTHING.token, EVERYTHING.meta)) {
                    assertThat(e.get(c)).as(c.toString()).isNull();
                }
                assertThat(e.toMap()).containsEntry("price", null).containsEntry("active", false);
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a row without a value for a NOT NULL column fails with NotNullConstraintException")
        void notNullViolation(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("notnull")) {
                Canopy db = h.db.withSchema(TYPES);
                db.sync(TYPES);

                assertThatThrownBy(() -> Rows.insert(db, STRICT, "id", 1, "name", null))
                        .isInstanceOf(NotNullConstraintException.class);
                assertThat(db.count(STRICT)).isZero();
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a duplicate primary key or unique value fails with UniqueConstraintException")
        void uniqueViolation(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("unique")) {
                Canopy db = h.db.withSchema(TYPES);
                db.sync(TYPES);
                Rows.insert(db, STRICT, "id", 1, "name", "first", "email", "a@example.com");

                assertThatThrownBy(() -> Rows.insert(db, STRICT, "id", 1, "name", "second", "email", "b@example.com"))
                        .isInstanceOf(UniqueConstraintException.class);
                assertThatThrownBy(() -> Rows.insert(db, STRICT, "id", 2, "name", "third", "email", "a@example.com"))
                        .isInstanceOf(UniqueConstraintException.class);
                assertThat(db.findAll(STRICT)).extracting(e -> e.get(STRICT.name)).containsExactly("first");
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("columns left out of an insert get the defaults the model declares")
        void defaultsAreFilledIn(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("defaults")) {
                Canopy db = h.db.withSchema(TYPES);
                db.sync(TYPES);
                Rows.insert(db, DEFAULTED, "id", 1);
                Rows.insert(db, DEFAULTED, "id", 2, "status", "final", "priority", 9, "visible", false);

                List<Entity> rows = db.findAll(Query.from(DEFAULTED).order(DEFAULTED.id.asc()));

                assertThat(rows).extracting(e -> e.get(DEFAULTED.status)).containsExactly("draft", "final");
                assertThat(rows).extracting(e -> e.get(DEFAULTED.priority)).containsExactly(3, 9);
                assertThat(rows).extracting(e -> e.get(DEFAULTED.visible)).containsExactly(true, false);
            }
        }
    }

    // ---- composite primary keys -----------------------------------------------------------------------------------

    /** A composite key (a, b) plus a unique code, so that a hasMany can hang off it by sourceKey. */
    static final class Pair extends Model {
        final Column<Integer> a = integer("a").primaryKey();
        final Column<Integer> b = integer("b").primaryKey();
        final Column<String> code = string("code", 10).notNull().unique();
        final Column<String> label = string("label", 40);

        Pair() { super("Pair", ModelOptions.defaults().timestamps(false)); }
    }

    static final class PairNote extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> pairCode = string("pairCode", 10);
        final Column<String> text = string("text", 40);

        PairNote() { super("PairNote", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Shelf extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Shelf() { super("Shelf", ModelOptions.defaults().timestamps(false)); }
    }

    /** A slot of a shelf, keyed by its position (rowNo, colNo). */
    static final class Slot extends Model {
        final Column<Integer> rowNo = integer("rowNo").primaryKey();
        final Column<Integer> colNo = integer("colNo").primaryKey();
        final Column<Integer> shelfId = integer("shelfId");
        final Column<String> item = string("item", 40);

        Slot() { super("Slot", ModelOptions.defaults().timestamps(false)); }
    }

    static final class ShelfLabel extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> shelfId = integer("shelfId");
        final Column<String> text = string("text", 40);

        ShelfLabel() { super("ShelfLabel", ModelOptions.defaults().timestamps(false)); }
    }

    static final Pair PAIR = new Pair();
    static final PairNote PAIR_NOTE = new PairNote();
    static final Shelf SHELF = new Shelf();
    static final Slot SLOT = new Slot();
    static final ShelfLabel SHELF_LABEL = new ShelfLabel();
    static final Schema COMPOSITE = Schema.of(
            Association.hasMany(PAIR, PAIR_NOTE).alias("notes").foreignKey("pairCode").sourceKey("code"),
            Association.hasMany(SHELF, SLOT).alias("slots").foreignKey("shelfId"),
            Association.hasMany(SHELF, SHELF_LABEL).alias("labels").foreignKey("shelfId"),
            Association.belongsTo(SLOT, SHELF).alias("shelf").foreignKey("shelfId"));

    static void loadComposite(Canopy db) {
        db.sync(COMPOSITE);
        Rows.insert(db, PAIR, "a", 1, "b", 23, "code", "p1-23", "label", "one-twentythree");
        Rows.insert(db, PAIR, "a", 12, "b", 3, "code", "p12-3", "label", "twelve-three");
        Rows.insert(db, PAIR_NOTE, "id", 1, "pairCode", "p1-23", "text", "n1");
        Rows.insert(db, PAIR_NOTE, "id", 2, "pairCode", "p1-23", "text", "n2");
        Rows.insert(db, PAIR_NOTE, "id", 3, "pairCode", "p12-3", "text", "n3");
        Rows.insert(db, PAIR_NOTE, "id", 4, "pairCode", "p12-3", "text", "n4");
        Rows.insert(db, SHELF, "id", 1, "name", "top");
        Rows.insert(db, SHELF, "id", 2, "name", "bottom");
        Rows.insert(db, SLOT, "rowNo", 1, "colNo", 23, "shelfId", 1, "item", "cup");
        Rows.insert(db, SLOT, "rowNo", 12, "colNo", 3, "shelfId", 1, "item", "plate");
        Rows.insert(db, SLOT, "rowNo", 2, "colNo", 2, "shelfId", 2, "item", "pan");
        Rows.insert(db, SHELF_LABEL, "id", 1, "shelfId", 1, "text", "kitchen");
        Rows.insert(db, SHELF_LABEL, "id", 2, "shelfId", 1, "text", "fragile");
    }

    @Nested
    @DisplayName("composite primary keys")
    class CompositeKeys {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("findByPk takes one value per key column and finds that row only")
        void findByPkWithTwoValues(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("cpk", COMPOSITE)) {
                loadComposite(h.db);

                Entity twelveThree = h.db.findByPk(PAIR, 12, 3);
                Entity oneTwentyThree = h.db.findByPk(PAIR, 1, 23);

                assertThat(twelveThree).isNotNull();
                assertThat(twelveThree.get(PAIR.label)).isEqualTo("twelve-three");
                assertThat(oneTwentyThree).isNotNull();
                assertThat(oneTwentyThree.get(PAIR.label)).isEqualTo("one-twentythree");
                assertThat(h.db.findByPk(PAIR, 1, 3)).isNull();
                assertThatThrownBy(() -> h.db.findByPk(PAIR, 1)).isInstanceOf(QueryException.class)
                        .hasMessageContaining("Pair").hasMessageContaining("a, b");
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("roots keyed (1, 23) and (12, 3) are two entities, each with its own children, and count as two")
        void compositeRootIdentityIsATuple(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("cpkroot", COMPOSITE)) {
                loadComposite(h.db);
                Query q = Query.from(PAIR).include("notes").order(PAIR.a.asc(), PAIR_NOTE.id.at("notes").asc());

                List<Entity> pairs = h.db.findAll(q);

                assertThat(pairs).extracting(p -> p.get(PAIR.label)).containsExactly("one-twentythree", "twelve-three");
                assertThat(pairs.get(0).many("notes")).extracting(n -> n.get(PAIR_NOTE.text)).containsExactly("n1", "n2");
                assertThat(pairs.get(1).many("notes")).extracting(n -> n.get(PAIR_NOTE.text)).containsExactly("n3", "n4");
                assertThat(h.db.count(q)).isEqualTo(2);
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("included children keyed (1, 23) and (12, 3) stay two children, once each, beside a to-many sibling")
        void compositeIncludedIdentityIsATuple(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("cpkinc", COMPOSITE)) {
                loadComposite(h.db);
                Query q = Query.from(SHELF).include("slots").include("labels")
                        .order(SHELF.id.asc(), SLOT.rowNo.at("slots").asc(), SHELF_LABEL.id.at("labels").asc());

                List<Entity> shelves = h.db.findAll(q);

                assertThat(shelves).hasSize(2);
                Entity top = shelves.get(0);
                assertThat(top.many("slots")).extracting(s -> s.get(SLOT.item)).containsExactly("cup", "plate");
                assertThat(top.many("slots")).extracting(s -> List.of(s.get(SLOT.rowNo), s.get(SLOT.colNo)))
                        .containsExactly(List.of(1, 23), List.of(12, 3));
                assertThat(top.many("labels")).extracting(l -> l.get(SHELF_LABEL.text)).containsExactly("kitchen", "fragile");
                assertThat(shelves.get(1).many("slots")).extracting(s -> s.get(SLOT.item)).containsExactly("pan");
                assertThat(shelves.get(1).many("labels")).isEmpty();
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("Chinook's junction PlaylistTrack is found by its (PlaylistId, TrackId) key, in that order, and counted by it")
        void chinookJunctionKey(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<Object> pair = Jdbc.rows(db, "SELECT \"PlaylistId\", \"TrackId\" FROM \"PlaylistTrack\" pt WHERE NOT EXISTS "
                    + "(SELECT 1 FROM \"PlaylistTrack\" r WHERE r.\"PlaylistId\" = pt.\"TrackId\" AND r.\"TrackId\" = pt.\"PlaylistId\") "
                    + "AND \"PlaylistId\" <> \"TrackId\" ORDER BY \"PlaylistId\", \"TrackId\"").get(0);
            int playlistId = ((Number) pair.get(0)).intValue();
            int trackId = ((Number) pair.get(1)).intValue();

            Entity found = db.findByPk(PLAYLIST_TRACK, playlistId, trackId);

            assertThat(PLAYLIST_TRACK.primaryKey()).extracting(Column::name).containsExactly("PlaylistId", "TrackId");
            assertThat(found).isNotNull();
            assertThat(found.get(PLAYLIST_TRACK.playlistId)).isEqualTo(playlistId);
            assertThat(found.get(PLAYLIST_TRACK.trackId)).isEqualTo(trackId);
            assertThat(db.findByPk(PLAYLIST_TRACK, trackId, playlistId)).isNull();
            assertThat(db.count(PLAYLIST_TRACK)).isEqualTo(Jdbc.count(db, "SELECT COUNT(*) FROM \"PlaylistTrack\""));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a composite-key model is a root of its own and includes its single-key parent")
        void compositeRootWithBelongsTo(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("cpkbt", COMPOSITE)) {
                loadComposite(h.db);

                List<Entity> slots = h.db.findAll(Query.from(SLOT).include("shelf").order(SLOT.rowNo.asc()));

                assertThat(slots).extracting(s -> s.get(SLOT.item)).containsExactly("cup", "pan", "plate");
                assertThat(slots).extracting(s -> s.one("shelf").get(SHELF.name)).containsExactly("top", "bottom", "top");
                assertThat(h.db.count(SLOT)).isEqualTo(3);
            }
        }
    }

    // ---- naming -------------------------------------------------------------------------------------------------------

    static final class UserAccount extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> firstName = string("firstName", 40);
        final Column<String> homeTownName = string("homeTownName", 40);

        UserAccount() { super("UserAccount", ModelOptions.defaults().underscored()); }
    }

    static final class Person extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        Person() { super("Person", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Category extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        Category() { super("Category", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Setting extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        Setting() { super("Setting", ModelOptions.defaults().freezeTableName().timestamps(false)); }
    }

    static final class Gadget extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Gadget() { super("Gadget", ModelOptions.defaults().table("legacy_gadget_tbl").timestamps(false)); }
    }

    static final class Stamped extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        Stamped() { super("Stamped"); }
    }

    static final UserAccount USER_ACCOUNT = new UserAccount();
    static final Person PERSON = new Person();
    static final Category CATEGORY = new Category();
    static final Setting SETTING = new Setting();
    static final Gadget GADGET = new Gadget();
    static final Stamped STAMPED = new Stamped();
    static final Schema NAMING = Schema.builder().models(USER_ACCOUNT, PERSON, CATEGORY, SETTING, GADGET, STAMPED).build();

    @Nested
    @DisplayName("naming options")
    class NamingOptions {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("underscored stores camelCase attributes in snake_case columns of a snake_case plural table")
        void underscoredNames(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("underscored")) {
                Canopy db = h.db.withSchema(NAMING);
                db.sync(NAMING);
                Rows.insert(db, USER_ACCOUNT, "id", 1, "firstName", "Ada", "homeTownName", "London");

                assertThat(USER_ACCOUNT.tableName()).isEqualTo("user_accounts");
                assertThat(USER_ACCOUNT.firstName.field()).isEqualTo("first_name");
                assertThat(Jdbc.rows(db, "SELECT \"first_name\", \"home_town_name\" FROM \"user_accounts\""))
                        .containsExactly(List.of("Ada", "London"));
                assertThat(Jdbc.count(db, "SELECT COUNT(*) FROM \"user_accounts\" WHERE \"created_at\" IS NOT NULL AND \"updated_at\" IS NOT NULL"))
                        .isEqualTo(1);
                Entity ada = db.findByPk(USER_ACCOUNT, 1);
                assertThat(ada.get(USER_ACCOUNT.firstName)).isEqualTo("Ada");
                assertThat(ada.get("homeTownName")).isEqualTo("London");
                assertThat(ada.get("createdAt")).isEqualTo(Rows.STAMP);
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("tables are plural by default, named like the model when frozen, and exactly as given by table(...)")
        void tableNames(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("tablenames")) {
                Canopy db = h.db.withSchema(NAMING);
                db.sync(NAMING);
                Rows.insert(db, GADGET, "id", 7, "name", "sprocket");

                assertThat(List.of(PERSON.tableName(), CATEGORY.tableName(), SETTING.tableName(), GADGET.tableName()))
                        .containsExactly("People", "Categories", "Setting", "legacy_gadget_tbl");
                for (String table : List.of("People", "Categories", "Setting")) {
                    assertThat(Jdbc.count(db, "SELECT COUNT(*) FROM \"" + table + "\"")).as(table).isZero();
                }
                assertThat(Jdbc.strings(db, "SELECT \"name\" FROM \"legacy_gadget_tbl\"")).containsExactly("sprocket");
                assertThat(db.findAll(GADGET)).extracting(g -> g.get(GADGET.name)).containsExactly("sprocket");
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("timestamps add NOT NULL createdAt and updatedAt columns; timestamps(false) adds none")
        void timestampColumns(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("timestamps")) {
                Canopy db = h.db.withSchema(NAMING);
                db.sync(NAMING);
                LocalDateTime created = LocalDateTime.of(2023, 5, 6, 7, 8, 9);
                LocalDateTime updated = LocalDateTime.of(2023, 6, 7, 8, 9, 10);
                Rows.insert(db, STAMPED, "id", 1, "createdAt", created, "updatedAt", updated);

                assertThat(STAMPED.columns()).extracting(Column::name).containsExactly("id", "createdAt", "updatedAt");
                assertThat(STAMPED.column("createdAt").allowNull()).isFalse();
                assertThat(PERSON.findColumn("createdAt")).isNull();
                assertThat(PERSON.findColumn("updatedAt")).isNull();
                assertThat(Jdbc.count(db, "SELECT COUNT(*) FROM \"Stampeds\" WHERE \"createdAt\" IS NOT NULL AND \"updatedAt\" IS NOT NULL"))
                        .isEqualTo(1);
                Entity e = db.findByPk(STAMPED, 1);
                assertThat(e.get("createdAt")).isEqualTo(created);
                assertThat(e.get("updatedAt")).isEqualTo(updated);
                assertThatThrownBy(() -> Rows.insert(db, STAMPED, "id", 2, "createdAt", created, "updatedAt", null))
                        .isInstanceOf(NotNullConstraintException.class);
            }
        }
    }

    // ---- paranoid -----------------------------------------------------------------------------------------------------

    static final class Author extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Author() { super("Author", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Memo extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> authorId = integer("authorId");
        final Column<String> text = string("text", 40);

        Memo() { super("Memo", ModelOptions.defaults().paranoid()); }
    }

    static final Author AUTHOR = new Author();
    static final Memo MEMO = new Memo();
    static final Schema PARANOID = Schema.of(
            Association.hasMany(AUTHOR, MEMO).alias("memos").foreignKey("authorId"),
            Association.belongsTo(MEMO, AUTHOR).alias("author").foreignKey("authorId"));

    static void loadParanoid(Canopy db) {
        db.sync(PARANOID);
        Rows.insert(db, AUTHOR, "id", 1, "name", "Ann");
        Rows.insert(db, AUTHOR, "id", 2, "name", "Bob");
        Rows.insert(db, MEMO, "id", 1, "authorId", 1, "text", "live");
        Rows.insert(db, MEMO, "id", 2, "authorId", 1, "text", "gone", "deletedAt", LocalDateTime.of(2024, 3, 1, 0, 0));
        Rows.insert(db, MEMO, "id", 3, "authorId", 2, "text", "also gone", "deletedAt", LocalDateTime.of(2024, 3, 2, 0, 0));
    }

    @Nested
    @DisplayName("paranoid models")
    class Paranoid {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("soft-deleted roots are left out by default and come back with paranoid(false)")
        void softDeletedRoots(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("paranoid", PARANOID)) {
                loadParanoid(h.db);

                assertThat(MEMO.findColumn("deletedAt")).isNotNull();
                assertThat(h.db.findAll(Query.from(MEMO).order(MEMO.id.asc()))).extracting(m -> m.get(MEMO.id)).containsExactly(1);
                assertThat(h.db.findAll(Query.from(MEMO).paranoid(false).order(MEMO.id.asc())))
                        .extracting(m -> m.get(MEMO.id)).containsExactly(1, 2, 3);
                assertThat(h.db.count(Query.from(MEMO))).isEqualTo(1);
                assertThat(h.db.count(Query.from(MEMO).paranoid(false))).isEqualTo(3);
                assertThat(h.db.findByPk(MEMO, 2)).isNull();
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("soft-deleted included rows are left out of their parents, which stay; paranoid(false) brings them back")
        void softDeletedIncludes(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("paranoidinc", PARANOID)) {
                loadParanoid(h.db);
                Query q = Query.from(AUTHOR).include("memos").order(AUTHOR.id.asc(), MEMO.id.at("memos").asc());

                List<Entity> authors = h.db.findAll(q);
                List<Entity> all = h.db.findAll(q.paranoid(false));
                List<Entity> withMemos = h.db.findAll(Query.from(AUTHOR).include("memos", m -> m.required()));

                assertThat(authors).extracting(a -> a.get(AUTHOR.name)).containsExactly("Ann", "Bob");
                assertThat(authors.get(0).many("memos")).extracting(m -> m.get(MEMO.text)).containsExactly("live");
                assertThat(authors.get(1).many("memos")).isEmpty();
                assertThat(all.get(0).many("memos")).extracting(m -> m.get(MEMO.text)).containsExactly("live", "gone");
                assertThat(all.get(1).many("memos")).extracting(m -> m.get(MEMO.text)).containsExactly("also gone");
                assertThat(withMemos).extracting(a -> a.get(AUTHOR.name)).containsExactly("Ann");
            }
        }
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
