package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.EMPLOYEE;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.AssociationNotFoundException;
import dev.canopy.error.SchemaException;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Associations with Sequelize's semantics and defaults, and the schema errors that name what exists. */
@DisplayName("Associations")
class AssociationsTest {

    private static ModelOptions plain() {
        return ModelOptions.defaults().timestamps(false);
    }

    // ---- default foreign keys and aliases --------------------------------------------------------------------------

    static final class User extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        User() { super("User", plain()); }
    }

    /** Declares no foreign key: the belongsTo "owner" adds ownerId. */
    static final class Post extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title", 60);

        Post() { super("Post", plain()); }
    }

    /** Declares no foreign key: User.hasMany(Task) and Task.belongsTo(User), both by default, share UserId. */
    static final class Task extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title", 60);

        Task() { super("Task", plain()); }
    }

    /** Account hasOne Profile; the Profile declares no foreign key either. */
    static final class Profile extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> bio = string("bio", 60);

        Profile() { super("Profile", plain()); }
    }

    static final class Member extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> fullName = string("fullName", 60);

        Member() { super("Member", plain().underscored()); }
    }

    static final class Ticket extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> subject = string("subject", 60);

        Ticket() { super("Ticket", plain().underscored()); }
    }

    static final User USER = new User();
    static final Post POST = new Post();
    static final Task TASK = new Task();
    static final Profile PROFILE = new Profile();
    static final Member MEMBER = new Member();
    static final Ticket TICKET = new Ticket();
    static final Association POST_OWNER = Association.belongsTo(POST, USER).alias("owner");
    static final Association USER_TASKS = Association.hasMany(USER, TASK);
    static final Association TASK_USER = Association.belongsTo(TASK, USER);
    static final Association USER_PROFILE = Association.hasOne(USER, PROFILE);
    static final Association TICKET_MEMBER = Association.belongsTo(TICKET, MEMBER).alias("member");
    static final Association MEMBER_TICKETS = Association.hasMany(MEMBER, TICKET).alias("tickets").foreignKey("memberId");
    static final Schema DEFAULTS = Schema.of(POST_OWNER, USER_TASKS, TASK_USER, USER_PROFILE, TICKET_MEMBER, MEMBER_TICKETS);

    static void loadDefaults(Canopy db) {
        db.sync(DEFAULTS);
        Rows.insert(db, USER, "id", 1, "name", "ann");
        Rows.insert(db, USER, "id", 2, "name", "bob");
        Rows.insert(db, POST, "id", 10, "title", "hello", "ownerId", 2);
        Rows.insert(db, POST, "id", 11, "title", "orphan", "ownerId", null);
        Rows.insert(db, TASK, "id", 20, "title", "write", "UserId", 1);
        Rows.insert(db, TASK, "id", 21, "title", "read", "UserId", 1);
        Rows.insert(db, PROFILE, "id", 30, "bio", "ann's bio", "UserId", 1);
        Rows.insert(db, MEMBER, "id", 1, "fullName", "Mia Member");
        Rows.insert(db, TICKET, "id", 40, "subject", "broken", "memberId", 1);
    }

    @Nested
    @DisplayName("Sequelize's defaults")
    class Defaults {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("belongsTo as 'owner' to a model keyed 'id' uses ownerId, added to the model and the table")
        void belongsToDefaultForeignKey(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("bt_default", DEFAULTS)) {
                loadDefaults(h.db);

                List<Entity> posts = h.db.findAll(Query.from(POST).include("owner").order(POST.id.asc()));

                assertThat(POST_OWNER.foreignKey()).isEqualTo("ownerId");
                assertThat(POST.column("ownerId").field()).isEqualTo("ownerId");
                assertThat(Jdbc.ints(h.db, "SELECT \"ownerId\" FROM \"Posts\" ORDER BY \"id\"")).containsExactly(2, null);
                assertThat(posts.get(0).one("owner").get(USER.name)).isEqualTo("bob");
                assertThat(posts.get(1).one("owner")).isNull();
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("hasMany from model User uses UserId and the alias 'Tasks'; its default belongsTo shares the key as 'User'")
        void hasManyDefaultForeignKeyAndAlias(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("hm_default", DEFAULTS)) {
                loadDefaults(h.db);

                List<Entity> users = h.db.findAll(Query.from(USER).include("Tasks").order(USER.id.asc(), TASK.id.at("Tasks").asc()));
                List<Entity> tasks = h.db.findAll(Query.from(TASK).include("User").order(TASK.id.asc()));

                assertThat(USER_TASKS.alias()).isEqualTo("Tasks");
                assertThat(USER_TASKS.foreignKey()).isEqualTo("UserId");
                assertThat(TASK_USER.alias()).isEqualTo("User");
                assertThat(TASK_USER.foreignKey()).isEqualTo("UserId");
                assertThat(TASK.columns()).extracting(Column::name).containsExactly("id", "title", "UserId");
                assertThat(users.get(0).many("Tasks")).extracting(t -> t.get(TASK.title)).containsExactly("write", "read");
                assertThat(users.get(1).many("Tasks")).isEmpty();
                assertThat(tasks).extracting(t -> t.one("User").get(USER.name)).containsExactly("ann", "ann");
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("hasOne uses the source's key name and the target's name as alias; a missing one is null")
        void hasOne(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("hasone", DEFAULTS)) {
                loadDefaults(h.db);

                List<Entity> users = h.db.findAll(Query.from(USER).include("Profile").order(USER.id.asc()));

                assertThat(USER_PROFILE.alias()).isEqualTo("Profile");
                assertThat(USER_PROFILE.foreignKey()).isEqualTo("UserId");
                assertThat(users).hasSize(2);
                assertThat(users.get(0).one("Profile").get(PROFILE.bio)).isEqualTo("ann's bio");
                assertThat(users.get(1).one("Profile")).isNull();
                assertThat(users.get(1).toMap()).containsEntry("Profile", null);
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an underscored model's default foreign key memberId is stored in member_id")
        void underscoredForeignKey(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("us_fk", DEFAULTS)) {
                loadDefaults(h.db);

                Entity ticket = h.db.findOne(Query.from(TICKET).include("member"));
                Entity member = h.db.findOne(Query.from(MEMBER).include("tickets"));

                assertThat(TICKET_MEMBER.foreignKey()).isEqualTo("memberId");
                assertThat(TICKET.column("memberId").field()).isEqualTo("member_id");
                assertThat(Jdbc.ints(h.db, "SELECT \"member_id\" FROM \"tickets\"")).containsExactly(1);
                assertThat(ticket.one("member").get(MEMBER.fullName)).isEqualTo("Mia Member");
                assertThat(member.many("tickets")).extracting(t -> t.get(TICKET.subject)).containsExactly("broken");
            }
        }
    }

    // ---- keys other than the primary key, several aliases, belongsToMany -------------------------------------------------

    static final class Country extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> isoCode = string("isoCode", 2).notNull().unique();
        final Column<String> name = string("name", 40);

        Country() { super("Country", plain()); }
    }

    static final class City extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);
        final Column<String> countryCode = string("countryCode", 2);

        City() { super("City", plain()); }
    }

    static final class Writer extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Writer() { super("Writer", plain()); }
    }

    static final class Story extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title", 40);
        final Column<Integer> authorId = integer("authorId");
        final Column<Integer> editorId = integer("editorId");

        Story() { super("Story", plain()); }
    }

    static final class Student extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Student() { super("Student", plain()); }
    }

    static final class Course extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title", 40);

        Course() { super("Course", plain()); }
    }

    /** The junction: both keys come from the belongsToMany defaults. */
    static final class Enrollment extends Model {
        Enrollment() { super("Enrollment", plain()); }
    }

    static final Country COUNTRY = new Country();
    static final City CITY = new City();
    static final Writer WRITER = new Writer();
    static final Story STORY = new Story();
    static final Student STUDENT = new Student();
    static final Course COURSE = new Course();
    static final Enrollment ENROLLMENT = new Enrollment();
    static final Association STUDENT_COURSES = Association.belongsToMany(STUDENT, COURSE, ENROLLMENT);
    static final Association COURSE_STUDENTS = Association.belongsToMany(COURSE, STUDENT, ENROLLMENT);
    static final Schema KEYS = Schema.of(
            Association.hasMany(COUNTRY, CITY).alias("cities").foreignKey("countryCode").sourceKey("isoCode"),
            Association.belongsTo(CITY, COUNTRY).alias("country").foreignKey("countryCode").targetKey("isoCode"),
            Association.hasMany(WRITER, STORY).alias("authored").foreignKey("authorId"),
            Association.hasMany(WRITER, STORY).alias("edited").foreignKey("editorId"),
            Association.belongsTo(STORY, WRITER).alias("author").foreignKey("authorId"),
            Association.belongsTo(STORY, WRITER).alias("editor").foreignKey("editorId"),
            STUDENT_COURSES, COURSE_STUDENTS);

    static void loadKeys(Canopy db) {
        db.sync(KEYS);
        // ids and codes are chosen so that a join on the primary key instead of isoCode finds nothing
        Rows.insert(db, COUNTRY, "id", 1, "isoCode", "FR", "name", "France");
        Rows.insert(db, COUNTRY, "id", 2, "isoCode", "DE", "name", "Germany");
        Rows.insert(db, COUNTRY, "id", 3, "isoCode", "IS", "name", "Iceland");
        Rows.insert(db, CITY, "id", 1, "name", "Berlin", "countryCode", "DE");
        Rows.insert(db, CITY, "id", 2, "name", "Paris", "countryCode", "FR");
        Rows.insert(db, CITY, "id", 3, "name", "Lyon", "countryCode", "FR");
        Rows.insert(db, WRITER, "id", 1, "name", "Wanda");
        Rows.insert(db, WRITER, "id", 2, "name", "Ed");
        Rows.insert(db, STORY, "id", 1, "title", "alpha", "authorId", 1, "editorId", 2);
        Rows.insert(db, STORY, "id", 2, "title", "beta", "authorId", 1, "editorId", 1);
        Rows.insert(db, STORY, "id", 3, "title", "gamma", "authorId", 2, "editorId", 1);
        Rows.insert(db, STUDENT, "id", 1, "name", "Sam");
        Rows.insert(db, STUDENT, "id", 2, "name", "Tia");
        Rows.insert(db, STUDENT, "id", 3, "name", "Uma");
        Rows.insert(db, COURSE, "id", 1, "title", "Maths");
        Rows.insert(db, COURSE, "id", 2, "title", "Music");
        Rows.insert(db, ENROLLMENT, "StudentId", 1, "CourseId", 1);
        Rows.insert(db, ENROLLMENT, "StudentId", 1, "CourseId", 2);
        Rows.insert(db, ENROLLMENT, "StudentId", 2, "CourseId", 2);
    }

    @Nested
    @DisplayName("keys and aliases")
    class KeysAndAliases {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("hasMany with sourceKey and belongsTo with targetKey join on a unique non-key column")
        void sourceKeyAndTargetKey(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("srckey", KEYS)) {
                loadKeys(h.db);

                List<Entity> countries = h.db.findAll(Query.from(COUNTRY).include("cities")
                        .order(COUNTRY.id.asc(), CITY.name.at("cities").asc()));
                List<Entity> cities = h.db.findAll(Query.from(CITY).include("country").order(CITY.id.asc()));

                assertThat(countries).extracting(c -> c.get(COUNTRY.name)).containsExactly("France", "Germany", "Iceland");
                assertThat(countries.get(0).many("cities")).extracting(c -> c.get(CITY.name)).containsExactly("Lyon", "Paris");
                assertThat(countries.get(1).many("cities")).extracting(c -> c.get(CITY.name)).containsExactly("Berlin");
                assertThat(countries.get(2).many("cities")).isEmpty();
                assertThat(cities).extracting(c -> c.one("country").get(COUNTRY.name)).containsExactly("Germany", "France", "France");
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("two models joined twice under different aliases keep each alias's own rows, included together")
        void severalAliasesBetweenTheSameModels(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("aliases", KEYS)) {
                loadKeys(h.db);

                List<Entity> writers = h.db.findAll(Query.from(WRITER).include("authored").include("edited")
                        .order(WRITER.id.asc(), STORY.id.at("authored").asc(), STORY.id.at("edited").asc()));
                List<Entity> stories = h.db.findAll(Query.from(STORY).include("author").include("editor").order(STORY.id.asc()));

                assertThat(writers.get(0).many("authored")).extracting(s -> s.get(STORY.title)).containsExactly("alpha", "beta");
                assertThat(writers.get(0).many("edited")).extracting(s -> s.get(STORY.title)).containsExactly("beta", "gamma");
                assertThat(writers.get(1).many("authored")).extracting(s -> s.get(STORY.title)).containsExactly("gamma");
                assertThat(writers.get(1).many("edited")).extracting(s -> s.get(STORY.title)).containsExactly("alpha");
                assertThat(stories).extracting(s -> s.one("author").get(WRITER.name) + "/" + s.one("editor").get(WRITER.name))
                        .containsExactly("Wanda/Ed", "Wanda/Wanda", "Ed/Wanda");
            }
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("belongsToMany with default keys StudentId / CourseId works both ways; none is an empty list")
        void belongsToManyDefaults(TestDatabase kind) {
            try (TestDatabase.Handle h = kind.open("btm", KEYS)) {
                loadKeys(h.db);

                List<Entity> students = h.db.findAll(Query.from(STUDENT).include("Courses")
                        .order(STUDENT.id.asc(), COURSE.id.at("Courses").asc()));
                List<Entity> courses = h.db.findAll(Query.from(COURSE).include("Students")
                        .order(COURSE.id.asc(), STUDENT.id.at("Students").asc()));

                assertThat(STUDENT_COURSES.alias()).isEqualTo("Courses");
                assertThat(STUDENT_COURSES.foreignKey()).isEqualTo("StudentId");
                assertThat(STUDENT_COURSES.otherKey()).isEqualTo("CourseId");
                assertThat(students).extracting(s -> s.many("Courses").stream().map(c -> c.get(COURSE.title)).collect(Collectors.toList()))
                        .containsExactly(List.of("Maths", "Music"), List.of("Music"), List.of());
                assertThat(courses).extracting(c -> c.many("Students").stream().map(s -> s.get(STUDENT.name)).collect(Collectors.toList()))
                        .containsExactly(List.of("Sam"), List.of("Sam", "Tia"));
            }
        }
    }

    // ---- Chinook: self-association and belongsToMany --------------------------------------------------------------------

    @Nested
    @DisplayName("on Chinook")
    class OnChinook {

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an employee's manager and reports come from the same table through ReportsTo")
        void selfAssociation(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, Integer> managerOf = new TreeMap<>();
            for (List<Object> row : Jdbc.rows(db, "SELECT \"EmployeeId\", \"ReportsTo\" FROM \"Employee\"")) {
                managerOf.put(((Number) row.get(0)).intValue(), row.get(1) == null ? null : ((Number) row.get(1)).intValue());
            }

            List<Entity> employees = db.findAll(Query.from(EMPLOYEE).include("manager").include("reports")
                    .order(EMPLOYEE.employeeId.asc(), EMPLOYEE.employeeId.at("reports").asc()));

            assertThat(employees).extracting(e -> e.get(EMPLOYEE.employeeId)).containsExactlyElementsOf(managerOf.keySet());
            for (Entity e : employees) {
                int id = e.get(EMPLOYEE.employeeId);
                Integer manager = managerOf.get(id);
                assertThat(e.one("manager") == null ? null : e.one("manager").get(EMPLOYEE.employeeId)).as("manager of " + id).isEqualTo(manager);
                List<Integer> reports = managerOf.entrySet().stream().filter(x -> Integer.valueOf(id).equals(x.getValue()))
                        .map(Map.Entry::getKey).collect(Collectors.toList());
                assertThat(e.many("reports")).extracting(r -> r.get(EMPLOYEE.employeeId)).as("reports of " + id).containsExactlyElementsOf(reports);
            }
            assertThat(managerOf.values()).containsNull();
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("each playlist holds exactly the tracks PlaylistTrack lists for it; empty playlists hold none")
        void playlistTracks(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            Map<Integer, Long> expected = new TreeMap<>();
            for (List<Object> row : Jdbc.rows(db, "SELECT p.\"PlaylistId\", COUNT(pt.\"TrackId\") FROM \"Playlist\" p "
                    + "LEFT JOIN \"PlaylistTrack\" pt ON pt.\"PlaylistId\" = p.\"PlaylistId\" GROUP BY p.\"PlaylistId\"")) {
                expected.put(((Number) row.get(0)).intValue(), ((Number) row.get(1)).longValue());
            }

            List<Entity> playlists = db.findAll(Query.from(PLAYLIST).include("tracks", t -> t.attributes(TRACK.name)).order(PLAYLIST.playlistId.asc()));

            Map<Integer, Long> actual = new TreeMap<>();
            for (Entity p : playlists) {
                actual.put(p.get(PLAYLIST.playlistId), (long) p.many("tracks").size());
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(expected).containsValue(0L);
            Entity smallest = playlists.stream().filter(p -> p.many("tracks").size() > 1)
                    .min(Comparator.comparingInt(p -> p.many("tracks").size())).orElseThrow();
            assertThat(smallest.many("tracks")).extracting(t -> t.get(TRACK.trackId)).containsExactlyInAnyOrderElementsOf(
                    Jdbc.ints(db, "SELECT \"TrackId\" FROM \"PlaylistTrack\" WHERE \"PlaylistId\" = ?", smallest.get(PLAYLIST.playlistId)));
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a track lists the playlists it is on, through the same junction the other way round")
        void trackPlaylists(TestDatabase kind) {
            Canopy db = ChinookFixture.chinook(kind);
            List<Integer> expected = Jdbc.ints(db, "SELECT \"PlaylistId\" FROM \"PlaylistTrack\" WHERE \"TrackId\" = ? ORDER BY \"PlaylistId\"", 1);

            Entity track = db.findByPk(Query.from(TRACK).include("playlists").order(PLAYLIST.playlistId.at("playlists").asc()), 1);

            assertThat(expected).hasSizeGreaterThan(1);
            assertThat(track.many("playlists")).extracting(p -> p.get(PLAYLIST.playlistId)).containsExactlyElementsOf(expected);
        }
    }

    // ---- schema errors: no database involved, so plain tests -------------------------------------------------------------

    static final class SUser extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        SUser() { super("User", plain()); }
    }

    static final class SDocument extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        SDocument() { super("Document", plain()); }
    }

    static final class SOrganization extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        SOrganization() { super("Organization", plain()); }
    }

    static final class SReference extends Model {
        final Column<Integer> id = integer("id").primaryKey();

        SReference() { super("Reference", plain()); }
    }

    static final SUser S_USER = new SUser();
    static final SDocument S_DOCUMENT = new SDocument();
    static final SOrganization S_ORGANIZATION = new SOrganization();
    static final SReference S_REFERENCE = new SReference();
    static final Schema ERRORS = Schema.of(
            Association.hasMany(S_USER, S_DOCUMENT).alias("documents").foreignKey("userId"),
            Association.belongsTo(S_USER, S_ORGANIZATION).alias("organization"),
            Association.belongsTo(S_DOCUMENT, S_REFERENCE).alias("reference"));

    /** Models built fresh per test, for schemas that must fail to build. */
    static final class Scratch extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title", 40);

        Scratch(String name) { super(name, plain()); }
    }

    @Nested
    @DisplayName("schema errors (checked before any database is involved)")
    class SchemaErrors {

        @Test
        @DisplayName("including an alias the model does not have names the model and lists the aliases it has")
        void unknownAliasListsWhatExists() {
            assertThatThrownBy(() -> Query.from(S_USER).include("references").bind(ERRORS))
                    .isInstanceOf(AssociationNotFoundException.class)
                    .hasMessageContaining("'references'")
                    .hasMessageContaining("User has: documents, organization");
            assertThatThrownBy(() -> Query.from(S_USER).include("documents", d -> d.include("owner")).bind(ERRORS))
                    .isInstanceOf(AssociationNotFoundException.class)
                    .hasMessageContaining("'owner'")
                    .hasMessageContaining("Document has: reference");
        }

        @Test
        @DisplayName("asking whether two unrelated models are associated says which aliases the source has")
        void notAssociatedMessage() {
            assertThatThrownBy(() -> ERRORS.associationTo(S_USER, S_REFERENCE))
                    .isInstanceOf(AssociationNotFoundException.class)
                    .hasMessage("Reference is not associated to User; User has: documents, organization");
            assertThat(ERRORS.associationTo(S_USER, S_ORGANIZATION).alias()).isEqualTo("organization");
        }

        @Test
        @DisplayName("two associations of one source under one alias are refused with a SchemaException")
        void duplicateAlias() {
            Scratch a = new Scratch("Alpha");
            Scratch b = new Scratch("Beta");
            Scratch c = new Scratch("Gamma");

            assertThatThrownBy(() -> Schema.of(Association.hasMany(a, b).alias("things").foreignKey("alphaId"),
                    Association.hasMany(a, c).alias("things").foreignKey("alphaId")))
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("Alpha")
                    .hasMessageContaining("'things'");
        }

        @Test
        @DisplayName("an alias equal to one of the source's attributes is refused with a SchemaException")
        void aliasCollidesWithAttribute() {
            Scratch a = new Scratch("Delta");
            Scratch b = new Scratch("Epsilon");

            assertThatThrownBy(() -> Schema.of(Association.belongsTo(a, b).alias("title")))
                    .isInstanceOf(SchemaException.class)
                    .hasMessageContaining("title")
                    .hasMessageContaining("Delta");
        }
    }
}
