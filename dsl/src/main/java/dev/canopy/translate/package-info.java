/**
 * Translate: raw SQL joins into include trees, and models out of a live database.
 *
 * <p>{@link dev.canopy.translate.Translator} parses a SELECT with jOOQ's parser (any dialect jOOQ parses) and maps it
 * onto a {@link dev.canopy.model.Schema}'s models and associations: each JOIN along a foreign key becomes an include
 * through the association whose keys it equates (INNER → required, LEFT → optional, RIGHT → right), the WHERE
 * becomes the query's where (or an include's, where that is the same), ORDER BY the order array, and the select list
 * the attributes of each node. The {@link dev.canopy.translate.Translation} it returns holds the
 * {@link dev.canopy.query.Query}, and writes it as a JSON spec, as Java and as Kotlin:
 * <pre>{@code
 * Translation t = Translator.of(schema).translate(
 *         "SELECT * FROM events LEFT JOIN zones ON event_tz = zid WHERE event_creator_fk = 116");
 * t.query();      // findAll(Event where eventCreatorFk $eq 116 include [{zone LEFT}])
 * t.toJson();     // {"model":"Event","where":{"eventCreatorFk":116},"include":[{"association":"zone"}]}
 * t.toJava(CodeStyle.byName());
 * }</pre>
 * Aggregates, GROUP BY and HAVING become computed attributes, {@code group} and {@code having}: per-root aggregates
 * when the SQL groups by the root's key, a grouped report otherwise. What the DSL cannot say (subqueries, UNION,
 * window functions, functions it does not have, non-equi joins, a join no association covers) is a
 * {@link dev.canopy.translate.TranslationException} naming the part of the SQL and why.
 */
@NullMarked
package dev.canopy.translate;

import org.jspecify.annotations.NullMarked;
