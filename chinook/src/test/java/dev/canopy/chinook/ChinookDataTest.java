package dev.canopy.chinook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canopy.error.DatabaseException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.DataType;
import dev.canopy.model.Model;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Chinook data and models")
class ChinookDataTest {
    private static final JdbcDataSource DS = new JdbcDataSource();

    @BeforeAll
    static void load() {
        DS.setURL("jdbc:h2:mem:chinook_test;DB_CLOSE_DELAY=-1");
        ChinookData.load(DS);
    }

    private static Map<String, Integer> counts() throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection c = DS.getConnection(); Statement st = c.createStatement()) {
            for (String table : List.of("Artist", "Album", "Track", "Genre", "MediaType", "Playlist", "PlaylistTrack",
                    "Employee", "Customer", "Invoice", "InvoiceLine")) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getInt(1));
                }
            }
        }
        return counts;
    }

    private static Object single(String sql) throws SQLException {
        try (Connection c = DS.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getObject(1);
        }
    }

    @Test
    @DisplayName("load() fills all eleven tables with the row counts of the original scripts")
    void loadFillsAllElevenTablesWithTheOriginalRowCounts() throws SQLException {
        assertThat(counts()).containsExactly(
                Map.entry("Artist", 275), Map.entry("Album", 347), Map.entry("Track", 3503), Map.entry("Genre", 25),
                Map.entry("MediaType", 5), Map.entry("Playlist", 18), Map.entry("PlaylistTrack", 8715),
                Map.entry("Employee", 8), Map.entry("Customer", 59), Map.entry("Invoice", 412), Map.entry("InvoiceLine", 2240));
    }

    @Test
    @DisplayName("known rows come back with their values")
    void knownRowsComeBackWithTheirValues() throws SQLException {
        assertThat(single("SELECT \"Name\" FROM \"Artist\" WHERE \"ArtistId\" = 1")).isEqualTo("AC/DC");
        assertThat(single("SELECT \"Name\" FROM \"Track\" WHERE \"TrackId\" = 1")).isEqualTo("For Those About To Rock (We Salute You)");
        assertThat(single("SELECT \"UnitPrice\" FROM \"Track\" WHERE \"TrackId\" = 1")).isEqualTo(new BigDecimal("0.99"));
        assertThat(single("SELECT SUM(\"Total\") FROM \"Invoice\"")).isEqualTo(new BigDecimal("2328.60"));
    }

    @Test
    @DisplayName("quotes, backslashes, accents and timestamps survive the conversion from the MySQL script")
    void quotesBackslashesAccentsAndTimestampsSurviveTheConversion() throws SQLException {
        assertThat(single("SELECT \"Name\" FROM \"Artist\" WHERE \"ArtistId\" = 88")).isEqualTo("Guns N' Roses");
        assertThat(single("SELECT \"Name\" FROM \"Track\" WHERE \"TrackId\" = 3435")).isEqualTo("Cavalleria Rusticana \\ Act \\ Intermezzo Sinfonico");
        assertThat(single("SELECT \"BillingAddress\" FROM \"Invoice\" WHERE \"InvoiceId\" = 1")).isEqualTo("Theodor-Heuss-Straße 34");
        try (Connection c = DS.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"BirthDate\", \"HireDate\" FROM \"Employee\" WHERE \"EmployeeId\" = 1")) {
            rs.next();
            assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(LocalDateTime.of(1962, 2, 18, 0, 0));
            assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2002, 8, 14, 0, 0));
        }
    }

    @Test
    @DisplayName("a second load() changes nothing")
    void aSecondLoadChangesNothing() throws SQLException {
        Map<String, Integer> before = counts();
        ChinookData.load(DS);
        try (Connection c = DS.getConnection()) {
            ChinookData.load(c);
            assertThat(c.isClosed()).isFalse();
            assertThat(c.getAutoCommit()).isTrue();
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    @DisplayName("a failed load() reports the statement and leaves no tables behind")
    void aFailedLoadReportsTheStatementAndLeavesNoTablesBehind() throws SQLException {
        JdbcDataSource other = new JdbcDataSource();
        other.setURL("jdbc:h2:mem:chinook_failing;DB_CLOSE_DELAY=-1");
        try (Connection c = other.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE \"PlaylistTrack\" (\"x\" INT)");
            assertThatThrownBy(() -> ChinookData.load(c))
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining(ChinookData.SCHEMA_RESOURCE)
                    .hasMessageContaining("CREATE TABLE \"PlaylistTrack\"");
            assertThat(ChinookData.hasTable(c, "Artist")).isFalse();
            assertThat(ChinookData.hasTable(c, "PlaylistTrack")).isTrue();
            st.execute("DROP ALL OBJECTS");
        }
    }

    @Test
    @DisplayName("the resources split into statements that each end at a ';'")
    void theResourcesSplitIntoStatements() {
        List<String> schema = ChinookData.statements(ChinookData.SCHEMA_RESOURCE);
        List<String> data = ChinookData.statements(ChinookData.DATA_RESOURCE);
        assertThat(schema).hasSize(22).allSatisfy(s -> assertThat(s).doesNotEndWith(";").doesNotStartWith("--"));
        assertThat(data).allSatisfy(s -> assertThat(s).startsWith("INSERT INTO \""));
        assertThat(data).allSatisfy(s -> assertThat(s.lines().count() - 1).isLessThanOrEqualTo(500));
    }

    @Test
    @DisplayName("licence() returns the MIT licence of the Chinook database")
    void licenceReturnsTheMitLicence() {
        assertThat(ChinookData.licence()).contains("Chinook Database").contains("Luis Rocha").contains("Permission is hereby granted");
    }

    @Test
    @DisplayName("SCHEMA builds with every model and the expected association aliases")
    void schemaBuildsWithTheExpectedAssociationAliases() {
        assertThat(Chinook.SCHEMA.models()).extracting(Model::name).containsExactlyInAnyOrder("Artist", "Album", "Employee",
                "Customer", "Genre", "MediaType", "Track", "Invoice", "InvoiceLine", "Playlist", "PlaylistTrack");
        assertThat(aliases(Chinook.ARTIST)).containsExactly("albums");
        assertThat(aliases(Chinook.ALBUM)).containsExactlyInAnyOrder("artist", "tracks");
        assertThat(aliases(Chinook.TRACK)).containsExactlyInAnyOrder("album", "genre", "mediaType", "playlists", "invoiceLines");
        assertThat(aliases(Chinook.GENRE)).containsExactly("tracks");
        assertThat(aliases(Chinook.MEDIA_TYPE)).containsExactly("tracks");
        assertThat(aliases(Chinook.PLAYLIST)).containsExactly("tracks");
        assertThat(aliases(Chinook.PLAYLIST_TRACK)).isEmpty();
        assertThat(aliases(Chinook.EMPLOYEE)).containsExactlyInAnyOrder("manager", "reports", "customers");
        assertThat(aliases(Chinook.CUSTOMER)).containsExactlyInAnyOrder("supportRep", "invoices");
        assertThat(aliases(Chinook.INVOICE)).containsExactlyInAnyOrder("customer", "lines");
        assertThat(aliases(Chinook.INVOICE_LINE)).containsExactlyInAnyOrder("invoice", "track");
        assertThat(Chinook.SCHEMA.association(Chinook.PLAYLIST, "tracks").through()).isSameAs(Chinook.PLAYLIST_TRACK);
        assertThat(Chinook.SCHEMA.association(Chinook.EMPLOYEE, "manager").foreignKey()).isEqualTo("ReportsTo");
    }

    @Test
    @DisplayName("the models add no columns of their own: no timestamps, no implicit foreign keys")
    void theModelsAddNoColumnsOfTheirOwn() {
        assertThat(Chinook.SCHEMA.models()).allSatisfy(m -> {
            assertThat(m.tableName()).isEqualTo(m.name());
            assertThat(m.columns()).allSatisfy(c -> assertThat(c.field()).isEqualTo(c.name()));
        });
        assertThat(Chinook.TRACK.columns()).hasSize(9);
        assertThat(Chinook.PLAYLIST_TRACK.primaryKey()).extracting(Column::name).containsExactly("PlaylistId", "TrackId");
        assertThat(Chinook.INVOICE.total.type()).isEqualTo(DataType.decimal(10, 2));
    }

    @Test
    @DisplayName("the models match the tables the schema script creates")
    void theModelsMatchTheTablesTheScriptCreates() throws SQLException {
        try (Connection c = DS.getConnection()) {
            for (Model m : Chinook.SCHEMA.models()) {
                List<String> columns = new ArrayList<>();
                Map<String, Boolean> nullable = new LinkedHashMap<>();
                try (ResultSet rs = c.getMetaData().getColumns(null, "PUBLIC", m.tableName(), null)) {
                    while (rs.next()) {
                        columns.add(rs.getString("COLUMN_NAME"));
                        nullable.put(rs.getString("COLUMN_NAME"), "YES".equals(rs.getString("IS_NULLABLE")));
                    }
                }
                assertThat(columns).as(m.name()).containsExactlyElementsOf(m.columns().stream().map(Column::field).collect(Collectors.toList()));
                assertThat(m.columns()).allSatisfy(col -> assertThat(col.allowNull()).as(col.toString()).isEqualTo(nullable.get(col.field())));
            }
        }
    }

    @Test
    @DisplayName("models.json describes the same models and associations as Chinook")
    void modelsJsonDescribesTheSameModelsAndAssociations() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ChinookData.MODELS_RESOURCE)) {
            assertThat(in).isNotNull();
            root = new ObjectMapper().readTree(in);
        }
        JsonNode models = root.get("models");
        assertThat(models.size()).isEqualTo(Chinook.SCHEMA.models().size());
        for (Model m : Chinook.SCHEMA.models()) {
            JsonNode jm = models.get(m.name());
            assertThat(jm).as(m.name()).isNotNull();
            assertThat(jm.get("table").asText()).isEqualTo(m.tableName());
            assertThat(jm.get("timestamps").asBoolean()).isFalse();
            List<String> pk = new ArrayList<>();
            jm.get("primaryKey").forEach(n -> pk.add(n.asText()));
            assertThat(pk).as(m.name()).containsExactlyElementsOf(m.primaryKey().stream().map(Column::name).collect(Collectors.toList()));
            JsonNode attrs = jm.get("attributes");
            List<String> names = new ArrayList<>();
            attrs.fieldNames().forEachRemaining(names::add);
            assertThat(names).as(m.name()).containsExactlyElementsOf(m.columns().stream().map(Column::name).collect(Collectors.toList()));
            for (Column<?> col : m.columns()) {
                JsonNode a = attrs.get(col.name());
                DataType<?> type = DataType.named(a.get("type").asText(),
                        a.has("length") ? a.get("length").asInt() : null, a.has("scale") ? a.get("scale").asInt() : null);
                assertThat(type).as(col.toString()).isEqualTo(col.type());
                assertThat(a.path("allowNull").asBoolean(true)).as(col.toString()).isEqualTo(col.allowNull());
            }
        }
        List<String> json = new ArrayList<>();
        root.get("associations").forEach(a -> json.add(a.get("type").asText() + " " + a.get("source").asText() + " " + a.get("target").asText()
                + " " + a.path("through").asText("-") + " " + a.get("foreignKey").asText() + " " + a.path("otherKey").asText("-")
                + " " + a.get("as").asText()));
        List<String> java = Chinook.SCHEMA.associations().stream().map(ChinookDataTest::describe).collect(Collectors.toList());
        assertThat(json).containsExactlyElementsOf(java);
    }

    private static String describe(Association a) {
        String kind;
        switch (a.kind()) {
            case BELONGS_TO: kind = "belongsTo"; break;
            case HAS_ONE: kind = "hasOne"; break;
            case HAS_MANY: kind = "hasMany"; break;
            default: kind = "belongsToMany"; break;
        }
        boolean many = a.kind() == Association.Kind.BELONGS_TO_MANY;
        return kind + " " + a.source().name() + " " + a.target().name() + " " + (many ? a.through().name() : "-") + " "
                + a.foreignKey() + " " + (many ? a.otherKey() : "-") + " " + a.alias();
    }

    private static List<String> aliases(Model m) {
        return Chinook.SCHEMA.associationsOf(m).stream().map(Association::alias).collect(Collectors.toList());
    }
}
