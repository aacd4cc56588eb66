package dev.canopy.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes RESULTS.md from a JMH run: machine, dataset, targets, one table per scenario, before/after, notes. */
public final class ReportWriter {
    /**
     * What the report is about and how it was made. {@code inTheWayText} (null: none) is what the profiles say stands
     * between the targets not met and their figures, kept in {@code results/in-the-way.md} beside the run.
     */
    public record Context(RunInfo run, Machine machine, String loadAtEnd, String profile, String command, String date,
                          RunInfo baseline, String baselineText, List<String> notes, String chartFile, SeparateRun writesRun,
                          String writesText, SeparateRun chinookRun, String inTheWayText) {}

    /**
     * A run of some benchmarks alone (the write benchmarks, {@code Report --writes-only}; Chinook on every database,
     * {@code Report --chinook-only}), reported in its own section
     * with how and when it was made, since its machine load and settings are not the main run's. Null when the main
     * run has them.
     */
    public record SeparateRun(RunInfo run, String json, String machine, String command, String date, String profile, String loadAtStart,
                              String loadAtEnd) {}

    private static final String WRITES = "WriteBenchmark";
    private static final String CHINOOK = "ChinookBenchmark";

    private final Context c;
    private final StringBuilder md = new StringBuilder();

    private ReportWriter(Context c) {
        this.c = c;
    }

    /** The rows of Chinook's artist → album → track join: every track (3,503) and the 71 artists without albums. */
    static final long CHINOOK_ROWS = 3_574;

    public static String write(Context c) {
        return new ReportWriter(c).render();
    }

    private String render() {
        md.append("# Canopy benchmarks: results\n\n");
        md.append("> ").append(c.profile()).append("\n\n");
        md.append("Made by `").append(c.command()).append("` on ").append(c.date())
                .append(" (JSON: [`results/jmh-result.json`](results/jmh-result.json)). How to run them: [README.md](README.md).\n\n");
        machine();
        dataset();
        targets();
        md.append("![Throughput relative to hand-written JDBC](").append(c.chartFile()).append(")\n\n");
        graphScenario("HydrationBenchmark", "(a) Hydration only",
                "The same rows, materialised once in memory, turned into the graph; no database. One operation hydrates the"
                        + " whole dataset. JDBC, Canopy and jOOQ read the same `ResultSet`; MyBatis and Hibernate cannot be handed one:"
                        + " they run their own statement on a stub connection that returns a cursor over in-memory rows (MyBatis"
                        + " the same rows; Hibernate the rows H2 returned for its own SQL of the same join), so their numbers also"
                        + " include their small per-statement work.");
        graphScenario("EndToEndBenchmark", "(b) End to end: query and hydration",
                "Every contestant on the same HikariCP pool (2 connections); one operation runs the query and builds the whole graph.");
        graphScenario("ChinookBenchmark", "(f) Chinook end to end: artist → album → track",
                "Chinook's every artist with their albums and each album's tracks (275 artists, 347 albums, 3,503 tracks), query and"
                        + " hydration on one HikariCP pool per database, into `ArtistView(artistId, name, albums)` → `AlbumView(albumId,"
                        + " title, tracks)` → `TrackView(trackId, name, milliseconds)`; every contestant reads the same seven columns and"
                        + " is checked equal to the hand-written loop before timing. Hibernate ORM 7 has no SQLite dialect in"
                        + " `hibernate-core`, so it does not run on SQLite.");
        graphScenario("StreamingBenchmark", "(g) Big results: streaming",
                "Children joined to their parent (1,000 parents), read from an H2 database in a file by a JVM with a 256 MB heap;"
                        + " one operation reads every row. Hand-written JDBC makes a record per row and folds it into a checksum;"
                        + " Canopy streams entities (`db.stream(query)`) and typed records (`db.stream(query, ChildView.class)`) and"
                        + " folds the same checksum, checked equal before timing.");
        planning();
        cartesian();
        writes();
        beforeAfter();
        notes();
        return md.toString();
    }

    private void machine() {
        Machine m = c.machine();
        md.append("## Machine\n\n| | |\n|---|---|\n");
        row("CPU", m.cpu());
        row("Cores", String.valueOf(m.cores()));
        row("Memory", m.memory());
        row("OS", m.os());
        row("JDK", c.run().vm() + " (" + c.run().jdk() + ")");
        row("JMH", c.run().jmhVersion() + "; " + c.run().forks() + " fork(s), warm-up " + c.run().warmup()
                + ", measurement " + c.run().measurement() + ", `-prof gc`");
        row("Load average (1 / 5 / 15 min) when the run started", m.loadAverage());
        if (c.loadAtEnd() != null) {
            row("Load average (1 / 5 / 15 min) when it ended", c.loadAtEnd());
        }
        md.append('\n');
    }

    private void dataset() {
        BenchResult any = c.run().results().stream().filter(r -> r.params().containsKey("users")).findFirst().orElse(null);
        md.append("## Dataset\n\n");
        if (any != null) {
            int users = any.intParam("users", 0);
            int posts = any.intParam("postsPerUser", 0);
            int comments = any.intParam("commentsPerPost", 0);
            md.append(String.format(Locale.ROOT, "Generated and seeded (`Dataset`, seed %d): **%,d users × %d posts × %d comments**"
                            + " — %,d users, %,d posts, %,d comments; each post belongs to its author, each comment to a user drawn at random."
                            + " The main query loads every user with their posts, each post's comments and each comment's author"
                            + " (`users → posts → comments → author`): **%,d joined rows** per operation.%n%n",
                    dev.canopy.bench.data.Dataset.SEED, users, posts, comments, users, users * posts, users * posts * comments,
                    rowsPerOp(any)));
        }
        md.append("Every contestant produces the same immutable records (`UserView(id, name, posts)` → `PostView(id, title, comments)`"
                + " → `CommentView(id, body, author: UserRef)`); before timing, each benchmark checks that every contestant's graph"
                + " equals hand-written JDBC's, and stops if one differs.\n\n");
    }

    private void targets() {
        List<BenchResult> hydration = of("HydrationBenchmark");
        BenchResult jdbc = find(hydration, Contestants.JDBC);
        BenchResult canopy = find(hydration, Contestants.CANOPY);
        md.append("## Targets\n\nMeasured, never asserted in tests. Hydration ratios compare throughput in scenario (a); the verdict"
                + " reads the point estimate, and says so when the error bars reach across the target.\n\n");
        md.append("| Target | Measured | Met? |\n|---|---|---|\n");
        if (jdbc != null && canopy != null) {
            target("Canopy Entity hydration ≥ 0.8× hand-written JDBC", canopy, jdbc, 0.8, "× JDBC");
            BenchResult typed = find(hydration, Contestants.CANOPY_TYPED);
            if (typed != null) {
                target("Canopy typed records hydration ≥ 0.9× hand-written JDBC", typed, jdbc, 0.9, "× JDBC");
            }
            allocationTarget("Canopy Entity hydration allocates ≤ 1.5× hand-written JDBC per row", canopy, jdbc, 1.5);
            if (typed != null) {
                allocationTarget("Canopy typed records hydration allocates ≤ 1.2× hand-written JDBC per row", typed, jdbc, 1.2);
            }
            BenchResult mapped = find(hydration, Contestants.CANOPY_MAPPED);
            if (mapped != null) {
                target("Canopy Entity + manual mapping ≥ 0.8× hand-written JDBC (for reference)", mapped, jdbc, 0.8, "× JDBC");
            }
            BenchResult jooq = find(hydration, Contestants.JOOQ);
            if (jooq != null) {
                target("Canopy Entity hydration ahead of jOOQ", canopy, jooq, 1.0, "× jOOQ");
            }
            BenchResult mybatis = find(hydration, Contestants.MYBATIS);
            if (mybatis != null) {
                target("Canopy Entity hydration ≥ 2× MyBatis", canopy, mybatis, 2.0, "× MyBatis");
            }
            BenchResult hibernate = find(hydration, Contestants.HIBERNATE);
            if (hibernate != null) {
                target("Canopy Entity hydration ≥ 2× Hibernate", canopy, hibernate, 2.0, "× Hibernate");
            }
        }
        for (Map.Entry<String, List<BenchResult>> g : byDatabase(of("EndToEndBenchmark")).entrySet()) {
            BenchResult e2eJdbc = find(g.getValue(), Contestants.JDBC);
            double wanted = g.getKey().equals("h2") ? 0.7 : 0.95;
            for (String m : List.of(Contestants.CANOPY, Contestants.CANOPY_TYPED)) {
                BenchResult r = find(g.getValue(), m);
                if (e2eJdbc != null && r != null) {
                    target(Contestants.label(m) + " end to end ≥ " + wanted + "× hand-written JDBC (" + g.getKey() + ")", r, e2eJdbc, wanted, "× JDBC");
                }
            }
        }
        List<BenchResult> streaming = of("StreamingBenchmark");
        BenchResult streamJdbc = find(streaming, Contestants.JDBC);
        for (String m : List.of(Contestants.CANOPY, Contestants.CANOPY_TYPED)) {
            BenchResult r = find(streaming, m);
            if (streamJdbc != null && r != null) {
                target(Contestants.label(m) + " `stream()` of " + String.format(Locale.ROOT, "%,d", rowsPerOp(r))
                        + " joined rows in a 256 MB heap ≥ 0.8× the hand-written loop's rows/s", r, streamJdbc, 0.8, "× JDBC");
            }
        }
        BenchResult cached = find(of("PlanningBenchmark"), "toSqlCached");
        if (cached != null) {
            double us = 1e6 / cached.score();
            md.append("| Cached planning + rendering (`db.toSql` on an equal query) < 2 µs | ")
                    .append(String.format(Locale.ROOT, "%.3f µs", us)).append(" | ")
                    .append(us < 2.0 ? "yes" : String.format(Locale.ROOT, "**no**: %.0f%% over", (us / 2.0 - 1) * 100)).append(" |\n");
        }
        BenchResult shaped = find(of("PlanningBenchmark"), "toSqlSameShapeOtherValue");
        if (shaped != null) {
            double us = 1e6 / shaped.score();
            md.append("| Planning + rendering of a query that differs from a cached one only in a value ≤ 2 µs | ")
                    .append(String.format(Locale.ROOT, "%.3f µs", us)).append(" | ")
                    .append(us <= 2.0 ? "yes" : String.format(Locale.ROOT, "**no**: %.0f%% over", (us / 2.0 - 1) * 100)).append(" |\n");
        }
        for (Map.Entry<String, List<BenchResult>> g : byDatabase(writeResults()).entrySet()) {
            String on = g.getKey().isEmpty() ? "" : " (" + g.getKey() + ")";
            BenchResult bulkJdbc = find(g.getValue(), Contestants.BULK_JDBC);
            BenchResult bulk = find(g.getValue(), Contestants.BULK_CANOPY);
            if (bulkJdbc != null && bulk != null) {
                target("Canopy `bulkCreate` of 10,000 rows ≥ 0.8× a hand-written JDBC batch" + on, bulk, bulkJdbc, 0.8, "× JDBC");
            }
            BenchResult nestedJdbc = find(g.getValue(), Contestants.NESTED_JDBC);
            BenchResult nested = find(g.getValue(), Contestants.NESTED_CANOPY);
            if (nestedJdbc != null && nested != null) {
                target("Canopy nested create of 1,000 authors × 3 books ≥ 0.8× hand-written JDBC batches" + on, nested, nestedJdbc, 0.8,
                        "× JDBC");
            }
        }
        md.append('\n');
        if (c.inTheWayText() != null && !c.inTheWayText().isBlank()) {
            md.append("### What stands in the way\n\n").append(c.inTheWayText().trim()).append("\n\n");
        }
    }

    /** Allocation per operation (JMH's {@code gc.alloc.rate.norm}, steady whatever the load) against a ceiling. */
    private void allocationTarget(String what, BenchResult a, BenchResult b, double ceiling) {
        if (a.allocation() == null || b.allocation() == null) {
            return;
        }
        double ratio = a.allocation().score() / b.allocation().score();
        long rows = rowsPerOp(a);
        md.append("| ").append(what).append(" | ").append(String.format(Locale.ROOT, "%.2f× (%,.0f B against %,.0f B per row)", ratio,
                a.allocation().score() / rows, b.allocation().score() / rows)).append(" | ")
                .append(ratio <= ceiling ? "yes" : String.format(Locale.ROOT, "**no**: %.0f%% over", (ratio / ceiling - 1) * 100)).append(" |\n");
    }

    /** The verdict on the point estimate, and whether the confidence interval spans the target. */
    private void target(String what, BenchResult a, BenchResult b, double wanted, String unit) {
        double[] r = ratioOf(a, b);
        double ratio = r[0];
        boolean spans = !Double.isNaN(r[1]) && ratio - r[1] < wanted && ratio + r[1] >= wanted;
        String verdict = ratio >= wanted ? "yes" : String.format(Locale.ROOT, "**no**: short by %.0f%% (%.2f of %.2f)",
                (1 - ratio / wanted) * 100, ratio, wanted);
        md.append("| ").append(what).append(" | ").append(String.format(Locale.ROOT, "%.2f", ratio))
                .append(Double.isNaN(r[1]) ? "" : String.format(Locale.ROOT, " ± %.2f", r[1])).append(unit).append(" | ").append(verdict)
                .append(spans ? " — within the error, so not settled by this run" : "").append(" |\n");
    }

    private void graphScenario(String className, String title, String intro) {
        List<BenchResult> all = of(className);
        SeparateRun sep = null;
        if (all.isEmpty() && className.equals(CHINOOK) && c.chinookRun() != null) {
            sep = c.chinookRun();
            all = sep.run().results().stream().filter(r -> r.className().equals(className)).collect(Collectors.toList());
        }
        if (all.isEmpty()) {
            return;
        }
        md.append("## ").append(title).append("\n\n").append(intro).append("\n\n");
        if (sep != null) {
            separateRun("Measured in a run of the Chinook benchmarks alone", sep);
        }
        for (Map.Entry<String, List<BenchResult>> group : byParams(all).entrySet()) {
            List<BenchResult> results = group.getValue();
            BenchResult jdbc = find(results, Contestants.JDBC);
            long rows = rowsPerOp(results.get(0));
            md.append("**").append(group.getKey()).append("** — ").append(String.format(Locale.ROOT, "%,d rows per operation", rows)).append("\n\n");
            md.append("| Contestant | ops/s (± 99.9% CI) | time/op | rows/s | alloc/op | alloc/row | vs JDBC |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (BenchResult r : sorted(results)) {
                BenchResult.Metric alloc = r.allocation();
                md.append("| ").append(Contestants.label(r.method()))
                        .append(" | ").append(ops(r.score(), r.error()))
                        .append(" | ").append(time(r.score()))
                        .append(" | ").append(String.format(Locale.ROOT, "%,.0f", r.score() * rows))
                        .append(" | ").append(alloc == null ? "n/a" : bytes(alloc.score()))
                        .append(" | ").append(alloc == null ? "n/a" : String.format(Locale.ROOT, "%,.0f B", alloc.score() / rows))
                        .append(" | ").append(jdbc == null ? "n/a" : ratio(r, jdbc))
                        .append(" |\n");
            }
            List<String> missing = new ArrayList<>();
            for (String m : Contestants.GRAPH) {
                boolean chinook = className.equals("ChinookBenchmark");
                boolean expectedHere = className.equals("StreamingBenchmark") ? m.equals(Contestants.JDBC) || m.equals(Contestants.CANOPY)
                        || m.equals(Contestants.CANOPY_TYPED) : chinook ? !m.equals(Contestants.JOOQ_MULTISET) && !m.equals(Contestants.CANOPY_MAPPED)
                        && !(m.equals(Contestants.HIBERNATE) && "sqlite".equals(results.get(0).param("chinookDb")))
                        : !m.equals(Contestants.JOOQ_MULTISET) || className.equals("EndToEndBenchmark");
                if (find(results, m) == null && expectedHere) {
                    missing.add(Contestants.label(m));
                }
            }
            if (!missing.isEmpty()) {
                // a run narrowed with --include leaves contestants out on purpose: say so rather than call them failed
                String why = c.command().contains("--include") ? " (not in this run: left out by its `--include`, or failed, in which case its error is in the run's log)."
                        : " (the benchmark failed; its error is in the run's log).";
                md.append("\nNo result for: ").append(String.join(", ", missing)).append(why).append("\n");
            }
            md.append('\n');
        }
    }

    private void planning() {
        List<BenchResult> all = of("PlanningBenchmark");
        if (all.isEmpty()) {
            return;
        }
        md.append("## (c) Planning and SQL rendering\n\nThe three-level include query (`users → posts → comments → author`, with"
                + " attributes) planned and rendered for H2, without a database. Canopy caches plans per query shape inside a"
                + " `Canopy` instance (the query with its values as slots); the cached case looks up an equal but distinct query"
                + " value, so it pays the shape key's walk, hash and equals over the include tree; the same-shape cases run"
                + " `where id = ?` with another id on each call.\n\n");
        md.append("| Benchmark | ops/s (± 99.9% CI) | time/op | alloc/op |\n|---|---:|---:|---:|\n");
        for (BenchResult r : sorted(all)) {
            BenchResult.Metric alloc = r.allocation();
            md.append("| ").append(Contestants.label(r.method())).append(" | ").append(ops(r.score(), r.error())).append(" | ")
                    .append(time(r.score())).append(" | ").append(alloc == null ? "n/a" : bytes(alloc.score())).append(" |\n");
        }
        md.append('\n');
    }

    private void cartesian() {
        List<BenchResult> all = of("CartesianBenchmark");
        if (all.isEmpty()) {
            return;
        }
        md.append("## (d) The cartesian case: two sibling to-many includes\n\nEvery user with their posts and, beside them, the"
                + " comments they wrote, on H2. Rows read and statements run are counted by `Canopy.builder(url).onStatement(...)`"
                + " and reported by JMH as auxiliary counters.\n\n");
        md.append("| Strategy | ops/s (± 99.9% CI) | time/op | rows read/op | statements/op | alloc/op |\n|---|---:|---:|---:|---:|---:|\n");
        for (BenchResult r : sorted(all)) {
            BenchResult.Metric rows = r.metric("rowsRead");
            BenchResult.Metric statements = r.metric("statements");
            BenchResult.Metric alloc = r.allocation();
            md.append("| ").append(Contestants.label(r.method())).append(" | ").append(ops(r.score(), r.error())).append(" | ")
                    .append(time(r.score())).append(" | ")
                    .append(rows == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", rows.score() / r.score())).append(" | ")
                    .append(statements == null ? "n/a" : String.format(Locale.ROOT, "%.1f", statements.score() / r.score())).append(" | ")
                    .append(alloc == null ? "n/a" : bytes(alloc.score())).append(" |\n");
        }
        md.append('\n');
    }

    /** The write benchmarks' results: from the main run, or else from a run of them alone. */
    private List<BenchResult> writeResults() {
        List<BenchResult> own = of(WRITES);
        if (!own.isEmpty() || c.writesRun() == null) {
            return own;
        }
        return c.writesRun().run().results().stream().filter(r -> r.className().equals(WRITES)).collect(Collectors.toList());
    }

    private void writes() {
        List<BenchResult> all = writeResults();
        if (all.isEmpty()) {
            return;
        }
        md.append("## (e) Writes: bulkCreate and nested create\n\n");
        md.append("Canopy's inserts against hand-written JDBC batches, on the same pool and the same tables, with keys generated by"
                + " the database. One operation of **bulk** inserts 10,000 rows (`db.bulkCreate(ITEM, rows)` against one"
                + " `PreparedStatement`, `addBatch` and `executeBatch` every 5,000 rows, Canopy's rows per statement); one of"
                + " **nested** inserts 1,000 authors with 3 books each (one `db.bulkCreate(AUTHOR, rows)` whose rows carry their"
                + " books, against a batch of authors with generated keys and then a batch of books pointing at them). Each is one"
                + " committed transaction; Canopy's time includes building its `Values` from the same arrays JDBC binds from. The"
                + " tables are emptied before every invocation, outside the timing (`@Setup(Level.Invocation)`), so every insert"
                + " goes into empty tables; before timing, each contestant's rows are checked against hand-written JDBC's (count"
                + " and a checksum of the values, books through their author's name). Allocation per operation includes the"
                + " emptying, and on H2 the database's own work, which runs in the same JVM.\n\n");
        SeparateRun sep = of(WRITES).isEmpty() ? c.writesRun() : null;
        if (sep != null) {
            separateRun("Measured in a run of the write benchmarks alone", sep);
        }
        for (Map.Entry<String, List<BenchResult>> g : byDatabase(all).entrySet()) {
            BenchResult any = g.getValue().get(0);
            md.append("**db = ").append(g.getKey()).append("**\n\n");
            md.append("| Contestant | ops/s (± 99.9% CI) | time/op | rows/s | alloc/op | alloc/row | vs JDBC batch |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (String kind : List.of("bulk", "nested")) {
                long rows = kind.equals("bulk") ? any.intParam("rows", 0) : any.intParam("authors", 0) * 4L;
                BenchResult jdbc = find(g.getValue(), kind.equals("bulk") ? Contestants.BULK_JDBC : Contestants.NESTED_JDBC);
                for (BenchResult r : sorted(g.getValue())) {
                    if (!r.method().startsWith(kind)) {
                        continue;
                    }
                    BenchResult.Metric alloc = r.allocation();
                    md.append("| ").append(Contestants.label(r.method()))
                            .append(" | ").append(ops(r.score(), r.error()))
                            .append(" | ").append(time(r.score()))
                            .append(" | ").append(String.format(Locale.ROOT, "%,.0f", r.score() * rows))
                            .append(" | ").append(alloc == null ? "n/a" : bytes(alloc.score()))
                            .append(" | ").append(alloc == null ? "n/a" : String.format(Locale.ROOT, "%,.0f B", alloc.score() / rows))
                            .append(" | ").append(jdbc == null ? "n/a" : ratio(r, jdbc))
                            .append(" |\n");
                }
            }
            md.append('\n');
        }
        if (c.writesText() != null && !c.writesText().isBlank()) {
            md.append(c.writesText().trim()).append("\n\n");
        }
    }

    /** Results grouped by their {@code db} parameter, in the order of the run. */
    private static Map<String, List<BenchResult>> byDatabase(List<BenchResult> results) {
        Map<String, List<BenchResult>> out = new LinkedHashMap<>();
        for (BenchResult r : results) {
            out.computeIfAbsent(r.param("db") == null ? "" : r.param("db"), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    private void beforeAfter() {
        if (c.baseline() == null) {
            return;
        }
        md.append("## Before and after\n\n");
        if (c.baselineText() != null && !c.baselineText().isBlank()) {
            md.append(c.baselineText().trim()).append("\n\n");
        }
        Map<String, BenchResult> before = new LinkedHashMap<>();
        for (BenchResult r : c.baseline().results()) {
            before.put(r.key(), r);
        }
        md.append("Canopy's benchmarks against the baseline run, with hand-written JDBC as the control: its change is the machine's drift"
                + " between the two runs, not a change of code.\n\n");
        md.append("| Benchmark | before ops/s | after ops/s | change | before alloc/op | after alloc/op |\n|---|---:|---:|---:|---:|---:|\n");
        List<BenchResult> after = new ArrayList<>(c.run().results());
        after.sort(Comparator.comparing(BenchResult::className).thenComparing(r -> Contestants.order(r.method())));
        for (BenchResult a : after) {
            BenchResult b = before.get(a.key());
            // the core changes touch Canopy only; hand-written JDBC stays as the control for the machine's drift
            boolean canopy = a.method().startsWith("canopy") || a.className().equals("PlanningBenchmark")
                    || a.className().equals("CartesianBenchmark") || a.method().equals(Contestants.JDBC);
            if (b == null || !canopy) {
                continue;
            }
            BenchResult.Metric ba = b.allocation();
            BenchResult.Metric aa = a.allocation();
            md.append("| ").append(a.className().replace("Benchmark", "")).append(": ").append(Contestants.label(a.method()))
                    .append(a.param("db") != null ? " (" + a.param("db") + ")" : "")
                    .append(" | ").append(ops(b.score(), b.error())).append(" | ").append(ops(a.score(), a.error()))
                    .append(" | ").append(String.format(Locale.ROOT, "%+.0f%%", (a.score() / b.score() - 1) * 100))
                    .append(" | ").append(ba == null ? "n/a" : bytes(ba.score()))
                    .append(" | ").append(aa == null ? "n/a" : bytes(aa.score())).append(" |\n");
        }
        md.append('\n');
    }

    private void notes() {
        md.append("## Notes\n\n");
        for (String n : c.notes()) {
            md.append("- ").append(n).append('\n');
        }
        md.append("- Errors are the half-width of JMH's 99.9% confidence interval (n/a with fewer than two measured iterations);"
                + " ratios carry the combined relative error of both scores.\n");
        md.append("- Allocation is JMH's `gc.alloc.rate.norm` (bytes per operation); per row, it is divided by the rows of one"
                + " operation.\n");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** How and when a separate run was made, since its load and settings are not the main run's. */
    private void separateRun(String what, SeparateRun sep) {
        md.append(what).append(": `").append(sep.command()).append("` on ").append(sep.date())
                .append(" (JSON: [`").append(sep.json()).append("`](").append(sep.json()).append(")), on ").append(sep.machine())
                .append(" (").append(sep.machine().equals(c.machine().cpu() + ", " + c.machine().cores() + " cores, " + c.machine().memory())
                        ? "the machine of the main run" : "**not the machine of the main run**: compare these ratios, not their times with the"
                        + " tables above").append("). ")
                .append(sep.profile()).append(" JMH ").append(sep.run().jmhVersion()).append(", ").append(sep.run().forks())
                .append(" fork(s), warm-up ").append(sep.run().warmup()).append(", measurement ").append(sep.run().measurement())
                .append(", `-prof gc`. Load average (1 / 5 / 15 min): ").append(sep.loadAtStart()).append(" when it started, ")
                .append(sep.loadAtEnd()).append(" when it ended.\n\n");
    }

    private List<BenchResult> of(String className) {
        return c.run().results().stream().filter(r -> r.className().equals(className)).collect(Collectors.toList());
    }

    private static BenchResult find(List<BenchResult> results, String method) {
        return results.stream().filter(r -> r.method().equals(method)).findFirst().orElse(null);
    }

    private static List<BenchResult> sorted(List<BenchResult> results) {
        List<BenchResult> out = new ArrayList<>(results);
        out.sort(Comparator.comparingInt((BenchResult r) -> Contestants.order(r.method())).thenComparing(BenchResult::method));
        return out;
    }

    /** Results grouped by their parameters, each group named by them: {@code db = h2, users = 1000, ...}. */
    private static Map<String, List<BenchResult>> byParams(List<BenchResult> results) {
        Map<String, List<BenchResult>> out = new LinkedHashMap<>();
        for (BenchResult r : results) {
            String name = new TreeMap<>(r.params()).entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining(", "));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    public static long rowsPerOp(BenchResult r) {
        if (r.className().equals("ChinookBenchmark")) {
            return CHINOOK_ROWS;
        }
        if (r.className().equals("StreamingBenchmark")) {
            return r.intParam("rows", 0);
        }
        long users = r.intParam("users", 0);
        long posts = r.intParam("postsPerUser", 0);
        long comments = r.intParam("commentsPerPost", 0);
        return posts == 0 ? users : comments == 0 ? users * posts : users * posts * comments;
    }

    private void row(String k, String v) {
        md.append("| ").append(k).append(" | ").append(v).append(" |\n");
    }

    static String ops(double score, double error) {
        String s = score >= 100 ? String.format(Locale.ROOT, "%,.0f", score)
                : score >= 10 ? String.format(Locale.ROOT, "%.1f", score) : String.format(Locale.ROOT, "%.2f", score);
        if (Double.isNaN(error)) {
            return s + " ± n/a";
        }
        String e = error >= 100 ? String.format(Locale.ROOT, "%,.0f", error)
                : error >= 10 ? String.format(Locale.ROOT, "%.1f", error) : String.format(Locale.ROOT, "%.2f", error);
        return s + " ± " + e;
    }

    static String time(double opsPerSecond) {
        double s = 1 / opsPerSecond;
        if (s >= 1) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        if (s >= 1e-3) {
            return String.format(Locale.ROOT, "%.2f ms", s * 1e3);
        }
        if (s >= 1e-6) {
            return String.format(Locale.ROOT, "%.2f µs", s * 1e6);
        }
        return String.format(Locale.ROOT, "%.0f ns", s * 1e9);
    }

    static String bytes(double b) {
        if (b >= 10 * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", b / 1024 / 1024);
        }
        if (b >= 10 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", b / 1024);
        }
        return String.format(Locale.ROOT, "%,.0f B", b);
    }

    /** {@code a / b} with the combined relative error of both. */
    static double[] ratioOf(BenchResult a, BenchResult b) {
        double r = a.score() / b.score();
        double e = r * Math.sqrt(sq(a.error() / a.score()) + sq(b.error() / b.score()));
        return new double[] {r, e};
    }

    private static String ratio(BenchResult a, BenchResult b) {
        double[] r = ratioOf(a, b);
        return Double.isNaN(r[1]) ? String.format(Locale.ROOT, "%.2f×", r[0]) : String.format(Locale.ROOT, "%.2f× ± %.2f", r[0], r[1]);
    }

    private static double sq(double x) {
        return x * x;
    }
}
