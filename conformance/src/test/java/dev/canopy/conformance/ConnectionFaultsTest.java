package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.Canopy;
import dev.canopy.chinook.Chinook;
import dev.canopy.error.CanopyException;
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
 * works) and no connection leaks (the pool's active connections are 0 afterwards). PostgreSQL only for now: on
 * MariaDB the session running {@code SLEEP} was not found in {@code PROCESSLIST} yet (to do).
 */
class ConnectionFaultsTest {
    private static final int FAULTS = Integer.getInteger("canopy.faults", 3);

    @ParameterizedTest
    @EnumSource(value = TestDatabase.class, names = {"POSTGRES"})
    @DisplayName("a connection killed mid-query gives a Canopy exception, and the pool recovers without a leak")
    void killedConnection(TestDatabase kind) throws Exception {
        try (TestDatabase.Handle h = kind.open("faults", Chinook.SCHEMA);
             Canopy db = Canopy.builder(h.url).user(h.user).password(h.password).schema(Chinook.SCHEMA).poolSize(2).build()) {
            db.sync(Chinook.SCHEMA);
            boolean pg = kind == TestDatabase.POSTGRES;
            String sleep = pg ? "SELECT pg_sleep(20)" : "SELECT SLEEP(20)";
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
                                : "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '%SLEEP(20)%' AND ID <> CONNECTION_ID()";
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
                assertThat(failure).as("what the killed query threw").isInstanceOf(CanopyException.class);
                assertThat(db.count(Chinook.ARTIST)).as("the next query after the kill").isZero();
            }
            assertThat(((HikariDataSource) db.dataSource()).getHikariPoolMXBean().getActiveConnections())
                    .as("active connections after the faults").isZero();
        }
    }
}
