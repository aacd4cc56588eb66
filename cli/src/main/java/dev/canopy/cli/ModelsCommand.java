package dev.canopy.cli;

import dev.canopy.Canopy;
import dev.canopy.json.ModelsFile;
import dev.canopy.json.SchemaIntrospector;
import dev.canopy.model.Schema;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code canopy models}: the models and associations of a live database, as a models file or as Java classes. */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 120,
        description = {"Prints the models and associations of a live database, as a models file or as Java classes.",
                "It reads the tables, columns, primary keys and foreign keys: as the models file that 'canopy query', 'sql' and",
                "'translate' take (--to json), or as Java model classes with their associations and schema (--to java). Each foreign key gives both directions, named by",
                "Sequelize's conventions (belongsTo: the target in lower camelCase, e.g. zone; hasMany: its plural, e.g. events);",
                "a junction table (two foreign keys that are its primary key) gives a belongsToMany each way."},
        footer = {"", "Example:",
                "  canopy models --url jdbc:h2:file:./target/chinook > models.json",
                "  canopy models --url jdbc:postgresql://localhost/app -u app --underscored --to java --package com.example.db"})
final class ModelsCommand implements Callable<Integer> {
    enum Target { json, java }

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--underscored", description = "Attributes are the camelCase of snake_case columns (Sequelize's underscored).")
    boolean underscored;

    @Option(names = "--to", paramLabel = "json|java", description = "What to print: ${COMPLETION-CANDIDATES} (default: json).")
    Target to = Target.json;

    @Option(names = "--class", paramLabel = "NAME", description = "Java: the class holding the models (default: Models).")
    String className = "Models";

    @Option(names = "--package", paramLabel = "NAME", description = "Java: the package of that class (default: none).")
    @Nullable String packageName;

    @Override
    public Integer call() {
        if (connection.url == null) {
            throw new UserInputException("models needs --url (the database to read)");
        }
        Schema schema;
        try (Canopy db = connection.connect(null)) {
            schema = SchemaIntrospector.read(db.dataSource(), underscored);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (to == Target.java) {
            out.print(JavaModels.write(schema, packageName, className, connection.url));
        } else {
            out.println(ModelsFile.toJson(schema));
        }
        out.flush();
        return 0;
    }
}
