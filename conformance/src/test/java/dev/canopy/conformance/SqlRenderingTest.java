package dev.canopy.conformance;

import static dev.canopy.chinook.Chinook.ALBUM;
import static dev.canopy.chinook.Chinook.ARTIST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.plan.PlanNode;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import dev.canopy.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SQL you can see: every query prints its SQL and binds for any dialect, values are binds, aliases stay short. */
@DisplayName("SQL you can see")
class SqlRenderingTest {
    private static final String SECRET = "x' OR '1'='1 -- secret-4242";

    /** Every dialect on the class path: rendering needs no connection, so none is opened. */
    static List<Dialect> dialects() {
        return Dialect.available();
    }

    private static Query nastyQuery() {
        return Query.from(ARTIST)
                .where(ARTIST.name.eq(SECRET).or(ARTIST.artistId.isIn(424242, 434343)))
                .include("albums", a -> a.where(ALBUM.title.contains("needle_77%")).required(false))
                .order(ARTIST.name.asc())
                .limit(7)
                .offset(3);
    }

    @ParameterizedTest
    @MethodSource("dialects")
    @DisplayName("toSql renders without a connection, with a ? for every user value and the values only in the binds")
    void valuesAreBindsWithoutAConnection(Dialect dialect) {
        SqlStatement s = Canopy.toSql(nastyQuery(), dev.canopy.chinook.Chinook.SCHEMA, dialect);

        assertThat(s.sql()).startsWith("select").doesNotContain("secret-4242", "424242", "434343", "needle_77");
        // An isIn list is one bind per value, or one array bind where the database binds arrays: its values either way.
        assertThat(s.binds().stream().flatMap(b -> b instanceof Object[] ? java.util.Arrays.stream((Object[]) b) : java.util.stream.Stream.of(b)))
                .contains(SECRET, 424242, 434343);
        assertThat(s.binds()).anySatisfy(b -> assertThat(String.valueOf(b)).contains("needle_77%"));
        assertThat(s.sql().chars().filter(c -> c == '?').count()).isEqualTo(s.binds().size());
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a connection runs exactly the SQL toSql shows, and a quote in a value cannot change the query")
    void connectionRunsWhatToSqlShows(TestDatabase kind) {
        Canopy db = ChinookFixture.chinook(kind);
        Query q = nastyQuery();

        assertThat(db.toSql(q)).isEqualTo(Canopy.toSql(q, dev.canopy.chinook.Chinook.SCHEMA, db.dialect()));
        assertThat(db.findAll(q)).isEmpty();
        assertThat(db.findAll(Query.from(ARTIST).where(ARTIST.name.eq("AC/DC").or(ARTIST.name.eq(SECRET)))))
                .extracting(a -> a.get(ARTIST.name)).containsExactly("AC/DC");
    }

    // ---- a six-level include under 40-character aliases ------------------------------------------------------------

    static final int DEPTH = 6;

    static final class Level extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 20);
        final Column<Integer> parentId = integer("parentId");

        Level(int n) { super("Lv" + n, ModelOptions.defaults().freezeTableName().timestamps(false)); }
    }

    /** A 40-character alias for the association into level {@code n}. */
    static String alias(int n) {
        StringBuilder sb = new StringBuilder("childrenOfLevel" + n + "UnderAnAliasMuchTooLong");
        while (sb.length() < 40) {
            sb.append('x');
        }
        return sb.toString();
    }

    static final List<Level> LEVELS = new ArrayList<>();
    static final Schema DEEP;

    static {
        List<Association> chain = new ArrayList<>();
        for (int i = 0; i <= DEPTH; i++) {
            LEVELS.add(new Level(i));
        }
        for (int i = 1; i <= DEPTH; i++) {
            chain.add(Association.hasMany(LEVELS.get(i - 1), LEVELS.get(i)).alias(alias(i)).foreignKey("parentId"));
        }
        DEEP = Schema.of(chain.toArray(new Association[0]));
    }

    private static Query deepQuery() {
        Include inc = Include.of(alias(DEPTH));
        for (int i = DEPTH - 1; i >= 1; i--) {
            inc = Include.of(alias(i)).include(inc);
        }
        String[] path = new String[DEPTH];
        for (int i = 0; i < DEPTH; i++) {
            path[i] = alias(i + 1);
        }
        return Query.from(LEVELS.get(0)).include(inc).order(LEVELS.get(DEPTH).id.at(path).asc());
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a six-level include under 40-character aliases renders aliases t0..t6 and still runs and nests")
    void aliasesStayShortAtDepth(TestDatabase kind) {
        assertThat(alias(DEPTH)).hasSize(40);
        try (TestDatabase.Handle h = kind.open("deep")) {
            Canopy db = h.db.withSchema(DEEP);
            db.sync(DEEP);
            for (int i = 0; i <= DEPTH; i++) {
                Rows.insert(db, LEVELS.get(i), "id", 1, "name", "level-" + i, "parentId", i == 0 ? null : 1);
            }
            Rows.insert(db, LEVELS.get(DEPTH), "id", 2, "name", "second leaf", "parentId", 1);
            Query q = deepQuery();

            String sql = db.toSql(q).sql();
            List<String> identifiers = identifiers(sql);
            List<String> aliases = new dev.canopy.plan.Planner().plan(q.bind(DEEP)).nodes().stream().map(PlanNode::alias).collect(Collectors.toList());
            List<Entity> roots = db.findAll(q);

            for (int i = 1; i <= DEPTH; i++) {
                assertThat(sql).doesNotContain(alias(i));
            }
            assertThat(aliases).containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6");
            assertThat(identifiers).allSatisfy(id -> assertThat(id.length()).isLessThanOrEqualTo("parentId".length()));
            assertThat(sql).containsPattern("\\bt0\\b").containsPattern("\\bt6\\b");
            assertThat(roots).hasSize(1);
            Entity node = roots.get(0);
            for (int i = 1; i < DEPTH; i++) {
                assertThat(node.many(alias(i))).as("level " + i).hasSize(1);
                node = node.many(alias(i)).get(0);
                assertThat(node.get(LEVELS.get(i).name)).isEqualTo("level-" + i);
            }
            assertThat(node.many(alias(DEPTH))).extracting(e -> e.get(LEVELS.get(DEPTH).name)).containsExactly("level-6", "second leaf");
        }
    }

    /** The quoted identifiers of a statement, in double quotes or backticks (SQLite's jOOQ quotes only where needed). */
    private static List<String> identifiers(String sql) {
        Matcher m = Pattern.compile("\"([^\"]+)\"|`([^`]+)`").matcher(sql);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
