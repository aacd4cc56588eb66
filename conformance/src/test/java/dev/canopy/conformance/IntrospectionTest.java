package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.canopy.chinook.ChinookData;
import dev.canopy.json.ModelsFile;
import dev.canopy.json.SchemaIntrospector;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code canopy models}' reading of a live database ({@link SchemaIntrospector}) gives the same models file on every
 * database, whether its foreign keys have names or not.
 */
@DisplayName("Introspection")
class IntrospectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPECTED = "introspection/chinook.json";

    private static JsonNode expected() {
        try (InputStream in = IntrospectionTest.class.getClassLoader().getResourceAsStream(EXPECTED)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode introspect(DataSource ds) throws IOException {
        return JSON.readTree(ModelsFile.toJson(SchemaIntrospector.read(ds, false)));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("Chinook with named foreign keys reads as the expected models file")
    void namedKeys(TestDatabase kind) throws IOException {
        assertThat(introspect(ChinookFixture.chinook(kind).dataSource())).isEqualTo(expected());
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("Chinook with unnamed foreign keys reads as the same models file: no key is lost or merged")
    void unnamedKeys(TestDatabase kind) throws IOException, SQLException {
        try (TestDatabase.Handle h = kind.open("unnamed_fks")) {
            try (Connection c = h.db.dataSource().getConnection(); Statement st = c.createStatement()) {
                String mode = null;
                if (kind == TestDatabase.MARIADB) {
                    try (java.sql.ResultSet rs = st.executeQuery("SELECT @@SESSION.sql_mode")) {
                        rs.next();
                        mode = rs.getString(1);
                    }
                    st.execute("SET SESSION sql_mode = 'ANSI_QUOTES'");
                }
                for (String create : unnamedSchema(kind)) {
                    st.execute(create);
                }
                if (mode != null) {
                    try (java.sql.PreparedStatement ps = c.prepareStatement("SET SESSION sql_mode = ?")) {
                        ps.setString(1, mode);
                        ps.execute();
                    }
                }
            }
            JsonNode read = introspect(h.db.dataSource());
            assertThat(read.get("associations")).isEqualTo(expected().get("associations"));
            assertThat(read).isEqualTo(expected());
        }
    }

    /** Chinook's CREATE TABLEs with {@code CONSTRAINT "FK_..."} left out: foreign keys the database names, or not. */
    private static List<String> unnamedSchema(TestDatabase kind) throws IOException {
        String text;
        try (InputStream in = ChinookData.class.getClassLoader().getResourceAsStream(ChinookData.SCHEMA_RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> out = new ArrayList<>();
        for (String statement : text.split(";\\R")) {
            String sql = statement.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n").strip();
            if (!sql.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE")) {
                continue;
            }
            sql = sql.replaceAll("CONSTRAINT \"FK_\\w+\" FOREIGN KEY", "FOREIGN KEY");
            if (kind == TestDatabase.MARIADB) {
                sql = sql.replaceAll("\" TIMESTAMP\\b", "\" DATETIME");
            }
            assertThat(sql).doesNotContain("\"FK_");
            out.add(sql);
        }
        assertThat(out).hasSize(11);
        return out;
    }
}
