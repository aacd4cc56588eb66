package dev.canopy.spring;

import dev.canopy.Canopy;
import dev.canopy.dialect.Dialect;
import dev.canopy.error.ConnectionException;
import dev.canopy.sql.StatementListener;
import dev.canopy.model.Schema;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link Canopy} bean on the application's one {@link DataSource}, unless the application defines its own.
 *
 * <ul>
 *   <li>The dialect is the one that serves the connection's URL (and server, for a MySQL-protocol URL that reaches
 *       MariaDB), or {@code canopy.dialect}.</li>
 *   <li>Statements run on the Spring-managed transaction's connection when there is one (a {@code @Transactional}
 *       method's Canopy reads see its uncommitted writes, and its rollback rolls Canopy's writes back), through
 *       {@link SpringTransactionDataSource}.</li>
 *   <li>Every {@link StatementListener} bean is told of each statement; SLF4J's logger {@code dev.canopy.sql} logs
 *       each at debug level; with Micrometer, the timer {@code canopy.statements} times each, tagged with its SQL
 *       (the query's shape: values are bind parameters, so the tag has one value per shape).</li>
 *   <li>The {@link Schema} bean, when there is one, is the schema the Canopy works in.</li>
 *   <li>With {@code canopy.migrations.enabled=true}, the pending migrations of {@code canopy.migrations.location}
 *       run when the context starts ({@link CanopyMigrations}); the migrator's lock lets several instances start
 *       together, each migration applied once.</li>
 * </ul>
 * The Canopy does not own the DataSource: closing it (Spring does, at shutdown) leaves the pool to Spring.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class},
        afterName = {"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"})
@ConditionalOnClass({Canopy.class, DataSource.class})
@ConditionalOnSingleCandidate(DataSource.class)
@EnableConfigurationProperties(CanopyProperties.class)
public class CanopyAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Canopy canopy(DataSource dataSource, ObjectProvider<Schema> schema, ObjectProvider<StatementListener> listeners,
                         CanopyProperties properties) {
        Dialect dialect = dialect(dataSource, properties.getDialect());
        return create(new SpringTransactionDataSource(dataSource), dialect, schema.getIfUnique(), listener(listeners.orderedStream().toList()));
    }

    /**
     * The one place a Canopy is made: serving the application's one {@link Schema} bean when it has one (a Canopy
     * without a schema runs raw statements and queries without includes).
     */
    static Canopy create(DataSource dataSource, Dialect dialect, @Nullable Schema schema, @Nullable StatementListener listener) {
        StatementListener told = listener == null ? e -> { } : listener;
        if (schema != null) {
            return Canopy.using(dataSource, dialect, schema, told);
        }
        return listener == null ? Canopy.using(dataSource, dialect) : Canopy.using(dataSource, dialect, listener);
    }

    /** The named dialect, or the one that serves the connection's URL and server. */
    static Dialect dialect(DataSource dataSource, @Nullable String named) {
        if (named != null && !named.isBlank()) {
            return Dialect.named(named);
        }
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData metaData = c.getMetaData();
            return Dialect.forUrl(metaData.getURL()).forServer(metaData);
        } catch (SQLException e) {
            throw new ConnectionException("Canopy cannot read the DataSource's URL to choose a dialect (set canopy.dialect to name one): "
                    + e.getMessage(), e);
        }
    }

    private static @Nullable StatementListener listener(List<StatementListener> all) {
        if (all.isEmpty()) {
            return null;
        }
        if (all.size() == 1) {
            return all.get(0);
        }
        return event -> all.forEach(l -> l.onStatement(event));
    }

    /** Micrometer timings, when the application has Micrometer and a registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnProperty(prefix = "canopy", name = "metrics", havingValue = "true", matchIfMissing = true)
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean(MicrometerStatementListener.class)
        MicrometerStatementListener canopyStatementMetrics(MeterRegistry registry) {
            return new MicrometerStatementListener(registry);
        }
    }

    /** Runs the pending migrations once the Canopy bean exists, before the beans that depend on this one. */
    @Bean
    @ConditionalOnBean(Canopy.class)
    @ConditionalOnProperty(prefix = "canopy.migrations", name = "enabled", havingValue = "true")
    public CanopyMigrations canopyMigrations(Canopy canopy, CanopyProperties properties) {
        return CanopyMigrations.run(canopy, properties.getMigrations().getLocation());
    }
}
