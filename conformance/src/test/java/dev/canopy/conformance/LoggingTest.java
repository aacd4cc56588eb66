package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.DatabaseException;
import dev.canopy.error.QueryException;
import dev.canopy.sql.StatementEvent;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Logging of every statement, with its duration and row count. H2 only: the callbacks are set on a builder, and the
 * suite's databases are opened without them; what is tested here is the executor, the same on every database.
 */
@DisplayName("Logging")
class LoggingTest {

    static final class Shop extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name", 40);

        Shop() { super("Shop", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Item extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<Integer> shopId = integer("shopId");
        final Column<String> name = string("name", 40);

        Item() { super("Item", ModelOptions.defaults().timestamps(false)); }
    }

    static final Shop SHOP = new Shop();
    static final Item ITEM = new Item();
    static final Schema SHOPS = Schema.of(Association.hasMany(SHOP, ITEM).alias("items").foreignKey("shopId"));

    private static String url() {
        return "jdbc:h2:mem:canopy_logging_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void load(Canopy db) {
        db.sync(SHOPS);
        Rows.insert(db, SHOP, "id", 1, "name", "north");
        Rows.insert(db, SHOP, "id", 2, "name", "south");
        Rows.insert(db, ITEM, "id", 1, "shopId", 1, "name", "apple");
        Rows.insert(db, ITEM, "id", 2, "shopId", 1, "name", "pear");
        Rows.insert(db, ITEM, "id", 3, "shopId", 1, "name", "plum");
    }

    @Test
    @DisplayName("logging(...) gets one line per statement with its duration, rows read, SQL and binds")
    void loggingLines() {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Canopy db = Canopy.builder(url()).schema(SHOPS).logging(lines::add).build()) {
            load(db);
            lines.clear();
            Query q = Query.from(SHOP).where(SHOP.name.ne("east")).include("items").order(SHOP.id.asc());

            List<Entity> shops = db.findAll(q);

            assertThat(shops).hasSize(2);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).matches("Executed \\(\\d+ ms, 4 rows\\): select .*")
                    .contains(db.toSql(q).sql())
                    .endsWith("-- binds [east]");
        }
    }

    @Test
    @DisplayName("onStatement(...) gets each statement's SQL, binds, duration and the rows it read or changed")
    void statementEvents() {
        List<StatementEvent> events = new CopyOnWriteArrayList<>();
        try (Canopy db = Canopy.builder(url()).schema(SHOPS).onStatement(events::add).build()) {
            load(db);
            assertThat(events).last().satisfies(e -> {
                assertThat(e.sql()).startsWith("insert into");
                assertThat(e.rows()).isEqualTo(1);
            });
            events.clear();
            Query q = Query.from(SHOP).include("items").order(SHOP.id.asc());

            List<Entity> shops = db.findAll(q);
            long count = db.count(q);

            assertThat(shops.get(0).many("items")).hasSize(3);
            assertThat(count).isEqualTo(2);
            assertThat(events).hasSize(2);
            StatementEvent select = events.get(0);
            assertThat(select.sql()).isEqualTo(db.toSql(q).sql());
            assertThat(select.binds()).isEqualTo(db.toSql(q).binds());
            assertThat(select.rows()).isEqualTo(4);
            assertThat(select.elapsed().isNegative()).isFalse();
            assertThat(select.error()).isNull();
            assertThat(events.get(1).rows()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("a where on a path outside the include tree fails before any statement runs")
    void badPathRunsNothing() {
        List<StatementEvent> events = new CopyOnWriteArrayList<>();
        try (Canopy db = Canopy.builder(url()).schema(SHOPS).onStatement(events::add).build()) {
            load(db);
            events.clear();
            Query q = Query.from(ITEM).where(SHOP.name.at("shop").eq("north"));

            assertThatThrownBy(() -> db.findAll(q)).isInstanceOf(QueryException.class).hasMessageContaining("'shop'");
            assertThatThrownBy(() -> db.count(q)).isInstanceOf(QueryException.class);
            assertThat(events).isEmpty();
        }
    }

    @Test
    @DisplayName("a failing statement is reported too, with its error, and thrown as a DatabaseException")
    void failuresAreReported() {
        List<StatementEvent> events = new CopyOnWriteArrayList<>();
        try (Canopy db = Canopy.builder(url()).schema(SHOPS).onStatement(events::add).build()) {
            assertThatThrownBy(() -> db.execute("select * from \"NoSuchTable\"")).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("NoSuchTable");

            assertThat(events).hasSize(1);
            assertThat(events.get(0).error()).isNotNull();
            assertThat(events.get(0).describe()).startsWith("Failed (").contains("NoSuchTable");
        }
    }
}
