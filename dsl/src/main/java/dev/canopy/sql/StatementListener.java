package dev.canopy.sql;

/**
 * Told of every statement Canopy runs (Sequelize's {@code logging: fn}). A single-method interface, so a Kotlin
 * or Java lambda is enough: {@code Canopy.builder(url).onStatement(e -> System.out.println(e.describe()))}.
 */
@FunctionalInterface
public interface StatementListener {
    void onStatement(StatementEvent event);
}
