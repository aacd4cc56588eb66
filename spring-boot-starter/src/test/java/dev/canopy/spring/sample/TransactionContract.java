package dev.canopy.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a Spring service expects of Canopy's transactions, on one database; each database's test extends it. The
 * application is {@link NotesApplication}, configured only by {@code spring.datasource.*}.
 */
abstract class TransactionContract {
    @Autowired Canopy db;
    @Autowired NoteService notes;
    @Autowired DataSource dataSource;
    @Autowired PlatformTransactionManager transactions;

    @BeforeEach
    void emptyTable() {
        db.sync(Notes.SCHEMA);
        db.execute("DELETE FROM \"Notes\"");
    }

    /** The dialect the starter should have read from the URL. */
    abstract String dialect();

    @Test
    @DisplayName("the starter's Canopy speaks the dialect of the DataSource's URL")
    void dialectFromUrl() {
        assertThat(db.dialect().name()).isEqualTo(dialect());
    }

    @Test
    @DisplayName("a @Transactional method that writes and then throws leaves no row")
    void rollbackLeavesNoRow() {
        assertThatThrownBy(() -> notes.addThenFail("draft")).isInstanceOf(IllegalStateException.class);
        assertThat(notes.texts()).isEmpty();
        assertThat(rowsSeenByAnotherConnection()).isZero();
    }

    @Test
    @DisplayName("Canopy's own transaction block inside a @Transactional method joins it: the method's failure undoes it")
    void canopyTransactionJoinsSpring() {
        assertThatThrownBy(() -> notes.addInCanopyTransactionThenFail("draft")).isInstanceOf(IllegalStateException.class);
        assertThat(notes.texts()).isEmpty();
    }

    @Test
    @DisplayName("reads inside a transaction see its uncommitted writes; other connections do not, until it commits")
    void readsSeeOwnWrites() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            db.execute(Notes.INSERT, "draft");
            assertThat(notes.texts()).containsExactly("draft");
            // Spring's own JDBC code in the same transaction is on the same connection, in both directions.
            assertThat(new JdbcTemplate(dataSource).queryForList("SELECT \"text\" FROM \"Notes\"", String.class)).containsExactly("draft");
            new JdbcTemplate(dataSource).update(Notes.INSERT, "second");
            assertThat(notes.texts()).containsExactly("draft", "second");
            assertThat(rowsSeenByAnotherConnection()).isZero();
        });
        assertThat(rowsSeenByAnotherConnection()).isEqualTo(2);
        assertThat(notes.add("third")).containsExactly("draft", "second", "third");
    }

    /** Counts the notes on a connection of its own, outside any Spring transaction. */
    private int rowsSeenByAnotherConnection() {
        try (Connection c = dataSource.unwrap(DataSource.class).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"Notes\"")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
