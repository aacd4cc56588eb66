package dev.canopy.dialect.mysql;

import org.jspecify.annotations.Nullable;

/** A server's major and minor version, read from the version string it announces. */
record ServerVersion(int major, int minor) {

    boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /**
     * The MariaDB version in a server version string, or null when the server is not MariaDB. MariaDB 10.x announces
     * itself to MySQL clients as {@code 5.5.5-10.11.19-MariaDB-0+deb12u1} (so Connector/J reports major version 5),
     * 11.x as {@code 11.4.2-MariaDB}.
     */
    static @Nullable ServerVersion mariaDb(String serverVersion) {
        if (!serverVersion.contains("MariaDB")) {
            return null;
        }
        return parse(serverVersion.startsWith("5.5.5-") ? serverVersion.substring("5.5.5-".length()) : serverVersion);
    }

    /** The major and minor number at the start of a version string: {@code 8.0.36-log} is 8.0; no number is 0.0. */
    static ServerVersion parse(String version) {
        String[] parts = version.split("[^0-9]+", 3);
        try {
            return new ServerVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
        } catch (NumberFormatException e) {
            return new ServerVersion(0, 0);
        }
    }

    @Override public String toString() {
        return major + "." + minor;
    }
}
