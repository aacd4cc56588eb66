package dev.canopy.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Constraint messages lose the row's values")
class ErrorTranslatorTest {
    @Test
    @DisplayName("H2's VALUES list and MariaDB's quoted duplicate go; constraint and column names stay")
    void redacts() {
        assertThat(ErrorTranslator.redact("Unique index or primary key violation: \"PUBLIC.UQ_USERS_EMAIL ON PUBLIC.USERS(EMAIL NULLS FIRST)"
                + " VALUES ( /* 1 */ 'ann@example.org' )\"")).doesNotContain("ann@").contains("UQ_USERS_EMAIL");
        assertThat(ErrorTranslator.redact("Duplicate entry 'ann@example.org' for key 'uq_Users_email'"))
                .isEqualTo("Duplicate entry '?' for key 'uq_Users_email'");
        assertThat(ErrorTranslator.redact("Column 'name' cannot be null")).isEqualTo("Column 'name' cannot be null");
        assertThat(ErrorTranslator.redact("Referential integrity constraint violation: \"FK_BOOKS: PUBLIC.BOOKS FOREIGN KEY(A) REFERENCES"
                + " PUBLIC.AUTHORS(ID) (CAST(99 AS INTEGER))\"")).doesNotContain("99");
    }
}
