package dev.canopy.cli;

import dev.canopy.dialect.UnknownDialectException;
import dev.canopy.error.CanopyException;
import dev.canopy.error.DatabaseException;
import dev.canopy.error.QueryException;
import dev.canopy.error.SchemaException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code canopy} command: {@code query}, {@code sql}, the writes {@code create}, {@code bulk-create}, {@code update},
 * {@code destroy}, {@code upsert}, {@code translate}, {@code models}, {@code demo}, and the schema commands
 * {@code db:migrate}, {@code db:migrate:undo}, {@code db:migrate:status}, {@code db:seed:all}, {@code db:sync}, ...
 *
 * <p>Results go to stdout; a mistake is one line on stderr, {@code canopy: <message>}, and exit code 2 (usage and
 * input: an unknown option, a missing file, a spec or models file that does not hold, an unknown dialect) or 1 (the
 * database: unreachable, or refusing a statement). Only a bug in Canopy prints a stack trace.
 */
@Command(name = "canopy", mixinStandardHelpOptions = true, usageHelpWidth = 120, version = "canopy 0.1.0-SNAPSHOT",
        description = "Query databases with Sequelize-style include trees: JSON query specs, the SQL they render, nested JSON results.",
        subcommands = {QueryCommand.class, SqlCommand.class, WriteCommands.Create.class, WriteCommands.BulkCreate.class,
                WriteCommands.Update.class, WriteCommands.Destroy.class, WriteCommands.Upsert.class, TranslateCommand.class,
                ModelsCommand.class, DemoCommand.class,
                DbCommands.Migrate.class, DbCommands.MigrateUndo.class, DbCommands.MigrateRedo.class, DbCommands.MigrateStatus.class,
                DbCommands.SeedAll.class, DbCommands.Seed.class, DbCommands.SeedUndo.class, DbCommands.MigrationGenerate.class,
                DbCommands.SeedGenerate.class, DbCommands.Sync.class, CommandLine.HelpCommand.class})
public final class CanopyCli {
    /** A user mistake: usage or input. */
    static final int USAGE = 2;
    /** The database failed. */
    static final int DATABASE = 1;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams and returns the exit code; what {@link #main} and the tests call. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new CanopyCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // "@file" is read by the commands themselves (--values @rows.json, --spec @spec.json); picocli's own @-file
        // expansion would splice the file's words into the arguments instead.
        cl.setExpandAtFiles(false);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            String help = "; see '" + c.getCommandSpec().qualifiedName() + " --help'";
            String message = String.valueOf(ex.getMessage());
            if (ex instanceof CommandLine.MissingParameterException) {
                String unknown = unknownOption(c.getCommandSpec(), arguments);
                message = unknown != null ? "Unknown option: '" + unknown + "'" : message;
            }
            c.getErr().println("canopy: " + Printing.oneLine(message) + help);
            c.getErr().flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            if (ex instanceof dev.canopy.error.ValidationException) {
                // one line per failed validator, so that a user sees every problem of the values at once
                for (dev.canopy.error.ValidationException.Failure f : ((dev.canopy.error.ValidationException) ex).failures()) {
                    c.getErr().println("canopy: " + Printing.oneLine(f.toString()));
                }
                c.getErr().flush();
                return USAGE;
            }
            int code = exitCode(ex);
            c.getErr().println("canopy: " + Printing.oneLine(message(ex)));
            if (code < 0) {
                ex.printStackTrace(c.getErr());
                code = DATABASE;
            }
            c.getErr().flush();
            return code;
        });
        return cl.execute(args);
    }

    /**
     * The first argument that looks like an option of {@code command} but is none. Picocli reports missing required
     * options before unknown ones; a mistyped option is the more useful message.
     */
    private static @Nullable String unknownOption(CommandLine.Model.CommandSpec command, String[] arguments) {
        boolean inCommand = command.parent() == null;
        for (String a : arguments) {
            if (!inCommand) {
                inCommand = a.equals(command.name());
                continue;
            }
            if (a.startsWith("-") && a.length() > 1) {
                String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                if (command.findOption(name) == null) {
                    return name;
                }
            }
        }
        return null;
    }

    /** 2 for the user's mistakes, 1 for the database's, -1 for Canopy's own bugs. */
    static int exitCode(Exception ex) {
        if (ex instanceof UserInputException || ex instanceof QueryException || ex instanceof SchemaException
                || ex instanceof UnknownDialectException || ex instanceof UncheckedIOException) {
            return USAGE;
        }
        if (ex instanceof DatabaseException || ex instanceof CanopyException) {
            return DATABASE;
        }
        return -1;
    }

    private static String message(Exception ex) {
        if (exitCode(ex) < 0) {
            return "internal error: " + ex;
        }
        return ex.getMessage() == null ? ex.toString() : ex.getMessage();
    }
}
