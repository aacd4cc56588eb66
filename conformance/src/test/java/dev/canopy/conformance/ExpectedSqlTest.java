package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static dev.canopy.chinook.Chinook.CUSTOMER;
import static dev.canopy.chinook.Chinook.EMPLOYEE;
import static dev.canopy.chinook.Chinook.INVOICE;
import static dev.canopy.chinook.Chinook.PLAYLIST;
import static dev.canopy.chinook.Chinook.TRACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
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
 * The SQL every dialect renders for the main scenarios, pinned in {@code src/test/resources/sql/<dialect>/<scenario>.sql}
 * so that a change in rendering shows in review, for all four databases (and MySQL proper). This is the one place
 * rendered SQL is pinned (the core module's tests have only H2 on their class path). Run with
 * {@code -Dcanopy.sql.update=true} to rewrite the files after an intended change, then read the diff.
 */
class ExpectedSqlTest {
    private static final Path ROOT = Path.of("src/test/resources/sql");

    static Map<String, Query> scenarios() {
        Map<String, Query> s = new LinkedHashMap<>();
        s.put("root-paged", Query.from(ARTIST).where(ARTIST.name.startsWith("A")).order(ARTIST.name.asc()).limit(10).offset(20));
        s.put("belongs-to-chain", Query.from(TRACK).include("album", a -> a.include("artist")).where(TRACK.trackId.lt(5)));
        s.put("has-many-with-where", Query.from(ARTIST).include("albums", a -> a.where(ALBUM.title.like("B%"))));
        s.put("required-under-optional", Query.from(ARTIST)
                .include("albums", a -> a.optional().include("tracks", t -> t.required().where(TRACK.name.contains("100%")))));
        s.put("belongs-to-many-optional", Query.from(PLAYLIST).include("tracks"));
        s.put("belongs-to-many-required", Query.from(PLAYLIST).include("tracks", t -> t.where(TRACK.trackId.isIn(1, 2, 3))));
        s.put("path-where-and-order", Query.from(INVOICE).include("customer", c -> c.include("supportRep"))
                .where(CUSTOMER.country.at("customer").iLike("b%").or(INVOICE.total.gt(new BigDecimal("10.00"))))
                .order(CUSTOMER.country.at("customer").desc().nullsLast(), INVOICE.invoiceId.asc()));
        s.put("page-of-roots-with-to-many", Query.from(ARTIST).include("albums", a -> a.include("tracks"))
                .order(ARTIST.name.asc(), ALBUM.title.at("albums").desc()).limit(5).offset(10));
        s.put("separate-per-parent-limit", Query.from(PLAYLIST)
                .include(Chinook.PLAYLIST_TRACKS, t -> t.separate().order(TRACK.name.asc()).limit(5).include(Chinook.TRACK_GENRE)));
        s.put("count-with-includes", Query.from(ARTIST).include("albums", a -> a.required()));
        s.put("self-association", Query.from(EMPLOYEE).include("manager").include("reports").order(EMPLOYEE.employeeId.asc()));
        s.put("empty-in-and-not-in", Query.from(ARTIST).where(ARTIST.artistId.isIn(List.of()).or(ARTIST.artistId.notIn(List.of()))));
        s.put("attributes", Query.from(ALBUM).attributes(ALBUM.title).include("artist", a -> a.attributes(ARTIST.name)));
        s.put("separate-siblings", Query.from(CUSTOMER).include("invoices", i -> i.include("lines"))
                .include("supportRep", r -> r.include("customers", c -> c.separate().order(CUSTOMER.lastName.asc()).limit(2))));
        s.put("top-artists-by-track-count", AggregatesTest.topArtists());
        s.put("grouped-report", Query.from(TRACK).include("genre", g -> g.required())
                .attributes(dev.canopy.query.Expr.col(dev.canopy.chinook.Chinook.GENRE.name.at("genre")).alias("genre"),
                        dev.canopy.query.Expr.count().alias("tracks"))
                .group(dev.canopy.chinook.Chinook.GENRE.name.at("genre"))
                .having(dev.canopy.query.Expr.count().gt(10L))
                .order(dev.canopy.query.Expr.col("tracks").desc()));
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

    @TestFactory
    @DisplayName("the dialects under test are all there: h2, mysql, mariadb, postgres, sqlite")
    Stream<DynamicTest> everyDialectIsPinned() {
        return Stream.of(DynamicTest.dynamicTest("dialects", () -> assertThat(Dialect.available().stream().map(Dialect::name))
                .contains("h2", "mysql", "mariadb", "postgres", "sqlite")));
    }

    private static void check(Dialect dialect, String scenario, Query query) throws IOException {
        String actual = Canopy.explain(query, Chinook.SCHEMA, dialect);
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
