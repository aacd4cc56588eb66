/**
 * Canopy's core. The exported packages are the public API: define ({@code model}), compose ({@code query}), the
 * {@code Canopy} facade, results ({@code result}), the SQL it shows ({@code sql}), errors, JSON specs and models
 * files, translation from SQL, writes, the schema API and migrations. Planning, rendering, execution, hydration and
 * the typed mappers are implementation: not exported, so nothing outside can depend on them (the CLI, which prints
 * plans, reads {@code plan} through a qualified export).
 */
module dev.canopy.dsl {
    requires transitive dev.canopy.dialect;
    requires transitive java.sql;
    requires java.compiler;
    requires org.jooq;
    requires io.vavr;
    requires com.zaxxer.hikari;
    requires com.github.benmanes.caffeine;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;
    requires org.objectweb.asm;
    requires org.objectweb.asm.commons;
    requires static org.jspecify;
    requires static com.google.errorprone.annotations;
    requires static kotlin.metadata.jvm;
    requires static kotlin.stdlib;

    exports dev.canopy;
    exports dev.canopy.error;
    exports dev.canopy.model;
    exports dev.canopy.query;
    exports dev.canopy.result;
    exports dev.canopy.sql;
    exports dev.canopy.json;
    exports dev.canopy.translate;
    exports dev.canopy.write;
    exports dev.canopy.schema;
    exports dev.canopy.migrate;

    exports dev.canopy.plan to dev.canopy.cli;
    exports dev.canopy.hydrate to dev.canopy.cli;

    uses dev.canopy.dialect.Dialect;
}
