package dev.canopy.migrate;

import com.google.errorprone.annotations.CheckReturnValue;
import dev.canopy.Canopy;
import dev.canopy.schema.SchemaApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs versioned migrations on a database: {@link #migrate()}, {@link #undo()}, {@link #redo()}, {@link #status()}.
 * <pre>{@code
 * Migrator migrator = Migrator.of(db, MigrationSource.folder(Path.of("migrations"))).onProgress(System.out::println);
 * migrator.migrate();                       // every pending migration, in version order
 * migrator.status().forEach(s -> System.out.println(s.describe()));
 * migrator.undo();                          // the last one
 * }</pre>
 *
 * <p>Every run takes the database's migration lock first (see {@link MigrationLock}), so two processes started
 * together apply each migration once: the second waits, then finds nothing pending. Before anything runs, the history
 * is checked against the source: an applied migration whose checksum changed, or one that failed before, stops the run
 * with a message saying what to do; an applied migration the source no longer has is reported.
 *
 * <p>Where DDL is transactional (PostgreSQL, SQLite), each migration and its history row are one transaction: a
 * failure leaves nothing of it. Elsewhere (MySQL, MariaDB, H2 commit each DDL statement) the migrator says so before it
 * starts, and a failure is recorded with the step that failed, which {@link #status()} shows.
 *
 * <p>A dry run ({@link #dryRun()}) runs each migration's {@code up} or {@code down} against a schema API that records
 * instead of running, inside a transaction that is rolled back, and returns the SQL.
 *
 * <p>A Migrator is an immutable value; its settings return a new one.
 */
@CheckReturnValue
public final class Migrator {
    /** Sequelize's {@code SequelizeMeta}. */
    public static final String MIGRATIONS_TABLE = "canopy_migrations";
    /** Sequelize's {@code SequelizeData}. */
    public static final String SEEDS_TABLE = "canopy_seeds";

    private final Canopy db;
    private final MigrationSource source;
    private final String table;
    private final String noun;
    private final boolean tracked;
    private final Duration lockTimeout;
    private final Duration staleLockAfter;
    private final Consumer<String> progress;
    private final boolean dryRun;

    private Migrator(Canopy db, MigrationSource source, String table, String noun, boolean tracked, Duration lockTimeout,
                     Duration staleLockAfter, Consumer<String> progress, boolean dryRun) {
        this.db = Objects.requireNonNull(db, "db is null");
        this.source = Objects.requireNonNull(source, "source is null");
        this.table = table;
        this.noun = noun;
        this.tracked = tracked;
        this.lockTimeout = lockTimeout;
        this.staleLockAfter = staleLockAfter;
        this.progress = progress;
        this.dryRun = dryRun;
    }

    /** A migrator for {@code source}'s migrations, with its history in {@value #MIGRATIONS_TABLE}. */
    public static Migrator of(Canopy db, MigrationSource source) {
        return new Migrator(db, source, MIGRATIONS_TABLE, "migration", true, Duration.ofSeconds(60), Duration.ofMinutes(10), m -> {}, false);
    }

    /**
     * A runner for seeders (Sequelize's {@code db:seed}): the same shape as migrations, apart from them. With
     * {@link Storage#TABLE} each seeder runs once and is remembered in {@value #SEEDS_TABLE}; with {@link Storage#NONE}
     * every seeder runs each time.
     */
    public static Migrator seeders(Canopy db, MigrationSource source, Storage storage) {
        return new Migrator(db, source, SEEDS_TABLE, "seeder", storage == Storage.TABLE, Duration.ofSeconds(60), Duration.ofMinutes(10),
                m -> {}, false);
    }

    /** The history table's name. */
    public Migrator historyTable(String name) {
        return new Migrator(db, source, name, noun, tracked, lockTimeout, staleLockAfter, progress, dryRun);
    }

    /** How long to wait for another migrator's lock before giving up (60 s by default). */
    public Migrator lockTimeout(Duration timeout) {
        return new Migrator(db, source, table, noun, tracked, timeout, staleLockAfter, progress, dryRun);
    }

    /** How old a lock row must be to count as a crashed migrator's (10 min by default; lock rows only). */
    public Migrator staleLockAfter(Duration age) {
        return new Migrator(db, source, table, noun, tracked, lockTimeout, age, progress, dryRun);
    }

    /** Told of each step: {@code == 20261201093000-create-users: migrating}, its duration, the lock, warnings. */
    public Migrator onProgress(Consumer<String> sink) {
        return new Migrator(db, source, table, noun, tracked, lockTimeout, staleLockAfter, Objects.requireNonNull(sink, "sink is null"), dryRun);
    }

    /** A migrator that runs nothing and reports the SQL each migration would run. */
    public Migrator dryRun() {
        return new Migrator(db, source, table, noun, tracked, lockTimeout, staleLockAfter, progress, true);
    }

    // ---- status -----------------------------------------------------------------------------------------------

    /** Every migration of the source and of the history, in version order, each with its state and any problem. */
    public List<MigrationStatus> status() {
        List<MigrationScript> scripts = source.load();
        Map<String, History.Row> rows = tracked ? new History(bookkeeping(), table).rows() : Map.of();
        List<MigrationStatus> out = new ArrayList<>();
        for (MigrationScript s : scripts) {
            History.Row r = rows.get(s.name());
            if (r == null) {
                out.add(new MigrationStatus(s.name(), MigrationStatus.State.PENDING, null, null, null));
            } else if (History.FAILED.equals(r.outcome())) {
                out.add(new MigrationStatus(s.name(), MigrationStatus.State.FAILED, r.appliedAt(), Duration.ofMillis(r.durationMillis()), r.detail()));
            } else if (!r.checksum().equals(s.checksum())) {
                out.add(new MigrationStatus(s.name(), MigrationStatus.State.CHANGED, r.appliedAt(), Duration.ofMillis(r.durationMillis()),
                        "checksum mismatch: " + s.origin() + " changed after it was applied"));
            } else {
                out.add(new MigrationStatus(s.name(), MigrationStatus.State.APPLIED, r.appliedAt(), Duration.ofMillis(r.durationMillis()), null));
            }
        }
        for (History.Row r : rows.values()) {
            if (scripts.stream().noneMatch(s -> s.name().equals(r.name()))) {
                out.add(new MigrationStatus(r.name(), MigrationStatus.State.MISSING, r.appliedAt(), Duration.ofMillis(r.durationMillis()),
                        "applied, but missing from the " + noun + "s"));
            }
        }
        out.sort((a, b) -> MigrationScript.ORDER.compare(probe(a.name()), probe(b.name())));
        return out;
    }

    private static MigrationScript probe(String name) {
        return new MigrationScript(name, "", (s, d) -> {}, "history");
    }

    // ---- up ---------------------------------------------------------------------------------------------------

    /** Runs every pending migration, in version order. */
    public MigrationReport migrate() {
        return migrate(null);
    }

    /**
     * Runs the pending migrations up to and including {@code target}.
     *
     * @throws MigrationSourceException when no migration has that name, naming those that exist
     */
    public MigrationReport migrate(@Nullable String target) {
        List<MigrationScript> scripts = source.load();
        int last = target == null ? scripts.size() - 1 : indexOf(scripts, target);
        return locked((history, lock) -> {
            Map<String, History.Row> rows = tracked ? check(scripts, history.rows()) : Map.of();
            List<MigrationScript> pending = new ArrayList<>();
            for (int i = 0; i <= last; i++) {
                if (!rows.containsKey(scripts.get(i).name())) {
                    pending.add(scripts.get(i));
                }
            }
            return run(history, lock, pending, true);
        });
    }

    /** Runs one migration (a seeder, say) by name, if it has not run (always, when nothing is remembered). */
    public MigrationReport runOne(String name) {
        List<MigrationScript> scripts = source.load();
        MigrationScript one = scripts.get(indexOf(scripts, name));
        return locked((history, lock) -> {
            Map<String, History.Row> rows = tracked ? check(scripts, history.rows()) : Map.of();
            return run(history, lock, rows.containsKey(name) ? List.of() : List.of(one), true);
        });
    }

    // ---- down -------------------------------------------------------------------------------------------------

    /** Undoes the last applied migration (a failed one too: its {@code down} cleans up what its steps left). */
    public MigrationReport undo() {
        return undo(null, false);
    }

    /**
     * Undoes the applied migrations from the last down to and including {@code target}.
     *
     * @throws MigrationSourceException when no migration has that name, or it is not applied
     */
    public MigrationReport undo(String target) {
        return undo(Objects.requireNonNull(target, "target is null"), false);
    }

    /** Undoes every applied migration, last first. */
    public MigrationReport undoAll() {
        return undo(null, true);
    }

    private MigrationReport undo(@Nullable String target, boolean all) {
        List<MigrationScript> scripts = source.load();
        if (target != null) {
            int unused = indexOf(scripts, target);   // refuses an unknown target before the lock is taken
        }
        return locked((history, lock) -> {
            List<MigrationScript> applied = new ArrayList<>();
            if (tracked) {
                Map<String, History.Row> rows = history.rows();
                for (MigrationScript s : scripts) {
                    History.Row r = rows.get(s.name());
                    if (r != null && !r.checksum().equals(s.checksum()) && !History.FAILED.equals(r.outcome())) {
                        throw mismatch(List.of(s));
                    }
                    if (r != null) {
                        applied.add(s);
                    }
                }
            } else {
                applied.addAll(scripts);
            }
            List<MigrationScript> todo = new ArrayList<>();
            for (int i = applied.size() - 1; i >= 0; i--) {
                todo.add(applied.get(i));
                if (target == null && !all || applied.get(i).name().equals(target)) {
                    break;
                }
            }
            if (target != null && todo.stream().noneMatch(s -> s.name().equals(target))) {
                throw new MigrationSourceException("The " + noun + " " + target + " is not applied; applied: "
                        + (applied.isEmpty() ? "(none)" : String.join(", ", applied.stream().map(MigrationScript::name).toList())));
            }
            if (applied.isEmpty()) {
                progress.accept("No " + noun + " to undo");
            }
            return run(history, lock, todo, false);
        });
    }

    /** Undoes the last applied migration and runs it again. */
    public MigrationReport redo() {
        MigrationReport down = undo();
        if (down.runs().isEmpty()) {
            return down;
        }
        MigrationReport up = migrate(down.runs().get(0).name());
        List<MigrationReport.Run> runs = new ArrayList<>(down.runs());
        runs.addAll(up.runs());
        List<String> sql = new ArrayList<>(down.statements());
        sql.addAll(up.statements());
        return new MigrationReport(runs, sql, dryRun);
    }

    // ---- running ----------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work {
        MigrationReport apply(History history, MigrationLock lock);
    }

    /** The schema API for the history and lock: never dry, never one migration's steps. */
    private SchemaApi bookkeeping() {
        return db.schemaApi();
    }

    private MigrationReport locked(Work work) {
        SchemaApi api = bookkeeping();
        // a dry run writes nothing, so it needs no lock (and creates no lock table)
        try (MigrationLock lock = dryRun ? MigrationLock.none() : MigrationLock.acquire(db, api, table, lockTimeout, staleLockAfter, progress)) {
            History history = new History(api, table);
            if (tracked && !dryRun) {
                history.ensure();
            }
            return work.apply(history, lock);
        }
    }

    private Map<String, History.Row> check(List<MigrationScript> scripts, Map<String, History.Row> rows) {
        List<MigrationScript> changed = new ArrayList<>();
        for (MigrationScript s : scripts) {
            History.Row r = rows.get(s.name());
            if (r != null && History.FAILED.equals(r.outcome())) {
                throw new MigrationException("The " + noun + " " + s.name() + " failed on " + r.appliedAt() + ": " + r.detail() + ". "
                        + db.dialect().name() + " kept the steps before the failed one. Undo it (canopy db:migrate:undo runs its down and "
                        + "forgets it), fix it, and migrate again");
            }
            if (r != null && !r.checksum().equals(s.checksum())) {
                changed.add(s);
            }
        }
        if (!changed.isEmpty()) {
            throw mismatch(changed);
        }
        for (History.Row r : rows.values()) {
            if (scripts.stream().noneMatch(s -> s.name().equals(r.name()))) {
                progress.accept("Warning: the " + noun + " " + r.name() + " was applied on " + r.appliedAt() + " but is missing from the "
                        + noun + "s");
            }
        }
        return rows;
    }

    private MigrationException mismatch(List<MigrationScript> changed) {
        return new MigrationException("Checksum mismatch: " + String.join(", ", changed.stream().map(s -> s.name() + " (" + s.origin() + ")").toList())
                + " changed after " + (changed.size() == 1 ? "it was" : "they were") + " applied; nothing ran. Restore the applied version "
                + "and put the change in a new " + noun);
    }

    private int indexOf(List<MigrationScript> scripts, String name) {
        for (int i = 0; i < scripts.size(); i++) {
            if (scripts.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new MigrationSourceException("Unknown " + noun + " '" + name + "'; " + noun + "s: "
                + (scripts.isEmpty() ? "(none)" : String.join(", ", scripts.stream().map(MigrationScript::name).toList())));
    }

    private MigrationReport run(History history, MigrationLock lock, List<MigrationScript> todo, boolean up) {
        List<MigrationReport.Run> runs = new ArrayList<>();
        List<String> sql = new ArrayList<>();
        boolean transactional = db.schemaApi().hasTransactionalDdl();
        if (todo.isEmpty()) {
            progress.accept("No " + noun + "s " + (up ? "pending" : "to undo"));
        } else if (!transactional && !dryRun) {
            progress.accept("Note: " + db.dialect().name() + " commits each DDL statement at once, so a " + noun + " cannot be rolled back "
                    + "as a whole; a failure is recorded with its step (see status)");
        }
        for (MigrationScript s : todo) {
            String verb = up ? "migrat" : "revert";
            if (noun.equals("seeder")) {
                verb = up ? "seed" : "unseed";
            }
            progress.accept("== " + s.name() + ": " + verb + "ing" + (dryRun ? " (dry run)" : ""));
            long start = System.nanoTime();
            SchemaApi api = dryRun ? db.schemaApi().dryRun() : db.schemaApi();
            if (dryRun) {
                dry(s, api, up);
                sql.addAll(api.statements());
                api.statements().forEach(st -> progress.accept(st + ";"));
            } else if (transactional) {
                transactional(s, api, up, history, start);
            } else {
                direct(s, api, up, history, start);
            }
            if (!dryRun) {
                lock.refresh();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            runs.add(new MigrationReport.Run(s.name(), up, took));
            progress.accept("== " + s.name() + ": " + verb + "ed (" + seconds(took) + ")");
        }
        return new MigrationReport(runs, sql, dryRun);
    }

    /** Thrown to roll a dry run's transaction back. */
    private static final class DryRunRollback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DryRunRollback() {
            super(null, null, false, false);
        }
    }

    private void dry(MigrationScript s, SchemaApi api, boolean up) {
        try {
            api.transaction(() -> {
                apply(s, api, up);
                throw new DryRunRollback();
            });
        } catch (DryRunRollback expected) {
            // the dry run's data statements are undone with it
        } catch (RuntimeException e) {
            throw failed(s, api, up, e, "dry run");
        }
    }

    private void transactional(MigrationScript s, SchemaApi api, boolean up, History history, long start) {
        try {
            api.transaction(() -> {
                apply(s, api, up);
                if (tracked) {
                    if (up) {
                        history.record(s.name(), s.checksum(), Duration.ofNanos(System.nanoTime() - start), History.APPLIED, null);
                    } else {
                        history.forget(s.name());
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw failed(s, api, up, e, "rolled back: nothing of it remains");
        }
    }

    private void direct(MigrationScript s, SchemaApi api, boolean up, History history, long start) {
        try {
            apply(s, api, up);
        } catch (RuntimeException e) {
            MigrationException failure = failed(s, api, up, e, "the steps before it stayed applied");
            if (tracked) {
                history.record(s.name(), s.checksum(), Duration.ofNanos(System.nanoTime() - start), History.FAILED,
                        (up ? "" : "undo ") + stepOf(api) + ": " + message(e));
            }
            throw failure;
        }
        if (tracked) {
            if (up) {
                history.record(s.name(), s.checksum(), Duration.ofNanos(System.nanoTime() - start), History.APPLIED, null);
            } else {
                history.forget(s.name());
            }
        }
    }

    private void apply(MigrationScript s, SchemaApi api, boolean up) {
        if (up) {
            s.migration().up(api, db);
        } else {
            s.migration().down(api, db);
        }
    }

    private MigrationException failed(MigrationScript s, SchemaApi api, boolean up, RuntimeException e, String consequence) {
        return new MigrationException("The " + noun + " " + s.name() + (up ? "" : " (down)") + " failed at " + stepOf(api) + ": "
                + message(e) + " (" + consequence + ")", e);
    }

    /** {@code step 3 (addColumn users.teamId)}: the last operation begun on the migration's schema API. */
    private static String stepOf(SchemaApi api) {
        List<String> ops = api.operations();
        return ops.isEmpty() ? "step 1 (before any schema change)" : "step " + ops.size() + " (" + ops.get(ops.size() - 1) + ")";
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3fs", d.toNanos() / 1e9);
    }
}
