package dev.canopy.migrate;

import java.time.Duration;
import java.util.List;

/**
 * What a run did: each migration run, in order, with its direction and duration; in a dry run, the SQL that would
 * have run instead.
 */
public record MigrationReport(List<Run> runs, List<String> statements, boolean dryRun) {
    /** One migration run up or down. */
    public record Run(String name, boolean up, Duration duration) {}

    public MigrationReport {
        runs = List.copyOf(runs);
        statements = List.copyOf(statements);
    }

    /** The names run, in order. */
    public List<String> names() {
        return runs.stream().map(Run::name).toList();
    }
}
