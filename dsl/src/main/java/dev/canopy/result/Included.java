package dev.canopy.result;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a record component or a Kotlin constructor parameter to an included association, by its exact alias,
 * where the component's own name does not match it:
 * <pre>{@code
 * record AlbumRow(String title, @Included("artist") ArtistRow performer) {}
 * data class AlbumRow(val title: String, @Included("artist") val performer: ArtistRow)
 * }</pre>
 * (Named {@code Included} so that it never clashes with {@link dev.canopy.query.Include} in one file.)
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Included {
    /** The include's alias ({@link dev.canopy.model.Association#alias()}). */
    String value();
}
