package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code db.stream(q)} holds only a fetch size of rows, whatever the result's size: a child JVM with a 128 MB heap
 * streams joined rows whose payload alone is about three times that heap ({@link StreamingMain}).
 *
 * <p>The row count is {@code -Dcanopy.stream.rows} (default 400,000 rows of 1,000 characters, about 400 MB). The
 * issue's figure, 2,000,000 joined rows, is:
 * <pre>
 * mvn -B verify -pl conformance -am -Dtest=StreamingTest -Dsurefire.failIfNoSpecifiedTests=false -Dcanopy.stream.rows=2000000
 * </pre>
 */
@DisplayName("Streaming")
class StreamingTest {
    static final int ROWS = Integer.getInteger("canopy.stream.rows", 400_000);

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    @DisplayName("streams joined rows several times the heap under -Xmx128m")
    void streamsUnderASmallHeap(TestDatabase kind, @TempDir Path dir) throws IOException, InterruptedException {
        try (TestDatabase.Handle h = kind.open("stream")) {
            // an in-memory H2 database would live in the child's heap: the child gets an H2 file instead
            String url = kind == TestDatabase.H2 ? "jdbc:h2:file:" + dir.resolve("stream").toAbsolutePath() : h.url;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    StreamingMain.class.getName(), kind.name(), url, h.user == null ? "" : h.user,
                    h.password == null ? "" : h.password, String.valueOf(ROWS)))
                    .redirectErrorStream(true).start();
            boolean finished = p.waitFor(10, TimeUnit.MINUTES);
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished) {
                p.destroyForcibly();
            }
            assertThat(finished).as(output).isTrue();
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).as(output).contains("streamed " + ROWS + " rows, " + (long) ROWS * StreamingMain.PAYLOAD + " payload characters");
            System.out.println(kind + ": " + output.lines().filter(l -> l.startsWith("streamed")).findFirst().orElse(""));
        }
    }
}
