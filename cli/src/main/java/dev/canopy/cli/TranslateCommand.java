package dev.canopy.cli;

import dev.canopy.Canopy;
import dev.canopy.hydrate.Json;
import dev.canopy.json.QuerySpec;
import dev.canopy.model.Schema;
import dev.canopy.translate.CodeStyle;
import dev.canopy.translate.Translation;
import dev.canopy.translate.Translator;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code canopy translate}: a SQL SELECT with joins, as a JSON query spec, Java or Kotlin. */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Translates a SQL SELECT with joins into a Canopy query, printed as a JSON spec, Java or Kotlin.",
                "The query goes over the models' associations; the JSON spec is the one 'canopy query' takes. Each JOIN along a foreign key becomes an include",
                "(INNER: required, LEFT: optional, RIGHT: right); WHERE, ORDER BY, LIMIT and the select list follow. Aggregates and",
                "functions in the select list are computed attributes, GROUP BY the root's key per-root aggregates, GROUP BY other",
                "columns a grouped report, HAVING the query's having.",
                "What the DSL cannot say (subqueries, UNION, window functions, functions it does not have, non-equi joins, a join that",
                "no association covers) is one line on stderr, naming the part of the SQL, and exit code 2.",
                "Notes on how the SQL was read go to stderr as 'canopy: note: ...'."},
        footer = {"", "Example:",
                "  canopy translate --models chinook/src/main/resources/chinook/models.json --to kotlin \\",
                "      --sql \"SELECT * FROM Album a JOIN Artist ar ON ar.ArtistId = a.ArtistId WHERE ar.Name = 'AC/DC'\""})
final class TranslateCommand implements Callable<Integer> {
    enum Target { json, java, kotlin }

    @Spec
    CommandSpec spec;

    @Option(names = "--models", required = true, paramLabel = "FILE|JSON", description = "Models file (or its JSON, starting with '{').")
    String models;

    @Option(names = "--sql", required = true, paramLabel = "SELECT", description = "The SQL SELECT to translate (any dialect jOOQ parses).")
    String sql;

    @Option(names = "--to", paramLabel = "json|java|kotlin", description = "What to print: ${COMPLETION-CANDIDATES} (default: json).")
    Target to = Target.json;

    @Option(names = "--class", paramLabel = "NAME", description = "Name of the generated class (default: TranslatedQuery).")
    @Nullable String className;

    @Option(names = "--package", paramLabel = "NAME", description = "Package of the generated class (default: none).")
    @Nullable String packageName;

    @Option(names = "--pretty", description = "Indent the JSON.")
    boolean pretty;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        Inputs.Source modelsSource = Inputs.read("--models", models);
        Schema schema;
        if (connection.url == null) {
            schema = Inputs.schema(modelsSource, null);
        } else {
            try (Canopy db = connection.connect(null)) {
                schema = Inputs.schema(modelsSource, db.dataSource());
            }
        }
        Translation t = Translator.of(schema).translate(sql);
        PrintWriter err = spec.commandLine().getErr();
        for (String note : t.notes()) {
            err.println("canopy: note: " + note);
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        switch (to) {
            case java:
                out.print(t.toJava(style()));
                break;
            case kotlin:
                out.print(t.toKotlin(style()));
                break;
            default:
                out.println(pretty ? Json.writePretty(QuerySpec.toNode(t.query())) : t.toJson());
        }
        out.flush();
        return 0;
    }

    private CodeStyle style() {
        CodeStyle s = CodeStyle.byName().packageName(packageName);
        try {
            return className == null ? s : s.className(className);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--class: " + e.getMessage(), e);
        }
    }
}
