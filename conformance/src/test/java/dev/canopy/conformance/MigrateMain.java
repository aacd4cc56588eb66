package dev.canopy.conformance;

import dev.canopy.Canopy;
import dev.canopy.migrate.MigrationScript;
import dev.canopy.migrate.MigrationSource;
import dev.canopy.migrate.Migrator;
import java.nio.file.Path;
import java.util.List;

/** A migrator process of its own, for the test that starts two at once: {@code url user password folder start-millis}; both compile their migrations, then start migrating at the same instant. */
public final class MigrateMain {
    private MigrateMain() {}

    public static void main(String[] args) throws InterruptedException {
        try (Canopy db = Canopy.builder(args[0]).user(args[1].isEmpty() ? null : args[1]).password(args[2].isEmpty() ? null : args[2]).build()) {
            List<MigrationScript> loaded = MigrationSource.folder(Path.of(args[3])).load();
            long start = Long.parseLong(args[4]);
            while (System.currentTimeMillis() < start) {
                Thread.sleep(20);
            }
            Migrator.of(db, () -> loaded).onProgress(System.out::println).migrate();
        }
    }
}
