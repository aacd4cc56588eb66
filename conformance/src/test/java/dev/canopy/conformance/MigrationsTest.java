package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.migrate.MigrationException;
import dev.canopy.migrate.MigrationReport;
import dev.canopy.migrate.MigrationSource;
import dev.canopy.migrate.MigrationSourceException;
import dev.canopy.migrate.MigrationStatus;
import dev.canopy.migrate.Migrator;
import dev.canopy.migrate.Storage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Versioned migrations and seeders: history, checksums, transactions, the lock, undo, redo, dry run. */
@DisplayName("Migrations")
class MigrationsTest {

    static final String CREATE_TEAMS = """
            -- up
            CREATE TABLE teams (id INT NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL);
            -- down
            DROP TABLE teams;
            """;

    static final String CREATE_USERS = """
            import dev.canopy.Canopy;
            import dev.canopy.migrate.Migration;
            import dev.canopy.model.ReferentialAction;
            import dev.canopy.schema.*;

            public class CreateUsers implements Migration {
                @Override
                public void up(SchemaApi schema, Canopy db) {
                    schema.createTable("users", Columns.of("id", ColumnDefinition.integer().primaryKey())
                            .and("teamId", ColumnDefinition.integer().references("teams", "id").onDelete(ReferentialAction.SET_NULL)));
                    schema.execute("INSERT INTO teams (id, name) VALUES (?, ?)", 1, "red");
                    schema.execute("INSERT INTO " + schema.quote("users") + " (" + schema.quote("id") + ", " + schema.quote("teamId") + ") VALUES (?, ?)", 1, 1);
                }

                @Override
                public void down(SchemaApi schema, Canopy db) {
                    schema.dropTable("users");
                    db.execute("DELETE FROM teams");
                }
            }
            """;

    static final String ADD_EMAIL = """
            -- up
            ALTER TABLE teams ADD email VARCHAR(120);
            -- down
            ALTER TABLE teams DROP COLUMN email;
            """;

    static Path folder(Path dir, String... nameAndText) throws IOException {
        Path f = Files.createDirectories(dir.resolve("migrations"));
        for (int i = 0; i < nameAndText.length; i += 2) {
            Files.writeString(f.resolve(nameAndText[i]), nameAndText[i + 1], StandardCharsets.UTF_8);
        }
        return f;
    }

    static List<String> names(List<MigrationStatus> status, MigrationStatus.State state) {
        return status.stream().filter(s -> s.state() == state).map(MigrationStatus::name).toList();
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("migrate runs .sql and .java migrations in version order once; undo, redo and undo to a target reverse them")
    void migrateUndoRedo(TestDatabase kind, @TempDir Path dir) throws IOException {
        Path f = folder(dir, "20261201093000-create-teams.sql", CREATE_TEAMS, "20261201094500-create-users.java", CREATE_USERS,
                "20261202080000-add-email.sql", ADD_EMAIL);
        try (TestDatabase.Handle h = kind.open("migrate")) {
            List<String> progress = Collections.synchronizedList(new ArrayList<>());
            Migrator migrator = Migrator.of(h.db, MigrationSource.folder(f)).onProgress(progress::add);

            MigrationReport first = migrator.migrate("20261201094500-create-users");
            assertThat(first.names()).containsExactly("20261201093000-create-teams", "20261201094500-create-users");
            assertThat(progress).contains("== 20261201093000-create-teams: migrating").anyMatch(l -> l.startsWith("== 20261201094500-create-users: migrated ("));
            assertThat(names(migrator.status(), MigrationStatus.State.PENDING)).containsExactly("20261202080000-add-email");

            assertThat(migrator.migrate().names()).containsExactly("20261202080000-add-email");
            assertThat(migrator.migrate().names()).isEmpty();
            assertThat(names(migrator.status(), MigrationStatus.State.APPLIED)).hasSize(3);
            assertThat(migrator.status().get(0).describe()).startsWith("20261201093000-create-teams  applied 20");
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"users\"")).isEqualTo(1);

            assertThat(migrator.undo().names()).containsExactly("20261202080000-add-email");
            assertThat(h.db.schemaApi().describeTable("teams").column("email")).isNull();
            assertThat(migrator.redo().names()).containsExactly("20261201094500-create-users", "20261201094500-create-users");
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"users\"")).isEqualTo(1);
            assertThat(migrator.undo("20261201093000-create-teams").names())
                    .containsExactly("20261201094500-create-users", "20261201093000-create-teams");
            assertThat(h.db.schemaApi().tableExists("teams")).isFalse();
            assertThat(names(migrator.status(), MigrationStatus.State.PENDING)).hasSize(3);
            assertThatThrownBy(() -> migrator.migrate("20261201-nope")).isInstanceOf(MigrationSourceException.class)
                    .hasMessageContaining("Unknown migration '20261201-nope'").hasMessageContaining("20261201093000-create-teams");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("dry run prints the SQL of every pending migration and changes nothing")
    void dryRun(TestDatabase kind, @TempDir Path dir) throws IOException {
        Path f = folder(dir, "20261201093000-create-teams.sql", CREATE_TEAMS, "20261201094500-create-users.java", CREATE_USERS);
        try (TestDatabase.Handle h = kind.open("migratedry")) {
            Migrator migrator = Migrator.of(h.db, MigrationSource.folder(f));
            // the second migration's createTable reads nothing, so its DDL renders without the first having run
            MigrationReport dry = migrator.dryRun().migrate();

            assertThat(dry.statements()).anyMatch(s -> s.startsWith("CREATE TABLE teams")).anyMatch(s -> s.toLowerCase().contains("create table"));
            assertThat(h.db.schemaApi().tableExists("teams")).isFalse();
            assertThat(names(migrator.status(), MigrationStatus.State.PENDING)).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("an applied migration whose file changed stops the run; one missing from the folder is reported")
    void checksumAndMissing(TestDatabase kind, @TempDir Path dir) throws IOException {
        Path f = folder(dir, "20261201093000-create-teams.sql", CREATE_TEAMS, "20261202080000-add-email.sql", ADD_EMAIL);
        try (TestDatabase.Handle h = kind.open("checksum")) {
            Migrator migrator = Migrator.of(h.db, MigrationSource.folder(f));
            migrator.migrate("20261201093000-create-teams");
            Files.writeString(f.resolve("20261201093000-create-teams.sql"), CREATE_TEAMS.replace("80", "90"));

            assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("Checksum mismatch: 20261201093000-create-teams").hasMessageContaining("nothing ran");
            assertThat(h.db.schemaApi().describeTable("teams").column("email")).isNull();
            assertThat(migrator.status().get(0).state()).isEqualTo(MigrationStatus.State.CHANGED);
            assertThat(migrator.status().get(0).describe()).contains("checksum mismatch");

            Files.writeString(f.resolve("20261201093000-create-teams.sql"), CREATE_TEAMS);
            Files.delete(f.resolve("20261201093000-create-teams.sql"));
            List<String> progress = new ArrayList<>();
            migrator.onProgress(progress::add).migrate();
            assertThat(progress).anyMatch(l -> l.contains("20261201093000-create-teams was applied") && l.contains("missing"));
            assertThat(migrator.status().get(0).state()).isEqualTo(MigrationStatus.State.MISSING);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a migration that fails half-way: rolled back where DDL is transactional, else recorded with its failed step")
    void failureHalfWay(TestDatabase kind, @TempDir Path dir) throws IOException {
        Path f = folder(dir, "20261201093000-half.sql", """
                -- up
                CREATE TABLE half (id INT NOT NULL PRIMARY KEY);
                INSERT INTO half (id) VALUES (1);
                INSERT INTO nowhere (id) VALUES (1);
                -- down
                DROP TABLE IF EXISTS half;
                """);
        try (TestDatabase.Handle h = kind.open("halfway")) {
            Migrator migrator = Migrator.of(h.db, MigrationSource.folder(f));

            assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("20261201093000-half failed at step 3 (sql INSERT INTO nowhere");

            MigrationStatus status = migrator.status().get(0);
            if (h.db.schemaApi().hasTransactionalDdl()) {
                assertThat(h.db.schemaApi().tableExists("half")).as("nothing of it remains").isFalse();
                assertThat(status.state()).isEqualTo(MigrationStatus.State.PENDING);
            } else {
                assertThat(h.db.schemaApi().tableExists("half")).isTrue();
                assertThat(status.state()).isEqualTo(MigrationStatus.State.FAILED);
                assertThat(status.describe()).contains("failed").contains("step 3 (sql INSERT INTO nowhere");
                assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class).hasMessageContaining("failed on");
                assertThat(migrator.undo().names()).containsExactly("20261201093000-half");
                assertThat(h.db.schemaApi().tableExists("half")).isFalse();
                assertThat(migrator.status().get(0).state()).isEqualTo(MigrationStatus.State.PENDING);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("seeders with table storage run once; with none, every time")
    void seedersOnce(TestDatabase kind, @TempDir Path dir) throws IOException {
        Path f = folder(dir, "20261201093000-create-teams.sql", CREATE_TEAMS);
        Path seeds = Files.createDirectories(dir.resolve("seeders"));
        Files.writeString(seeds.resolve("20261201100000-demo-teams.sql"), """
                -- up
                INSERT INTO teams (id, name) VALUES (1, 'red');
                INSERT INTO teams (id, name) VALUES (2, 'blue');
                -- down
                DELETE FROM teams WHERE id IN (1, 2);
                """);
        try (TestDatabase.Handle h = kind.open("seeders")) {
            Migrator.of(h.db, MigrationSource.folder(f)).migrate();
            Migrator once = Migrator.seeders(h.db, MigrationSource.folder(seeds), Storage.TABLE);

            assertThat(once.migrate().names()).containsExactly("20261201100000-demo-teams");
            assertThat(once.migrate().names()).isEmpty();
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM teams")).isEqualTo(2);
            assertThat(h.db.schemaApi().tableExists(Migrator.SEEDS_TABLE)).isTrue();
            assertThat(names(Migrator.of(h.db, MigrationSource.folder(f)).status(), MigrationStatus.State.APPLIED)).hasSize(1);

            assertThat(once.undo().names()).containsExactly("20261201100000-demo-teams");
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM teams")).isZero();

            Migrator always = Migrator.seeders(h.db, MigrationSource.folder(seeds), Storage.NONE);
            always.migrate();
            always.undo();
            assertThat(always.migrate().names()).containsExactly("20261201100000-demo-teams");
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM teams")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"MARIADB", "POSTGRES", "SQLITE"})
    @DisplayName("two migrator processes started together apply each migration once")
    void twoProcesses(TestDatabase kind, @TempDir Path dir) throws Exception {
        Path f = folder(dir, "20261201093000-create-teams.sql", CREATE_TEAMS.replace("name VARCHAR(80) NOT NULL", "name VARCHAR(80)"),
                "20261201094000-slow.java", """
                import dev.canopy.Canopy;
                import dev.canopy.migrate.Migration;
                import dev.canopy.schema.SchemaApi;

                public class Slow implements Migration {
                    @Override
                    public void up(SchemaApi schema, Canopy db) {
                        schema.execute("INSERT INTO teams (id) VALUES (?)", ProcessHandle.current().pid() % 1000000);
                        try {
                            Thread.sleep(1500);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
                """);
        try (TestDatabase.Handle h = kind.open("twoprocs")) {
            List<Process> processes = new ArrayList<>();
            String start = String.valueOf(System.currentTimeMillis() + 12_000);
            for (int i = 0; i < 2; i++) {
                processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), MigrateMain.class.getName(), h.url, h.user == null ? "" : h.user,
                        h.password == null ? "" : h.password, f.toString(), start).redirectErrorStream(true).start());
            }
            List<String> outputs = new ArrayList<>();
            for (Process p : processes) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                outputs.add(out);
                assertThat(p.waitFor()).as(out).isZero();
            }

            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM teams")).as(String.join("\n----\n", outputs)).isEqualTo(1);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"" + Migrator.MIGRATIONS_TABLE + "\"")).isEqualTo(2);
            assertThat(String.join("\n", outputs)).contains("No migrations pending");
            if (kind != TestDatabase.SQLITE) {
                // SQLite's own write lock may hold the second migrator silently in its busy wait until the first is done
                assertThat(String.join("\n", outputs)).contains("Waiting for the migration lock");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"H2", "SQLITE"})
    @DisplayName("a lock row: a fresh one held by another migrator times out with its owner named; a stale one is taken over")
    void lockRow(TestDatabase kind, @TempDir Path dir) throws IOException {
        Path f = folder(dir, "20261201093000-create-teams.sql", CREATE_TEAMS);
        try (TestDatabase.Handle h = kind.open("lockrow")) {
            Migrator migrator = Migrator.of(h.db, MigrationSource.folder(f)).lockTimeout(java.time.Duration.ofSeconds(1));
            migrator.status();
            migrator.undoAll();
            String insert = "INSERT INTO \"canopy_migrations_lock\" (\"id\", \"owner\", \"locked_at\") VALUES (1, ?, ?)";
            Jdbc.execute(h.db, insert, "4242@elsewhere", java.time.LocalDateTime.now());

            assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("The migration lock is held by another migrator 4242@elsewhere since");
            assertThat(h.db.schemaApi().tableExists("teams")).isFalse();

            Jdbc.execute(h.db, "DELETE FROM \"canopy_migrations_lock\"");
            Jdbc.execute(h.db, insert, "4242@crashed", java.time.LocalDateTime.now().minusHours(1));
            List<String> progress = new ArrayList<>();
            assertThat(migrator.onProgress(progress::add).migrate().names()).containsExactly("20261201093000-create-teams");
            assertThat(progress).anyMatch(l -> l.startsWith("Taking over a stale migration lock of 4242@crashed"));
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"canopy_migrations_lock\"")).as("released").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("the Chinook sample loads through its seeder, once, and its down drops it")
    void chinookSeeder(TestDatabase kind) {
        try (TestDatabase.Handle h = kind.open("chinookseed")) {
            Migrator seeder = Migrator.seeders(h.db, MigrationSource.classpath("dev.canopy.chinook.seeders"), Storage.TABLE);

            assertThat(seeder.migrate().names()).containsExactly("V20261201000000_Chinook");
            assertThat(seeder.migrate().names()).isEmpty();
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"Artist\"")).isEqualTo(275);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"Track\"")).isEqualTo(3503);
            assertThat(Jdbc.strings(h.db, "SELECT \"Name\" FROM \"Track\" WHERE \"Name\" LIKE ?", "%\\%")).isNotEmpty();

            seeder.undo();
            assertThat(h.db.schemaApi().tableExists("Artist")).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("the README's data migration: add nullable, backfill in batches, make NOT NULL, on 100,000 rows, none lost")
    void dataMigration(TestDatabase kind, @TempDir Path dir) throws IOException {
        Path f = Files.createDirectories(dir.resolve("data"));
        try (var in = MigrationsTest.class.getResourceAsStream("/migrations/data/20261201100000-add-isbn.java")) {
            Files.write(f.resolve("20261201100000-add-isbn.java"), in.readAllBytes());
        }
        try (TestDatabase.Handle h = kind.open("datamig")) {
            dev.canopy.schema.SchemaApi schema = h.db.schemaApi();
            schema.createTable("books", dev.canopy.schema.Columns.of("id", dev.canopy.schema.ColumnDefinition.integer().primaryKey())
                    .and("title", dev.canopy.schema.ColumnDefinition.string(40).notNull()));
            for (int from = 1; from <= 100_000; from += 2000) {
                List<java.util.Map<String, ?>> rows = new ArrayList<>();
                for (int id = from; id < from + 2000; id++) {
                    rows.add(java.util.Map.of("id", id, "title", "book " + id));
                }
                schema.bulkInsert("books", rows);
            }

            Migrator.of(h.db, MigrationSource.folder(f)).migrate();

            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"books\"")).isEqualTo(100_000);
            assertThat(Jdbc.count(h.db, "SELECT count(*) FROM \"books\" WHERE \"isbn\" = ?", "unknown")).isEqualTo(100_000);
            assertThat(schema.describeTable("books").column("isbn").allowNull()).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    @DisplayName("a statement listener sees every statement of a migration, DDL and history included")
    void listenerSeesMigrationStatements(@TempDir Path dir) throws IOException {
        Path f = folder(dir, "20261201093000-create-teams.sql", CREATE_TEAMS);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (TestDatabase.Handle h = TestDatabase.H2.open("listener");
             dev.canopy.Canopy db = dev.canopy.Canopy.builder(h.url).onStatement(e -> seen.add(e.sql())).build()) {
            Migrator.of(db, MigrationSource.folder(f)).migrate();
        }
        assertThat(seen).contains("CREATE TABLE teams (id INT NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL)")
                .anyMatch(s -> s.startsWith("INSERT INTO \"canopy_migrations\""));
    }
}
