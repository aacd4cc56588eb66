package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.error.ConnectionException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults: a connection killed by the server in the middle of a query ({@code KILL} on MariaDB,
 * {@code pg_terminate_backend} on PostgreSQL) gives a typed Canopy exception, the pool recovers (the next query
 * works) and no connection leaks (the pool's active connections are 0 afterwards, with HikariCP's leak detection on).
 * The victim is found by its database and statement text ({@code pg_stat_activity}, {@code PROCESSLIST}).
 */
class ConnectionFaultsTest {
    private static final int FAULTS = Integer.getInteger("canopy.faults", 3);
    /** A connection held longer than this is logged by HikariCP as a leak ("Connection leak detection triggered"). */
    static final long LEAK_THRESHOLD_MS = 30_000;

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"MARIADB", "POSTGRES"})
    @DisplayName("a connection killed mid-query gives a ConnectionException, and the pool recovers without a leak")
    void killedConnection(TestDatabase kind) throws Exception {
        try (TestDatabase.Handle h = kind.open("faults", Chinook.SCHEMA);
             Canopy db = Canopy.builder(h.url).user(h.user).password(h.password).schema(Chinook.SCHEMA).poolSize(2).build()) {
            db.sync(Chinook.SCHEMA);
            HikariDataSource pool = (HikariDataSource) db.dataSource();
            pool.setLeakDetectionThreshold(LEAK_THRESHOLD_MS);
            boolean pg = kind == TestDatabase.POSTGRES;
            // MariaDB: DO, not SELECT, as Connector/J refuses a SELECT through executeUpdate before the server sees it;
            // and the pool prepares statements on the server, so the victim's COMMAND is 'Execute', not 'Query'. Those
            // two are why an earlier version of this test never found the session to kill.
            String sleep = pg ? "SELECT pg_sleep(20)" : "DO SLEEP(20)";
            String database = h.url.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
            for (int i = 0; i < FAULTS; i++) {
                CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
                    try {
                        db.execute(sleep);
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                try (Connection admin = DriverManager.getConnection(h.url, h.user, h.password);
                     Statement st = admin.createStatement()) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    int killed = 0;
                    while (killed == 0 && System.nanoTime() < deadline) {
                        String find = pg
                                ? "SELECT pid FROM pg_stat_activity WHERE query = '" + sleep + "' AND pid <> pg_backend_pid()"
                                : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '" + database
                                        + "' AND COMMAND IN ('Query', 'Execute') AND INFO = '" + sleep + "' AND ID <> CONNECTION_ID()";
                        try (ResultSet rs = st.executeQuery(find)) {
                            while (rs.next()) {
                                long id = rs.getLong(1);
                                try (Statement k = admin.createStatement()) {
                                    k.execute(pg ? "SELECT pg_terminate_backend(" + id + ")" : "KILL " + id);
                                }
                                killed++;
                            }
                        }
                        Thread.sleep(50);
                    }
                    assertThat(killed).as("sessions found running the slow query").isPositive();
                }
                Throwable failure = running.get(30, TimeUnit.SECONDS);
                assertThat(failure).as("what the killed query threw").isInstanceOf(ConnectionException.class);
                assertThat(db.count(Chinook.ARTIST)).as("the next query after the kill").isZero();
            }
            assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                    .as("active connections after the faults").isZero();
        }
    }
}
