/** The Chinook sample database (MIT licence): its models, data, demo queries and the seeder that loads it. */
module dev.canopy.chinook {
    requires transitive dev.canopy.dsl;
    requires static org.jspecify;

    exports dev.canopy.chinook;
    exports dev.canopy.chinook.seeders;
}
