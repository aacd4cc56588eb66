package dev.canopy.spring;

import dev.canopy.Canopy;
import dev.canopy.migrate.MigrationReport;
import dev.canopy.migrate.MigrationSource;
import dev.canopy.migrate.Migrator;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrations applied when the application started ({@code canopy.migrations.enabled=true}): made by running
 * them, so a bean that depends on this one starts on the migrated schema. A failing migration fails the start-up.
 */
public final class CanopyMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(CanopyMigrations.class);

    private final MigrationReport report;

    private CanopyMigrations(MigrationReport report) {
        this.report = report;
    }

    static CanopyMigrations run(Canopy canopy, String location) {
        MigrationSource source = location.startsWith("classpath:")
                ? MigrationSource.classpath(location.substring("classpath:".length()))
                : MigrationSource.folder(Path.of(location));
        MigrationReport report = Migrator.of(canopy, source).migrate();
        LOG.info("Canopy migrations from {}: {} applied", location, report.runs().size());
        return new CanopyMigrations(report);
    }

    /** What ran at start-up. */
    public MigrationReport report() {
        return report;
    }
}
