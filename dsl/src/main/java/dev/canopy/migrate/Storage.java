package dev.canopy.migrate;

/** Where a seeder run is remembered (Sequelize's {@code seederStorage}). */
public enum Storage {
    /** Nowhere: every seeder runs on every {@code seed} (Sequelize's default). */
    NONE,
    /** In a history table: each seeder runs once. */
    TABLE
}
