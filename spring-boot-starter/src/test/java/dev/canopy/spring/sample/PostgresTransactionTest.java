package dev.canopy.spring.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same contract on PostgreSQL, in a database of its own made for the run (and dropped after). An unreachable
 * server skips the test loudly, and fails it under {@code CI=true}.
 */
@SpringBootTest
@DisplayName("The sample Spring Boot service on PostgreSQL")
class PostgresTransactionTest extends TransactionContract {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "canopy_spring_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            String message = "PostgreSQL at " + SERVER + " is unreachable: " + e.getMessage();
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message, e);
            }
            System.err.println("SKIPPED: " + message);
            Assumptions.abort(message);
        }
        properties.add("spring.datasource.url", () -> SERVER + DATABASE);
        properties.add("spring.datasource.username", () -> "postgres");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "test", "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @Override
    String dialect() {
        return "postgres";
    }
}
