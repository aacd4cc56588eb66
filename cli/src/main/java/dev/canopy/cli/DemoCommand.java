package dev.canopy.cli;


import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.chinook.ChinookData;
import dev.canopy.chinook.DemoQueries;
import dev.canopy.sql.StatementEvent;
import dev.canopy.result.Entity;
import dev.canopy.hydrate.Json;
import dev.canopy.json.QuerySpec;
import dev.canopy.query.Query;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canopy demo}: loads Chinook into H2 and shows include queries built with the Java DSL, each with its JSON
 * spec, the SQL that ran and the nested result.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Loads the Chinook sample database into H2 and shows include queries built with the Java DSL.",
                "Chinook is under the MIT licence. For each query: its JSON spec, every statement that ran, and the nested result",
                "(the first roots of it)."},
        footer = {"", "With --save, the database is kept in a file, so that you can query it yourself:",
                "  canopy demo --save target/chinook",
                "  canopy query --url jdbc:h2:file:./target/chinook --models chinook/src/main/resources/chinook/models.json \\",
                "               --spec cli/examples/tracks.json --pretty"})
final class DemoCommand implements Callable<Integer> {
    static final String MEMORY_URL = "jdbc:h2:mem:canopy-demo;DB_CLOSE_DELAY=-1";
    private static final int SHOWN = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--save", paramLabel = "PATH",
            description = "Load Chinook into the H2 file database PATH (jdbc:h2:file:PATH, creating PATH.mv.db) and keep it, instead of memory.")
    @Nullable Path save;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String url = save == null ? MEMORY_URL : fileUrl(writableFile(save));
        List<StatementEvent> statements = new CopyOnWriteArrayList<>();
        try (Canopy db = Canopy.builder(url).schema(Chinook.SCHEMA).onStatement(statements::add).poolSize(2).build()) {
            ChinookData.load(db.dataSource());
            out.println("Chinook (MIT licence, github.com/lerocha/chinook-database) loaded into " + url);
            Demo demo = new Demo(db, out, statements);
            DemoQueries.graphs().forEach(demo::show);
            DemoQueries.counts().forEach(demo::count);
        }
        if (save != null) {
            out.println();
            out.println("Saved. Query it with:");
            out.println("  java -jar cli/target/canopy.jar query --url " + url
                    + " --models chinook/src/main/resources/chinook/models.json --spec cli/examples/tracks.json --pretty");
        }
        out.flush();
        return 0;
    }

    /**
     * The path, once its directory exists: H2 would otherwise fail inside its trace-file writer, which prints a stack
     * trace on {@code System.err} before the connection error reaches the command.
     */
    static Path writableFile(Path path) {
        Path parent = path.toAbsolutePath().normalize().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException | SecurityException e) {
            throw new UserInputException("cannot save to '" + path + "': cannot make the directory '" + parent + "' ("
                    + Printing.oneLine(String.valueOf(e instanceof IOException ? describe((IOException) e) : e.getMessage())) + ")", e);
        }
        if (parent != null && !Files.isWritable(parent)) {
            throw new UserInputException("cannot save to '" + path + "': the directory '" + parent + "' is not writable");
        }
        return path;
    }

    private static String describe(IOException e) {
        if (e instanceof FileAlreadyExistsException f) {
            return "'" + f.getFile() + "' is a file";
        }
        return e instanceof NoSuchFileException ? "no such directory: " + e.getMessage() : String.valueOf(e.getMessage());
    }

    /** {@code jdbc:h2:file:/abs/path}; H2 wants an explicit path and adds {@code .mv.db} itself. */
    static String fileUrl(Path path) {
        String p = path.toAbsolutePath().normalize().toString();
        if (p.endsWith(".mv.db")) {
            p = p.substring(0, p.length() - ".mv.db".length());
        }
        return "jdbc:h2:file:" + p;
    }

    /** Prints one example: title, spec, statements, result. */
    private static final class Demo {
        private final Canopy db;
        private final PrintWriter out;
        private final List<StatementEvent> statements;

        Demo(Canopy db, PrintWriter out, List<StatementEvent> statements) {
            this.db = db;
            this.out = out;
            this.statements = statements;
        }

        void show(String title, Query q) {
            header(title, q);
            statements.clear();
            List<Entity> roots = db.findAll(q);
            printStatements();
            int shown = Math.min(SHOWN, roots.size());
            out.println("result: " + roots.size() + (roots.size() == 1 ? " root" : " roots")
                    + (shown < roots.size() ? ", the first " + shown + " shown" : ""));
            out.println(Json.writePretty(Printing.maps(roots.subList(0, shown))));
        }

        void count(String title, Query q) {
            header(title, q);
            statements.clear();
            long n = db.count(q);
            printStatements();
            out.println("count: " + n);
        }

        private void header(String title, Query q) {
            out.println();
            out.println("== " + title);
            out.println("spec: " + QuerySpec.toJson(q));
        }

        private void printStatements() {
            for (StatementEvent e : statements) {
                out.println("sql:  " + e.sql());
                out.println("      -- binds: " + Json.write(e.binds()) + ", " + e.rows() + (e.rows() == 1 ? " row" : " rows"));
            }
        }
    }
}
