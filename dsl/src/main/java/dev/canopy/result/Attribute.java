package dev.canopy.result;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a record component or a Kotlin constructor parameter to an attribute of the model, by its exact name,
 * where the component's own name does not match it:
 * <pre>{@code
 * record TrackRow(@Attribute("TrackId") int id, String name) {}
 * data class TrackRow(@Attribute("TrackId") val id: Int, val name: String)
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
public @interface Attribute {
    /** The attribute's name as the model declares it ({@link dev.canopy.model.Column#name()}). */
    String value();
}
