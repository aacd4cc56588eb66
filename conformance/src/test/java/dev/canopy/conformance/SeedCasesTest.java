package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The cases the project was seeded with, each on its own small schema. */
@DisplayName("Seed cases")
class SeedCasesTest {

    private static ModelOptions plain() {
        return ModelOptions.defaults().timestamps(false);
    }

    // ---- SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116 ----------------------------

    static final class Zone extends Model {
        final Column<Integer> zid = integer("zid").primaryKey();
        final Column<String> zoneName = string("zoneName", 64).field("zone_name");

        Zone() { super("Zone", plain().table("zones")); }
    }

    static final class Event extends Model {
        final Column<Integer> eventId = integer("eventId").primaryKey().field("event_id");
        final Column<String> eventName = string("eventName", 64).notNull().field("event_name");
        final Column<Integer> eventTz = integer("eventTz").field("event_tz");
        final Column<Integer> eventCreatorFk = integer("eventCreatorFk").notNull().field("event_creator_fk");

        Event() { super("Event", plain().table("events")); }
    }

    static final Zone ZONE = new Zone();
    static final Event EVENT = new Event();
    static final Schema EVENTS = Schema.of(Association.belongsTo(EVENT, ZONE).alias("zone").foreignKey("eventTz").targetKey("zid"));

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("events LEFT JOIN zones on tables Canopy did not create return the rows the raw SQL returns, missing zones as null")
    void eventsAndZones(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("events", EVENTS)) {
            Canopy db = h.db;
            Jdbc.execute(db, "CREATE TABLE \"zones\" (\"zid\" INT NOT NULL PRIMARY KEY, \"zone_name\" VARCHAR(64))");
            Jdbc.execute(db, "CREATE TABLE \"events\" (\"event_id\" INT NOT NULL PRIMARY KEY, \"event_name\" VARCHAR(64) NOT NULL, "
                    + "\"event_tz\" INT, \"event_creator_fk\" INT NOT NULL)");
            Jdbc.execute(db, "INSERT INTO \"zones\" (\"zid\", \"zone_name\") VALUES (?, ?)", 1, "UTC");
            Jdbc.execute(db, "INSERT INTO \"zones\" (\"zid\", \"zone_name\") VALUES (?, ?)", 2, "CET");
            Object[][] events = {{1, "launch", 1, 116}, {2, "review", 2, 116}, {3, "no zone", null, 116}, {4, "lost zone", 99, 116},
                    {5, "someone else's", 1, 117}};
            for (Object[] e : events) {
                Jdbc.execute(db, "INSERT INTO \"events\" (\"event_id\", \"event_name\", \"event_tz\", \"event_creator_fk\") VALUES (?, ?, ?, ?)", e);
            }
            List<List<Object>> raw = Jdbc.rows(db, "SELECT \"event_id\", \"event_name\", \"zid\", \"zone_name\" FROM \"events\" "
                    + "LEFT JOIN \"zones\" ON \"event_tz\" = \"zid\" WHERE \"event_creator_fk\" = ? ORDER BY \"event_id\"", 116);
            List<List<Object>> expected = raw.stream().map(r -> Arrays.<Object>asList(((Number) r.get(0)).intValue(), r.get(1),
                    r.get(2) == null ? null : ((Number) r.get(2)).intValue(), r.get(3))).collect(Collectors.toList());

            List<Entity> found = db.findAll(Query.from(EVENT).include("zone").where(EVENT.eventCreatorFk.eq(116)).order(EVENT.eventId.asc()));

            List<List<Object>> actual = new ArrayList<>();
            for (Entity e : found) {
                Entity zone = e.one("zone");
                actual.add(Arrays.asList(e.get(EVENT.eventId), e.get(EVENT.eventName),
                        zone == null ? null : zone.get(ZONE.zid), zone == null ? null : zone.get(ZONE.zoneName)));
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(actual).extracting(r -> r.get(1)).containsExactly("launch", "review", "no zone", "lost zone");
            assertThat(found.get(3).one("zone")).isNull();
        }
    }

    // ---- document with sibling includes user (required, where) and reference (optional), ordered by date ------------------

    static final class Organization extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Organization() { super("Organization", ModelOptions.defaults().underscored()); }
    }

    static final class User extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);
        final Column<Integer> organizationId = integer("organizationId");

        User() { super("User", ModelOptions.defaults().underscored()); }
    }

    static final class Reference extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> code = string("code", 20);

        Reference() { super("Reference", ModelOptions.defaults().underscored()); }
    }

    static final class Document extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title", 40);
        final Column<LocalDate> documentDate = date("documentDate");

        Document() { super("Document", ModelOptions.defaults().underscored()); }
    }

    static final Organization ORGANIZATION = new Organization();
    static final User USER = new User();
    static final Reference REFERENCE = new Reference();
    static final Document DOCUMENT = new Document();
    static final Schema DOCUMENTS = Schema.of(
            Association.belongsTo(USER, ORGANIZATION).alias("organization"),
            Association.belongsTo(DOCUMENT, USER).alias("user"),
            Association.belongsTo(DOCUMENT, REFERENCE).alias("reference"));

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("documents of organization 1's users, newest first, keep those without a reference (reference null)")
    void documentsWithUserAndReference(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("documents")) {
            Canopy db = h.db.withSchema(DOCUMENTS);
            db.sync(DOCUMENTS);
            Rows.insert(db, ORGANIZATION, "id", 1, "name", "Acme");
            Rows.insert(db, ORGANIZATION, "id", 2, "name", "Globex");
            Rows.insert(db, USER, "id", 1, "name", "ann", "organizationId", 1);
            Rows.insert(db, USER, "id", 2, "name", "bob", "organizationId", 1);
            Rows.insert(db, USER, "id", 3, "name", "cid", "organizationId", 2);
            Rows.insert(db, REFERENCE, "id", 1, "code", "R-1");
            Rows.insert(db, DOCUMENT, "id", 1, "title", "d1", "documentDate", LocalDate.of(2024, 1, 10), "userId", 1, "referenceId", 1);
            Rows.insert(db, DOCUMENT, "id", 2, "title", "d2", "documentDate", LocalDate.of(2024, 3, 5), "userId", 2, "referenceId", null);
            Rows.insert(db, DOCUMENT, "id", 3, "title", "d3", "documentDate", LocalDate.of(2024, 2, 1), "userId", 3, "referenceId", 1);
            Rows.insert(db, DOCUMENT, "id", 4, "title", "d4", "documentDate", LocalDate.of(2023, 12, 31), "userId", 1, "referenceId", null);
            Rows.insert(db, DOCUMENT, "id", 5, "title", "d5", "documentDate", LocalDate.of(2024, 2, 20), "userId", 2, "referenceId", 1);

            Query q = Query.from(DOCUMENT)
                    .include("user", u -> u.required().where(USER.organizationId.eq(1)))
                    .include("reference")
                    .order(DOCUMENT.documentDate.desc());
            List<Entity> docs = db.findAll(q);

            assertThat(DOCUMENT.tableName()).isEqualTo("documents");
            assertThat(DOCUMENT.column("userId").field()).isEqualTo("user_id");
            assertThat(DOCUMENT.documentDate.field()).isEqualTo("document_date");
            assertThat(docs).extracting(d -> d.get(DOCUMENT.title)).containsExactly("d2", "d5", "d1", "d4");
            assertThat(docs).allSatisfy(d -> assertThat(d.one("user").get(USER.organizationId)).isEqualTo(1));
            assertThat(docs).extracting(d -> d.one("reference") == null ? null : d.one("reference").get(REFERENCE.code))
                    .containsExactly(null, "R-1", "R-1", null);
            assertThat(db.count(q)).isEqualTo(4);
        }
    }

    // ---- foo.hasMany(bar, {foreignKey: 'idfoo'}) with custom primary keys ------------------------------------------------

    static final class Foo extends Model {
        final Column<Integer> idfoo = integer("idfoo").primaryKey();
        final Column<String> name = string("name", 40);

        Foo() { super("foo", plain()); }
    }

    static final class Bar extends Model {
        final Column<Integer> idbar = integer("idbar").primaryKey();
        final Column<Integer> idfoo = integer("idfoo");
        final Column<String> label = string("label", 40);

        Bar() { super("bar", plain()); }
    }

    static final Foo FOO = new Foo();
    static final Bar BAR = new Bar();
    static final Association FOO_BARS = Association.hasMany(FOO, BAR).foreignKey("idfoo");
    static final Association BAR_FOO = Association.belongsTo(BAR, FOO).foreignKey("idfoo");
    static final Schema FOOBAR = Schema.of(FOO_BARS, BAR_FOO);

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("foo.hasMany(bar, {foreignKey: 'idfoo'}) joins on the custom keys idfoo and idbar")
    void fooHasManyBar(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("foobar")) {
            Canopy db = h.db.withSchema(FOOBAR);
            db.sync(FOOBAR);
            Rows.insert(db, FOO, "idfoo", 10, "name", "ten");
            Rows.insert(db, FOO, "idfoo", 20, "name", "twenty");
            Rows.insert(db, BAR, "idbar", 1, "idfoo", 10, "label", "a");
            Rows.insert(db, BAR, "idbar", 2, "idfoo", 10, "label", "b");
            Rows.insert(db, BAR, "idbar", 3, "idfoo", 20, "label", "c");
            Rows.insert(db, FOO, "idfoo", 30, "name", "thirty");

            List<Entity> foos = db.findAll(Query.from(FOO).include("bars").order(FOO.idfoo.asc(), BAR.idbar.at("bars").asc()));
            List<Entity> bars = db.findAll(Query.from(BAR).include("foo").order(BAR.idbar.asc()));

            assertThat(FOO_BARS.alias()).isEqualTo("bars");
            assertThat(FOO.tableName()).isEqualTo("foos");
            assertThat(foos).extracting(f -> f.many("bars").stream().map(b -> b.get(BAR.label)).collect(Collectors.joining(",")))
                    .containsExactly("a,b", "c", "");
            assertThat(bars).extracting(b -> b.one("foo").get(FOO.name)).containsExactly("ten", "ten", "twenty");
            assertThat(db.findByPk(Query.from(FOO).include("bars"), 10).many("bars")).hasSize(2);
        }
    }

    // ---- userLogin with four aliased hasMany, included at once --------------------------------------------------------

    static final class UserLogin extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> username = string("username", 40);

        UserLogin() { super("userLogin", plain()); }
    }

    static final class Owned extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> userId = integer("userId");
        final Column<String> title = string("title", 40);

        Owned(String name) { super(name, plain()); }
    }

    static final UserLogin USER_LOGIN = new UserLogin();
    static final Owned DIVE_LOG = new Owned("diveLog");
    static final Owned ARTICLE = new Owned("article");
    static final Owned PHOTO = new Owned("photo");
    static final Owned POST = new Owned("post");
    static final Schema LOGINS = Schema.of(
            Association.hasMany(USER_LOGIN, DIVE_LOG).alias("diveLog").foreignKey("userId"),
            Association.hasMany(USER_LOGIN, ARTICLE).alias("article").foreignKey("userId"),
            Association.hasMany(USER_LOGIN, PHOTO).alias("photos").foreignKey("userId"),
            Association.hasMany(USER_LOGIN, POST).alias("posts").foreignKey("userId"));

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a userLogin with four aliased hasMany included at once gets each list right, empty ones included")
    void userLoginWithFourAliases(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("userlogin")) {
            Canopy db = h.db.withSchema(LOGINS);
            db.sync(LOGINS);
            Rows.insert(db, USER_LOGIN, "id", 1, "username", "diver");
            Rows.insert(db, USER_LOGIN, "id", 2, "username", "writer");
            Rows.insert(db, USER_LOGIN, "id", 3, "username", "lurker");
            int id = 0;
            for (Object[] row : new Object[][] {{DIVE_LOG, 1, "dive 1"}, {DIVE_LOG, 1, "dive 2"}, {ARTICLE, 1, "how to dive"},
                    {PHOTO, 1, "reef"}, {PHOTO, 1, "shark"}, {PHOTO, 1, "wreck"}, {ARTICLE, 2, "essay"}, {ARTICLE, 2, "review"},
                    {PHOTO, 2, "desk"}, {POST, 2, "hello"}, {POST, 2, "again"}}) {
                Rows.insert(db, (Model) row[0], "id", ++id, "userId", row[1], "title", row[2]);
            }

            List<Entity> users = db.findAll(Query.from(USER_LOGIN).include("diveLog").include("article").include("photos").include("posts")
                    .order(USER_LOGIN.id.asc(), DIVE_LOG.id.at("diveLog").asc(), ARTICLE.id.at("article").asc(),
                            PHOTO.id.at("photos").asc(), POST.id.at("posts").asc()));

            assertThat(users).extracting(u -> u.get(USER_LOGIN.username)).containsExactly("diver", "writer", "lurker");
            assertThat(titles(users.get(0), "diveLog", DIVE_LOG)).containsExactly("dive 1", "dive 2");
            assertThat(titles(users.get(0), "article", ARTICLE)).containsExactly("how to dive");
            assertThat(titles(users.get(0), "photos", PHOTO)).containsExactly("reef", "shark", "wreck");
            assertThat(titles(users.get(0), "posts", POST)).isEmpty();
            assertThat(titles(users.get(1), "diveLog", DIVE_LOG)).isEmpty();
            assertThat(titles(users.get(1), "article", ARTICLE)).containsExactly("essay", "review");
            assertThat(titles(users.get(1), "photos", PHOTO)).containsExactly("desk");
            assertThat(titles(users.get(1), "posts", POST)).containsExactly("hello", "again");
            for (String alias : List.of("diveLog", "article", "photos", "posts")) {
                assertThat(users.get(2).many(alias)).as(alias).isEmpty();
            }
        }
    }

    private static List<String> titles(Entity user, String alias, Owned model) {
        return user.many(alias).stream().map(e -> e.get(model.title)).collect(Collectors.toList());
    }
}
