package dev.canopy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema commands: db:migrate and friends, seeders, migration:generate, db:sync; every mistake one line. */
@DisplayName("canopy db:* commands")
class DbCommandsTest {
    record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CanopyCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static String url() {
        return "jdbc:h2:mem:db_" + UUID.randomUUID().toString().substring(0, 8) + ";DB_CLOSE_DELAY=-1";
    }

    static void assertOneLineError(Run r, int code, String contains) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(code);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("canopy: ").contains(contains).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("migration:generate writes a skeleton; db:migrate, status, undo, dry-run work on .sql and .java files")
    void migrateLifecycle(@TempDir Path dir) throws IOException {
        Path migrations = dir.resolve("migrations");
        Run gen = run("migration:generate", "create-teams", "--migrations", migrations.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        Path skeleton;
        try (Stream<Path> files = Files.list(migrations)) {
            skeleton = files.findFirst().orElseThrow();
        }
        assertThat(skeleton.getFileName().toString()).matches("\\d{14}-create-teams\\.java");
        Files.writeString(skeleton, Files.readString(skeleton).replace("// schema.createTable", "schema.createTable")
                .replace("//         .and", "        .and").replace("// schema.dropTable", "schema.dropTable"));
        Files.writeString(migrations.resolve("29990101000000-add-email.sql"), "-- up\nALTER TABLE \"teams\" ADD \"email\" VARCHAR(120);\n"
                + "-- down\nALTER TABLE \"teams\" DROP COLUMN \"email\";\n");
        String url = url();
        String name = skeleton.getFileName().toString().replace(".java", "");

        Run dry = run("db:migrate", "--url", url, "--migrations", migrations.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("create table \"teams\"").contains("ALTER TABLE \"teams\" ADD \"email\" VARCHAR(120);")
                .contains("Dry run: 2 runs");
        assertThat(run("db:migrate:status", "--url", url, "--migrations", migrations.toString()).lines())
                .containsExactly(name + "  pending", "29990101000000-add-email  pending");

        Run first = run("db:migrate", "--url", url, "--migrations", migrations.toString(), "--to", name);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("== " + name + ": migrating").containsPattern("== " + name + ": migrated \\(\\d+\\.\\d{3}s\\)");
        Run all = run("db:migrate", "--url", url, "--migrations", migrations.toString());
        assertThat(all.out()).contains("== 29990101000000-add-email: migrated").contains("Note: h2 commits each DDL statement");
        List<String> status = run("db:migrate:status", "--url", url, "--migrations", migrations.toString()).lines();
        assertThat(status).hasSize(2).allMatch(l -> l.matches("\\S+  applied \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(\\d+ ms\\)"));

        Run undo = run("db:migrate:undo", "--url", url, "--migrations", migrations.toString());
        assertThat(undo.out()).contains("== 29990101000000-add-email: reverted");
        assertThat(run("db:migrate:status", "--url", url, "--migrations", migrations.toString()).lines().get(1))
                .isEqualTo("29990101000000-add-email  pending");
        Run undoAll = run("db:migrate:undo", "--url", url, "--migrations", migrations.toString(), "--to", name);
        assertThat(undoAll.code()).as(undoAll.err()).isZero();
        assertThat(undoAll.out()).contains("== " + name + ": reverted");
    }

    @Test
    @DisplayName("unknown migration, checksum mismatch, lock held, failed step, missing folder: one canopy: line, exit 2 or 1")
    void mistakes(@TempDir Path dir) throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("m"));
        Files.writeString(migrations.resolve("20261201093000-create-teams.sql"), "-- up\nCREATE TABLE teams (id INT PRIMARY KEY);\n"
                + "-- down\nDROP TABLE teams;\n");
        String url = url();

        assertOneLineError(run("db:migrate", "--url", url, "--migrations", migrations.toString(), "--to", "2026-nope"), 2,
                "Unknown migration '2026-nope'; migrations: 20261201093000-create-teams");
        assertOneLineError(run("db:migrate", "--url", url, "--migrations", dir.resolve("none").toString()), 2, "no such folder");
        assertThat(run("db:migrate", "--url", url, "--migrations", migrations.toString()).code()).isZero();

        Files.writeString(migrations.resolve("20261201093000-create-teams.sql"), "-- up\nCREATE TABLE teams (id BIGINT PRIMARY KEY);\n");
        assertOneLineError(run("db:migrate", "--url", url, "--migrations", migrations.toString()), 1,
                "Checksum mismatch: 20261201093000-create-teams");
        assertThat(run("db:migrate:status", "--url", url, "--migrations", migrations.toString()).out())
                .contains("20261201093000-create-teams  applied").contains("checksum mismatch");
        Files.writeString(migrations.resolve("20261201093000-create-teams.sql"), "-- up\nCREATE TABLE teams (id INT PRIMARY KEY);\n"
                + "-- down\nDROP TABLE teams;\n");

        Files.writeString(migrations.resolve("20261202000000-broken.sql"), "-- up\nCREATE TABLE ok (id INT);\nINSERT INTO nowhere VALUES (1);\n");
        assertOneLineError(run("db:migrate", "--url", url, "--migrations", migrations.toString()), 1,
                "20261202000000-broken failed at step 2 (sql INSERT INTO nowhere VALUES (1))");
        assertThat(run("db:migrate:status", "--url", url, "--migrations", migrations.toString()).out())
                .contains("20261202000000-broken  failed").contains("step 2 (sql INSERT INTO nowhere");
        Files.delete(migrations.resolve("20261202000000-broken.sql"));

        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            c.createStatement().execute("INSERT INTO \"canopy_migrations_lock\" (\"id\", \"owner\", \"locked_at\") VALUES (1, 'pid 42', CURRENT_TIMESTAMP)");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        assertOneLineError(run("db:migrate", "--url", url, "--migrations", migrations.toString(), "--lock-timeout", "1"), 1,
                "The migration lock is held by another migrator pid 42");

        Path javaDir = Files.createDirectories(dir.resolve("j"));
        Files.writeString(javaDir.resolve("20261201093000-bad.java"), "public class Bad implements dev.canopy.migrate.Migration { int x = ; }");
        assertOneLineError(run("db:migrate", "--url", url(), "--migrations", javaDir.toString()), 2,
                "Java migrations do not compile: 20261201093000-bad.java:1:");
    }

    @Test
    @DisplayName("db:seed:all loads the Chinook sample through its seeder once; db:seed:undo removes it")
    void chinookSeeder() {
        String url = url();
        Run seed = run("db:seed:all", "--url", url, "--seeders", "classpath:dev.canopy.chinook.seeders");
        assertThat(seed.code()).as(seed.err()).isZero();
        assertThat(seed.out()).contains("== V20261201000000_Chinook: seeding").contains("== V20261201000000_Chinook: seeded (");
        Run again = run("db:seed:all", "--url", url, "--seeders", "classpath:dev.canopy.chinook.seeders");
        assertThat(again.out()).contains("No seeders pending");
        Run query = run("query", "--url", url, "--models", "{\"models\":{\"Artist\":{\"table\":\"Artist\",\"timestamps\":false,\"attributes\":{\"ArtistId\":"
                + "{\"type\":\"integer\",\"primaryKey\":true},\"Name\":{\"type\":\"string\"}}}}}", "--spec", "{\"model\":\"Artist\",\"limit\":1}");
        assertThat(query.out()).as(query.err()).contains("AC/DC");
        Run undo = run("db:seed:undo", "--url", url, "--seeders", "classpath:dev.canopy.chinook.seeders");
        assertThat(undo.out()).as(undo.err()).contains("== V20261201000000_Chinook: unseeded");
    }

    @Test
    @DisplayName("db:sync creates the tables of a models file, prints the DDL in a dry run, and alters")
    void sync(@TempDir Path dir) throws IOException {
        String url = url();
        Path models = dir.resolve("models.json");
        Files.writeString(models, "{\"models\":{\"Team\":{\"table\":\"teams\",\"timestamps\":false,\"attributes\":{"
                + "\"id\":{\"type\":\"integer\",\"primaryKey\":true},\"name\":{\"type\":\"string\",\"length\":80}}}}}");
        Run dry = run("db:sync", "--url", url, "--models", models.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("create table \"teams\"").contains("Dry run: 1 change");
        Run real = run("db:sync", "--url", url, "--models", models.toString());
        assertThat(real.out()).contains("== create table teams");
        Files.writeString(models, Files.readString(models).replace("}}}}}", "},\"isbn\":{\"type\":\"string\",\"length\":20}}}}}"));
        Run alter = run("db:sync", "--url", url, "--models", models.toString(), "--alter");
        assertThat(alter.out()).as(alter.err()).contains("== add column teams.isbn");
        assertThat(run("db:sync", "--url", url, "--models", models.toString(), "--alter").out()).contains("the database matches the models");
    }
}
