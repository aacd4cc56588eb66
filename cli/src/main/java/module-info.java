/** The {@code canopy} command. picocli reads its commands by reflection, hence the qualified {@code opens}. */
module dev.canopy.cli {
    requires dev.canopy.dsl;
    requires dev.canopy.chinook;
    requires info.picocli;
    requires java.compiler;
    requires static org.jspecify;

    opens dev.canopy.cli to info.picocli;
}
