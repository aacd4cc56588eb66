package dev.canopy.cli;

import dev.canopy.Canopy;
import dev.canopy.migrate.MigrationReport;
import dev.canopy.migrate.MigrationSource;
import dev.canopy.migrate.MigrationStatus;
import dev.canopy.migrate.Migrator;
import dev.canopy.migrate.Storage;
import dev.canopy.model.Schema;
import dev.canopy.schema.SyncOptions;
import dev.canopy.schema.SyncResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The schema commands, named as sequelize-cli names them: {@code db:migrate}, {@code db:migrate:undo},
 * {@code db:migrate:redo}, {@code db:migrate:status}, {@code db:seed:all}, {@code db:seed}, {@code db:seed:undo},
 * {@code migration:generate}, {@code seed:generate}, {@code db:sync}. Each is a thin shell over
 * {@link Migrator} and {@code Canopy.sync}: it connects, prints progress with durations, and lets a mistake reach
 * {@link CanopyCli} as one {@code canopy:} line.
 */
final class DbCommands {
    private DbCommands() {}

    /** What every migration command shares: where the database and the migrations are, and whether to run at all. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--dry-run", description = "Print the SQL that would run, and run nothing.")
        boolean dryRun;

        @Option(names = "--lock-timeout", paramLabel = "SECONDS", description = "How long to wait for another migrator's lock (default: 60).")
        int lockTimeout = 60;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Connects, builds a migrator for {@code folder} with progress on stdout, and runs {@code work}. */
        int run(Function<Canopy, Migrator> make, Function<Migrator, MigrationReport> work) {
            if (lockTimeout < 0) {
                throw new UserInputException("--lock-timeout must be 0 or more seconds, was " + lockTimeout);
            }
            try (Canopy db = connection.connect(null)) {
                PrintWriter out = out();
                Migrator m = make.apply(db).lockTimeout(java.time.Duration.ofSeconds(lockTimeout)).onProgress(line -> {
                    out.println(line);
                    out.flush();
                });
                MigrationReport r = work.apply(dryRun ? m.dryRun() : m);
                out.println((dryRun ? "Dry run: " : "") + r.runs().size() + " run" + (r.runs().size() == 1 ? "" : "s") + ", "
                        + String.format(java.util.Locale.ROOT, "%.3fs", r.runs().stream().mapToLong(x -> x.duration().toNanos()).sum() / 1e9));
                out.flush();
            }
            return 0;
        }

        /** A folder, or {@code classpath:com.example.migrations} for a package on the class path. */
        static MigrationSource source(String value, String option) {
            if (value.startsWith("classpath:")) {
                return MigrationSource.classpath(value.substring("classpath:".length()));
            }
            Path dir = Path.of(value);
            if (!Files.isDirectory(dir)) {
                throw new UserInputException("cannot read " + option + " '" + value + "': no such folder");
            }
            return MigrationSource.folder(dir);
        }
    }

    abstract static class MigrationsBase extends Base {
        @Option(names = "--migrations", required = true, paramLabel = "DIR",
                description = "Folder of .sql and .java migrations (or classpath:PACKAGE).")
        String migrations;

        int migrations(Function<Migrator, MigrationReport> work) {
            return run(db -> Migrator.of(db, source(migrations, "--migrations")), work);
        }
    }

    abstract static class SeedersBase extends Base {
        @Option(names = "--seeders", required = true, paramLabel = "DIR", description = "Folder of .sql and .java seeders (or classpath:PACKAGE).")
        String seeders;

        @Option(names = "--storage", paramLabel = "none|table",
                description = "table: each seeder runs once, remembered in canopy_seeds (default); none: every time (Sequelize's default).")
        Storage storage = Storage.TABLE;

        int seeders(Function<Migrator, MigrationReport> work) {
            return run(db -> Migrator.seeders(db, source(seeders, "--seeders"), storage), work);
        }
    }

    @Command(name = "db:migrate", header = "Runs the pending migrations of a folder in version order.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = {"Runs the pending migrations of a folder in version order, each in a transaction where the database has",
                    "transactional DDL, under a database lock, and records each in canopy_migrations with its checksum."},
            footer = {"", "Example:", "  canopy db:migrate --url jdbc:postgresql://localhost/app -u app --migrations db/migrations"})
    static final class Migrate extends MigrationsBase {
        @Option(names = "--to", paramLabel = "NAME", description = "Stop after this migration.")
        @Nullable String to;

        @Override
        public Integer call() {
            return migrations(m -> m.migrate(to));
        }
    }

    @Command(name = "db:migrate:undo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Undoes the last applied migration, or with --to every applied one down to and including NAME.")
    static final class MigrateUndo extends MigrationsBase {
        @Option(names = "--to", paramLabel = "NAME", description = "Undo down to and including this migration.")
        @Nullable String to;

        @Option(names = "--all", description = "Undo every applied migration.")
        boolean all;

        @Override
        public Integer call() {
            return migrations(m -> all ? m.undoAll() : to != null ? m.undo(to) : m.undo());
        }
    }

    @Command(name = "db:migrate:redo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Undoes the last applied migration and runs it again.")
    static final class MigrateRedo extends MigrationsBase {
        @Override
        public Integer call() {
            return migrations(Migrator::redo);
        }
    }

    @Command(name = "db:migrate:status", header = "Prints one line per migration: its name, when it was applied or 'pending', and any problem.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = {"One line per migration: its name, when it was applied or 'pending', and any problem (checksum mismatch,",
                    "failed step, missing from the folder)."})
    static final class MigrateStatus extends MigrationsBase {
        @Override
        public Integer call() {
            try (Canopy db = connection.connect(null)) {
                List<MigrationStatus> status = Migrator.of(db, source(migrations, "--migrations")).status();
                PrintWriter out = out();
                status.forEach(s -> out.println(s.describe()));
                if (status.isEmpty()) {
                    out.println("No migrations in " + migrations);
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "db:seed:all", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Runs every seeder of a folder (with --storage table, those that have not run).")
    static final class SeedAll extends SeedersBase {
        @Override
        public Integer call() {
            return seeders(Migrator::migrate);
        }
    }

    @Command(name = "db:seed", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Runs one seeder.")
    static final class Seed extends SeedersBase {
        @Option(names = "--seed", required = true, paramLabel = "NAME", description = "The seeder to run.")
        String seed;

        @Override
        public Integer call() {
            return seeders(m -> m.runOne(seed));
        }
    }

    @Command(name = "db:seed:undo", header = "Undoes the last seeder, or the seeders down to one, or all.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Undoes the last seeder (its down), or with --seed the seeders down to and including NAME, or --all.")
    static final class SeedUndo extends SeedersBase {
        @Option(names = {"--seed", "--to"}, paramLabel = "NAME", description = "Undo down to and including this seeder.")
        @Nullable String to;

        @Option(names = "--all", description = "Undo every seeder.")
        boolean all;

        @Override
        public Integer call() {
            return seeders(m -> all ? m.undoAll() : to != null ? m.undo(to) : m.undo());
        }
    }

    /** What {@code migration:generate} and {@code seed:generate} share. */
    abstract static class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "What the migration does, e.g. create-users (letters, digits, - and _).")
        String name;

        @Option(names = "--sql", description = "Write a .sql file with -- up and -- down sections instead of a Java class.")
        boolean sql;

        int generate(Path dir, String what) {
            if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
                throw new UserInputException("the " + what + " name '" + name + "' must start with a letter and hold only letters, digits, - and _");
            }
            String version = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
            String file = version + "-" + name + (sql ? ".sql" : ".java");
            Path target = dir.resolve(file);
            try {
                Files.createDirectories(dir);
                if (Files.exists(target)) {
                    throw new UserInputException(target + " already exists");
                }
                Files.writeString(target, sql ? sqlSkeleton() : javaSkeleton("M" + version + "_" + pascal(name)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().println("Wrote " + target);
            spec.commandLine().getOut().flush();
            return 0;
        }

        private static String pascal(String name) {
            StringBuilder sb = new StringBuilder();
            for (String part : name.split("[-_]+")) {
                if (!part.isEmpty()) {
                    sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
            }
            return sb.toString();
        }

        private static String sqlSkeleton() {
            return "-- up\n-- CREATE TABLE teams (id INT NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL);\n\n"
                    + "-- down\n-- DROP TABLE teams;\n";
        }

        private static String javaSkeleton(String className) {
            return "import dev.canopy.Canopy;\n"
                    + "import dev.canopy.migrate.Migration;\n"
                    + "import dev.canopy.model.ReferentialAction;\n"
                    + "import dev.canopy.schema.*;\n\n"
                    + "public class " + className + " implements Migration {\n"
                    + "    @Override\n"
                    + "    public void up(SchemaApi schema, Canopy db) {\n"
                    + "        // schema.createTable(\"teams\", Columns.of(\"id\", ColumnDefinition.integer().primaryKey().autoIncrement())\n"
                    + "        //         .and(\"name\", ColumnDefinition.string(80).notNull()));\n"
                    + "    }\n\n"
                    + "    @Override\n"
                    + "    public void down(SchemaApi schema, Canopy db) {\n"
                    + "        // schema.dropTable(\"teams\");\n"
                    + "    }\n"
                    + "}\n";
        }
    }

    @Command(name = "migration:generate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Writes a migration skeleton named <timestamp>-NAME.java (or .sql) into the migrations folder.",
            footer = {"", "Example:", "  canopy migration:generate create-users --migrations db/migrations"})
    static final class MigrationGenerate extends Generate {
        @Option(names = "--migrations", required = true, paramLabel = "DIR", description = "Folder of the migrations.")
        Path migrations;

        @Override
        public Integer call() {
            return generate(migrations, "migration");
        }
    }

    @Command(name = "seed:generate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = "Writes a seeder skeleton named <timestamp>-NAME.java (or .sql) into the seeders folder.")
    static final class SeedGenerate extends Generate {
        @Option(names = "--seeders", required = true, paramLabel = "DIR", description = "Folder of the seeders.")
        Path seeders;

        @Override
        public Integer call() {
            return generate(seeders, "seeder");
        }
    }

    @Command(name = "db:sync", header = "Creates the missing tables of a models file, and with --alter changes existing ones.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = {"Creates the tables of a models file that are missing, in foreign-key order. With --alter, also brings the",
                    "existing tables to the models (columns added, types and nullability changed, foreign keys and unique indexes);",
                    "a column the models no longer have is kept unless --drop-columns is given. --force drops the tables first."},
            footer = {"", "Example:", "  canopy db:sync --url jdbc:h2:file:./target/app --models models.json --alter --dry-run"})
    static final class Sync implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--models", required = true, paramLabel = "FILE|JSON", description = "Models file (or its JSON, starting with '{').")
        String models;

        @Option(names = "--alter", description = "Also change existing tables to match the models.")
        boolean alter;

        @Option(names = "--drop-columns", description = "With --alter: drop the columns the models no longer have, and their data.")
        boolean dropColumns;

        @Option(names = "--force", description = "Drop the models' tables first (every row is lost).")
        boolean force;

        @Option(names = "--dry-run", description = "Print the SQL that would run, and run nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Schema schema = Inputs.schema(Inputs.read("--models", models), null);
            SyncOptions options = SyncOptions.create();
            options = alter ? options.alter() : options;
            options = dropColumns ? options.dropColumns() : options;
            options = force ? options.force() : options;
            options = dryRun ? options.dryRun() : options;
            if (dropColumns && !alter) {
                throw new UserInputException("--drop-columns needs --alter");
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Canopy db = connection.connect(null)) {
                long start = System.nanoTime();
                SyncResult r = db.sync(schema, options);
                if (dryRun) {
                    r.statements().forEach(s -> out.println(s + ";"));
                } else {
                    r.changes().forEach(c -> out.println("== " + c));
                }
                r.skipped().forEach(s -> out.println("-- skipped: " + s));
                out.println((dryRun ? "Dry run: " : "") + r.changes().size() + " change" + (r.changes().size() == 1 ? "" : "s")
                        + (r.isEmpty() ? " (the database matches the models)" : "") + ", "
                        + String.format(java.util.Locale.ROOT, "%.3fs", (System.nanoTime() - start) / 1e9));
                out.flush();
            }
            return 0;
        }
    }
}
