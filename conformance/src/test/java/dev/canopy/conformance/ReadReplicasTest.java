package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import dev.canopy.sql.StatementEvent;
import dev.canopy.write.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Read replicas (Sequelize's {@code replication: { read: [...], write: {...} }}): reads outside a transaction go to the
 * replicas in turn, writes, DDL and everything in a transaction to the primary; a replica that is down is skipped, and
 * tried again later. No replication runs here: each server is seeded with its own rows, so which rows come back says
 * which server read them, and so does each statement's {@link StatementEvent#server()}.
 */
@DisplayName("Read replicas")
class ReadReplicasTest {

    static final class NoteModel extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> text = string("text", 40);

        NoteModel() { super("Note", ModelOptions.defaults().timestamps(false)); }
    }

    static final NoteModel NOTE = new NoteModel();
    static final Schema SCHEMA = Schema.builder().model(NOTE).build();

    /** A server's one note, saying which server it is on. */
    private static void seed(String url, String user, String password, String text) {
        try (Canopy c = Canopy.builder(url).user(user).password(password).schema(SCHEMA).build()) {
            c.sync(SCHEMA);
            c.create(NOTE, Values.of(NOTE.id, 1).and(NOTE.text, text));
        }
    }

    private static List<String> texts(List<Entity> notes) {
        return notes.stream().map(n -> n.get(NOTE.text)).collect(Collectors.toList());
    }

    private static String h2(String name) {
        return "jdbc:h2:mem:" + name + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    /** The servers that ran the statements recorded since {@code from}. */
    private static List<String> servers(List<StatementEvent> events, int from) {
        synchronized (events) {
            return events.subList(from, events.size()).stream().map(StatementEvent::server).collect(Collectors.toList());
        }
    }

    @Test
    @DisplayName("H2: reads go round robin to the replicas; writes, DDL and transactions to the primary")
    void routesReadsAndWrites() {
        String primary = h2("primary");
        String one = h2("replica1");
        String two = h2("replica2");
        seed(primary, null, null, "primary");
        seed(one, null, null, "replica one");
        seed(two, null, null, "replica two");
        List<StatementEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (Canopy db = Canopy.builder(primary).readReplicas(one, two).schema(SCHEMA).onStatement(events::add).build()) {
            int from = events.size();
            List<String> read = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                read.addAll(texts(db.findAll(Query.from(NOTE))));
            }
            assertThat(read).containsExactly("replica one", "replica two", "replica one", "replica two");
            assertThat(servers(events, from)).containsExactly("replica 1", "replica 2", "replica 1", "replica 2");

            from = events.size();
            db.create(NOTE, Values.of(NOTE.id, 2).and(NOTE.text, "written"));
            db.execute("UPDATE \"Notes\" SET \"text\" = ? WHERE \"id\" = ?", "written twice", 2);
            db.sync(SCHEMA);
            assertThat(servers(events, from)).isNotEmpty().containsOnly("primary");

            from = events.size();
            assertThat(db.transaction(() -> texts(db.findAll(Query.from(NOTE).order(NOTE.id.asc())))))
                    .containsExactly("primary", "written twice");
            assertThat(db.transaction(() -> db.count(Query.from(NOTE)))).isEqualTo(2);
            assertThat(servers(events, from)).containsOnly("primary");

            // outside the transaction the replicas answer, and they never saw the write
            from = events.size();
            assertThat(db.count(Query.from(NOTE))).isEqualTo(1);
            assertThat(db.findOne(Query.from(NOTE)).get(NOTE.text)).startsWith("replica");
            try (Stream<Entity> s = db.stream(Query.from(NOTE))) {
                assertThat(s.map(n -> n.get(NOTE.text)).collect(Collectors.toList())).hasSize(1).allMatch(t -> t.startsWith("replica"));
            }
            assertThat(texts(db.query("SELECT \"id\", \"text\" FROM \"Notes\"", List.of(), NOTE))).hasSize(1)
                    .allMatch(t -> t.startsWith("replica"));
            assertThat(servers(events, from)).hasSize(4).allMatch(s -> s.startsWith("replica "));
            assertThat(events.get(events.size() - 1).describe()).contains("1 rows, replica ");
        }
    }

    @Test
    @DisplayName("H2: a replica that is down is skipped, tried again later, and with none up the primary reads")
    void skipsReplicasThatAreDown() throws InterruptedException {
        String primary = h2("primary");
        String later = "replica-later-" + UUID.randomUUID();
        String laterUrl = "jdbc:h2:mem:" + later + ";IFEXISTS=TRUE";     // no such database until the test makes it
        String two = h2("replica2");
        seed(primary, null, null, "primary");
        seed(two, null, null, "replica two");
        List<StatementEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (Canopy db = Canopy.builder(primary).readReplicas(laterUrl, two).replicaRetry(Duration.ofMillis(200))
                .schema(SCHEMA).onStatement(events::add).build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(texts(db.findAll(Query.from(NOTE)))).containsExactly("replica two");
            }
            assertThat(servers(events, 0)).containsOnly("replica 2");

            seed("jdbc:h2:mem:" + later + ";DB_CLOSE_DELAY=-1", null, null, "replica one, back");
            Thread.sleep(300);                                          // past the retry interval
            List<String> read = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                read.addAll(texts(db.findAll(Query.from(NOTE))));
            }
            assertThat(read).containsExactlyInAnyOrder("replica one, back", "replica two");
        }
        try (Canopy db = Canopy.builder(primary).readReplicas("jdbc:h2:mem:gone-" + UUID.randomUUID() + ";IFEXISTS=TRUE")
                .schema(SCHEMA).onStatement(events::add).build()) {
            int from = events.size();
            assertThat(texts(db.findAll(Query.from(NOTE)))).containsExactly("primary");
            assertThat(db.count(Query.from(NOTE))).isEqualTo(1);
            assertThat(servers(events, from)).containsExactly("primary", "primary");
        }
    }

    @Test
    @DisplayName("MariaDB: a second server started by the test serves the reads, proven by its @@port, until it stops")
    void secondMariaDbServer() {
        try (SecondMariaDb replica = SecondMariaDb.start(); TestDatabase.Handle h = TestDatabase.MARIADB.open("replicas")) {
            String database = h.url.substring(h.url.lastIndexOf('/') + 1, h.url.indexOf('?'));
            replica.admin("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
            String replicaUrl = replica.url(database);
            seed(h.url, h.user, h.password, "primary");
            seed(replicaUrl, "root", "", "replica");
            List<StatementEvent> events = Collections.synchronizedList(new ArrayList<>());
            try (Canopy db = Canopy.builder(h.url).user(h.user).password(h.password).readReplicas(replicaUrl).schema(SCHEMA)
                    .onStatement(events::add).build()) {
                String port = "SELECT 1 AS `id`, CAST(@@port AS CHAR) AS `text`";
                assertThat(texts(db.query(port, List.of(), NOTE))).containsExactly(String.valueOf(replica.port));
                assertThat(db.transaction(() -> texts(db.query(port, List.of(), NOTE)))).containsExactly("3306");
                assertThat(texts(db.findAll(Query.from(NOTE)))).containsExactly("replica");

                int from = events.size();
                db.create(NOTE, Values.of(NOTE.id, 2).and(NOTE.text, "written"));
                assertThat(servers(events, from)).containsOnly("primary");
                assertThat(db.count(Query.from(NOTE))).isEqualTo(1);
                assertThat(db.transaction(() -> db.count(Query.from(NOTE)))).isEqualTo(2);
                try (Stream<Entity> s = db.stream(Query.from(NOTE))) {
                    assertThat(s.map(n -> n.get(NOTE.text)).collect(Collectors.toList())).containsExactly("replica");
                }

                replica.stop();
                from = events.size();
                assertThat(texts(db.findAll(Query.from(NOTE).order(NOTE.id.asc())))).containsExactly("primary", "written");
                assertThat(texts(db.query(port, List.of(), NOTE))).containsExactly("3306");
                List<String> after = servers(events, from);
                assertThat(after.get(after.size() - 1)).isEqualTo("primary");
            }
        }
    }
}
