package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.Canopy;
import dev.canopy.error.ConnectionException;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import dev.canopy.write.Values;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A database that is down when the application starts, or goes down and comes back while it runs, on a server the
 * test starts and stops itself ({@link SecondMariaDb}, {@link SecondPostgres}): building without {@code connectLazily}
 * fails with a {@link ConnectionException} naming the URL; with it the Canopy builds, a query while the server is
 * down fails with a {@code ConnectionException} after the builder's {@code connectTimeout} (not a driver or pool
 * exception), and once the server is back the same Canopy answers (once its pool has tried again: see {@link #onceBack}),
 * and the first statement after a restart that killed the connections idle in its pool works; no connection is left
 * active (HikariCP's leak detection on).
 */
@DisplayName("A server down at start, or restarted")
class ServerDownTest {

    /** ReadReplicasTest's one small model: a note with a key and a text. */
    static final ReadReplicasTest.NoteModel NOTE = ReadReplicasTest.NOTE;
    static final Schema SCHEMA = ReadReplicasTest.SCHEMA;

    /** A server the test can stop and start again on the same port. */
    private interface Server {
        String url();

        String user();

        String dialect();

        void stop();

        void restart();
    }

    @Test
    @DisplayName("MariaDB: a Canopy built while its server is down answers once it is up, and after a restart")
    void mariaDb() {
        try (SecondMariaDb server = SecondMariaDb.start()) {
            server.admin("CREATE DATABASE app");
            scenario(new Server() {
                @Override public String url() { return server.url("app"); }
                @Override public String user() { return "root"; }
                @Override public String dialect() { return "mariadb"; }
                @Override public void stop() { server.stop(); }
                @Override public void restart() { server.restart(); }
            });
        }
    }

    @Test
    @DisplayName("PostgreSQL: a Canopy built while its server is down answers once it is up, and after a restart")
    void postgres() {
        try (SecondPostgres server = SecondPostgres.start()) {
            scenario(new Server() {
                @Override public String url() { return server.url(); }
                @Override public String user() { return "postgres"; }
                @Override public String dialect() { return "postgres"; }
                @Override public void stop() { server.stop(); }
                @Override public void restart() { server.restart(); }
            });
        }
    }

    private static List<String> texts(Canopy db) {
        return db.findAll(Query.from(NOTE).order(NOTE.id.asc())).stream().map(n -> n.get(NOTE.text)).collect(Collectors.toList());
    }

    /**
     * {@code read} once the pool has a connection again. While the server was down, HikariCP's connection maker
     * backed off (doubling, up to 5 s between tries), so with this test's 1 s connect timeout the statements of the
     * first seconds after the server is back may still end in a {@code ConnectionException}; ten tries span the
     * longest back-off twice. Any other failure, or ten of these, fails the test.
     */
    private static <T> T onceBack(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (ConnectionException e) {
                if (attempt == 10) {
                    throw e;
                }
            }
        }
    }

    private static void scenario(Server server) {
        try (Canopy seed = Canopy.builder(server.url()).user(server.user()).password("").schema(SCHEMA).build()) {
            seed.sync(SCHEMA);
            seed.create(NOTE, Values.of(NOTE.id, 1).and(NOTE.text, "written before the outage"));
            seed.create(NOTE, Values.of(NOTE.id, 2).and(NOTE.text, "and kept"));
        }
        List<String> seeded = List.of("written before the outage", "and kept");
        server.stop();

        // fail fast, HikariCP's default: the application learns at start-up that its database is not there
        assertThatThrownBy(() -> Canopy.builder(server.url()).user(server.user()).password("").schema(SCHEMA)
                .connectTimeout(Duration.ofSeconds(1)).build())
                .as("building without connectLazily while the server is down")
                .isInstanceOf(ConnectionException.class).hasMessageContaining(server.url());

        try (Canopy db = Canopy.builder(server.url()).user(server.user()).password("").schema(SCHEMA)
                .dialect(server.dialect()).connectLazily().connectTimeout(Duration.ofSeconds(1)).poolSize(2).build()) {
            HikariDataSource pool = (HikariDataSource) db.dataSource();
            pool.setLeakDetectionThreshold(ConnectionFaultsTest.LEAK_THRESHOLD_MS);

            assertThatThrownBy(() -> texts(db)).as("a query while the server is down")
                    .isInstanceOf(ConnectionException.class);
            assertThatThrownBy(() -> db.create(NOTE, Values.of(NOTE.id, 3).and(NOTE.text, "lost")))
                    .as("a write while the server is down").isInstanceOf(ConnectionException.class);

            server.restart();
            assertThat(onceBack(() -> texts(db))).as("the same Canopy once the server is up").containsExactlyElementsOf(seeded);
            db.create(NOTE, Values.of(NOTE.id, 3).and(NOTE.text, "written after"));

            // the pool's connections are idle and the server restarts under them: the next query gets a live one.
            // HikariCP checks a connection on borrow only when it has been idle over 500 ms (aliveBypassWindowMs);
            // a local server can stop and start faster than that, so the test lets that much time pass first.
            server.stop();
            server.restart();
            sleep(600);
            assertThat(texts(db)).as("the first query after a restart between two queries")
                    .containsExactly("written before the outage", "and kept", "written after");

            // down again, and back
            server.stop();
            assertThatThrownBy(() -> db.count(Query.from(NOTE))).as("a count while the server is down again")
                    .isInstanceOf(ConnectionException.class);
            server.restart();
            assertThat(onceBack(() -> db.count(Query.from(NOTE)))).as("the count once it is back").isEqualTo(3);

            assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("active connections afterwards").isZero();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
