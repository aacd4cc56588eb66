package dev.canopy.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Builders return new values, so a call whose result is dropped does nothing. Error Prone, run in the build as it
 * runs here (javac with {@code -Xplugin:ErrorProne}), makes each such statement a compile error.
 */
class BuilderResultsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "q.where(USER.id.eq(1));",
            "q.limit(5);",
            "q.include(\"posts\");",
            "USER.id.eq(1);",
            "USER.name.like(\"A%\").and(USER.id.gt(2));",
            "USER.name.asc().nullsFirst();",
            "dev.canopy.model.Association.hasMany(USER, POST).alias(\"x\");",
    })
    @DisplayName("a dropped builder result does not compile")
    void droppedResultFailsCompilation(String statement) throws IOException {
        List<String> errors = compile("void f(Query q) { " + statement + " }");
        assertThat(errors).as(statement).anySatisfy(e -> assertThat(e).contains("CheckReturnValue"));
    }

    @Test
    @DisplayName("the same calls compile when their results are used")
    void usedResultsCompile() throws IOException {
        List<String> errors = compile("Query f(Query q) { Condition c = USER.id.eq(1).and(USER.name.like(\"A%\")); "
                + "return q.where(c).limit(5).include(\"posts\").order(USER.name.asc().nullsFirst()); }");
        assertThat(errors).isEmpty();
    }

    private List<String> compile(String body) throws IOException {
        return Javac.errors(dir, "package probe;\n"
                + "import static dev.canopy.Blog.USER;\nimport static dev.canopy.Blog.POST;\n"
                + "import dev.canopy.query.Query;\nimport dev.canopy.query.Condition;\n"
                + "class Probe { " + body + " }\n", true);
    }
}
