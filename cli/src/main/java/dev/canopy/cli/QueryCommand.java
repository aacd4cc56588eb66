package dev.canopy.cli;

import dev.canopy.Canopy;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code canopy query}: runs a JSON spec on a database and prints the roots as a JSON array. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Runs a JSON query spec on a database and prints the roots as a JSON array.",
                "Each root has its includes nested: an object or null for a to-one alias, an array ([] when empty) for a to-many one.",
                "Attributes the models file does not list are read from the database's metadata."},
        footer = {"", "Example:",
                "  canopy query --url jdbc:h2:file:./target/chinook --models chinook/src/main/resources/chinook/models.json \\",
                "               --spec cli/examples/tracks.json --pretty"})
final class QueryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--dialect", paramLabel = "NAME", description = "Dialect to use when the URL does not tell (h2, mysql, mariadb, postgres, sqlite).")
    @Nullable String dialect;

    @Option(names = "--models", required = true, paramLabel = "FILE|JSON", description = "Models file (or its JSON, starting with '{').")
    String models;

    @Option(names = "--spec", required = true, paramLabel = "FILE|JSON", description = "Query spec file (or its JSON, starting with '{').")
    String querySpec;

    @Option(names = "--sql", description = "Also print the SQL and its binds on stderr.")
    boolean sql;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    @Override
    public Integer call() {
        if (connection.url == null) {
            throw new UserInputException("query needs --url (the database to run on); 'canopy sql' prints the SQL without one");
        }
        Inputs.Source modelsSource = Inputs.read("--models", models);
        Inputs.Source specSource = Inputs.read("--spec", querySpec);
        PrintWriter out = spec.commandLine().getOut();
        try (Canopy db = connection.connect(dialect)) {
            Schema schema = Inputs.schema(modelsSource, db.dataSource());
            Query q = Inputs.query(schema, specSource);
            if (sql) {
                PrintWriter err = spec.commandLine().getErr();
                err.println(Printing.sql(q, db.dialect()));
                err.flush();
            }
            out.println(Printing.json(Printing.maps(db.findAll(q)), pretty));
        }
        out.flush();
        return 0;
    }
}
