package dev.canopy.cli;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
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

/** {@code canopy sql}: prints the SQL a spec renders for a dialect, without running it. */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Prints the SQL a JSON query spec renders for a dialect, and its binds as a comment line, without running it.",
                "Without --url, no connection is made and every model of the models file must list its attributes;",
                "with --url, unlisted attributes are read from the database and the dialect defaults to the URL's.",
                "Includes loaded by separate queries are listed each under a comment line naming its path."},
        footer = {"", "Example:",
                "  canopy sql --dialect h2 --models chinook/src/main/resources/chinook/models.json --spec cli/examples/tracks.json"})
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dialect", paramLabel = "NAME", description = "Dialect to render for: h2, mysql, mariadb, postgres, sqlite (those on the class path).")
    @Nullable String dialect;

    @Option(names = "--models", required = true, paramLabel = "FILE|JSON", description = "Models file (or its JSON, starting with '{').")
    String models;

    @Option(names = "--spec", required = true, paramLabel = "FILE|JSON", description = "Query spec file (or its JSON, starting with '{').")
    String querySpec;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        if (dialect == null && connection.url == null) {
            throw new UserInputException("sql needs --dialect (h2, mysql, mariadb, postgres, sqlite), or --url to take the database's");
        }
        Dialect chosen = dialect == null ? null : Dialect.named(dialect);
        Inputs.Source modelsSource = Inputs.read("--models", models);
        Inputs.Source specSource = Inputs.read("--spec", querySpec);
        Query q;
        if (connection.url == null) {
            q = Inputs.query(Inputs.schema(modelsSource, null), specSource);
        } else {
            try (Canopy db = connection.connect(dialect)) {
                Schema schema = Inputs.schema(modelsSource, db.dataSource());
                q = Inputs.query(schema, specSource);
                if (chosen == null) {
                    chosen = db.dialect();
                }
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(Printing.sql(q, chosen));
        out.flush();
        return 0;
    }
}
