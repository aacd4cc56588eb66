package dev.canopy.plan;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.TAG;
import static dev.canopy.Blog.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import dev.canopy.query.Query;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The SQL each dialect renders for the main scenarios, kept as expected files under
 * {@code src/test/resources/sql/<dialect>/<scenario>.sql}, so a change in rendering shows in review. Run with
 * {@code -Dcanopy.sql.update=true} to rewrite the files after an intended change.
 */
class RenderedSqlTest {
    private static final Path ROOT = Path.of("src/test/resources/sql");

    static Map<String, Query> scenarios() {
        Map<String, Query> s = new LinkedHashMap<>();
        s.put("root-only", Query.from(USER).where(USER.name.eq("Ada")).order(USER.name.asc()).limit(10).offset(20));
        s.put("belongs-to-chain", Query.from(COMMENT).include("user", u -> u.include("organization")));
        s.put("has-many-with-where", Query.from(USER).include("posts", p -> p.where(POST.title.like("B%"))));
        s.put("required-under-optional", Query.from(USER)
                .include("posts", p -> p.optional().include("comments", c -> c.required().where(COMMENT.body.contains("100%")))));
        s.put("belongs-to-many-optional", Query.from(POST).include("tags"));
        s.put("belongs-to-many-required", Query.from(POST).include("tags", t -> t.where(TAG.label.isIn("java", "sql"))));
        s.put("path-where-and-order", Query.from(POST).include("author", a -> a.include("organization"))
                .where(USER.name.at("author").iLike("a%").or(POST.score.gt(new BigDecimal("1.50"))))
                .order(USER.name.at("author").desc().nullsLast(), POST.id.asc()));
        s.put("self-association-and-has-one", Query.from(USER).include("mentor").include("profile"));
        s.put("empty-in-and-not-in", Query.from(USER).where(USER.id.isIn(List.of()).or(USER.id.notIn(List.of()))));
        s.put("attributes", Query.from(POST).attributes(POST.title).include("author", a -> a.exclude(USER.email)));
        s.put("page-of-roots-with-to-many", Query.from(USER).include("posts", p -> p.include("tags"))
                .order(USER.name.asc(), POST.title.at("posts").desc()).limit(5).offset(10));
        s.put("separate-siblings-per-parent-limit", Query.from(USER)
                .include("posts", p -> p.include("comments").include("tags", t -> t.order(TAG.label.asc()).limit(2))));
        return s;
    }

    @TestFactory
    @DisplayName("every dialect renders each scenario as its expected SQL file says")
    Stream<DynamicTest> renderedSqlMatchesTheExpectedFiles() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dialect d : Dialect.available()) {
            for (Map.Entry<String, Query> e : scenarios().entrySet()) {
                tests.add(DynamicTest.dynamicTest(d.name() + "/" + e.getKey(), () -> check(d, e.getKey(), e.getValue())));
            }
        }
        return tests.stream();
    }

    private static void check(Dialect dialect, String scenario, Query query) throws IOException {
        String actual = Canopy.explain(query, dev.canopy.Blog.SCHEMA, dialect);
        Path file = ROOT.resolve(dialect.name()).resolve(scenario + ".sql");
        if (Boolean.getBoolean("canopy.sql.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("No expected SQL at " + file + "; run with -Dcanopy.sql.update=true to create it, then review it.\nActual:\n" + actual);
        }
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
