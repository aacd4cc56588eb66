package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.result.Entity;
import dev.canopy.json.QuerySpec;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import dev.canopy.translate.CodeStyle;
import dev.canopy.translate.Translation;
import dev.canopy.translate.Translator;
import java.io.IOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.ParseNameCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of SQL join queries over Chinook and the seed cases' schemas, each translated into an include tree and
 * run both ways on every database.
 *
 * <p><b>What "the same rows" means here.</b> The raw SQL's rows are projected onto, for each node of the include
 * tree in pre-order (root first, then each include's subtree in order), that node's table's primary key followed by
 * the columns the node selects (every column for {@code *}). The entity graph is flattened back into rows of the
 * same columns: a root's values, times the product of its includes' rows, where a to-many include with no children
 * and a missing to-one contribute one row of nulls (a LEFT JOIN's row without a match). The two must be equal as
 * multisets. The graph is the translated query's result, and the result of the generated Java and Kotlin, compiled
 * in-process, whose queries must also equal the translated one (and so must the JSON spec, parsed back).
 */
@DisplayName("SQL translated into include trees returns the rows of the SQL")
class TranslationCorpusTest {
    private static final Settings PARSE = new Settings().withParseNameCase(ParseNameCase.AS_IS);

    /** One SQL statement of the corpus, over a schema, with the style its generated code uses. */
    record Case(String name, Schema schema, CodeStyle style, boolean seed, String sql) {
        @Override public String toString() {
            return name;
        }
    }

    private static Case chinook(String name, String sql) {
        return new Case(name, Chinook.SCHEMA, CodeStyle.typed(Chinook.class), false, sql);
    }

    private static Case chinookByName(String name, String sql) {
        return new Case(name, Chinook.SCHEMA, CodeStyle.byName(), false, sql);
    }

    private static Case seed(String name, Schema schema, String sql) {
        return new Case(name, schema, CodeStyle.byName(), true, sql);
    }

    static final List<Case> CORPUS = List.of(
            seed("the seed's events LEFT JOIN zones", SeedCasesTest.EVENTS,
                    "SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116"),
            seed("events JOIN zones with a where on the zone", SeedCasesTest.EVENTS,
                    "SELECT e.event_name, z.zone_name FROM events e JOIN zones z ON e.event_tz = z.zid WHERE z.zone_name <> 'CET'"),
            seed("events without a zone (anti-join)", SeedCasesTest.EVENTS,
                    "SELECT e.* FROM events e LEFT JOIN zones z ON z.zid = e.event_tz WHERE z.zid IS NULL"),
            seed("documents with a required user of organization 1 and an optional reference", SeedCasesTest.DOCUMENTS,
                    "SELECT * FROM documents d JOIN users u ON d.user_id = u.id LEFT JOIN \"references\" r ON d.reference_id = r.id"
                            + " WHERE u.organization_id = 1 ORDER BY d.document_date DESC"),
            seed("documents, users and their organizations, three levels", SeedCasesTest.DOCUMENTS,
                    "SELECT d.title, u.name, o.name FROM documents d LEFT JOIN users u ON u.id = d.user_id"
                            + " LEFT JOIN organizations o ON o.id = u.organization_id WHERE d.document_date >= '2024-01-01'"),
            seed("foo.hasMany(bar) on custom keys", SeedCasesTest.FOOBAR,
                    "SELECT * FROM foos f LEFT JOIN bars b ON b.idfoo = f.idfoo"),
            seed("bar.belongsTo(foo), required, filtered", SeedCasesTest.FOOBAR,
                    "SELECT b.label, f.name FROM bars b JOIN foos f ON f.idfoo = b.idfoo WHERE f.name IN ('ten', 'thirty')"),
            seed("userLogin with two aliased hasMany siblings", SeedCasesTest.LOGINS,
                    "SELECT * FROM userLogins u LEFT JOIN diveLogs d ON d.userId = u.id LEFT JOIN photos p ON p.userId = u.id"),
            seed("userLogin with posts, filtered", SeedCasesTest.LOGINS,
                    "SELECT u.username, p.title FROM userLogins u JOIN posts p ON p.userId = u.id WHERE p.title <> 'again'"),

            chinook("album JOIN artist, where on the artist", "SELECT * FROM Album a JOIN Artist ar ON ar.ArtistId = a.ArtistId WHERE ar.Name = 'AC/DC'"),
            chinook("artists LEFT JOIN albums", "SELECT * FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId WHERE ar.ArtistId <= 30"),
            chinook("select list and order through a to-many join", "SELECT ar.Name, al.Title FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId"
                    + " WHERE al.Title LIKE 'Greatest%' ORDER BY ar.Name, al.Title"),
            chinook("track, album, artist chain", "SELECT * FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId JOIN Artist ar ON ar.ArtistId = a.ArtistId"
                    + " WHERE ar.ArtistId = 22"),
            chinookByName("tracks with their genre, by name", "SELECT t.TrackId, t.Name, g.Name FROM Track t LEFT JOIN Genre g ON g.GenreId = t.GenreId"
                    + " WHERE t.AlbumId = 1 ORDER BY t.TrackId"),
            chinook("playlists through the junction, required", "SELECT * FROM Playlist p JOIN PlaylistTrack pt ON pt.PlaylistId = p.PlaylistId"
                    + " JOIN Track t ON t.TrackId = pt.TrackId WHERE p.PlaylistId IN (9, 18)"),
            chinook("playlists through the junction, optional", "SELECT p.Name, t.Name FROM Playlist p LEFT JOIN PlaylistTrack pt ON pt.PlaylistId = p.PlaylistId"
                    + " LEFT JOIN Track t ON t.TrackId = pt.TrackId WHERE p.PlaylistId IN (2, 9, 18)"),
            chinookByName("tracks with their playlists", "SELECT t.Name, p.Name FROM Track t JOIN PlaylistTrack pt ON t.TrackId = pt.TrackId"
                    + " JOIN Playlist p ON pt.PlaylistId = p.PlaylistId WHERE t.TrackId < 5"),
            chinook("self-join: employees and their managers", "SELECT e.FirstName, m.FirstName FROM Employee e LEFT JOIN Employee m ON e.ReportsTo = m.EmployeeId"),
            chinook("self-join: managers and their reports", "SELECT * FROM Employee m JOIN Employee e ON e.ReportsTo = m.EmployeeId WHERE m.Title LIKE '%Manager%'"),
            chinook("customers of a support rep", "SELECT c.CustomerId, c.FirstName, e.LastName FROM Customer c JOIN Employee e ON c.SupportRepId = e.EmployeeId"
                    + " WHERE e.EmployeeId = 3 ORDER BY c.LastName"),
            chinook("invoice, lines and tracks", "SELECT * FROM Invoice i JOIN InvoiceLine il ON il.InvoiceId = i.InvoiceId JOIN Track t ON t.TrackId = il.TrackId"
                    + " WHERE i.CustomerId = 2 AND i.Total > 5"),
            chinook("LEFT JOIN with a condition in ON", "SELECT * FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId AND al.Title LIKE 'A%'"
                    + " WHERE ar.Name LIKE 'A%'"),
            chinook("WHERE on a LEFT-joined to-many table", "SELECT * FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId WHERE al.Title LIKE '%Live%'"),
            chinook("artists without albums (anti-join)", "SELECT ar.* FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId WHERE al.AlbumId IS NULL"),
            chinook("OR across two tables", "SELECT * FROM Album al JOIN Artist ar ON ar.ArtistId = al.ArtistId WHERE ar.Name = 'Queen' OR al.Title LIKE 'Queen%'"),
            chinook("LIMIT and OFFSET over to-one joins", "SELECT * FROM Track t JOIN Album a ON a.AlbumId = t.AlbumId JOIN MediaType m ON m.MediaTypeId = t.MediaTypeId"
                    + " ORDER BY t.Name DESC, t.TrackId LIMIT 5 OFFSET 10"),
            chinookByName("ORDER BY a LEFT-joined to-one column", "SELECT t.TrackId, t.Name FROM Track t LEFT JOIN Genre g ON g.GenreId = t.GenreId"
                    + " WHERE t.Milliseconds > 1000000 ORDER BY g.Name DESC NULLS LAST, t.TrackId"),
            chinook("BETWEEN dates and NOT IN", "SELECT * FROM Invoice i JOIN Customer c ON c.CustomerId = i.CustomerId"
                    + " WHERE i.InvoiceDate BETWEEN '2021-01-01' AND '2021-03-31' AND c.Country NOT IN ('USA', 'Canada')"),
            chinook("an INNER JOIN below a LEFT JOIN makes it required", "SELECT * FROM Track t LEFT JOIN Album a ON a.AlbumId = t.AlbumId"
                    + " JOIN Artist ar ON ar.ArtistId = a.ArtistId WHERE ar.Name = 'Aerosmith'"),
            chinook("a nested join: a required grandchild inside an optional child", "SELECT * FROM Artist ar LEFT JOIN (Album al JOIN Track t"
                    + " ON t.AlbumId = al.AlbumId AND t.Milliseconds > 400000) ON al.ArtistId = ar.ArtistId WHERE ar.ArtistId BETWEEN 1 AND 12"),
            chinook("comma join with the link in WHERE", "SELECT * FROM Album al, Artist ar WHERE al.ArtistId = ar.ArtistId AND ar.ArtistId = 1"),
            chinook("genre's tracks", "SELECT g.Name, t.Name FROM Genre g JOIN Track t ON t.GenreId = g.GenreId WHERE g.Name = 'Opera'"),
            chinook("media types with some tracks, ON conditions on the tracks", "SELECT * FROM MediaType m LEFT JOIN Track t ON t.MediaTypeId = m.MediaTypeId"
                    + " AND t.Composer IS NULL AND t.AlbumId < 5"),
            chinook("three levels of to-many", "SELECT ar.Name, al.Title, t.Name FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId"
                    + " JOIN Track t ON t.AlbumId = al.AlbumId WHERE ar.Name = 'Led Zeppelin' AND t.Milliseconds < 200000"),
            chinook("two to-many siblings, one through a junction", "SELECT * FROM Track t LEFT JOIN InvoiceLine il ON il.TrackId = t.TrackId"
                    + " LEFT JOIN PlaylistTrack pt ON pt.TrackId = t.TrackId LEFT JOIN Playlist p ON p.PlaylistId = pt.PlaylistId WHERE t.AlbumId = 3"),
            chinook("ILIKE and NOT", "SELECT * FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId WHERE al.Title ILIKE '%rock%' AND NOT (ar.Name LIKE 'A%')"),
            chinookByName("customer, invoices, lines", "SELECT c.FirstName, i.Total, il.Quantity FROM Customer c JOIN Invoice i ON i.CustomerId = c.CustomerId"
                    + " JOIN InvoiceLine il ON il.InvoiceId = i.InvoiceId WHERE c.Country = 'Norway' ORDER BY i.InvoiceDate DESC"),
            chinook("DISTINCT over every key", "SELECT DISTINCT * FROM Album a JOIN Artist ar ON ar.ArtistId = a.ArtistId WHERE a.AlbumId < 10"),
            // Artists 20 to 24 all have albums: the hydrator drops a RIGHT JOIN's rows without a root when the root has a key
            chinook("a RIGHT JOIN from the root", "SELECT al.AlbumId, al.Title, ar.Name FROM Album al RIGHT JOIN Artist ar ON ar.ArtistId = al.ArtistId"
                    + " WHERE ar.ArtistId BETWEEN 20 AND 24"),
            chinook("functions in WHERE, on the root and on a required include", "SELECT i.* FROM Invoice i JOIN Customer c ON c.CustomerId = i.CustomerId"
                    + " WHERE YEAR(i.InvoiceDate) = 2022 AND UPPER(c.Country) IN ('BRAZIL', 'GERMANY') AND LOWER(c.LastName) LIKE '%a%'"),

            // aggregates, GROUP BY and HAVING (issue 17): the SQL's own rows, by the labels of its select list
            chinook("the 10 artists with the most tracks", "SELECT ar.ArtistId, COUNT(*) AS tracks FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId"
                    + " JOIN Track t ON t.AlbumId = al.AlbumId GROUP BY ar.ArtistId ORDER BY tracks DESC, ar.ArtistId LIMIT 10"),
            chinookByName("the 10 artists with the most tracks, with their names (a report)", "SELECT ar.ArtistId, ar.Name, COUNT(t.TrackId) AS tracks"
                    + " FROM Artist ar JOIN Album al ON al.ArtistId = ar.ArtistId JOIN Track t ON t.AlbumId = al.AlbumId"
                    + " GROUP BY ar.ArtistId, ar.Name ORDER BY COUNT(t.TrackId) DESC, ar.ArtistId LIMIT 10"),
            chinook("per-artist counts and sums over LEFT JOINs, artists without albums count 0", "SELECT ar.ArtistId, COUNT(DISTINCT al.AlbumId) AS albums,"
                    + " COUNT(t.TrackId) AS tracks, SUM(t.Milliseconds) AS length FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId"
                    + " LEFT JOIN Track t ON t.AlbumId = al.AlbumId WHERE ar.ArtistId <= 40 GROUP BY ar.ArtistId"),
            chinook("a genre report: tracks, average length and highest price per genre", "SELECT g.Name AS genre, COUNT(*) AS tracks,"
                    + " AVG(t.Milliseconds) AS average, MAX(t.UnitPrice) AS highest FROM Track t JOIN Genre g ON g.GenreId = t.GenreId"
                    + " GROUP BY g.Name ORDER BY tracks DESC, genre"),
            chinook("a report by a root column with HAVING COUNT(*)", "SELECT t.GenreId, COUNT(*) AS n, MAX(t.Milliseconds) AS longest FROM Track t"
                    + " GROUP BY t.GenreId HAVING COUNT(*) >= 20 ORDER BY n DESC, t.GenreId"),
            chinookByName("customers who spent more than 40, by key and name", "SELECT c.CustomerId, c.FirstName, c.LastName, SUM(i.Total) AS spent,"
                    + " COUNT(i.InvoiceId) AS invoiceCount FROM Customer c JOIN Invoice i ON i.CustomerId = c.CustomerId"
                    + " GROUP BY c.CustomerId, c.FirstName, c.LastName HAVING SUM(i.Total) > 40 ORDER BY spent DESC, c.CustomerId"),
            chinook("albums with more than 20 tracks, per album over a LEFT JOIN", "SELECT al.AlbumId, COUNT(t.TrackId) AS tracks, MIN(t.Name) AS firstTrack"
                    + " FROM Album al LEFT JOIN Track t ON t.AlbumId = al.AlbumId GROUP BY al.AlbumId HAVING COUNT(t.TrackId) > 20"
                    + " ORDER BY tracks DESC, al.AlbumId"),
            chinook("invoices per year in Germany: GROUP BY a function, a function in WHERE", "SELECT YEAR(i.InvoiceDate) AS invoiceYear, COUNT(*) AS invoices,"
                    + " SUM(i.Total) AS amount FROM Invoice i WHERE LOWER(i.BillingCountry) = 'germany' GROUP BY YEAR(i.InvoiceDate) ORDER BY invoiceYear"),
            chinookByName("artists starting with A, their names upper-cased, by album count", "SELECT ar.ArtistId, UPPER(ar.Name) AS shout,"
                    + " COUNT(al.AlbumId) AS albumCount FROM Artist ar LEFT JOIN Album al ON al.ArtistId = ar.ArtistId WHERE ar.Name LIKE 'A%'"
                    + " GROUP BY ar.ArtistId, ar.Name ORDER BY albumCount DESC, ar.ArtistId LIMIT 5"),
            chinook("media types of long tracks, by a LEFT-joined column", "SELECT m.Name AS mediaType, COUNT(t.TrackId) AS tracks, SUM(t.Bytes) AS totalBytes"
                    + " FROM Track t LEFT JOIN MediaType m ON m.MediaTypeId = t.MediaTypeId WHERE t.Milliseconds > 200000 GROUP BY m.Name ORDER BY m.Name"),
            chinook("artists with at least 3 rock albums, WHERE on a joined table", "SELECT ar.Name, COUNT(DISTINCT al.AlbumId) AS rockAlbums FROM Artist ar"
                    + " JOIN Album al ON al.ArtistId = ar.ArtistId JOIN Track t ON t.AlbumId = al.AlbumId WHERE t.GenreId = 1"
                    + " GROUP BY ar.Name HAVING COUNT(DISTINCT al.AlbumId) >= 3 ORDER BY rockAlbums DESC, ar.Name"),
            chinook("playlists and their track counts through the junction", "SELECT p.PlaylistId, COUNT(t.TrackId) AS tracks FROM Playlist p"
                    + " LEFT JOIN PlaylistTrack pt ON pt.PlaylistId = p.PlaylistId LEFT JOIN Track t ON t.TrackId = pt.TrackId"
                    + " GROUP BY p.PlaylistId ORDER BY p.PlaylistId"));

    private static final Map<Case, Class<?>[]> COMPILED = new LinkedHashMap<>();

    @BeforeAll
    static void compileGeneratedSources(@TempDir Path dir) throws IOException, ClassNotFoundException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (int i = 0; i < CORPUS.size(); i++) {
            Case c = CORPUS.get(i);
            Translation t = Translator.of(c.schema()).translate(c.sql());
            sources.put("Q" + i + ".java", t.toJava(c.style().className("Q" + i)));
            sources.put("K" + i + ".kt", t.toKotlin(c.style().className("K" + i)));
        }
        ClassLoader loader = SourceCompiler.compile(dir, sources);
        for (int i = 0; i < CORPUS.size(); i++) {
            COMPILED.put(CORPUS.get(i), new Class<?>[] {loader.loadClass("Q" + i), loader.loadClass("K" + i)});
        }
    }

    static Stream<Arguments> cases() {
        return TestDatabase.all().stream().flatMap(kind -> CORPUS.stream().map(c -> Arguments.of(kind, c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void translatedQueryReturnsTheRowsOfTheSql(TestDatabase kind, Case c) throws ReflectiveOperationException {
        Canopy db = c.seed() ? SeedFixture.seed(kind) : ChinookFixture.chinook(kind);
        Translation t = Translator.of(c.schema()).translate(c.sql());
        if (aggregates(t.query())) {
            aggregateCase(db, c, t);
            return;
        }
        List<Node> nodes = List.of(Node.of(t.query()));

        List<String> expected = sqlRows(db, c.sql(), nodes.get(0), t.sources());
        assertThat(expected).as("the corpus query finds rows").isNotEmpty();
        assertThat(graphRows(db.findAll(t.query()), nodes.get(0))).as(t.query().toString()).containsExactlyInAnyOrderElementsOf(expected);

        assertThat(QuerySpec.parse(c.schema(), t.toJson())).as("the JSON spec").isEqualTo(t.query());
        for (Class<?> generated : COMPILED.get(c)) {
            Query q = run(generated, c.schema());
            assertThat(q).as(generated.getSimpleName() + " (generated)").isEqualTo(t.query());
            assertThat(graphRows(db.findAll(q), nodes.get(0))).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static boolean aggregates(Query q) {
        return !q.attributes().computed().isEmpty() || !q.group().isEmpty() || q.having() != null;
    }

    /**
     * A query with aggregates: the SQL runs as it is, and each of its rows must be a row of the translated query's
     * entities read by the labels of the SQL's select list (an attribute or a computed attribute of that name, in any
     * case), as multisets; numbers are compared to 2 decimals (averages are read with 6, and SQLite sums decimals as
     * doubles).
     */
    private static void aggregateCase(Canopy db, Case c, Translation t) throws ReflectiveOperationException {
        Select<?> select = (Select<?>) DSL.using(SQLDialect.DEFAULT, PARSE).parser().parseQuery(c.sql());
        String rendered = Rows.context(db).render(select);
        List<String> labels = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (Connection conn = db.dataSource().getConnection(); PreparedStatement ps = conn.prepareStatement(rendered);
             ResultSet rs = ps.executeQuery()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                labels.add(rs.getMetaData().getColumnLabel(i));
            }
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= labels.size(); i++) {
                    row.add(normAggregate(rs.getObject(i)));
                }
                expected.add(String.join(" | ", row));
            }
        } catch (SQLException e) {
            throw new AssertionError("the SQL failed: " + rendered + ": " + e.getMessage(), e);
        }
        assertThat(expected).as("the corpus query finds rows").isNotEmpty();
        assertThat(aggregateRows(db.findAll(t.query()), labels)).as(t.query().toString()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(QuerySpec.parse(c.schema(), t.toJson())).as("the JSON spec").isEqualTo(t.query());
        for (Class<?> generated : COMPILED.get(c)) {
            Query q = run(generated, c.schema());
            assertThat(q).as(generated.getSimpleName() + " (generated)").isEqualTo(t.query());
            assertThat(aggregateRows(db.findAll(q), labels)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static List<String> aggregateRows(List<Entity> entities, List<String> labels) {
        List<String> out = new ArrayList<>();
        for (Entity e : entities) {
            Map<String, Object> values = e.toMap();
            List<String> row = new ArrayList<>();
            for (String label : labels) {
                String key = values.keySet().stream().filter(k -> k.equalsIgnoreCase(label)).findFirst()
                        .orElseThrow(() -> new AssertionError("the entity has no '" + label + "': " + values.keySet()));
                row.add(normAggregate(values.get(key)));
            }
            out.add(String.join(" | ", row));
        }
        return out;
    }

    private static String normAggregate(Object v) {
        if (v instanceof Number) {
            BigDecimal d = new BigDecimal(v.toString()).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
            return d.signum() == 0 ? "0" : d.toPlainString();
        }
        if (v instanceof String && ((String) v).matches("-?\\d+(\\.\\d+)?")) {
            return normAggregate(new BigDecimal((String) v));   // SQLite's strftime year is text
        }
        return norm(v);
    }

    /** The query a generated class builds: {@code Q.query()}, {@code K.INSTANCE.query()} or {@code new Q(schema).query()}. */
    private static Query run(Class<?> k, Schema schema) throws ReflectiveOperationException {
        Method m = k.getMethod("query");
        if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
            return (Query) m.invoke(null);
        }
        try {
            return (Query) m.invoke(k.getField("INSTANCE").get(null));
        } catch (NoSuchFieldException e) {
            return (Query) m.invoke(k.getConstructor(Schema.class).newInstance(schema));
        }
    }

    // ---- the comparison ----------------------------------------------------------------------------------------------

    /** A node of the include tree: its path, the columns compared (key, then selected), its includes. */
    record Node(String path, String alias, boolean toMany, List<Column<?>> columns, List<Node> children) {
        static Node of(Query q) {
            return new Node("", "", false, columns(q.root(), q.attributes()), q.includes().stream().map(i -> of(i, "")).collect(java.util.stream.Collectors.toList()));
        }

        static Node of(Include inc, String parent) {
            String path = parent.isEmpty() ? inc.alias() : parent + "." + inc.alias();
            return new Node(path, inc.alias(), inc.association().isToMany(), columns(inc.model(), inc.attributes()),
                    inc.includes().stream().map(i -> of(i, path)).collect(java.util.stream.Collectors.toList()));
        }

        private static List<Column<?>> columns(Model model, dev.canopy.query.Attributes attributes) {
            List<Column<?>> out = new ArrayList<>(model.primaryKey());
            for (Column<?> c : attributes.select(model)) {
                if (!out.contains(c)) {
                    out.add(c);
                }
            }
            return out;
        }

        void fields(Map<String, String> sources, List<Field<?>> out) {
            for (Column<?> c : columns) {
                out.add(DSL.field(DSL.name(sources.get(path), c.field())));
            }
            children.forEach(ch -> ch.fields(sources, out));
        }
    }

    /** The SQL's rows, its select list replaced by every node's key and selected columns. */
    private static List<String> sqlRows(Canopy db, String sql, Node root, Map<String, String> sources) {
        Select<?> select = (Select<?>) DSL.using(SQLDialect.DEFAULT, PARSE).parser().parseQuery(sql);
        List<Field<?>> fields = new ArrayList<>();
        root.fields(sources, fields);
        String rendered = Rows.context(db).render(select.$select(fields));
        List<String> out = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(rendered);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= fields.size(); i++) {
                    row.add(norm(rs.getObject(i)));
                }
                out.add(String.join(" | ", row));
            }
        } catch (SQLException e) {
            throw new AssertionError("the SQL failed: " + rendered + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The entity graph flattened into rows of the same columns. */
    private static List<String> graphRows(List<Entity> roots, Node root) {
        List<String> out = new ArrayList<>();
        for (Entity e : roots) {
            for (List<String> row : rows(e, root)) {
                out.add(String.join(" | ", row));
            }
        }
        return out;
    }

    private static List<List<String>> rows(Entity e, Node n) {
        List<String> own = new ArrayList<>();
        for (Column<?> c : n.columns()) {
            own.add(e == null ? norm(null) : norm(e.get(c.name())));
        }
        List<List<String>> acc = List.of(own);
        for (Node child : n.children()) {
            List<List<String>> childRows = new ArrayList<>();
            if (e == null) {
                childRows.addAll(rows(null, child));
            } else if (child.toMany()) {
                List<Entity> many = e.many(child.alias());
                if (many.isEmpty()) {
                    childRows.addAll(rows(null, child));
                }
                many.forEach(m -> childRows.addAll(rows(m, child)));
            } else {
                childRows.addAll(rows(e.one(child.alias()), child));
            }
            List<List<String>> product = new ArrayList<>();
            for (List<String> a : acc) {
                for (List<String> b : childRows) {
                    List<String> row = new ArrayList<>(a);
                    row.addAll(b);
                    product.add(row);
                }
            }
            acc = product;
        }
        return acc;
    }

    private static String norm(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number) {
            BigDecimal d = new BigDecimal(v.toString()).stripTrailingZeros();
            return d.signum() == 0 ? "0" : d.toPlainString();
        }
        if (v instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) v).toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date) {
            return ((java.sql.Date) v).toLocalDate().toString();
        }
        if (v instanceof java.time.OffsetDateTime) {
            return ((java.time.OffsetDateTime) v).toLocalDateTime().toString();
        }
        if (v instanceof String && ((String) v).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?")) {
            // SQLite hands a timestamp back as the ISO text it stores; Canopy reads it as a LocalDateTime
            return java.time.LocalDateTime.parse(((String) v).replace(' ', 'T')).toString();
        }
        return v.toString();
    }

    static String describe(List<String> rows) {
        return rows.stream().sorted().collect(Collectors.joining("\n"));
    }

    static List<String> sorted(String... rows) {
        return Arrays.stream(rows).sorted().collect(Collectors.toList());
    }
}
