/**
 * Typed results: query results as Java records and Kotlin classes instead of {@link dev.canopy.result.Entity}
 * graphs, through {@link dev.canopy.Canopy#findAll(dev.canopy.query.Query, Class)}, {@code findOne(query, type)},
 * {@code stream(query, type)} and {@link dev.canopy.result.Entity#into(Class)}.
 * <pre>{@code
 * record GenreView(@Nullable String name) {}
 * record TrackView(String name, @Nullable String composer, int milliseconds, @Nullable GenreView genre) {}
 * record AlbumView(String title, List<TrackView> tracks) {}
 *
 * List<AlbumView> albums = db.findAll(Query.from(ALBUM).include("tracks", t -> t.include("genre")), AlbumView.class);
 * }</pre>
 *
 * <h2>What fills a component</h2>
 * A record's components (a Kotlin class's primary-constructor parameters) are filled from the node they map:
 * <ul>
 *   <li>an attribute the node reads, to the component of the same name: exactly; else as the same words in
 *       camelCase and snake_case ({@code album_id} is {@code albumId}); else ignoring case ({@code trackId} is
 *       {@code TrackId}). The first of these that matches decides; two matches in it are ambiguous. Only an
 *       attribute's own name counts: {@code albumTitle} is not {@code album.Title}.
 *       {@link dev.canopy.result.Attribute @Attribute("TrackId")} binds a component by the attribute's exact name;</li>
 *   <li>a to-one include, by its alias (matched the same way) or {@link dev.canopy.result.Included @Included("album")},
 *       to a nested record or Kotlin class: null when the row has none, or an {@code Optional<...>} component;</li>
 *   <li>a to-many include to a {@code List<...>} (or {@code Collection}, {@code Iterable}) of them, unmodifiable,
 *       empty when there are none; joined and separate includes alike;</li>
 *   <li>an {@code Entity} or {@code List<Entity>} component takes the entities as they are.</li>
 * </ul>
 *
 * <h2>What is a mistake</h2>
 * Mistakes are found when the mapping is compiled, before the query runs, and reported together in one
 * {@link dev.canopy.error.MappingException}, one line per problem with its path ({@code ArtistView.albums[].title}):
 * <ul>
 *   <li>a component that no attribute or include feeds, whatever its nullness: a misspelt name never silently
 *       becomes null (the message lists what the node reads and includes, or says that the attributes list left
 *       the attribute out, or that the association is not included);</li>
 *   <li>a value that may be null feeding a component that may not: a nullable attribute (not NOT NULL, not the
 *       primary key) or an optional to-one include (not {@code required()}), into a primitive, a Kotlin type
 *       without {@code ?}, or a Java component under JSpecify's {@code @NullMarked} without {@code @Nullable}.
 *       A Java component outside any {@code @NullMarked} scope, without annotation, may hold null;</li>
 *   <li>a type that no conversion reaches, a to-many include into a non-list, a to-one include into a list, a
 *       class that is neither a record nor a Kotlin class with a primary constructor.</li>
 * </ul>
 *
 * <h2>Conversions</h2>
 * Chosen once per component; a pair not listed is a mapping error, never a guess at run time.
 * <ul>
 *   <li>Integer to int, long, short*, double, float, BigInteger, BigDecimal (and their boxes);</li>
 *   <li>Long to long, int*, short*, double, float, BigInteger, BigDecimal;</li>
 *   <li>BigDecimal to BigDecimal, double, float, BigInteger*, long*, int*, short*;</li>
 *   <li>String to String, or to an enum by constant name*; Boolean to boolean; LocalDate to LocalDate; UUID to UUID;</li>
 *   <li>LocalDateTime to LocalDateTime, OffsetDateTime and Instant (the value read as UTC);</li>
 *   <li>any value to Object or another supertype of its class ({@code Number}, {@code CharSequence}).</li>
 * </ul>
 * (*) exact: a value that does not fit (a fraction into a long, 70000 into a short, a name that is no constant)
 * fails when its row is mapped, with a {@code MappingException} naming the component and the value.
 *
 * <h2>Why a package of its own, and how it runs</h2>
 * Mapping is compiled against a {@link dev.canopy.plan.Plan}'s node shapes (the attributes each node reads, each
 * link joined or loaded separately, each join's kind), so every mistake is reported at once and no row is read in
 * vain. The compiled {@link dev.canopy.typed.EntityMapper} is cached per plan node and type and reads an entity's
 * values and links by index, calling the constructor through a spread {@link java.lang.invoke.MethodHandle}: no
 * reflection and no lookup by name per row. The direct reader ({@link dev.canopy.typed.TypedReader}) composes, per plan node
 * whose includes are all to-one, one method handle of the result set's getters and the constructor; each such handle
 * (and each spread constructor) is bound as the constant of a hidden class of its own ({@code Inlined}), because a
 * handle kept in a field is interpreted form by form, while a constant one is compiled into its caller like a lambda.
 * Kotlin's parameter names and nullness come from {@code kotlin.Metadata},
 * read with JetBrains' {@code kotlin-metadata-jvm} (an optional dependency) and without kotlin-reflect (kotlinc writes its {@code @NotNull}/{@code @Nullable} with class retention, so
 * reflection cannot see them, and writes parameter names only with {@code -java-parameters}). This package depends
 * on {@code hydrate} and {@code plan}; {@code HydratedEntity.into} is the one call back from {@code hydrate} into it.
 */
@NullMarked
package dev.canopy.typed;

import org.jspecify.annotations.NullMarked;
