package dev.canopy.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("Canopy's auto-configuration")
class AutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, CanopyAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1");

    @Test
    @DisplayName("makes a Canopy on the application's DataSource, with the dialect of its URL")
    void makesCanopy() {
        runner.run(context -> {
            Canopy db = context.getBean(Canopy.class);
            assertThat(db.dialect().name()).isEqualTo("h2");
            assertThat(((SpringTransactionDataSource) db.dataSource()).getTargetDataSource()).isSameAs(context.getBean(DataSource.class));
            assertThat(db.execute("CREATE TABLE \"T\" (\"id\" INT)")).isZero();
        });
    }

    @Test
    @DisplayName("backs off when the application defines its own Canopy")
    void backsOff() {
        runner.withBean("mine", Canopy.class, () -> Canopy.using(new org.springframework.jdbc.datasource.SimpleDriverDataSource(
                        new org.h2.Driver(), "jdbc:h2:mem:mine"), Dialect.named("h2")))
                .run(context -> {
                    assertThat(context).hasSingleBean(Canopy.class);
                    assertThat(context.getBeanNamesForType(Canopy.class)).containsExactly("mine");
                });
    }

    @Test
    @DisplayName("canopy.dialect names the dialect instead of the URL")
    void namedDialect() {
        runner.withPropertyValues("canopy.dialect=postgres")
                .run(context -> assertThat(context.getBean(Canopy.class).dialect().name()).isEqualTo("postgres"));
    }

    @Test
    @DisplayName("does nothing without a DataSource")
    void noDataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CanopyAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(Canopy.class));
    }

    @Test
    @DisplayName("runs the pending migrations at start-up when canopy.migrations.enabled=true, once however often it starts")
    void migrationsAtStartUp() {
        ApplicationContextRunner migrating = runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:migrating;DB_CLOSE_DELAY=-1",
                "canopy.migrations.enabled=true", "canopy.migrations.location=classpath:dev.canopy.spring.migrations");
        migrating.run(context -> {
            assertThat(context.getBean(CanopyMigrations.class).report().runs()).extracting(r -> r.name())
                    .containsExactly("20261201100000-create-notes-archive");
            Canopy db = context.getBean(Canopy.class);
            assertThat(new org.springframework.jdbc.core.JdbcTemplate(context.getBean(DataSource.class))
                    .queryForObject("SELECT \"text\" FROM \"notes_archive\" WHERE \"id\" = 1", String.class)).isEqualTo("migrated at start-up");
            assertThat(db.dialect().name()).isEqualTo("h2");
        });
        migrating.run(context -> assertThat(context.getBean(CanopyMigrations.class).report().runs()).as("already applied").isEmpty());
    }

    @Test
    @DisplayName("runs no migration unless asked")
    void noMigrationsByDefault() {
        runner.run(context -> assertThat(context).doesNotHaveBean(CanopyMigrations.class));
    }
}
