package dev.canopy.bench;

import dev.canopy.bench.data.BenchDatabase;
import dev.canopy.bench.report.BenchResult;
import dev.canopy.bench.report.Chart;
import dev.canopy.bench.report.Contestants;
import dev.canopy.bench.report.Machine;
import dev.canopy.bench.report.ReportWriter;
import dev.canopy.bench.report.RunInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and writes the report: {@code RESULTS.md} and {@code results.png} in the benchmarks folder,
 * and JMH's JSON in {@code results/jmh-result.json}.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.canopy.bench.Report --quick     # a few minutes on 2 cores
 * java -cp benchmarks/target/benchmarks.jar dev.canopy.bench.Report --full      # real numbers: well over an hour for every benchmark
 *   [--databases h2,mariadb,postgres]   end-to-end on these too, when reachable (default: h2)
 *   [--include REGEX]                   only the benchmarks matching (JMH include syntax)
 *   [--param name=v1,v2]                override a @Param (e.g. users=2000), repeatable
 *   [--out DIR]                         where RESULTS.md goes (default: ./benchmarks if it exists, else .)
 *   [--baseline FILE]                   a former JSON to compare with (default: the one the run's JSON was compared with,
 *                                       else DIR/results/before-core-changes.json if present)
 *   [--from-json FILE]                  no run: write the report from an existing JSON
 *   [--writes-only]                     run only the write benchmarks, into results/jmh-writes.json, and write the
 *                                       report again from the main run's JSON with that run in its writes section
 *   [--chinook-only]                    the same for the Chinook benchmarks (results/jmh-chinook.json), shown in their
 *                                       section when the main run left them out
 * </pre>
 */
public final class Report {
    private Report() {}

    private enum Profile {
        QUICK("Quick profile: 1 fork, 3 × 1 s warm-up, 10 × 300 ms measurement per benchmark. Indicative numbers: errors are"
                + " wide, and on a busy machine (see the load average) throughput moves with whatever else runs, while allocation"
                + " does not. Re-run with `--full` on a quiet machine for numbers to quote.", 1, 3, TimeValue.seconds(1), 10,
                TimeValue.milliseconds(300)),
        FULL("Full profile: 3 forks, 5 × 2 s warm-up, 5 × 2 s measurement per benchmark.", 3, 5, TimeValue.seconds(2), 5, TimeValue.seconds(2));

        final String description;
        final int forks;
        final int warmups;
        final TimeValue warmupTime;
        final int measurements;
        final TimeValue measurementTime;

        Profile(String description, int forks, int warmups, TimeValue warmupTime, int measurements, TimeValue measurementTime) {
            this.description = description;
            this.forks = forks;
            this.warmups = warmups;
            this.warmupTime = warmupTime;
            this.measurements = measurements;
            this.measurementTime = measurementTime;
        }
    }

    public static void main(String[] args) throws IOException, RunnerException {
        Profile profile = Profile.QUICK;
        List<String> databases = new ArrayList<>(List.of("h2"));
        String include = "dev\\.canopy\\.bench\\..*Benchmark\\..*";
        Map<String, String[]> params = new LinkedHashMap<>();
        Path out = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks") : Path.of(".");
        Path baseline = null;
        Path fromJson = null;
        boolean writesOnly = false;
        boolean chinookOnly = false;
        StringBuilder command = new StringBuilder("java -cp benchmarks/target/benchmarks.jar dev.canopy.bench.Report");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            command.append(' ').append(a);
            switch (a) {
                case "--quick": profile = Profile.QUICK; break;
                case "--full": profile = Profile.FULL; break;
                case "--databases": databases = List.of(value(args, ++i, a).split(",")); command.append(' ').append(args[i]); break;
                case "--include": include = value(args, ++i, a); command.append(' ').append(args[i]); break;
                case "--param": {
                    String p = value(args, ++i, a);
                    command.append(' ').append(p);
                    int eq = p.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--param wants name=v1,v2; was " + p);
                    }
                    params.put(p.substring(0, eq), p.substring(eq + 1).split(","));
                    break;
                }
                case "--out": out = Path.of(value(args, ++i, a)); command.append(' ').append(args[i]); break;
                case "--baseline": baseline = Path.of(value(args, ++i, a)); command.append(' ').append(args[i]); break;
                case "--from-json": fromJson = Path.of(value(args, ++i, a)); command.append(' ').append(args[i]); break;
                case "--writes-only": writesOnly = true; break;
                case "--chinook-only": chinookOnly = true; break;
                case "-h": case "--help":
                    System.out.println("usage: Report [--quick|--full] [--databases h2,mariadb,postgres] [--include REGEX]"
                            + " [--param name=v1,v2] [--out DIR] [--baseline FILE] [--from-json FILE] [--writes-only | --chinook-only]");
                    return;
                default: throw new IllegalArgumentException("Unknown option " + a + " (see --help)");
            }
        }
        Files.createDirectories(out.resolve("results"));
        Machine machine = Machine.current();
        List<String> notes = new ArrayList<>();
        Path json = out.resolve("results/jmh-result.json");
        Path runInfo = out.resolve("results/run-info.properties");
        // the write benchmarks run alone go to files of their own, so that the main run's JSON is kept whole
        Path writesJson = out.resolve("results/jmh-writes.json");
        Path writesInfo = out.resolve("results/writes-run-info.properties");
        // and so do the Chinook benchmarks (four databases, six contestants), which a focused main run may leave out
        Path chinookJson = out.resolve("results/jmh-chinook.json");
        Path chinookInfo = out.resolve("results/chinook-run-info.properties");
        if (writesOnly && chinookOnly) {
            throw new IllegalArgumentException("--writes-only and --chinook-only each make a run of their own: use one");
        }
        if (chinookOnly) {
            if (fromJson != null) {
                throw new IllegalArgumentException("--chinook-only runs the Chinook benchmarks; it cannot be used with --from-json");
            }
            include = "dev\\.canopy\\.bench\\.ChinookBenchmark\\..*";
            json = chinookJson;
            runInfo = chinookInfo;
        }
        if (writesOnly) {
            if (fromJson != null) {
                throw new IllegalArgumentException("--writes-only runs the write benchmarks; it cannot be used with --from-json");
            }
            include = "dev\\.canopy\\.bench\\.WriteBenchmark\\..*";
            json = writesJson;
            runInfo = writesInfo;
        }
        java.util.Properties facts = new java.util.Properties();
        String date = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
        if (fromJson == null) {
            List<String> reachable = new ArrayList<>();
            for (String d : databases) {
                BenchDatabase db = BenchDatabase.named(d.trim());
                if (db.isReachable()) {
                    reachable.add(db.id());
                } else {
                    String msg = db.id() + " was asked for but is not reachable: its end-to-end benchmarks were left out.";
                    System.err.println("*** " + msg);
                    notes.add(msg);
                }
            }
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(include)
                    .forks(profile.forks)
                    .warmupIterations(profile.warmups).warmupTime(profile.warmupTime)
                    .measurementIterations(profile.measurements).measurementTime(profile.measurementTime)
                    .addProfiler(GCProfiler.class)
                    .shouldFailOnError(false)
                    .resultFormat(ResultFormatType.JSON)
                    .result(json.toString())
                    .param("db", reachable.toArray(new String[0]));
            // Chinook runs on every database asked for and reachable, and on SQLite (a file: always there)
            List<String> chinook = new ArrayList<>(reachable);
            chinook.add("sqlite");
            options.param("chinookDb", chinook.toArray(new String[0]));
            for (Map.Entry<String, String[]> p : params.entrySet()) {
                options.param(p.getKey(), p.getValue());
            }
            new Runner(options.build()).run();
            // what only the run itself knows, kept beside its JSON so that the report can be written again from it
            facts.setProperty("command", command.toString());
            facts.setProperty("date", date);
            facts.setProperty("profile", profile.description);
            facts.setProperty("loadAtStart", machine.loadAverage());
            facts.setProperty("loadAtEnd", Machine.current().loadAverage());
            // the machine too: a report written again later (or elsewhere) must name the machine of the run, not its own
            facts.setProperty("cpu", machine.cpu());
            facts.setProperty("cores", String.valueOf(machine.cores()));
            facts.setProperty("memory", machine.memory());
            facts.setProperty("os", machine.os());
            facts.setProperty("notes", String.join("\n", notes));
            if (baseline != null) {
                // so that the page written again from this run (by --from-json, --writes-only or --chinook-only) compares with the same baseline
                facts.setProperty("baseline", out.toAbsolutePath().relativize(baseline.toAbsolutePath()).toString());
            }
            try (java.io.Writer w = Files.newBufferedWriter(runInfo)) {
                facts.store(w, "The run that made jmh-result.json");
            }
        }
        if (writesOnly || chinookOnly) {
            // now the page: from the main run's JSON, as --from-json would, with the separate run beside it
            fromJson = out.resolve("results/jmh-result.json");
            facts = new java.util.Properties();
        }
        if (fromJson != null) {
            json = fromJson;
            Path sidecar = fromJson.resolveSibling("run-info.properties");
            if (Files.exists(sidecar)) {
                try (java.io.Reader r = Files.newBufferedReader(sidecar)) {
                    facts.load(r);
                }
            }
        }
        RunInfo run = RunInfo.read(json);
        if (baseline == null && facts.containsKey("baseline")) {
            baseline = out.resolve(facts.getProperty("baseline"));
        }
        if (baseline == null && Files.exists(out.resolve("results/before-core-changes.json"))) {
            baseline = out.resolve("results/before-core-changes.json");
        }
        RunInfo before = baseline == null ? null : RunInfo.read(baseline);
        // the notes of a baseline sit beside it, named like it (before-speed.json: before-speed.md); the first baseline's are core-changes.md
        Path baselineNotes = baseline == null ? out.resolve("results/core-changes.md")
                : baseline.resolveSibling(baseline.getFileName().toString().replaceFirst("\\.json$", ".md"));
        if (!Files.exists(baselineNotes)) {
            baselineNotes = out.resolve("results/core-changes.md");
        }
        String baselineText = Files.exists(baselineNotes) ? Files.readString(baselineNotes) : null;
        if (fromJson != null && !facts.getProperty("notes", "").isEmpty()) {
            notes.addAll(List.of(facts.getProperty("notes").split("\n")));
        }
        String unknown = "not recorded (report written from an existing JSON)";
        machine = new Machine(facts.getProperty("cpu", machine.cpu()), Integer.parseInt(facts.getProperty("cores", String.valueOf(machine.cores()))),
                facts.getProperty("memory", machine.memory()), facts.getProperty("os", machine.os()), facts.getProperty("loadAtStart", unknown));
        String commandText = facts.getProperty("command", command.toString());
        String dateText = facts.getProperty("date", date);
        if (fromJson != null && facts.containsKey("command")) {
            dateText = dateText + " (this page re-written from that run's JSON on " + date + ")";
        }
        String profileText = facts.getProperty("profile", "Report written from " + fromJson + ".");
        ReportWriter.SeparateRun writesRun = separateRun(writesJson, writesInfo, "results/jmh-writes.json", unknown);
        ReportWriter.SeparateRun chinookRun = separateRun(chinookJson, chinookInfo, "results/jmh-chinook.json", unknown);
        Path writesNotes = out.resolve("results/writes.md");
        String writesText = Files.exists(writesNotes) ? Files.readString(writesNotes) : null;
        Path inTheWay = out.resolve("results/in-the-way.md");
        String inTheWayText = Files.exists(inTheWay) ? Files.readString(inTheWay) : null;
        String markdown = ReportWriter.write(new ReportWriter.Context(run, machine, facts.getProperty("loadAtEnd"),
                profileText, commandText, dateText, before, baselineText, notes, "results.png", writesRun, writesText, chinookRun,
                inTheWayText));
        Files.writeString(out.resolve("RESULTS.md"), markdown);
        if (writesOnly || chinookOnly) {
            // the chart draws the hydration and end-to-end scenarios of the main run, which this run did not touch
            System.out.println("Wrote " + out.resolve("RESULTS.md") + " (the chart is unchanged)");
            return;
        }
        chart(run, out.resolve("results.png"));
        System.out.println("Wrote " + out.resolve("RESULTS.md") + " and " + out.resolve("results.png"));
    }

    /** A run of some benchmarks alone, with the facts kept beside its JSON; null when there is none. */
    private static ReportWriter.SeparateRun separateRun(Path json, Path info, String link, String unknown) throws IOException {
        if (!Files.exists(json)) {
            return null;
        }
        java.util.Properties w = new java.util.Properties();
        if (Files.exists(info)) {
            try (java.io.Reader r = Files.newBufferedReader(info)) {
                w.load(r);
            }
        }
        String machine = w.getProperty("cpu", unknown) + ", " + w.getProperty("cores", "?") + " cores, " + w.getProperty("memory", "?");
        return new ReportWriter.SeparateRun(RunInfo.read(json), link, machine, w.getProperty("command", unknown),
                w.getProperty("date", unknown), w.getProperty("profile", ""), w.getProperty("loadAtStart", unknown),
                w.getProperty("loadAtEnd", unknown));
    }

    private static void chart(RunInfo run, Path png) throws IOException {
        List<Chart.Series> series = new ArrayList<>();
        List<Chart.Series> allocation = new ArrayList<>();
        Map<String, String> scenarios = new LinkedHashMap<>();
        scenarios.put("HydrationBenchmark", "hydration only");
        scenarios.put("EndToEndBenchmark", "end to end");
        List<String> labels = new ArrayList<>();
        for (String m : Contestants.GRAPH) {
            labels.add(Contestants.label(m));
        }
        for (Map.Entry<String, String> s : scenarios.entrySet()) {
            Map<String, List<BenchResult>> byDb = new LinkedHashMap<>();
            for (BenchResult r : run.results()) {
                if (r.className().equals(s.getKey())) {
                    byDb.computeIfAbsent(r.param("db") == null ? "" : r.param("db"), k -> new ArrayList<>()).add(r);
                }
            }
            for (Map.Entry<String, List<BenchResult>> g : byDb.entrySet()) {
                BenchResult jdbc = g.getValue().stream().filter(r -> r.method().equals(Contestants.JDBC)).findFirst().orElse(null);
                if (jdbc == null) {
                    continue;
                }
                Map<String, double[]> ratios = new LinkedHashMap<>();
                Map<String, double[]> perRow = new LinkedHashMap<>();
                long rows = ReportWriter.rowsPerOp(jdbc);
                for (BenchResult r : g.getValue()) {
                    double rel = r.score() / jdbc.score();
                    double err = rel * Math.sqrt(Math.pow(r.error() / r.score(), 2) + Math.pow(jdbc.error() / jdbc.score(), 2));
                    ratios.put(Contestants.label(r.method()), new double[] {rel, err});
                    if (r.allocation() != null) {
                        perRow.put(Contestants.label(r.method()), new double[] {r.allocation().score() / rows, 0});
                    }
                }
                String name = s.getValue() + (g.getKey().isEmpty() ? "" : " (" + g.getKey() + ")");
                series.add(new Chart.Series(name, ratios));
                allocation.add(new Chart.Series(name, perRow));
            }
        }
        Chart.write(png, labels, series, allocation);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
