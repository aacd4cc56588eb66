package dev.canopy.migrate;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration as a source found it: its name, the checksum of its text (what the history compares), the migration,
 * and where it came from (for messages).
 */
public record MigrationScript(String name, String checksum, Migration migration, String origin) {
    private static final Pattern VERSION = Pattern.compile("^[A-Za-z]?(\\d+)");

    public MigrationScript {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(checksum, "checksum is null");
        Objects.requireNonNull(migration, "migration is null");
        parseVersion(name, origin);
    }

    /** A migration given in code, with its checksum made from its name and class (it has no file to hash). */
    public static MigrationScript of(String name, Migration migration) {
        return new MigrationScript(name, checksum(name + ":" + migration.getClass().getName()), migration, "class " + migration.getClass().getName());
    }

    /** The version a name starts with: {@code 20261201093000} of {@code 20261201093000-create-users} or {@code V20261201093000_Users}. */
    public BigInteger version() {
        return parseVersion(name, origin);
    }

    static BigInteger parseVersion(String name, String origin) {
        Matcher m = VERSION.matcher(name);
        if (!m.find()) {
            throw new MigrationSourceException("The migration '" + name + "' (" + origin + ") does not start with a version; name it like "
                    + "20261201093000-create-users (a .sql or .java file) or V20261201093000_CreateUsers (a class)");
        }
        return new BigInteger(m.group(1));
    }

    /** Version order, then name order for equal versions. */
    static final Comparator<MigrationScript> ORDER = Comparator.comparing(MigrationScript::version).thenComparing(MigrationScript::name);

    /** SHA-256 of text with its line endings made {@code \n}, so a checkout on another system keeps the checksum. */
    static String checksum(String text) {
        return checksum(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
    }

    static String checksum(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
