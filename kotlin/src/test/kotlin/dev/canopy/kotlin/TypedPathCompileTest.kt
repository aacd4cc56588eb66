package dev.canopy.kotlin

import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.nio.file.Files
import java.nio.file.Path
import org.assertj.core.api.Assertions.assertThat
import org.jetbrains.kotlin.cli.common.ExitCode
import org.jetbrains.kotlin.cli.jvm.K2JVMCompiler
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir

/**
 * A typed path through a wrong association does not compile: the Kotlin compiler, run in-process on the test class
 * path, refuses each broken path in a source file, and accepts the same file with the paths right.
 */
class TypedPathCompileTest {
    private val header = """
        import dev.canopy.kotlin.Music.ALBUM_ARTIST
        import dev.canopy.kotlin.Music.ALBUM_TRACKS
        import dev.canopy.kotlin.Music.ARTIST_ALBUMS
        import dev.canopy.kotlin.Music.TRACK_GENRE
        import dev.canopy.kotlin.via

    """.trimIndent()

    @Test
    fun `paths that connect compile`(@TempDir dir: Path) {
        val (code, messages) = compile(dir, header + """
            val a = via(ARTIST_ALBUMS, ALBUM_TRACKS) { name }
            val b = via(ARTIST_ALBUMS) { title }
            val c = (ARTIST_ALBUMS / ALBUM_TRACKS / TRACK_GENRE).column { name }
        """.trimIndent())
        assertThat(code).withFailMessage(messages).isEqualTo(ExitCode.OK)
    }

    @Test
    fun `a link that does not start where the previous one ends, or a column of another model, does not compile`(@TempDir dir: Path) {
        val lines = listOf(
            "val swapped = via(ALBUM_TRACKS, ARTIST_ALBUMS) { title }",   // Album -> Track, then Artist -> Album
            "val wrongColumn = via(ARTIST_ALBUMS, ALBUM_TRACKS) { title }", // the path ends at Track, which has no title
            "val wrongJoin = ARTIST_ALBUMS / TRACK_GENRE",                 // Artist -> Album, then Track -> Genre
            "val backwards = via(ALBUM_ARTIST, ALBUM_TRACKS) { name }",    // Album -> Artist, then Album -> Track

        )
        val (code, messages) = compile(dir, header + lines.joinToString("\n"))
        assertThat(code).isEqualTo(ExitCode.COMPILATION_ERROR)
        val firstLine = header.count { it == '\n' } + 1
        for (i in lines.indices) {
            assertThat(messages).withFailMessage("line ${firstLine + i} (${lines[i]}) should not compile:\n$messages")
                .contains("Paths.kt:${firstLine + i}:")
        }
    }

    private fun compile(dir: Path, source: String): Pair<ExitCode, String> {
        val file = Files.writeString(dir.resolve("Paths.kt"), source)
        val out = Files.createDirectories(dir.resolve("classes"))
        val messages = ByteArrayOutputStream()
        val args = arrayOf("-no-stdlib", "-no-reflect", "-jvm-target", "17", "-nowarn",
            "-classpath", System.getProperty("java.class.path"), "-d", out.toString(), file.toString())
        val code = K2JVMCompiler().exec(PrintStream(messages, true, Charsets.UTF_8), *args)
        return code to messages.toString(Charsets.UTF_8)
    }
}
