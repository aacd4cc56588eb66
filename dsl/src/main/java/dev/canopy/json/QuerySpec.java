package dev.canopy.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.canopy.error.CanopyException;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.util.Objects;

/**
 * A query as JSON, in Sequelize's {@code findAll} shape, both ways:
 * <pre>{@code
 * Query q = QuerySpec.parse(Chinook.SCHEMA, """
 *     {"model": "Track", "attributes": ["TrackId", "Name"],
 *      "where": {"$or": [{"UnitPrice": {"$gt": 0.99}}, {"Composer": null}], "$album.Title$": {"$like": "B%"}},
 *      "include": [{"association": "album", "required": true, "where": {"ArtistId": 22}, "include": ["artist"]},
 *                  {"model": "Genre", "required": false, "attributes": ["Name"]}],
 *      "order": [["Name", "DESC"], ["album", "Title", "ASC NULLS LAST"]], "limit": 10, "offset": 0}
 *     """);
 * String json = QuerySpec.toJson(q);       // QuerySpec.parse(schema, json).equals(q)
 * }</pre>
 *
 * <p><b>Where.</b> Keys are attribute names as the models define them, or {@code "$alias.nested.Attribute$"} paths
 * through the include tree (in the query's where only, and only to included paths). A bare value means
 * {@code $eq}, {@code null} means IS NULL, an array means {@code $in}; several keys in one object are ANDed.
 * Operators: {@code $eq $ne $gt $gte $lt $lte $in $notIn $like $notLike $iLike $notILike $startsWith $endsWith
 * $substring $between $notBetween $is $not}, and {@code $and}, {@code $or}, {@code $not} over conditions (or, inside
 * an attribute, over operators: {@code {"Milliseconds": {"$or": {"$lt": 1000, "$gt": 600000}}}}).
 * {@code {"$is": null}} and {@code {"$eq": null}} are IS NULL; {@code {"$not": null}} and {@code {"$ne": null}} are
 * IS NOT NULL; {@code {"$not": {...}}} negates. Values are converted to the column's Java type: a number for a
 * DECIMAL becomes the exact {@code BigDecimal} written, {@code "2021-01-01"} for a DATE a {@code LocalDate}, for a
 * TIMESTAMP midnight of that day.
 *
 * <p><b>Include.</b> An alias string, or an object naming {@code "association"} (or {@code "as"}), or {@code "model"}
 * when exactly one association leads there (read as {@code Include.of(model)}, and written back so), or
 * {@code {"all": true, "nested": true, "required": false}} for {@code Include.all().nested().optional()} (nested and
 * required may be left out); {@code "required"} (absent: Sequelize's default, required exactly when
 * there is a where), {@code "right": true}, {@code "where"}, {@code "attributes"}, nested {@code "include"}, and for
 * a to-many include {@code "separate"} (true: its own batched query; false: joined), an {@code "order"} within each
 * parent (its own columns, or below it through included aliases) and a per-parent {@code "limit"}.
 * <b>Attributes</b> are a list of names ({@code []} reads only the primary key) or {@code {"exclude": [...]}}.
 * <b>Order</b> terms are {@code ["Attribute", "DESC"]}, {@code ["alias", ..., "Attribute", "ASC"]}, with
 * {@code "NULLS FIRST"}/{@code "NULLS LAST"} after the direction or in it ({@code "DESC NULLS LAST"}); a bare string
 * is ascending. {@code "paranoid": false} also returns soft-deleted rows.
 *
 * <p><b>Scopes.</b> {@code "scope": "admins"}, {@code "scope": ["admins", {"method": ["minLevel", 5]}]} (Sequelize's
 * {@code Model.scope('admins', { method: ['minLevel', 5] })}) or {@code "unscoped": true}, on the root and on an
 * include ({@code include: [{ model: Post.scope('recent') }]}); see {@link Query#scope} and
 * {@link dev.canopy.query.Include#scope}. A name must be one of the model's scopes in the schema ({@code "defaultScope"}
 * included); the error lists them.
 *
 * <p>Every mistake is a {@link SpecException} whose message starts with the JSON path of the problem.
 */
public final class QuerySpec {
    private QuerySpec() {}

    /**
     * Parses a spec against the models of {@code schema}.
     *
     * @throws SpecException for malformed JSON (with line and column) or a spec that names what does not exist
     */
    public static Query parse(Schema schema, String json) {
        Objects.requireNonNull(schema, "schema is null");
        return parse(schema, JsonInput.read(json, SpecException::new));
    }

    /** Parses a spec already read as a Jackson tree. */
    public static Query parse(Schema schema, JsonNode spec) {
        Objects.requireNonNull(schema, "schema is null");
        Objects.requireNonNull(spec, "spec is null");
        return new SpecReader(schema).query(spec);
    }

    /** The spec of a query as a Jackson tree, which {@link #parse(Schema, JsonNode)} reads back to an equal query. */
    public static ObjectNode toNode(Query query) {
        return SpecWriter.query(Objects.requireNonNull(query, "query is null"));
    }

    /** The spec of a query as compact JSON, which {@link #parse(Schema, String)} reads back to an equal query. */
    public static String toJson(Query query) {
        try {
            return JsonInput.mapper().writeValueAsString(toNode(query));
        } catch (JsonProcessingException e) {
            throw new CanopyException("Cannot write the spec of " + query + ": " + e.getOriginalMessage(), e);
        }
    }
}
