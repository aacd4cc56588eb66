package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.dialect.Dialect;
import dev.canopy.result.Entity;
import dev.canopy.query.Include;
import dev.canopy.query.Query;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** MariaDB reached through its own driver ({@code jdbc:mariadb:}), as well as through MySQL Connector/J. */
@DisplayName("MariaDB through the MariaDB driver")
class MariaDbDriverTest {

    @Test
    @DisplayName("a jdbc:mariadb: URL gets the MariaDB dialect")
    void urlNamesTheDialect() {
        assertThat(Dialect.forUrl("jdbc:mariadb://127.0.0.1:3306/test").name()).isEqualTo("mariadb");
        assertThat(Dialect.forUrl("jdbc:mysql://127.0.0.1:3306/test").name()).isEqualTo("mysql");
    }

    @Test
    @DisplayName("a Canopy on a jdbc:mariadb: URL reads the same graph as one on jdbc:mysql:")
    void queriesThroughTheMariaDbDriver() {
        Canopy viaConnectorJ = ChinookFixture.chinook(TestDatabase.MARIADB);
        String database = viaConnectorJ.dataSource() instanceof com.zaxxer.hikari.HikariDataSource h
                ? h.getJdbcUrl().replaceAll("^jdbc:mysql://[^/]+/([^?]+).*$", "$1")
                : null;
        assertThat(database).startsWith("canopy_chinook");
        try (Canopy db = Canopy.builder("jdbc:mariadb://127.0.0.1:3306/" + database).schema(Chinook.SCHEMA).user("root").password("").build()) {
            assertThat(db.dialect().name()).isEqualTo("mariadb");
            Query q = Query.from(Chinook.ARTIST).where(Chinook.ARTIST.name.eq("AC/DC")).include(Include.of(Chinook.ARTIST_ALBUMS));
            List<Entity> artists = db.findAll(q);
            assertThat(artists).hasSize(1);
            assertThat(artists.get(0).toMap()).isEqualTo(viaConnectorJ.findAll(q).get(0).toMap());
            assertThat(artists.get(0).many("albums")).hasSize(2);
        }
    }
}
