package dev.canopy.cli;

import static dev.canopy.cli.CanopyCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.json.ModelsFile;
import dev.canopy.model.Schema;
import dev.canopy.translate.Translator;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("canopy translate and canopy models")
class TranslateCommandsTest {
    static final String URL = "jdbc:h2:mem:cli-translate;DB_CLOSE_DELAY=-1";
    static final String SEED = "SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116";
    static final String MODELS = """
            {"models": {
               "Zone": {"table": "zones", "timestamps": false, "primaryKey": "zid",
                        "attributes": {"zid": {"type": "integer"}, "zoneName": {"type": "string", "field": "zone_name"}}},
               "Event": {"table": "events", "timestamps": false, "primaryKey": "eventId",
                         "attributes": {"eventId": {"type": "integer", "field": "event_id"},
                                        "eventName": {"type": "string", "field": "event_name"},
                                        "eventTz": {"type": "integer", "field": "event_tz"},
                                        "eventCreatorFk": {"type": "integer", "field": "event_creator_fk"}}}},
             "associations": [{"type": "belongsTo", "source": "Event", "target": "Zone", "as": "zone",
                               "foreignKey": "eventTz", "targetKey": "zid"}]}
            """;

    @BeforeAll
    static void database() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(URL);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"zones\" (\"zid\" INT NOT NULL PRIMARY KEY, \"zone_name\" VARCHAR(64))");
            s.execute("CREATE TABLE \"events\" (\"event_id\" INT NOT NULL PRIMARY KEY, \"event_name\" VARCHAR(64) NOT NULL,"
                    + " \"event_tz\" INT REFERENCES \"zones\" (\"zid\"), \"event_creator_fk\" INT NOT NULL)");
        }
    }

    /** Compiles Java sources against the test class path into {@code dir}; a loader over them. */
    static ClassLoader compile(Path dir, Path... sources) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[sources.length + 4];
        args[0] = "-classpath";
        args[1] = System.getProperty("java.class.path");
        args[2] = "-d";
        args[3] = dir.toString();
        for (int i = 0; i < sources.length; i++) {
            args[4 + i] = sources[i].toString();
        }
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, err, args);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, TranslateCommandsTest.class.getClassLoader());
    }

    @Nested
    @DisplayName("translate")
    class Translate {
        @Test
        @DisplayName("prints the seed's SQL as the JSON spec that canopy query takes")
        void json() {
            CanopyCliTest.Run r = run("translate", "--models", MODELS, "--sql", SEED);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.out().strip()).isEqualTo("{\"model\":\"Event\",\"where\":{\"eventCreatorFk\":116},\"include\":[{\"association\":\"zone\"}]}");
            CanopyCliTest.Run q = run("query", "--url", URL, "--models", MODELS, "--spec", r.out().strip());
            assertThat(q.code()).as(q.err()).isZero();
            assertThat(q.out().strip()).isEqualTo("[]");
        }

        @Test
        @DisplayName("prints Java that compiles and builds the translated query")
        void java(@TempDir Path dir) throws Exception {
            CanopyCliTest.Run r = run("translate", "--models", MODELS, "--sql", SEED, "--to", "java", "--class", "CreatorEvents");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("return Query.from(schema.model(\"Event\"))\n"
                    + "                .where(col(\"Event\", \"eventCreatorFk\").eq(116))\n"
                    + "                .include(\"zone\");");
            ClassLoader loader = compile(dir, Files.writeString(dir.resolve("CreatorEvents.java"), r.out()));
            Schema schema = ModelsFile.parse(MODELS);
            Class<?> k = loader.loadClass("CreatorEvents");
            assertThat(k.getMethod("query").invoke(k.getConstructor(Schema.class).newInstance(schema)))
                    .isEqualTo(Translator.of(schema).translate(SEED).query());
        }

        @Test
        @DisplayName("prints Kotlin with trailing lambdas")
        void kotlin() {
            CanopyCliTest.Run r = run("translate", "--models", MODELS, "--to", "kotlin",
                    "--sql", "SELECT e.event_name FROM events e JOIN zones z ON e.event_tz = z.zid WHERE z.zone_name = 'UTC'");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("    fun query(): Query = Query.from(schema.model(\"Event\"))\n"
                    + "        .attributes(col(\"Event\", \"eventName\"))\n"
                    + "        .include(\"zone\") { it.required().where(col(\"Zone\", \"zoneName\").eq(\"UTC\")).attributes(col(\"Zone\", \"zid\")) }\n");
        }

        @Test
        @DisplayName("what cannot be translated is one line on stderr and exit code 2")
        void refusal() {
            CanopyCliTest.Run r = run("translate", "--models", MODELS, "--sql", "SELECT count(*) FROM events e JOIN zones z ON e.event_tz = z.zid");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.errLines()).containsExactly("canopy: count(*) without GROUP BY aggregates all the rows into one; a query returns"
                    + " entities: GROUP BY the key of e for per-root aggregates, or by the columns of a report (db.count(query) and"
                    + " db.aggregate(query, expr) compute one value)");
        }

        @Test
        @DisplayName("GROUP BY and HAVING become a report whose spec canopy query runs with the SQL's groups and counts; Java and Kotlin say the same")
        void groupBy(@TempDir Path dir) throws Exception {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL(URL);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO \"zones\" VALUES (901, 'Z-UTC'), (902, 'Z-CET'), (903, 'Z-none')");
                s.execute("INSERT INTO \"events\" VALUES (9001, 'a', 901, 7), (9002, 'b', 901, 7), (9003, 'c', 901, 7),"
                        + " (9004, 'd', 902, 7), (9005, 'e', 902, 7), (9006, 'f', 903, 7), (9007, 'g', 903, 8), (9008, 'h', 903, 8)");
            }
            String sql = "SELECT z.zone_name AS zone, COUNT(*) AS events FROM events e JOIN zones z ON e.event_tz = z.zid"
                    + " WHERE e.event_creator_fk = 7 GROUP BY z.zone_name HAVING COUNT(*) >= 2 ORDER BY events DESC";
            CanopyCliTest.Run r = run("translate", "--models", MODELS, "--sql", sql);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo("{\"model\":\"Event\",\"attributes\":[[[\"col\",\"zone.zoneName\"],\"zone\"],"
                    + "[[\"fn\",\"COUNT\"],\"events\"]],\"where\":{\"eventCreatorFk\":7},\"include\":[{\"association\":\"zone\",\"required\":true}],"
                    + "\"order\":[[[\"col\",\"events\"],\"DESC\"]],\"group\":[\"zone.zoneName\"],\"having\":{\"$expr\":[[\"fn\",\"COUNT\"],{\"$gte\":2}]}}");

            List<String> expected = new ArrayList<>();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT z.\"zone_name\", COUNT(*) FROM \"events\" e JOIN \"zones\" z ON e.\"event_tz\" = z.\"zid\""
                            + " WHERE e.\"event_creator_fk\" = 7 GROUP BY z.\"zone_name\" HAVING COUNT(*) >= 2 ORDER BY COUNT(*) DESC")) {
                while (rs.next()) {
                    expected.add(rs.getString(1) + ": " + rs.getLong(2));
                }
            }
            CanopyCliTest.Run q = run("query", "--url", URL, "--models", MODELS, "--spec", r.out().strip());
            assertThat(q.code()).as(q.err()).isZero();
            List<String> actual = new ArrayList<>();
            q.json().forEach(row -> actual.add(row.get("zone").asText() + ": " + row.get("events").asLong()));
            assertThat(expected).hasSize(2);
            assertThat(actual).isEqualTo(expected);

            CanopyCliTest.Run java = run("translate", "--models", MODELS, "--sql", sql, "--to", "java", "--class", "ZoneReport");
            assertThat(java.code()).as(java.err()).isZero();
            assertThat(java.out()).contains(".group(col(\"Zone\", \"zoneName\").at(\"zone\"))", ".having(Expr.count().ge(2L))");
            ClassLoader loader = compile(dir, Files.writeString(dir.resolve("ZoneReport.java"), java.out()));
            Schema schema = ModelsFile.parse(MODELS);
            Class<?> k = loader.loadClass("ZoneReport");
            assertThat(k.getMethod("query").invoke(k.getConstructor(Schema.class).newInstance(schema)))
                    .isEqualTo(Translator.of(schema).translate(sql).query());
            CanopyCliTest.Run kotlin = run("translate", "--models", MODELS, "--sql", sql, "--to", "kotlin");
            assertThat(kotlin.code()).as(kotlin.err()).isZero();
            assertThat(kotlin.out()).contains("        .attributes(Expr.col(col(\"Zone\", \"zoneName\").at(\"zone\")).alias(\"zone\"),"
                    + " Expr.count().alias(\"events\"))\n");
        }

        @Test
        @DisplayName("a join no association covers names the association to declare")
        void missingAssociation() {
            CanopyCliTest.Run r = run("translate", "--models", MODELS.replace("\"as\": \"zone\",", "\"as\": \"tz\",")
                    .replace("\"foreignKey\": \"eventTz\", \"targetKey\": \"zid\"", "\"foreignKey\": \"eventCreatorFk\", \"targetKey\": \"zid\""),
                    "--sql", SEED);
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("canopy: no association of Event joins events.event_tz = zones.zid;"
                    + " declare Event.belongsTo(Zone, foreignKey: eventTz, targetKey: zid)");
        }

        @Test
        @DisplayName("notes go to stderr, the result to stdout")
        void notes() {
            CanopyCliTest.Run r = run("translate", "--models", MODELS, "--sql", "SELECT * FROM events ORDER BY event_id LIMIT 2 OFFSET 1",
                    "--url", URL);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().strip()).isEqualTo("{\"model\":\"Event\",\"order\":[[\"eventId\",\"ASC\"]],\"limit\":2,\"offset\":1}");
            CanopyCliTest.Run n = run("translate", "--models", MODELS, "--sql", "SELECT * FROM events LIMIT 2");
            assertThat(n.errLines()).containsExactly("canopy: note: LIMIT 2 without ORDER BY: which rows SQL returns is unspecified;"
                    + " Canopy pages in primary-key order");
        }
    }

    @Nested
    @DisplayName("models")
    class Models {
        @Test
        @DisplayName("reads a live schema into a models file that translate takes, with both directions named by convention")
        void json() {
            CanopyCliTest.Run r = run("models", "--url", URL, "--underscored");
            assertThat(r.code()).as(r.err()).isZero();
            Schema schema = ModelsFile.parse(r.out());
            assertThat(schema.association(schema.model("Event"), "zone").target().name()).isEqualTo("Zone");
            assertThat(schema.association(schema.model("Zone"), "events").target().name()).isEqualTo("Event");
            CanopyCliTest.Run t = run("translate", "--models", r.out(), "--sql", SEED);
            assertThat(t.out().strip()).isEqualTo("{\"model\":\"Event\",\"where\":{\"eventCreatorFk\":116},\"include\":[{\"association\":\"zone\"}]}");
        }

        @Test
        @DisplayName("--to java prints model classes that compile, whose schema translates the seed")
        void java(@TempDir Path dir) throws Exception {
            CanopyCliTest.Run r = run("models", "--url", URL, "--to", "java", "--class", "Db", "--package", "app.db");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("public static final Association EVENT_ZONE = Association.belongsTo(EVENT, ZONE).alias(\"zone\")"
                    + ".foreignKey(\"event_tz\");");
            Path pkg = Files.createDirectories(dir.resolve("src/app/db"));
            ClassLoader loader = compile(Files.createDirectories(dir.resolve("classes")), Files.writeString(pkg.resolve("Db.java"), r.out()));
            Schema schema = (Schema) loader.loadClass("app.db.Db").getField("SCHEMA").get(null);
            assertThat(Translator.of(schema).translate(SEED).toJson())
                    .isEqualTo("{\"model\":\"Event\",\"where\":{\"event_creator_fk\":116},\"include\":[{\"association\":\"zone\"}]}");
        }

        @Test
        @DisplayName("without --url it says so")
        void noUrl() {
            CanopyCliTest.Run r = run("models");
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.errLines()).containsExactly("canopy: models needs --url (the database to read)");
        }
    }
}
