package dev.canopy.cli;

import dev.canopy.Canopy;
import dev.canopy.json.SpecException;
import dev.canopy.json.WriteSpec;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Condition;
import dev.canopy.write.Values;
import dev.canopy.write.Where;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The write commands: {@code create}, {@code bulk-create}, {@code update}, {@code destroy} and {@code upsert}. Each
 * runs in one transaction: a database refusal (a constraint) is one {@code canopy:} line, exit code 1, and nothing
 * written; a mistake in the input is one line and exit code 2, before any SQL; values that fail the models' validators
 * ({@code "validate"} in the models file) are one line per failure, exit code 2, before any SQL.
 */
final class WriteCommands {
    private WriteCommands() {}

    /** What every write command takes: where the database is, the models, the model written, {@code --sql}. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--dialect", paramLabel = "NAME", description = "Dialect to use when the URL does not tell (h2, mysql, postgres, sqlite).")
        @Nullable String dialect;

        @Option(names = "--models", required = true, paramLabel = "FILE|JSON", description = "Models file (@file, a file, or its JSON).")
        String models;

        @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model to write, by name.")
        String model;

        @Option(names = "--sql", description = "Print every statement run on stderr, one per line.")
        boolean sql;

        @Option(names = "--pretty", description = "Indent the JSON printed.")
        boolean pretty;

        @Override
        public final Integer call() {
            if (connection.url == null) {
                throw new UserInputException(spec.name() + " needs --url (the database to write to)");
            }
            Inputs.Source modelsSource = Inputs.read("--models", models);
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            dev.canopy.sql.StatementListener listener = sql ? e -> {
                err.println(Printing.oneLine(e.sql()));
                err.flush();
            } : null;
            try (Canopy db = connection.connect(dialect, listener)) {
                Schema schema = Inputs.schema(modelsSource, db.dataSource());
                Model m = schema.model(model);
                out.println(run(db.withSchema(schema), schema, m));
            }
            out.flush();
            return 0;
        }

        /** Runs the write and returns what to print. */
        abstract String run(Canopy db, Schema schema, Model model);

        static <T> T parse(Inputs.Source source, java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (SpecException e) {
                throw new UserInputException(source.name() + ": " + e.getMessage(), e);
            }
        }

        static Where where(Inputs.Source source, Schema schema, Model model, boolean all, String what) {
            Condition c = parse(source, () -> WriteSpec.where(schema, model, source.text()));
            if (c == null && !all) {
                throw new UserInputException(source.name() + ": an empty where names no row; to " + what + " every row of "
                        + model.name() + ", pass --all");
            }
            return c == null ? Where.all() : Where.of(c);
        }
    }

    @Command(name = "create", header = "Inserts one row with the rows nested under it and prints the created graph as JSON.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = {"Inserts one row with the rows nested under it (keyed by association alias) and prints the created",
                    "graph as JSON, with every generated key."},
            footer = {"", "Example:", "  canopy create --url jdbc:h2:file:./target/db --models models.json --model Author \\",
                    "               --values '{\"name\": \"Ann\", \"books\": [{\"title\": \"One\"}]}'"})
    static final class Create extends Base {
        @Option(names = "--values", required = true, paramLabel = "JSON|@FILE", description = "The row as a JSON object, or @file.")
        String values;

        @Override
        String run(Canopy db, Schema schema, Model model) {
            Inputs.Source source = Inputs.read("--values", values);
            Values v = parse(source, () -> WriteSpec.values(schema, model, source.text()));
            return Printing.json(db.create(model, v).toMap(), pretty);
        }
    }

    @Command(name = "bulk-create", header = "Inserts the rows of a JSON array in batches, in one transaction, and prints the count.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = {"Inserts the rows of a JSON array (each may nest rows) in batches, in one transaction, and prints",
                    "how many rows were inserted."})
    static final class BulkCreate extends Base {
        @Option(names = "--values", required = true, paramLabel = "JSON|@FILE", description = "The rows as a JSON array, or @file.")
        String values;

        @Option(names = "--ignore-duplicates", description = "Skip rows whose key already exists.")
        boolean ignoreDuplicates;

        @Override
        String run(Canopy db, Schema schema, Model model) {
            Inputs.Source source = Inputs.read("--values", values);
            List<Values> rows = parse(source, () -> WriteSpec.rows(schema, model, source.text()));
            dev.canopy.write.BulkOptions options = ignoreDuplicates ? dev.canopy.write.BulkOptions.defaults().ignoreDuplicates()
                    : dev.canopy.write.BulkOptions.defaults();
            return String.valueOf(db.bulkCreate(model, rows, options));
        }
    }

    @Command(name = "update", header = "Updates the rows a where object matches and prints how many changed.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = {"Updates the rows a where object matches and prints how many changed. An empty where is refused",
                    "unless --all is given."})
    static final class Update extends Base {
        @Option(names = "--values", required = true, paramLabel = "JSON|@FILE", description = "The new values as a JSON object, or @file.")
        String values;

        @Option(names = "--where", required = true, paramLabel = "JSON|@FILE", description = "A where object, as in a query spec, or @file.")
        String where;

        @Option(names = "--all", description = "Allow an empty where: update every row.")
        boolean all;

        @Override
        String run(Canopy db, Schema schema, Model model) {
            Inputs.Source source = Inputs.read("--values", values);
            Values v = parse(source, () -> WriteSpec.values(schema, model, source.text()));
            Where w = where(Inputs.read("--where", where), schema, model, all, "update");
            return String.valueOf(db.update(model, v, w));
        }
    }

    @Command(name = "destroy", header = "Destroys the rows a where object matches and prints how many.", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = {"Destroys the rows a where object matches and prints how many: a paranoid model's rows get deletedAt",
                    "set, unless --force. An empty where is refused unless --all is given."})
    static final class Destroy extends Base {
        @Option(names = "--where", required = true, paramLabel = "JSON|@FILE", description = "A where object, as in a query spec, or @file.")
        String where;

        @Option(names = "--force", description = "Delete the rows of a paranoid model for real.")
        boolean force;

        @Option(names = "--all", description = "Allow an empty where: destroy every row.")
        boolean all;

        @Override
        String run(Canopy db, Schema schema, Model model) {
            Where w = where(Inputs.read("--where", where), schema, model, all, "destroy");
            return String.valueOf(db.destroy(model, force ? w.force() : w));
        }
    }

    @Command(name = "upsert", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
            description = {"Inserts a row, or updates the row with the same --conflict attributes, and prints the row as JSON."})
    static final class Upsert extends Base {
        @Option(names = "--values", required = true, paramLabel = "JSON|@FILE", description = "The row as a JSON object, or @file.")
        String values;

        @Option(names = "--conflict", split = ",", paramLabel = "ATTR", description = "The attributes that identify the row (default: the primary key).")
        List<String> conflict = List.of();

        @Override
        String run(Canopy db, Schema schema, Model model) {
            Inputs.Source source = Inputs.read("--values", values);
            Values v = parse(source, () -> WriteSpec.values(schema, model, source.text()));
            return Printing.json(db.upsert(model, v, conflict.toArray(new String[0])).toMap(), pretty);
        }
    }
}
