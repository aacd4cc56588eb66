package dev.canopy.spring;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code canopy.*} settings. All are optional: by default the dialect is read from the DataSource's connection and
 * statements are timed when Micrometer is present.
 */
@ConfigurationProperties("canopy")
public class CanopyProperties {
    /** The dialect by name ({@code h2}, {@code mysql}, {@code mariadb}, {@code postgres}, {@code sqlite}); default: from the URL. */
    private @Nullable String dialect;

    /** Whether each statement is timed in Micrometer's {@code canopy.statements} timer (when a MeterRegistry exists). */
    private boolean metrics = true;

    public @Nullable String getDialect() {
        return dialect;
    }

    public void setDialect(@Nullable String dialect) {
        this.dialect = dialect;
    }

    public boolean isMetrics() {
        return metrics;
    }

    public void setMetrics(boolean metrics) {
        this.metrics = metrics;
    }

    private final Migrations migrations = new Migrations();

    /** {@code canopy.migrations.*}: versioned migrations run when the application starts. */
    public Migrations getMigrations() {
        return migrations;
    }

    /** Migrations at start-up; off unless {@code canopy.migrations.enabled=true}. */
    public static class Migrations {
        /** Whether pending migrations run when the application starts (the migrator's lock makes several instances safe). */
        private boolean enabled;
        /** Where they are: {@code classpath:com.example.migrations} (the default {@code classpath:db.migrations}) or a folder. */
        private String location = "classpath:db.migrations";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getLocation() {
            return location;
        }

        public void setLocation(String location) {
            this.location = location;
        }
    }
}
