package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.error.ConstraintViolationException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.schema.SchemaApi;
import dev.canopy.schema.SyncOptions;
import dev.canopy.schema.SyncResult;
import dev.canopy.schema.TableDescription;
import java.time.LocalDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code sync}: create what is missing in foreign-key order, alter what differs, force, dry-run. */
@DisplayName("sync")
class SyncTest {

    static final class Book extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> title = string("title", 100).notNull();
        final Column<Integer> authorId = integer("authorId");

        Book() { super("Book"); }
    }

    static final class Author extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> name = string("name", 80).notNull();

        Author() { super("Author", ModelOptions.defaults().paranoid()); }
    }

    static final Book BOOK = new Book();
    static final Author AUTHOR = new Author();
    /** The referencing model first: sync must still create authors before books. */
    static final Schema LIBRARY = Schema.builder().models(BOOK, AUTHOR)
            .association(Association.belongsTo(BOOK, AUTHOR).alias("author").foreignKey("authorId")).build();

    /** Two tables that reference each other: one of the keys can only be added once both exist. */
    static final class Department extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> headId = integer("headId");

        Department() { super("Department", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Employee extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> departmentId = integer("departmentId");

        Employee() { super("Employee", ModelOptions.defaults().timestamps(false)); }
    }

    static final Department DEPARTMENT = new Department();
    static final Employee EMPLOYEE = new Employee();
    static final Schema CYCLE = Schema.builder().models(DEPARTMENT, EMPLOYEE)
            .association(Association.belongsTo(DEPARTMENT, EMPLOYEE).alias("head").foreignKey("headId"))
            .association(Association.belongsTo(EMPLOYEE, DEPARTMENT).alias("department").foreignKey("departmentId")).build();

    /** Version 2 of books: isbn added (NOT NULL), title may be null, authorId gone. */
    static final class Book2 extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> title = string("title", 100);
        final Column<String> isbn = string("isbn", 20).notNull().defaultValue("unknown");

        Book2() { super("Book"); }
    }

    static final Book2 BOOK2 = new Book2();
    static final Schema LIBRARY2 = Schema.builder().models(BOOK2).build();

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("models listed referencing-first are created referenced-first, with the key, timestamps and paranoid columns")
    void wrongOrderStillWorks(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("syncorder")) {
            SyncResult r = h.db.sync(LIBRARY);

            assertThat(r.changes()).containsExactly("create table Authors", "create table Books");
            SchemaApi schema = h.db.schemaApi();
            assertThat(schema.describeTable("Authors").columnNames()).containsExactly("id", "name", "createdAt", "updatedAt", "deletedAt");
            assertThat(schema.describeTable("Authors").column("deletedAt").allowNull()).isTrue();
            assertThat(schema.describeTable("Books").column("createdAt").allowNull()).isFalse();
            assertThat(schema.foreignKeysOf("Books")).extracting(TableDescription.ForeignKey::referencedTable).containsExactly("Authors");
            assertThat(h.db.sync(LIBRARY).changes()).isEmpty();
            assertThat(h.db.sync(LIBRARY, SyncOptions.altering()).changes()).as("a synced database has no difference").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("two tables that reference each other: one key is added with addConstraint once both exist (dry run too)")
    void cycle(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("synccycle")) {
            SyncResult dry = h.db.sync(CYCLE, SyncOptions.create().dryRun());
            assertThat(dry.statements()).isNotEmpty();
            assertThat(h.db.schemaApi().showAllTables()).isEmpty();

            SyncResult r = h.db.sync(CYCLE);
            assertThat(r.changes()).isEqualTo(dry.changes());

            if (kind == TestDatabase.SQLITE) {
                // SQLite checks a key's target when rows are written, so both tables are created with their keys
                assertThat(r.changes()).containsExactlyInAnyOrder("create table Departments", "create table Employees");
            } else {
                assertThat(r.changes()).hasSize(3).last().asString().startsWith("add foreign key");
            }
            SchemaApi schema = h.db.schemaApi();
            assertThat(schema.foreignKeysOf("Departments")).hasSize(1);
            assertThat(schema.foreignKeysOf("Employees")).hasSize(1);
            assertThat(h.db.sync(CYCLE, SyncOptions.altering()).changes()).isEmpty();
            Jdbc.execute(h.db, "INSERT INTO \"Departments\" (\"id\") VALUES (?)", 1);
            Jdbc.execute(h.db, "INSERT INTO \"Employees\" (\"id\", \"departmentId\") VALUES (?, ?)", 1, 1);
            Jdbc.execute(h.db, "UPDATE \"Departments\" SET \"headId\" = ? WHERE \"id\" = ?", 1, 1);

            SyncResult forced = h.db.sync(CYCLE, SyncOptions.create().force());

            assertThat(forced.changes()).filteredOn(c -> c.startsWith("drop table")).hasSize(2);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"Employees\"")).isZero();
            assertThat(h.db.schemaApi().foreignKeysOf("Employees")).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("alter adds, changes and (only when asked) drops columns, keeping the rows; dry-run runs nothing")
    void alter(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("syncalter")) {
            h.db.sync(LIBRARY);
            Jdbc.execute(h.db, "INSERT INTO \"Authors\" (\"name\", \"createdAt\", \"updatedAt\") VALUES (?, ?, ?)", "Le Guin",
                    LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 1, 0, 0));
            Jdbc.execute(h.db, "INSERT INTO \"Books\" (\"title\", \"authorId\", \"createdAt\", \"updatedAt\") VALUES (?, ?, ?, ?)",
                    "Earthsea", 1, LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 1, 0, 0));

            SyncResult dry = h.db.sync(LIBRARY2, SyncOptions.altering().dryRun());
            assertThat(dry.statements()).isNotEmpty();
            assertThat(h.db.schemaApi().describeTable("Books").column("isbn")).isNull();

            SyncResult r = h.db.sync(LIBRARY2, SyncOptions.altering());
            assertThat(r.changes()).contains("add column Books.isbn").anyMatch(c -> c.startsWith("change column Books.title"))
                    .anyMatch(c -> c.startsWith("drop foreign key Books."));
            assertThat(r.skipped()).anyMatch(s -> s.contains("Books.authorId is not in model Book"));
            TableDescription books = h.db.schemaApi().describeTable("Books");
            assertThat(books.column("title").allowNull()).isTrue();
            assertThat(books.column("authorId")).isNotNull();
            assertThat(Jdbc.strings(h.db, "SELECT \"isbn\" FROM \"Books\"")).containsExactly("unknown");
            assertThat(h.db.sync(LIBRARY2, SyncOptions.altering()).changes()).isEmpty();

            SyncResult dropped = h.db.sync(LIBRARY2, SyncOptions.altering().dropColumns());
            assertThat(dropped.changes()).containsExactly("drop column Books.authorId");
            assertThat(Jdbc.strings(h.db, "SELECT \"title\" FROM \"Books\"")).containsExactly("Earthsea");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("force drops the tables first and creates them empty")
    void force(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("syncforce")) {
            h.db.sync(LIBRARY);
            Jdbc.execute(h.db, "INSERT INTO \"Authors\" (\"name\", \"createdAt\", \"updatedAt\") VALUES (?, ?, ?)", "Le Guin",
                    LocalDateTime.of(2020, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 1, 0, 0));

            SyncResult r = h.db.sync(LIBRARY, SyncOptions.create().force());

            assertThat(r.changes()).containsExactly("drop table Books", "drop table Authors", "create table Authors", "create table Books");
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"Authors\"")).isZero();
            assertThatThrownBy(() -> Jdbc.execute(h.db, "INSERT INTO \"Books\" (\"title\", \"authorId\", \"createdAt\", \"updatedAt\") "
                    + "VALUES (?, ?, ?, ?)", "x", 42, LocalDateTime.now(), LocalDateTime.now())).isInstanceOf(ConstraintViolationException.class);
        }
    }
}
