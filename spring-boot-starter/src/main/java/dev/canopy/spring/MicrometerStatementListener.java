package dev.canopy.spring;

import dev.canopy.sql.StatementEvent;
import dev.canopy.sql.StatementListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times each statement in the timer {@code canopy.statements}, tagged {@code sql} (the statement's text: a query's
 * shape, since every value is a bind parameter) and {@code outcome} ({@code success} or {@code error}). The number of
 * tag values is the number of query shapes the application runs, which Canopy's plan cache already bounds.
 */
public final class MicrometerStatementListener implements StatementListener {
    /** The timer's name. */
    public static final String TIMER = "canopy.statements";

    private final MeterRegistry registry;

    public MicrometerStatementListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onStatement(StatementEvent event) {
        Timer.builder(TIMER)
                .description("Statements Canopy ran, by SQL text")
                .tag("sql", event.sql())
                .tag("outcome", event.error() == null ? "success" : "error")
                .register(registry)
                .record(event.elapsed());
    }
}
