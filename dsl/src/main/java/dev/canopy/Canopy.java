package dev.canopy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.dialect.Dialect;
import dev.canopy.error.ConnectionException;
import dev.canopy.error.QueryException;
import dev.canopy.exec.Executor;
import dev.canopy.exec.ResultReader;
import dev.canopy.sql.StatementListener;
import dev.canopy.result.Entity;
import dev.canopy.hydrate.HydratedEntity;
import dev.canopy.hydrate.Hydration;
import dev.canopy.hydrate.Hydrator;
import dev.canopy.plan.Fetch;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.plan.Plan;
import dev.canopy.plan.PlanNode;
import dev.canopy.plan.Planner;
import dev.canopy.query.Condition;
import dev.canopy.query.Query;
import dev.canopy.render.Renderer;
import dev.canopy.sql.SqlStatement;
import dev.canopy.schema.SchemaApi;
import dev.canopy.schema.SchemaDdl;
import dev.canopy.typed.EntityMapper;
import dev.canopy.typed.TypedResults;
import dev.canopy.schema.SchemaSync;
import dev.canopy.schema.SyncOptions;
import dev.canopy.schema.SyncResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A connection to one database, serving one {@link Schema}: runs queries and returns entity graphs, and writes them
 * (create, nested create, bulkCreate, update, destroy, upsert; see {@link dev.canopy.write}) in transactions that nest
 * as savepoints.
 * <pre>{@code
 * try (Canopy db = Canopy.connect("jdbc:h2:mem:demo", SCHEMA)) {
 *     List<Entity> artists = db.findAll(Query.from(ARTIST).include("albums").order(ARTIST.name.asc()));
 *     Entity artist = db.create(ARTIST, Values.of(ARTIST.name, "Low").with("albums", List.of(Values.of(ALBUM.title, "Hey What"))));
 * }
 * }</pre>
 * The schema is passed, never found: every query is bound to this Canopy's schema ({@link Query#bind}) before it is
 * planned, so its aliases resolve against the associations of that schema. The same models can be served by two
 * Canopies with different schemas; {@link #withSchema} gives a second view of the same pool.
 *
 * <p>A Canopy is thread-safe. It owns its pool when it made one ({@link #connect}), and {@link #close()} closes it;
 * a data source handed to {@link #using} stays the caller's.
 */
public final class Canopy implements AutoCloseable {
    /** Plans kept per Canopy; the least used go first when it is full. */
    private static final long PLAN_CACHE_SIZE = 2048;

    private final Executor executor;
    private final Renderer renderer;
    private final Planner planner;
    private final @Nullable Schema schema;
    private final @Nullable HikariDataSource ownedPool;
    private final Cache<Query, Prepared> plans;
    private final TypedResults typed;
    private final dev.canopy.write.Writer writer;
    /** Parent keys per separate query: large enough to amortise a round trip, small enough for every driver. */
    private static final int BATCH_SIZE = 1000;

    /**
     * A query bound, planned, rendered and compiled for hydration, ready to run again; with a hydrator for every
     * separate include's plan below it, made once with it.
     */
    private record Prepared(Plan plan, SqlStatement sql, Hydrator hydrator, Map<Plan, Hydrator> fetchHydrators,
                            @Nullable Duration timeout) {
        static Prepared of(Plan plan, SqlStatement sql, TypedResults typed, Dialect dialect, @Nullable Duration timeout) {
            Map<Plan, Hydrator> fetches = new IdentityHashMap<>();
            collect(plan, typed, dialect, fetches);
            return new Prepared(plan, sql, new Hydrator(plan, typed, dialect), Collections.unmodifiableMap(fetches), timeout);
        }

        private static void collect(Plan plan, TypedResults typed, Dialect dialect, Map<Plan, Hydrator> into) {
            for (Fetch f : plan.fetches()) {
                into.put(f.plan(), new Hydrator(f.plan(), typed, dialect));
                collect(f.plan(), typed, dialect, into);
            }
        }
    }

    /** The time a statement may take when its query names none; null for no limit. */
    private final @Nullable Duration queryTimeout;

    private Canopy(Executor executor, @Nullable Schema schema, @Nullable HikariDataSource ownedPool) {
        this(executor, schema, ownedPool, null);
    }

    private Canopy(Executor executor, @Nullable Schema schema, @Nullable HikariDataSource ownedPool, @Nullable Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
        this.executor = executor;
        this.renderer = new Renderer(executor.dialect());
        this.planner = new Planner(executor.dialect().capabilities());
        this.schema = schema;
        this.ownedPool = ownedPool;
        this.plans = Caffeine.newBuilder().maximumSize(PLAN_CACHE_SIZE).recordStats().build();
        this.typed = new TypedResults(schema);
        this.writer = dev.canopy.internal.Factories.writer(executor, renderer, java.time.Clock.systemUTC());
    }

    /** Connects to a JDBC URL with a HikariCP pool, serving {@code schema}; the dialect is chosen from the URL. */
    public static Canopy connect(String jdbcUrl, Schema schema) {
        return builder(jdbcUrl).schema(schema).build();
    }

    /**
     * Connects to a JDBC URL without a schema: for raw statements, {@link #sync} and queries without includes. Give
     * it a schema with {@link #withSchema} or {@link Builder#schema} to query include trees.
     */
    public static Canopy connect(String jdbcUrl) {
        return builder(jdbcUrl).build();
    }

    public static Canopy connect(String jdbcUrl, @Nullable String user, @Nullable String password) {
        return builder(jdbcUrl).user(user).password(password).build();
    }

    /** A builder for a pooled connection with options: credentials, dialect, pool size, statement listener. */
    public static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    /** Uses a data source the caller owns (and closes) with an explicit dialect, serving {@code schema}. */
    public static Canopy using(DataSource dataSource, Dialect dialect, Schema schema) {
        return new Canopy(new Executor(dataSource, dialect, null), Objects.requireNonNull(schema, "schema is null"), null);
    }

    /** Uses a data source the caller owns (and closes) with an explicit dialect, without a schema. */
    public static Canopy using(DataSource dataSource, Dialect dialect) {
        return new Canopy(new Executor(dataSource, dialect, null), null, null);
    }

    /** Uses a data source the caller owns, telling {@code listener} of every statement. */
    public static Canopy using(DataSource dataSource, Dialect dialect, StatementListener listener) {
        return new Canopy(new Executor(dataSource, dialect, listener), null, null);
    }

    /** Uses a data source the caller owns, serving {@code schema} and telling {@code listener} of every statement. */
    public static Canopy using(DataSource dataSource, Dialect dialect, Schema schema, StatementListener listener) {
        return new Canopy(new Executor(dataSource, dialect, listener), Objects.requireNonNull(schema, "schema is null"), null);
    }

    /**
     * This connection serving another schema: the same pool, dialect and listener, its own plan cache. The view does
     * not own the pool; close the Canopy that does. Use it for a second set of associations over the same models.
     */
    public Canopy withSchema(Schema schema) {
        return new Canopy(executor, Objects.requireNonNull(schema, "schema is null"), null, queryTimeout);
    }

    /** The schema this Canopy serves, or null when it was opened without one. */
    public @Nullable Schema schema() {
        return schema;
    }

    /** How the plan cache is doing: hits, misses, evictions and size. */
    public PlanCacheStats planCacheStats() {
        CacheStats s = plans.stats();
        return new PlanCacheStats(s.hitCount(), s.missCount(), s.evictionCount(), plans.estimatedSize());
    }

    public Dialect dialect() {
        return executor.dialect();
    }

    public DataSource dataSource() {
        return executor.dataSource();
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    /** Every root the query finds, each with its includes (Sequelize's {@code findAll}). */
    public List<Entity> findAll(Query query) {
        return Collections.unmodifiableList(run(prepare(query)));
    }

    private List<HydratedEntity> run(Prepared p) {
        Hydration h = executor.query(p.sql(), p.hydrator(), p.timeout());
        fetchSeparate(p, p.plan(), h);
        return h.roots();
    }

    // ---- typed results ------------------------------------------------------------------------------------------

    /**
     * Every root the query finds as a Java record or a Kotlin class, its includes as nested records and lists
     * (see {@link dev.canopy.typed}). The mapping is compiled against the query's plan before the query runs, and
     * kept with the plan.
     * <pre>{@code
     * record TrackView(int trackId, String name, @Nullable GenreView genre) {}
     * record AlbumView(String title, List<TrackView> tracks) {}
     * List<AlbumView> albums = db.findAll(Query.from(ALBUM).include("tracks", t -> t.include("genre")), AlbumView.class);
     * }</pre>
     *
     * @throws dev.canopy.error.MappingException before any SQL runs, listing every component that does not match
     */
    public <T> List<T> findAll(Query query, Class<T> type) {
        Prepared p = prepare(query);
        EntityMapper<T> mapper = typed.mapper(p.plan(), type);
        return mapper.mapAll(run(p));
    }

    /** The first root the query finds as a {@code T} (see {@link #findAll(Query, Class)}), or null. */
    public <T> @Nullable T findOne(Query query, Class<T> type) {
        List<T> one = findAll(query.limit(1), type);
        return one.isEmpty() ? null : one.get(0);
    }

    /**
     * The roots of a query as a stream of {@code T} (see {@link #stream(Query)} and {@link #findAll(Query, Class)});
     * the mapping is checked before the query runs. Close the stream.
     */
    public <T> java.util.stream.Stream<T> stream(Query query, Class<T> type) {
        EntityMapper<T> mapper = typed.mapper(prepare(query).plan(), type);
        return stream(query).map(e -> mapper.map((HydratedEntity) e));
    }

    /**
     * The roots of a query as a stream that yields each root as soon as it is complete, so a query over a million
     * rows never holds them all. The stream holds a connection until it is closed: use try-with-resources.
     * <pre>{@code
     * try (Stream<Entity> artists = db.stream(Query.from(ARTIST).include("albums"))) {
     *     artists.forEach(a -> System.out.println(a.get(ARTIST.name) + ": " + a.many("albums").size()));
     * }
     * }</pre>
     * Separate includes are loaded per chunk of {@value #STREAM_CHUNK} roots.
     */
    public java.util.stream.Stream<Entity> stream(Query query) {
        Prepared p = prepare(query);
        int chunk = p.plan().fetches().isEmpty() ? 1 : STREAM_CHUNK;
        return executor.stream(p.sql(), rs -> new RootCursor(rs, p.hydrator(), chunk, h -> fetchSeparate(p, p.plan(), h), executor,
                p.sql()), p.timeout());
    }

    /** Roots gathered before a streamed query loads their separate includes. */
    private static final int STREAM_CHUNK = 500;

    /**
     * Loads each separate include of a plan: the parents' distinct keys go in {@code IN (...)} batches that stay under
     * the dialect's bind-parameter limit, and the children are stitched under their parents, then their own separate
     * includes are loaded the same way.
     */
    private void fetchSeparate(Prepared prepared, Plan plan, Hydration hydration) {
        for (Fetch f : plan.fetches()) {
            Map<Object, List<HydratedEntity>> parents = Hydration.parentsByKey(hydration.entities(f.parentNode()), f);
            if (parents.isEmpty()) {
                continue;
            }
            List<Object> keys = new ArrayList<>(parents.keySet());
            int batch = Math.max(1, Math.min(BATCH_SIZE, dialect().maxBindParameters() - 64));
            Hydrator hydrator = prepared.fetchHydrators().get(f.plan());
            for (int from = 0; from < keys.size(); from += batch) {
                List<Object> slice = keys.subList(from, Math.min(keys.size(), from + batch));
                SqlStatement sql = renderer.render(f.plan().statement(slice));
                Hydration children = executor.query(sql, hydrator, prepared.timeout());
                Hydration.stitch(f, parents, children);
                fetchSeparate(prepared, f.plan(), children);
            }
        }
    }

    /** Every row of a model. */
    public List<Entity> findAll(Model model) {
        return findAll(Query.from(model));
    }

    /**
     * The first root the query finds, with all its includes, or null (Sequelize's {@code findOne}). Limits count
     * roots, so a to-many include comes back complete, not cut to one row.
     */
    public @Nullable Entity findOne(Query query) {
        List<Entity> one = findAll(query.limit(1));
        return one.isEmpty() ? null : one.get(0);
    }

    /** The root whose primary key is {@code key} (one value per key column, in declaration order), or null. */
    public @Nullable Entity findByPk(Query query, Object... key) {
        return findOne(query.unpaged().where(keyCondition(query.root(), key)));
    }

    public @Nullable Entity findByPk(Model model, Object... key) {
        return findByPk(Query.from(model), key);
    }

    /** How many distinct roots the query finds, whatever its includes, limit and offset (Sequelize's {@code count}). */
    public long count(Query query) {
        SqlStatement sql = renderer.render(planner.planCount(bind(query)));
        return executor.query(sql, rs -> {
            rs.next();
            return new ResultReader.Result<>(rs.getLong(1), 1);
        }, timeout(query));
    }

    /** The page the query's limit and offset ask for, and the count of all its roots, in one call. */
    public Page findAndCountAll(Query query) {
        return transaction(() -> new Page(findAll(query), count(query)));
    }

    public long count(Model model) {
        return count(Query.from(model));
    }

    /**
     * How many distinct values of {@code column} the query's rows hold, over its joins and where (Sequelize's
     * {@code count({ distinct: true, col: 'x' })}); a column of an included model goes by its path.
     */
    public long count(Query query, dev.canopy.query.Operand<?> distinctColumn) {
        Object n = aggregate(query, dev.canopy.query.Expr.countDistinct(distinctColumn));
        return n == null ? 0 : ((Number) n).longValue();
    }

    /**
     * One aggregate over every row the query's joins and where give, limit and order aside:
     * {@code db.aggregate(Query.from(TRACK).where(...), Expr.avg(TRACK.milliseconds))}. Null when it is null (a max over
     * no rows).
     */
    public <T> @Nullable T aggregate(Query query, dev.canopy.query.Expr<T> expr) {
        Query bound = bind(query);
        dev.canopy.plan.Planner.Aggregate plan = planner.planAggregate(bound, expr);
        SqlStatement sql = renderer.render(plan.statement());
        dev.canopy.hydrate.ValueReader reader = dev.canopy.hydrate.ValueReader.of(plan.type(), executor.dialect());
        @SuppressWarnings("unchecked")
        T value = (T) executor.query(sql, rs -> {
            rs.next();
            return new ResultReader.Result<>(reader.read(rs, 1), 1);
        }, timeout(query));
        return value;
    }

    /** The greatest value of an attribute among the rows that match (Sequelize's {@code Model.max(attr, { where })}); null when none. */
    public <T> @Nullable T max(Model model, Column<T> attribute, Condition where) {
        return aggregate(Query.from(model).where(where), dev.canopy.query.Expr.max(attribute));
    }

    /** The least value of an attribute among the rows that match (Sequelize's {@code Model.min}); null when none. */
    public <T> @Nullable T min(Model model, Column<T> attribute, Condition where) {
        return aggregate(Query.from(model).where(where), dev.canopy.query.Expr.min(attribute));
    }

    /**
     * The sum of an attribute over the rows that match (Sequelize's {@code Model.sum}): a {@code Long} for whole numbers,
     * a {@code BigDecimal} for decimals; null when no row matches.
     */
    public @Nullable Number sum(Model model, Column<? extends Number> attribute, Condition where) {
        return aggregate(Query.from(model).where(where), dev.canopy.query.Expr.sum(attribute));
    }

    // ---- SQL you can see -------------------------------------------------------------------------------------

    /** The SQL and binds this connection runs for a query. */
    public SqlStatement toSql(Query query) {
        return prepare(query).sql();
    }

    /**
     * The SQL and binds a bound query ({@link Query#bind}, a JSON spec, a translation) renders for any dialect, without
     * a connection.
     */
    public static SqlStatement toSql(Query boundQuery, Dialect dialect) {
        return new Renderer(dialect).render(new Planner(dialect.capabilities()).plan(boundQuery).statement());
    }

    /** Every statement a bound query runs, for any dialect (see {@link #explain(Query, Schema, Dialect)}). */
    public static String explain(Query boundQuery, Dialect dialect) {
        Renderer r = new Renderer(dialect);
        Plan plan = new Planner(dialect.capabilities()).plan(boundQuery);
        StringBuilder sb = new StringBuilder("-- ").append(boundQuery.root().name()).append(" (joined: ")
                .append(plan.nodes().size() - 1).append(" includes)\n").append(r.render(plan.statement())).append('\n');
        explainFetches(sb, r, plan, "");
        return sb.toString();
    }

    /** The SQL and binds a query renders for any dialect, without a connection, resolved in {@code schema}. */
    public static SqlStatement toSql(Query query, Schema schema, Dialect dialect) {
        return new Renderer(dialect).render(new Planner(dialect.capabilities()).plan(query.bind(schema)).statement());
    }

    /**
     * Every statement a query runs, for any dialect, without a connection: the main statement, then each separate
     * include's statement as it runs for one batch of parent keys (shown with a single {@code ?} in its
     * {@code IN (...)}), each introduced by a comment line naming its path and strategy.
     */
    public static String explain(Query query, Schema schema, Dialect dialect) {
        return explain(query.bind(schema), dialect);
    }

    private static void explainFetches(StringBuilder sb, Renderer r, Plan plan, String prefix) {
        for (Fetch f : plan.fetches()) {
            PlanNode parent = plan.nodes().get(f.parentNode());
            String path = String.join(".", java.util.stream.Stream.of(prefix, parent.pathText(), parent.links().get(f.link()).alias())
                    .filter(x -> !x.isEmpty()).toArray(String[]::new));
            sb.append("-- ").append(path).append(" (separate, per batch of parent keys)\n")
                    .append(r.render(f.plan().statement(java.util.Collections.singletonList(null)))).append('\n');
            explainFetches(sb, r, f.plan(), path);
        }
    }

    /** Every statement this connection runs for a query (see {@link #explain(Query, Schema, Dialect)}). */
    public String explain(Query query) {
        return explain(query, requireSchema(query), dialect());
    }

    // ---- schema and raw statements ---------------------------------------------------------------------------

    /**
     * Creates the tables of a schema that do not exist yet (Sequelize's {@code sync()}), referenced tables first; a
     * foreign key to a table created later (a cycle) is added once both exist. Returns what it did.
     */
    public SyncResult sync(Schema schema) {
        return sync(schema, SyncOptions.create());
    }

    /**
     * Brings the database to a schema's models as {@code options} allow: create missing tables, and with
     * {@code alter} also the difference of existing ones; {@code force} drops first; {@code dryRun} runs nothing.
     * <pre>{@code
     * SyncResult r = db.sync(SCHEMA, SyncOptions.altering().dryRun());
     * r.statements().forEach(System.out::println);
     * }</pre>
     */
    public SyncResult sync(Schema schema, SyncOptions options) {
        return SchemaSync.run(schemaApi(), schema, options);
    }

    /** The schema API of this database (Sequelize's {@code queryInterface}): tables, columns, indexes, constraints. */
    public SchemaApi schemaApi() {
        return dev.canopy.internal.Factories.schemaApi(executor, renderer, false);
    }

    /** Drops the tables of a schema that exist (Sequelize's {@code drop()}), referencing tables first. */
    public void drop(Schema schema) {
        for (org.jooq.Query q : SchemaDdl.drop(renderer.context(), schema)) {
            executor.update(renderer.render(q));
        }
    }

    /** Runs a statement of the caller's own SQL with bind values (null for SQL {@code NULL}); returns the update count. */
    public int execute(String sql, @Nullable Object... binds) {
        return executor.update(new SqlStatement(sql, Arrays.asList(binds)));
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. Every read and write
     * of this Canopy on the same thread inside {@code work} joins it, without being passed it. Called inside another
     * transaction, it is a SAVEPOINT: rolled back alone when {@code work} throws, so the outer work survives when the
     * outer code catches the exception.
     * <pre>{@code
     * db.transaction(() -> {
     *     db.create(AUTHOR, Values.of(AUTHOR.name, "Ann"));
     *     try {
     *         db.transaction(() -> db.create(AUTHOR, Values.of(AUTHOR.name, null)));   // fails: rolled back alone
     *     } catch (NotNullConstraintException e) { ... }
     *     return null;                                                               // Ann is committed
     * });
     * }</pre>
     */
    public <T extends @Nullable Object> T transaction(Supplier<T> work) {
        return executor.inTransaction(work);
    }

    /** Runs {@code work} in one transaction with an isolation level and read-only flag (see {@link #transaction(Supplier)}). */
    public <T extends @Nullable Object> T transaction(TransactionOptions options, Supplier<T> work) {
        return executor.inTransaction(options.jdbcIsolation(), options.isReadOnly(), work);
    }

    // ---- writes (see dev.canopy.write) --------------------------------------------------------------------------

    /**
     * Inserts a row with everything nested under it, in one transaction, and returns it as stored (generated keys,
     * defaults, timestamps), nested rows included, in the shape {@link #findAll(Query)} returns it. Foreign keys are
     * filled in the direction each association says; a nested row given with only its primary key links an existing
     * row. One INSERT per table per level, not per row.
     * <pre>{@code
     * Entity author = db.create(AUTHOR, Values.of(AUTHOR.name, "Ann")
     *         .with("books", List.of(Values.of(BOOK.title, "One"), Values.of(BOOK.title, "Two")))
     *         .with("tags", List.of(Values.of(TAG.id, 3))));                       // links tag 3 through the junction
     * }</pre>
     *
     * @throws dev.canopy.error.InvalidValuesException before any SQL, for an unknown attribute or alias or a wrong type
     */
    public Entity create(Model model, dev.canopy.write.Values values) {
        return transaction(() -> findAll(writer.create(schemaOf(model), model, values)).get(0));
    }

    /** {@link #create(Model, dev.canopy.write.Values)}, returned as a record or Kotlin class (see {@link #findAll(Query, Class)}). */
    public <T> T create(Model model, dev.canopy.write.Values values, Class<T> type) {
        return transaction(() -> findAll(writer.create(schemaOf(model), model, values), type).get(0));
    }

    /** Inserts many rows, nested rows included, in batches under the dialect's bind limit, in one transaction; the rows inserted. */
    public int bulkCreate(Model model, List<dev.canopy.write.Values> rows) {
        return bulkCreate(model, rows, dev.canopy.write.BulkOptions.defaults());
    }

    /** {@link #bulkCreate(Model, List)} skipping or updating rows whose key exists; returns what the database counted. */
    public int bulkCreate(Model model, List<dev.canopy.write.Values> rows, dev.canopy.write.BulkOptions options) {
        return transaction(() -> writer.bulkCreate(schemaOf(model), model, rows, options));
    }

    /**
     * Updates the rows {@code where} matches ({@code updatedAt} and the version attribute too); the rows changed.
     * Soft-deleted rows of a paranoid model are left alone unless {@code where.paranoid(false)}.
     *
     * @throws dev.canopy.error.UnscopedWriteException without a condition: every row is {@link dev.canopy.write.Where#all()}
     */
    public int update(Model model, dev.canopy.write.Values values, dev.canopy.write.@Nullable Where where) {
        return transaction(() -> writer.update(schemaOf(model), model, values, where));
    }

    public int update(Model model, dev.canopy.write.Values values, @Nullable Condition where) {
        return update(model, values, where == null ? null : dev.canopy.write.Where.of(where));
    }

    /**
     * Updates the rows {@code where} matches and returns them as stored, with every attribute (Sequelize's
     * {@code update(values, { where, returning: true })}). On every database: in one transaction, the keys of the
     * matching rows are read, exactly those rows are updated, and they are read back; so the rows returned are the rows
     * changed, even when the update changes the columns the where names.
     *
     * @throws QueryException for a model without a primary key
     */
    public List<Entity> updateReturning(Model model, dev.canopy.write.Values values, Condition where) {
        Objects.requireNonNull(where, "where is null");
        List<Column<?>> pk = model.primaryKey();
        if (pk.isEmpty()) {
            throw new QueryException(model.name() + " has no primary key; updateReturning finds the rows it changed by key");
        }
        return transaction(() -> {
            List<Entity> matched = findAll(Query.from(model).attributes(pk.toArray(new Column<?>[0])).where(where));
            if (matched.isEmpty()) {
                return List.<Entity>of();
            }
            List<Condition> byKey = new ArrayList<>(matched.size());
            for (Entity e : matched) {
                Object[] key = new Object[pk.size()];
                for (int i = 0; i < key.length; i++) {
                    key[i] = e.get(pk.get(i));
                }
                byKey.add(keyCondition(model, key));
            }
            Condition keys = Condition.or(byKey);
            update(model, values, where.and(keys));
            return findAll(Query.from(model).where(keys).order(orderByKey(pk)));
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static dev.canopy.query.Order[] orderByKey(List<Column<?>> pk) {
        dev.canopy.query.Order[] order = new dev.canopy.query.Order[pk.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = ((Column) pk.get(i)).asc();
        }
        return order;
    }

    /**
     * Updates one entity by key and returns it as stored. With a version attribute the update applies only if the row
     * still has the entity's version.
     *
     * @throws dev.canopy.error.StaleRowException naming the row, when it changed or went since the entity was read
     */
    public Entity update(Entity entity, dev.canopy.write.Values values) {
        return transaction(() -> findAll(writer.update(schemaOf(entity.model()), entity, values)).get(0));
    }

    /** Destroys the rows {@code where} matches: sets {@code deletedAt} on a paranoid model, unless {@code where.force()}; the rows changed. */
    public int destroy(Model model, dev.canopy.write.@Nullable Where where) {
        return transaction(() -> writer.destroy(model, where));
    }

    public int destroy(Model model, @Nullable Condition where) {
        return destroy(model, where == null ? null : dev.canopy.write.Where.of(where));
    }

    /** Clears {@code deletedAt} of the soft-deleted rows {@code where} matches; the rows restored. */
    public int restore(Model model, dev.canopy.write.@Nullable Where where) {
        return transaction(() -> writer.restore(model, where));
    }

    /**
     * Inserts a row or updates the one with the same {@code conflictAttributes} (default: the primary key), in one
     * statement per dialect ({@code ON CONFLICT}, {@code ON DUPLICATE KEY UPDATE}, {@code MERGE}); returns the row.
     */
    public Entity upsert(Model model, dev.canopy.write.Values values, String... conflictAttributes) {
        return transaction(() -> findAll(writer.upsert(schemaOf(model), model, values, List.of(conflictAttributes))).get(0));
    }

    /** {@code column = column + by} on the rows {@code where} matches; the rows changed. */
    public int increment(Model model, Column<? extends Number> column, Number by, dev.canopy.write.Where where) {
        return transaction(() -> writer.increment(model, Map.of(column, by), where));
    }

    /** {@code column = column - by} on the rows {@code where} matches; the rows changed. */
    public int decrement(Model model, Column<? extends Number> column, Number by, dev.canopy.write.Where where) {
        Number minus = by instanceof java.math.BigDecimal ? ((java.math.BigDecimal) by).negate()
                : by instanceof Double || by instanceof Float ? (Number) (-by.doubleValue()) : (Number) (-by.longValue());
        return increment(model, column, minus, where);
    }

    /**
     * The row with the attributes of {@code where}, or a new one made of {@code where} and {@code defaults}. Safe under
     * concurrency when those attributes are unique: a racing insert that loses on the unique constraint is rolled back
     * to its savepoint and the winner's row is read instead; one row is made.
     */
    public dev.canopy.write.FoundOrCreated findOrCreate(Model model, dev.canopy.write.Values where, dev.canopy.write.Values defaults) {
        Query find = dev.canopy.write.Writer.finder(model, where);
        Entity found = findOne(find);
        if (found != null) {
            return new dev.canopy.write.FoundOrCreated(found, false);
        }
        dev.canopy.write.Values all = defaults;
        for (Map.Entry<String, @Nullable Object> e : where.attributes().entrySet()) {
            all = all.and(e.getKey(), e.getValue());
        }
        dev.canopy.write.Values row = all;
        try {
            return new dev.canopy.write.FoundOrCreated(create(model, row), true);
        } catch (dev.canopy.error.UniqueConstraintException e) {
            Entity winner = findOne(find);
            if (winner == null) {
                throw e;
            }
            return new dev.canopy.write.FoundOrCreated(winner, false);
        }
    }

    /** The schema a model's writes resolve aliases in. */
    /**
     * The schema a write on {@code model} is resolved in: this Canopy's. A Canopy opened without one writes a model on
     * its own (no nested associations), in a schema of that model alone.
     */
    private Schema schemaOf(Model model) {
        if (schema != null) {
            if (!schema.contains(model)) {
                throw new dev.canopy.error.SchemaException("Model " + model.name() + " is not in " + schema + ", the schema this Canopy serves");
            }
            return schema;
        }
        return Schema.builder().model(model).build();
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    private Prepared prepare(Query query) {
        Prepared p = plans.getIfPresent(query);
        if (p == null) {
            Plan plan = planner.plan(bind(query));
            p = Prepared.of(plan, renderer.render(plan.statement()), typed, executor.dialect(), timeout(query));
            plans.put(query, p);
        }
        return p;
    }

    /** The query resolved in this Canopy's schema; a Canopy without one runs queries without includes only. */
    private Query bind(Query query) {
        if (schema == null && (query.isBound() || query.includes().isEmpty())) {
            return query;
        }
        return query.bind(requireSchema(query));
    }

    private Schema requireSchema(Query query) {
        if (schema == null) {
            throw new QueryException("This Canopy was opened without a schema, so the includes of " + query.root().name()
                    + "'s query cannot be resolved; open it with Canopy.connect(url, schema) or Canopy.builder(url).schema(schema), "
                    + "or use db.withSchema(schema)");
        }
        return schema;
    }

    /** The query's own timeout, else this Canopy's default. */
    private @Nullable Duration timeout(Query query) {
        return query.timeout() != null ? query.timeout() : queryTimeout;
    }

    @SuppressWarnings("unchecked")
    private static Condition keyCondition(Model model, Object[] key) {
        List<Column<?>> pk = model.primaryKey();
        if (pk.isEmpty()) {
            throw new QueryException(model.name() + " has no primary key; findByPk needs one");
        }
        if (key.length != pk.size()) {
            throw new QueryException(model.name() + "'s primary key is (" + pk.stream().map(Column::name).reduce((a, b) -> a + ", " + b).orElse("")
                    + "): " + pk.size() + " value(s) expected, " + key.length + " given");
        }
        List<Condition> parts = new ArrayList<>();
        for (int i = 0; i < key.length; i++) {
            Column<Object> c = (Column<Object>) pk.get(i);
            if (key[i] == null) {
                throw new QueryException(model.name() + "." + c.name() + ": a primary key value is null");
            }
            parts.add(c.eq(convertKey(c, key[i])));
        }
        return Condition.and(parts);
    }

    private static Object convertKey(Column<?> c, Object v) {
        if (v instanceof Number) {
            switch (c.type().kind()) {
                case INTEGER: return ((Number) v).intValue();
                case BIGINT: return ((Number) v).longValue();
                default: return v;
            }
        }
        return v;
    }

    /** Options for a pooled connection. */
    public static final class Builder {
        private final String url;
        private @Nullable String user;
        private @Nullable String password;
        private @Nullable Dialect dialect;
        private @Nullable StatementListener listener;
        private @Nullable Schema schema;
        private int poolSize = 4;
        private @Nullable Duration queryTimeout;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url is null");
        }

        public Builder user(@Nullable String user) {
            this.user = user;
            return this;
        }

        public Builder password(@Nullable String password) {
            this.password = password;
            return this;
        }

        /** The schema this Canopy serves: the models and associations its queries are resolved in. */
        public Builder schema(Schema schema) {
            this.schema = Objects.requireNonNull(schema, "schema is null");
            return this;
        }

        /** The dialect, when the URL does not say (a MySQL-protocol URL for a MariaDB server, say). */
        public Builder dialect(Dialect dialect) {
            this.dialect = dialect;
            return this;
        }

        public Builder dialect(String name) {
            this.dialect = Dialect.named(name);
            return this;
        }

        /** Told of every statement with its duration and row count (Sequelize's {@code logging: fn}); adds to earlier listeners. */
        public Builder onStatement(StatementListener listener) {
            Objects.requireNonNull(listener, "listener is null");
            StatementListener before = this.listener;
            this.listener = before == null ? listener : e -> {
                before.onStatement(e);
                listener.onStatement(e);
            };
            return this;
        }

        /** Gets each statement as one line of text: {@code Executed (3 ms, 12 rows): SELECT ...}. */
        public Builder logging(Consumer<String> sink) {
            Objects.requireNonNull(sink, "logging sink is null");
            return onStatement(e -> sink.accept(e.describe()));
        }

        public Builder poolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("pool size must be at least 1, was " + size);
            }
            this.poolSize = size;
            return this;
        }

        /**
         * The time each statement of a query may take unless the query says otherwise ({@link Query#timeout}); past it
         * the database cancels the statement and Canopy throws {@link dev.canopy.error.QueryTimeoutException}.
         */
        public Builder queryTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout is null");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("query timeout must be positive, was " + timeout);
            }
            this.queryTimeout = timeout;
            return this;
        }

        /** A data-source property for the driver; overrides the dialect's recommended defaults. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Canopy build() {
            Dialect d = (dialect != null ? dialect : Dialect.forUrl(url)).forDriverOf(url);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setDriverClassName(d.driverClassName());
            if (user != null) {
                config.setUsername(user);
            }
            if (password != null) {
                config.setPassword(password);
            }
            config.setMaximumPoolSize(poolSize);
            config.setMinimumIdle(1);
            config.setPoolName("canopy-" + d.name());
            config.setConnectionTimeout(10_000);
            config.setInitializationFailTimeout(1);
            Properties props = new Properties();
            props.putAll(d.poolProperties());
            props.putAll(properties);
            config.setDataSourceProperties(props);
            try {
                HikariDataSource pool = new HikariDataSource(config);
                Dialect chosen = d;
                if (dialect == null) {
                    try (java.sql.Connection c = pool.getConnection()) {
                        chosen = d.forServer(c.getMetaData());
                    } catch (java.sql.SQLException e) {
                        pool.close();
                        throw new ConnectionException("Cannot connect to " + url + ": " + e.getMessage(), e);
                    }
                }
                return new Canopy(new Executor(pool, chosen, listener), schema, pool, queryTimeout);
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new ConnectionException("Cannot connect to " + url + ": " + root.getMessage(), e);
            }
        }
    }
}
