package dev.canopy.spring.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.spring.MicrometerStatementListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:notes;DB_CLOSE_DELAY=-1", "logging.level.dev.canopy.sql=debug"})
@ExtendWith(OutputCaptureExtension.class)
@DisplayName("The sample Spring Boot service on H2")
class H2TransactionTest extends TransactionContract {
    @Autowired MeterRegistry registry;

    @TestConfiguration
    static class WithMetrics {
        @Bean
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    @Override
    String dialect() {
        return "h2";
    }

    @Test
    @DisplayName("each statement is logged through SLF4J (logger dev.canopy.sql) and timed in Micrometer by its SQL")
    void logsAndTimings(CapturedOutput output) {
        notes.add("logged");
        assertThat(output.getOut()).contains("dev.canopy.sql").contains("INSERT INTO \"Notes\" (\"text\") VALUES (?)");
        String select = db.toSql(dev.canopy.query.Query.from(Notes.NOTE).order(Notes.NOTE.id.asc())).sql();
        assertThat(registry.find(MicrometerStatementListener.TIMER).tag("sql", select).tag("outcome", "success").timer())
                .isNotNull()
                .satisfies(t -> assertThat(t.count()).isPositive());
    }
}
