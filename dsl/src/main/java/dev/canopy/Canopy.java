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
import dev.canopy.plan.Shape;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.canopy.query.Condition;
import dev.canopy.query.Query;
import dev.canopy.render.Renderer;
import dev.canopy.sql.SqlStatement;
import dev.canopy.schema.SchemaApi;
import dev.canopy.schema.SchemaDdl;
import dev.canopy.typed.EntityMapper;
import dev.canopy.typed.TypedReader;
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
    /** Plans kept per Canopy, one per query shape; the least used go first when it is full. */
    private static final long PLAN_CACHE_SIZE = 2048;
    /** Count statements kept per Canopy, one per query shape, likewise. */
    private static final long COUNT_CACHE_SIZE = 512;
    /** Rendered SQL kept per separate include and number of parent keys in a batch (the full batch and the last). */
    private static final int FETCH_TEMPLATES = 16;

    private final Executor executor;
    private final Renderer renderer;
    private final Planner planner;
    private final @Nullable Schema schema;
    private final @Nullable HikariDataSource ownedPool;
    /** The pools of the read replicas this Canopy made, closed with it. */
    private final List<HikariDataSource> ownedReplicaPools;
    /** Keyed by {@link Shape#key()}, or by {@link ByValue} for a query whose SQL depends on its values. */
    private final Cache<Object, Prepared> plans;
    /** The statements of {@link #count(Query)}, keyed as {@link #plans} are; counted in the same stats. */
    private final Cache<Object, Counted> counts;
    private final StatsCounter planStats = new ConcurrentStatsCounter();
    private final boolean arrays;
    /** What a query's shape depends on here besides the query, and the query it is taken of (see {@link #asRun}). */
    private final Shape.Context shapeContext;
    private final java.util.function.UnaryOperator<Query> asRun = this::asRun;
    private final TypedResults typed;
    private final dev.canopy.write.Writer writer;
    /** The hooks this Canopy runs around its writes and reads (Sequelize's hooks). */
    private final dev.canopy.write.Hooks hooks;
    /** Parent keys per separate query: large enough to amortise a round trip, small enough for every driver. */
    private static final int BATCH_SIZE = 1000;

    /**
     * A query shape bound, planned, rendered and compiled for hydration, ready to run again with the values of any
     * query of that shape; with a hydrator for every separate include's plan below it, made once with it, and the SQL
     * of each separate include rendered once per number of parent keys in a batch.
     *
     * @param query   the query it was planned from (its values are the plan's)
     * @param sql     the main statement's template; null when the SQL depends on the values ({@code byShape} false)
     * @param plain   the main statement with {@code query}'s values, for a prepared that is not {@code byShape}
     * @param byShape whether every statement runs from templates, so any query of the shape can use this
     */
    private record Prepared(Query query, Plan plan, @Nullable SqlTemplate sql, SqlStatement plain, Hydrator hydrator,
                            Map<Plan, Hydrator> fetchHydrators, Map<Plan, Map<Integer, SqlTemplate>> fetchSql, boolean byShape) {
        private static void collect(Plan plan, TypedResults typed, Dialect dialect, Map<Plan, Hydrator> into) {
            for (Fetch f : plan.fetches()) {
                into.put(f.plan(), new Hydrator(f.plan(), typed, dialect));
                collect(f.plan(), typed, dialect, into);
            }
        }
    }

    /** The key of a query whose SQL depends on its values: the query itself. */
    private record ByValue(Query query) {}

    /**
     * A count statement of a query shape: its template, or (when its SQL depends on the values) the statement of
     * {@code query}, the query as run it was planned from.
     */
    private record Counted(Query query, @Nullable SqlTemplate sql, SqlStatement plain) {}

    /**
     * One run of a prepared query: the values of the query run, the statement with them, its timeout, and (made only
     * if a separate include's SQL cannot come from a template) the query's own plan.
     */
    private final class Execution {
        final Prepared prepared;
        final Query query;
        final @Nullable Object[] values;
        final SqlStatement sql;
        final @Nullable Duration timeout;
        private @Nullable Plan own;

        Execution(Prepared prepared, Query query, @Nullable Object[] values) {
            this.prepared = prepared;
            this.query = query;
            this.values = values;
            this.sql = prepared.sql() == null ? prepared.plain() : prepared.sql().bind(values, List.of());
            this.timeout = timeout(query);
        }

        Plan plan() {
            return prepared.plan();
        }

        /** The statement of the separate include {@code f} (reached by {@code route} from the root) for one batch of keys. */
        SqlStatement fetchSql(Fetch f, int[] route, List<Object> keys) {
            if (!prepared.byShape()) {
                return renderer.render(f.plan().statement(keys));
            }
            Map<Integer, SqlTemplate> byCount = prepared.fetchSql().get(f.plan());
            SqlTemplate t = byCount.get(keys.size());
            if (t == null) {
                Plan.Keyed k = f.plan().keyedStatement(keys);
                t = SqlTemplate.of(renderer.renderParams(k.statement()), f.plan().binds(), k.keyParams(), prepared.query() == query
                        ? values : Shape.of(prepared.query(), arrays).values(), keys);
                if (t == null) {
                    // This batch's SQL holds values (past the dialect's bind limit jOOQ inlines them): render it from a
                    // plan of this very query.
                    return renderer.render(ownFetch(route).statement(keys));
                }
                if (byCount.size() < FETCH_TEMPLATES) {
                    byCount.putIfAbsent(keys.size(), t);
                }
            }
            return t.bind(values, keys);
        }

        private Plan ownFetch(int[] route) {
            if (own == null) {
                own = planner.plan(bind(query));
            }
            Plan p = own;
            for (int i : route) {
                p = p.fetches().get(i).plan();
            }
            return p;
        }
    }

    /** The time a statement may take when its query names none; null for no limit. */
    private final @Nullable Duration queryTimeout;

    private Canopy(Executor executor, @Nullable Schema schema, @Nullable HikariDataSource ownedPool) {
        this(executor, schema, ownedPool, null, dev.canopy.write.Hooks.none(), List.of());
    }

    private Canopy(Executor executor, @Nullable Schema schema, @Nullable HikariDataSource ownedPool, @Nullable Duration queryTimeout,
                   dev.canopy.write.Hooks hooks, List<HikariDataSource> ownedReplicaPools) {
        this.queryTimeout = queryTimeout;
        this.hooks = hooks;
        this.ownedReplicaPools = List.copyOf(ownedReplicaPools);
        this.executor = executor;
        this.renderer = new Renderer(executor.dialect());
        this.planner = new Planner(executor.dialect().capabilities());
        this.schema = schema;
        this.ownedPool = ownedPool;
        this.plans = Caffeine.newBuilder().maximumSize(PLAN_CACHE_SIZE).recordStats(() -> planStats).build();
        this.counts = Caffeine.newBuilder().maximumSize(COUNT_CACHE_SIZE).recordStats(() -> planStats).build();
        this.arrays = executor.dialect().supports(dev.canopy.dialect.Capability.ARRAY_BIND);
        this.shapeContext = new Shape.Context(schema, arrays);
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
        return new Canopy(executor, Objects.requireNonNull(schema, "schema is null"), null, queryTimeout, hooks, List.of());
    }

    /**
     * This connection with {@code more} hooks run after its own (see {@link dev.canopy.write.Hooks}): the same pool,
     * schema and transactions, so a hook that writes through either Canopy joins the write that called it. The view
     * does not own the pool; close the Canopy that does.
     */
    public Canopy withHooks(dev.canopy.write.Hooks more) {
        return new Canopy(executor, schema, null, queryTimeout, hooks.and(Objects.requireNonNull(more, "hooks is null")), List.of());
    }

    /** The schema this Canopy serves, or null when it was opened without one. */
    public @Nullable Schema schema() {
        return schema;
    }

    /** How the plan cache is doing: hits, misses, evictions and size. */
    public PlanCacheStats planCacheStats() {
        CacheStats s = planStats.snapshot();
        return new PlanCacheStats(s.hitCount(), s.missCount(), s.evictionCount(), plans.estimatedSize() + counts.estimatedSize());
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
        Query q = writer.beforeFind(hooks, query);
        List<HydratedEntity> found = run(prepare(q));
        writer.afterFind(hooks, q.root(), found);
        return Collections.unmodifiableList(found);
    }

    /** What a write reads back: no find hooks (Sequelize's create does not run them). */
    private List<Entity> read(Query query) {
        return Collections.unmodifiableList(run(prepare(query)));
    }

    private <T> List<T> read(Query query, Class<T> type) {
        Execution e = prepare(query);
        return typed.mapper(e.plan(), type).mapAll(run(e));
    }

    /** Runs a prepared query and its separate includes, on one read replica when there are some (see {@link Builder#readReplicas}). */
    private List<HydratedEntity> run(Execution e) {
        return executor.reading(() -> {
            Hydration h = executor.query(e.sql, e.prepared.hydrator(), e.timeout);
            fetchSeparate(e, e.plan(), new int[0], h);
            return h.roots();
        });
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
        Query q = writer.beforeFind(hooks, query);
        Execution e = prepare(q);
        TypedReader reader = hooks.isEmpty() ? typed.reader(e.plan(), type, executor.dialect()) : null;
        if (reader != null) {
            // no afterFind hook wants the entities: the records are read from the rows directly
            return executor.reading(() -> {
                TypedReader.Rows rows = executor.query(e.sql, reader, e.timeout);
                fetchSeparate(e, e.plan(), new int[0], reader, rows);
                return rows.build();
            });
        }
        EntityMapper<T> mapper = typed.mapper(e.plan(), type);
        List<HydratedEntity> found = run(e);
        writer.afterFind(hooks, q.root(), found);
        return mapper.mapAll(found);
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
        Execution e = prepare(query);
        TypedReader reader = hooks.isEmpty() ? typed.reader(e.plan(), type, executor.dialect()) : null;
        if (reader == null) {
            EntityMapper<T> mapper = typed.mapper(e.plan(), type);
            return stream(query).map(x -> mapper.map((HydratedEntity) x));
        }
        int chunk = reader.fetches().isEmpty() ? 1 : STREAM_CHUNK;
        return executor.stream(e.sql, rs -> new ChunkCursor<T, TypedReader.Rows>(rs, reader.pass(), chunk,
                rows -> fetchSeparate(e, e.plan(), new int[0], reader, rows), TypedReader.Rows::<T>build, executor, e.sql), e.timeout, true);
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
        Execution e = prepare(query);
        int chunk = e.plan().fetches().isEmpty() ? 1 : STREAM_CHUNK;
        return executor.stream(e.sql, rs -> new ChunkCursor<Entity, Hydration>(rs, e.prepared.hydrator().pass(), chunk,
                h -> fetchSeparate(e, e.plan(), new int[0], h), Hydration::roots, executor, e.sql), e.timeout, true);
    }

    /** Roots gathered before a streamed query loads their separate includes. */
    private static final int STREAM_CHUNK = 500;

    /**
     * Loads each separate include of a plan: the parents' distinct keys go in {@code IN (...)} batches that stay under
     * the dialect's bind-parameter limit, and the children are stitched under their parents, then their own separate
     * includes are loaded the same way.
     */
    private void fetchSeparate(Execution execution, Plan plan, int[] route, Hydration hydration) {
        for (int fi = 0; fi < plan.fetches().size(); fi++) {
            Fetch f = plan.fetches().get(fi);
            int[] next = Arrays.copyOf(route, route.length + 1);
            next[route.length] = fi;
            Map<Object, List<HydratedEntity>> parents = Hydration.parentsByKey(hydration.entities(f.parentNode()), f);
            if (parents.isEmpty()) {
                continue;
            }
            List<Object> keys = new ArrayList<>(parents.keySet());
            int batch = Math.max(1, Math.min(BATCH_SIZE, dialect().maxBindParameters() - 64));
            Hydrator hydrator = execution.prepared.fetchHydrators().get(f.plan());
            for (int from = 0; from < keys.size(); from += batch) {
                List<Object> slice = keys.subList(from, Math.min(keys.size(), from + batch));
                SqlStatement sql = execution.fetchSql(f, next, slice);
                Hydration children = executor.query(sql, hydrator, execution.timeout);
                Hydration.stitch(f, parents, children);
                fetchSeparate(execution, f.plan(), next, children);
            }
        }
    }

    // ---- raw queries mapped to models ----------------------------------------------------------------------------

    /**
     * Runs the caller's own SELECT and returns its rows as entities of {@code model} (Sequelize's
     * {@code sequelize.query(sql, { model, mapToModel: true, replacements, nest: true })}). Binds are JDBC {@code ?}
     * parameters, never spliced into the SQL. Each result column is labelled by an attribute of the model (or its
     * column's name in the table); a column labelled by a path of aliases and an attribute ({@code "album.Title"},
     * {@code "album.artist.Name"}, quoted in the SQL since it holds a dot) goes to that included model, so one SELECT
     * with joins comes back as an include tree, deduplicated by primary key as a query's rows are: select each model's
     * key to have its rows merged (a hasMany's children are collected under their parent). Like other reads it goes
     * to a read replica when there are some and no transaction is open.
     * <pre>{@code
     * List<Entity> artists = db.query("SELECT a.\"ArtistId\", a.\"Name\", b.\"AlbumId\" AS \"albums.AlbumId\", b.\"Title\" AS \"albums.Title\" "
     *         + "FROM \"Artist\" a JOIN \"Album\" b ON b.\"ArtistId\" = a.\"ArtistId\" WHERE a.\"Name\" = ?", List.of("AC/DC"), ARTIST);
     * artists.get(0).many("albums");      // both albums
     * }</pre>
     *
     * @throws dev.canopy.error.UnknownColumnException for a column label that is no attribute, naming what the model has
     * @throws dev.canopy.error.AssociationNotFoundException for a label's alias the model does not have, naming those it has
     */
    public List<Entity> query(String sql, List<? extends @Nullable Object> binds, Model model) {
        return Collections.unmodifiableList(rawQuery(sql, binds, model).roots());
    }

    /**
     * {@link #query(String, List, Model)}, as records or Kotlin classes (see {@link #findAll(Query, Class)}); the
     * mapping is checked against the result's columns once they are known, before any row is mapped.
     */
    public <T> List<T> query(String sql, List<? extends @Nullable Object> binds, Model model, Class<T> type) {
        RawResult r = rawQuery(sql, binds, model);
        return typed.mapper(r.plan(), type).mapAll(r.roots());
    }

    /** What a raw query gave: the plan its column labels made, and the roots. */
    private record RawResult(Plan plan, List<HydratedEntity> roots) {}

    /** Plans of raw results by model and column labels, so that a repeated raw query reuses its plan and mappers. */
    private final Cache<List<Object>, Plan> rawPlans = Caffeine.newBuilder().maximumSize(256).build();

    private RawResult rawQuery(String sql, List<? extends @Nullable Object> binds, Model model) {
        Objects.requireNonNull(sql, "sql is null");
        Objects.requireNonNull(binds, "binds is null");
        Objects.requireNonNull(model, "model is null");
        Schema s = schemaOf(model);
        SqlStatement statement = new SqlStatement(sql, new ArrayList<@Nullable Object>(binds));
        return executor.reading(() -> executor.query(statement, rs -> {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            List<Object> key = new ArrayList<>(meta.getColumnCount() + 1);
            key.add(new IdentityKey(model));
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                key.add(meta.getColumnLabel(i));
            }
            List<String> labels = key.subList(1, key.size()).stream().map(String::valueOf).toList();
            Plan plan = rawPlans.get(key, k -> dev.canopy.plan.ResultColumns.plan(s, model, labels));
            ResultReader.Result<Hydration> r = new Hydrator(plan, typed, executor.dialect()).read(rs);
            return new ResultReader.Result<>(new RawResult(plan, r.value().roots()), r.rows());
        }, queryTimeout));
    }

    /** A model compared by identity (two schemas may hold models of one name). */
    private record IdentityKey(Model model) {
        @Override public boolean equals(@Nullable Object o) {
            return o instanceof IdentityKey && ((IdentityKey) o).model == model;
        }

        @Override public int hashCode() {
            return System.identityHashCode(model);
        }
    }

    /**
     * {@link #fetchSeparate(Execution, Plan, int[], Hydration)} for the separate includes a direct typed reader maps
     * ({@code reader} reads the rows of {@code plan}, reached by {@code route} from the root).
     */
    private void fetchSeparate(Execution execution, Plan plan, int[] route, TypedReader reader, TypedReader.Rows rows) {
        for (TypedReader.FetchLink f : reader.fetches()) {
            Map<Object, List<TypedReader.Shell>> parents = rows.parentsByKey(f);
            if (parents.isEmpty()) {
                continue;
            }
            int[] next = Arrays.copyOf(route, route.length + 1);
            next[route.length] = plan.fetches().indexOf(f.fetch());
            List<Object> keys = new ArrayList<>(parents.keySet());
            int batch = Math.max(1, Math.min(BATCH_SIZE, dialect().maxBindParameters() - 64));
            for (int from = 0; from < keys.size(); from += batch) {
                List<Object> slice = keys.subList(from, Math.min(keys.size(), from + batch));
                SqlStatement sql = execution.fetchSql(f.fetch(), next, slice);
                TypedReader.Rows children = executor.query(sql, f.reader(), execution.timeout);
                rows.stitch(f, parents, children);
                fetchSeparate(execution, f.fetch().plan(), next, f.reader(), children);
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
        SqlStatement sql = countSql(query);
        return executor.reading(() -> executor.query(sql, rs -> {
            rs.next();
            return new ResultReader.Result<>(rs.getLong(1), 1);
        }, timeout(query)));
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
        T value = (T) executor.reading(() -> executor.query(sql, rs -> {
            rs.next();
            return new ResultReader.Result<>(reader.read(rs, 1), 1);
        }, timeout(query)));
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
        return prepare(query).sql;
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
        return transaction(() -> {
            Schema s = schemaOf(model);
            Entity created = read(writer.create(s, model, writer.beforeCreate(hooks, s, model, values))).get(0);
            writer.afterCreate(hooks, model, created);
            return created;
        });
    }

    /** {@link #create(Model, dev.canopy.write.Values)}, returned as a record or Kotlin class (see {@link #findAll(Query, Class)}). */
    public <T> T create(Model model, dev.canopy.write.Values values, Class<T> type) {
        return transaction(() -> {
            Schema s = schemaOf(model);
            Query written = writer.create(s, model, writer.beforeCreate(hooks, s, model, values));
            if (!hooks.isEmpty()) {
                writer.afterCreate(hooks, model, read(written).get(0));
            }
            return read(written, type).get(0);
        });
    }

    /** Inserts many rows, nested rows included, in batches under the dialect's bind limit, in one transaction; the rows inserted. */
    public int bulkCreate(Model model, List<dev.canopy.write.Values> rows) {
        return bulkCreate(model, rows, dev.canopy.write.BulkOptions.defaults());
    }

    /**
     * {@link #bulkCreate(Model, List)} skipping or updating rows whose key exists; returns what the database counted.
     * With {@link dev.canopy.write.BulkOptions#individualHooks()} the per-row create hooks run too (see
     * {@link dev.canopy.write.Hooks}).
     */
    public int bulkCreate(Model model, List<dev.canopy.write.Values> rows, dev.canopy.write.BulkOptions options) {
        if (options.isIndividualHooks()) {
            return bulkCreateEach(model, rows, options);
        }
        return transaction(() -> {
            int n = writer.bulkCreate(schemaOf(model), model, writer.beforeBulkCreate(hooks, model, rows), options);
            writer.afterBulkCreate(hooks, model, n);
            return n;
        });
    }

    /**
     * Updates the rows {@code where} matches ({@code updatedAt} and the version attribute too); the rows changed.
     * Soft-deleted rows of a paranoid model are left alone unless {@code where.paranoid(false)}.
     *
     * @throws dev.canopy.error.UnscopedWriteException without a condition: every row is {@link dev.canopy.write.Where#all()}
     */
    public int update(Model model, dev.canopy.write.Values values, dev.canopy.write.@Nullable Where where) {
        return transaction(() -> {
            dev.canopy.write.Values v = where == null ? values : writer.beforeBulkUpdate(hooks, model, values, where);
            int n = where != null && where.isIndividualHooks() ? updateEach(model, v, scoped(model, where))
                    : writer.update(schemaOf(model), model, v, scoped(model, where));
            writer.afterBulkUpdate(hooks, model, n);
            return n;
        });
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
            List<Entity> matched = read(Query.from(model).attributes(pk.toArray(new Column<?>[0])).where(where));
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
            return read(Query.from(model).unscoped().where(keys).order(orderByKey(pk)));
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
        return transaction(() -> {
            dev.canopy.write.Values v = writer.beforeUpdate(hooks, entity, values);
            Entity stored = read(writer.update(schemaOf(entity.model()), entity, v)).get(0);
            writer.afterUpdate(hooks, stored);
            return stored;
        });
    }

    /** Destroys the rows {@code where} matches: sets {@code deletedAt} on a paranoid model, unless {@code where.force()}; the rows changed. */
    public int destroy(Model model, dev.canopy.write.@Nullable Where where) {
        return transaction(() -> {
            if (where != null) {
                writer.beforeBulkDestroy(hooks, model, where);
            }
            int n = where != null && where.isIndividualHooks() ? destroyEach(model, scoped(model, where))
                    : writer.destroy(model, scoped(model, where));
            writer.afterBulkDestroy(hooks, model, n);
            return n;
        });
    }

    /**
     * Destroys one entity's row by its primary key (Sequelize's {@code instance.destroy()}): soft for a paranoid model,
     * running the {@code beforeDestroy} and {@code afterDestroy} hooks; whether a row was destroyed.
     */
    public boolean destroy(Entity entity) {
        Objects.requireNonNull(entity, "entity is null");
        return transaction(() -> {
            writer.beforeDestroy(hooks, entity);
            int n = writer.destroy(entity.model(), dev.canopy.write.Where.of(dev.canopy.write.Writer.keyOf(entity)));
            writer.afterDestroy(hooks, entity);
            return n > 0;
        });
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
     * Runs the {@code beforeUpsert} and {@code afterUpsert} hooks (not the create or update ones, as in Sequelize).
     */
    public Entity upsert(Model model, dev.canopy.write.Values values, String... conflictAttributes) {
        return transaction(() -> {
            dev.canopy.write.Values v = writer.beforeUpsert(hooks, model, values);
            Entity stored = read(writer.upsert(schemaOf(model), model, v, List.of(conflictAttributes))).get(0);
            writer.afterUpsert(hooks, stored);
            return stored;
        });
    }

    // ---- individual hooks of bulk writes (Sequelize's individualHooks: true; see Hooks) --------------------------

    /** bulkCreate running beforeCreate for each row before any INSERT, and afterCreate for each root as stored. */
    private int bulkCreateEach(Model model, List<dev.canopy.write.Values> rows, dev.canopy.write.BulkOptions options) {
        if (options.isIgnoreDuplicates() || !options.updateOnDuplicateAttributes().isEmpty()) {
            throw new dev.canopy.error.InvalidValuesException("bulkCreate of " + model.name() + " with individualHooks cannot also ignore or "
                    + "update duplicates: which rows were created is not known, so afterCreate would have no row to get");
        }
        return transaction(() -> {
            Schema s = schemaOf(model);
            List<dev.canopy.write.Values> each = new ArrayList<>();
            for (dev.canopy.write.Values row : writer.beforeBulkCreate(hooks, model, rows)) {
                each.add(writer.beforeCreate(hooks, s, model, row));
            }
            List<Column<?>> pk = model.primaryKey();
            for (Query written : writer.bulkCreateReturning(s, model, each)) {
                for (Entity e : read(pk.isEmpty() ? written : written.order(orderByKey(pk)))) {
                    writer.afterCreate(hooks, model, e);
                }
            }
            writer.afterBulkCreate(hooks, model, each.size());
            return each.size();
        });
    }

    /**
     * A bulk update with beforeUpdate and afterUpdate per row: the rows {@code where} matches are read, every
     * beforeUpdate runs, then one UPDATE per 1,000 of them by key when the hooks left the values alike, else one per row.
     */
    private int updateEach(Model model, dev.canopy.write.Values values, dev.canopy.write.Where where) {
        List<Entity> matched = matching(model, where, "update");
        if (matched.isEmpty()) {
            return 0;
        }
        Schema s = schemaOf(model);
        List<dev.canopy.write.Values> each = new ArrayList<>(matched.size());
        for (Entity e : matched) {
            each.add(writer.beforeUpdate(hooks, e, values));
        }
        List<Condition> keys = keysOf(model, matched);
        if (each.stream().allMatch(values::equals)) {
            for (Condition k : keys) {
                writer.update(s, model, values, dev.canopy.write.Where.of(k).paranoid(false));
            }
        } else {
            for (int i = 0; i < matched.size(); i++) {
                Query unused = writer.update(s, matched.get(i), each.get(i));
            }
        }
        for (Condition k : keys) {
            for (Entity stored : read(Query.from(model).unscoped().paranoid(false).where(k).order(orderByKey(model.primaryKey())))) {
                writer.afterUpdate(hooks, stored);
            }
        }
        return matched.size();
    }

    /** A bulk destroy with beforeDestroy and afterDestroy (the entities as read) per row. */
    private int destroyEach(Model model, dev.canopy.write.Where where) {
        List<Entity> matched = matching(model, where, "destroy");
        if (matched.isEmpty()) {
            return 0;
        }
        matched.forEach(e -> writer.beforeDestroy(hooks, e));
        int n = 0;
        for (Condition k : keysOf(model, matched)) {
            n += writer.destroy(model, where.and(k));
        }
        matched.forEach(e -> writer.afterDestroy(hooks, e));
        return n;
    }

    /** The rows a bulk write's where matches (its default scope already in it), by key, as entities for per-row hooks. */
    private List<Entity> matching(Model model, dev.canopy.write.Where where, String what) {
        if (model.primaryKey().isEmpty()) {
            throw new QueryException(model.name() + " has no primary key; a " + what + " with individualHooks finds its rows by key");
        }
        if (!where.isAll() && where.condition() == null) {
            throw new dev.canopy.error.UnscopedWriteException("A " + what + " of " + model.name() + " needs a where; to " + what
                    + " every row, say so with Where.all()");
        }
        Query q = Query.from(model).unscoped().paranoid(where.isParanoid()).order(orderByKey(model.primaryKey()));
        return read(where.condition() == null ? q : q.where(where.condition()));
    }

    /**
     * The keys of {@code rows} in conditions of a bounded size: {@code id IN (...)} of {@link dev.canopy.write.Writer#KEYS_PER_STATEMENT}
     * keys for a one-column key, an OR of {@link dev.canopy.write.Writer#TUPLES_PER_STATEMENT} key tuples for a composite
     * one. One condition of every key passed the bind limit of PostgreSQL and MariaDB (65,535) at 66,000 rows, and an OR
     * of 1,000 tuples SQLite's expression depth (1,000).
     */
    private static List<Condition> keysOf(Model model, List<Entity> rows) {
        List<Column<?>> key = model.primaryKey();
        List<Condition> out = new ArrayList<>();
        int size = dev.canopy.write.Writer.keysPerStatement(model);
        for (int from = 0; from < rows.size(); from += size) {
            List<Entity> part = rows.subList(from, Math.min(rows.size(), from + size));
            if (key.size() == 1) {
                out.add(keyIn(key.get(0), part));
            } else {
                List<Condition> tuples = new ArrayList<>(part.size());
                for (Entity e : part) {
                    tuples.add(dev.canopy.write.Writer.keyOf(e));
                }
                out.add(Condition.or(tuples));
            }
        }
        return out;
    }

    private static <T> Condition keyIn(Column<T> column, List<Entity> rows) {
        List<T> values = new ArrayList<>(rows.size());
        for (Entity e : rows) {
            values.add(e.get(column));
        }
        return column.isIn(values);
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
        // its finds must see the primary's latest rows (a replica may lag behind the insert that won the race)
        return executor.onPrimary(() -> findOrCreateOnPrimary(model, where, defaults));
    }

    private dev.canopy.write.FoundOrCreated findOrCreateOnPrimary(Model model, dev.canopy.write.Values where, dev.canopy.write.Values defaults) {
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
        ownedReplicaPools.forEach(HikariDataSource::close);
    }

    /**
     * The query ready to run: a plan of its shape from the cache, run with its values, or (on a miss) a plan made now
     * and kept for every query of that shape. A query whose SQL depends on its values (see {@link SqlTemplate#of}) is
     * kept by value instead. Each call counts once in {@link #planCacheStats()}: a hit when no planning was needed.
     */
    private Execution prepare(Query asked) {
        // The shape of the query as it runs (see asRun), taken once per query value.
        Shape shape = Shape.of(asked, shapeContext, asRun);
        Query query = shape.query();
        boolean bound = query != asked;
        // computeIfAbsent: a missing plan is made once however many threads ask for it together, and the lookup counts
        // once in the stats (Caffeine records it).
        Prepared p = plans.asMap().computeIfAbsent(shape.key(), k -> prepared(query, bound, shape.values(), true));
        if (!p.byShape() && !p.query().equals(query)) {
            // The shape's first query could not be templated: every other query of that shape is kept by value (and its
            // lookup counts a second time).
            p = plans.asMap().computeIfAbsent(new ByValue(query), k -> prepared(query, bound, shape.values(), false));
        }
        return new Execution(p, query, shape.values());
    }

    /**
     * The query as it runs, whose shape is taken: bound first where binding moves values, so that the slots of the
     * plan made from its bound form line up with the shape's values: its model's scopes merged in (their values are
     * slots too), an {@code Include.all()} expanded. Otherwise the query asked, bound only when it is planned.
     */
    private Query asRun(Query asked) {
        return schema != null && (schema.hasScopes() || Shape.expandsWhenBound(asked)) ? bind(asked) : asked;
    }

    /** The statement of {@link #count(Query)}: from the count template of the query's shape, planned once per shape. */
    private SqlStatement countSql(Query asked) {
        Shape shape = Shape.of(asked, shapeContext, asRun);
        Query query = shape.query();
        boolean bound = query != asked;
        Counted c = counts.asMap().computeIfAbsent(shape.key(), k -> counted(query, bound, shape.values()));
        if (c.sql() != null) {
            return c.sql().bind(shape.values(), List.of());
        }
        if (!c.query().equals(query)) {
            c = counts.asMap().computeIfAbsent(new ByValue(query), k -> counted(query, bound, shape.values()));
        }
        return c.plain();
    }

    private Counted counted(Query query, boolean bound, @Nullable Object[] values) {
        Planner.Counted plan = planner.planCounted(bound ? query : bind(query));
        SqlTemplate sql = SqlTemplate.of(renderer.renderParams(plan.statement()), plan.binds(), List.of(), values, List.of());
        return new Counted(query, sql, sql != null ? sql.bind(values, List.of()) : renderer.render(plan.statement()));
    }

    /**
     * Plans, renders and compiles a query; by shape (templates for every statement) when {@code byShape} is asked and
     * every statement allows it, checked here with a batch of one parent key for each separate include.
     */
    private Prepared prepared(Query query, boolean bound, @Nullable Object[] values, boolean byShape) {
        Plan plan = planner.plan(bound ? query : bind(query));
        Map<Plan, Hydrator> hydrators = new IdentityHashMap<>();
        Prepared.collect(plan, typed, executor.dialect(), hydrators);
        Renderer.Rendered main = renderer.renderParams(plan.statement());
        SqlTemplate sql = byShape ? SqlTemplate.of(main, plan.binds(), List.of(), values, List.of()) : null;
        Map<Plan, Map<Integer, SqlTemplate>> fetchSql = new IdentityHashMap<>();
        boolean shaped = sql != null && fetchTemplates(plan, values, fetchSql);
        SqlStatement plain = shaped ? sql.bind(values, List.of()) : renderer.render(plan.statement());
        return new Prepared(query, plan, shaped ? sql : null, plain, new Hydrator(plan, typed, executor.dialect()),
                Collections.unmodifiableMap(hydrators), Collections.unmodifiableMap(fetchSql), shaped);
    }

    /** A template for one parent key of every separate include below {@code plan}; false when one cannot have one. */
    private boolean fetchTemplates(Plan plan, @Nullable Object[] values, Map<Plan, Map<Integer, SqlTemplate>> into) {
        for (Fetch f : plan.fetches()) {
            List<@Nullable Object> one = Collections.singletonList(null);
            Plan.Keyed k = f.plan().keyedStatement(one);
            SqlTemplate t = SqlTemplate.of(renderer.renderParams(k.statement()), f.plan().binds(), k.keyParams(), values, one);
            if (t == null) {
                return false;
            }
            Map<Integer, SqlTemplate> byCount = new java.util.concurrent.ConcurrentHashMap<>();
            byCount.put(1, t);
            into.put(f.plan(), byCount);
            if (!fetchTemplates(f.plan(), values, into)) {
                return false;
            }
        }
        return true;
    }

    /** The query resolved in this Canopy's schema; a Canopy without one runs queries without includes only. */
    private Query bind(Query query) {
        if (schema == null && (query.isBound() || query.includes().isEmpty())) {
            return query;
        }
        return query.bind(requireSchema(query));
    }

    /**
     * The where of a bulk update or destroy with the model's default scope's where added (Sequelize applies the default
     * scope to {@code Model.update} and {@code Model.destroy}), unless {@code where.unscoped()}.
     */
    private dev.canopy.write.@Nullable Where scoped(Model model, dev.canopy.write.@Nullable Where where) {
        if (where == null || where.isUnscoped() || schema == null) {
            return where;
        }
        Condition scope = schema.defaultScopeWhere(model);
        return scope == null ? where : where.and(scope);
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
        private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
        private final String url;
        private @Nullable String user;
        private @Nullable String password;
        private @Nullable Dialect dialect;
        private @Nullable StatementListener listener;
        private @Nullable Schema schema;
        private int poolSize = 4;
        private @Nullable Duration queryTimeout;
        private dev.canopy.write.Hooks hooks = dev.canopy.write.Hooks.none();
        private final Map<String, String> properties = new LinkedHashMap<>();
        /** Each read replica: URL, user and password (null: the primary's). */
        private final List<String[]> replicas = new ArrayList<>();
        private Duration replicaRetry = Duration.ofSeconds(30);
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean connectLazily;

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

        /**
         * How long a statement waits for a connection before Canopy gives up with a
         * {@link dev.canopy.error.ConnectionException} (HikariCP's {@code connectionTimeout}): the bound on a query's
         * wait while the database is unreachable or every pooled connection is in use. 10 seconds unless said; at
         * least 250 ms (HikariCP's floor). An application that would rather fail a request quickly than hold its thread
         * while the database restarts sets a short one.
         */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connect timeout is null");
            if (timeout.toMillis() < 250) {
                throw new IllegalArgumentException("connect timeout must be at least 250 ms (HikariCP's floor), was " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Builds without connecting, as {@code new Sequelize(...)} does: the pool opens its first connection when the
         * first statement needs one (HikariCP's {@code initializationFailTimeout = -1}), so an application can start
         * before its database does. While the database is unreachable each statement fails after
         * {@link #connectTimeout} with a {@link dev.canopy.error.ConnectionException}; once it answers, the same
         * Canopy works. Needs {@link #dialect}: without one, {@link #build} asks the server which database and version
         * it is (a MySQL URL may reach MariaDB; a version decides what SQL is written), and so needs it up.
         *
         * <p>Without this option (HikariCP's default, fail fast), {@link #build} connects once and throws a
         * {@code ConnectionException} naming the URL when it cannot: a wrong URL or password is seen at start-up.
         */
        public Builder connectLazily() {
            this.connectLazily = true;
            return this;
        }

        /** Hooks run around this Canopy's writes and reads (see {@link dev.canopy.write.Hooks}); adds to hooks given before. */
        public Builder hooks(dev.canopy.write.Hooks hooks) {
            this.hooks = this.hooks.and(Objects.requireNonNull(hooks, "hooks is null"));
            return this;
        }

        /**
         * Read replicas of the database (Sequelize's {@code replication: { read: [...], write: {...} }}, the builder's URL
         * being the write side), reached with the primary's user, password and properties. Reads outside a transaction
         * ({@code findAll}, {@code findOne}, {@code findByPk}, {@code count}, {@code stream}, {@code query(sql, binds,
         * model)}) go to them in turn, each read with its separate includes on one replica; writes, DDL, migrations,
         * raw {@code execute} and everything inside a transaction go to the primary. A replica that gives no connection
         * is skipped with a WARN on the logger {@code dev.canopy.replicas} and tried again after
         * {@link #replicaRetry}; when none is up, reads go to the primary. Each statement's
         * {@link dev.canopy.sql.StatementEvent#server()} says where it ran.
         * <pre>{@code
         * Canopy db = Canopy.builder("jdbc:mariadb://primary/app").readReplicas("jdbc:mariadb://replica1/app", "jdbc:mariadb://replica2/app")
         *         .schema(SCHEMA).build();
         * }</pre>
         */
        public Builder readReplicas(String... urls) {
            for (String u : urls) {
                replicas.add(new String[] {Objects.requireNonNull(u, "replica url is null"), null, null});
            }
            return this;
        }

        /** A read replica reached with its own user and password (see {@link #readReplicas}). */
        public Builder readReplica(String url, @Nullable String user, @Nullable String password) {
            replicas.add(new String[] {Objects.requireNonNull(url, "replica url is null"), user, password});
            return this;
        }

        /** How long a replica found down is left alone before reads try it again; 30 seconds unless said. */
        public Builder replicaRetry(Duration after) {
            Objects.requireNonNull(after, "replica retry is null");
            if (after.isNegative()) {
                throw new IllegalArgumentException("replica retry must not be negative, was " + after);
            }
            this.replicaRetry = after;
            return this;
        }

        /** A data-source property for the driver; overrides the dialect's recommended defaults. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** The pool settings of one server: the primary's, or (with their own URL and credentials) a replica's. */
        private HikariConfig config(Dialect d, String jdbcUrl, @Nullable String u, @Nullable String p, String name) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(jdbcUrl);
            config.setDriverClassName(d.driverClassName());
            if (u != null) {
                config.setUsername(u);
            }
            if (p != null) {
                config.setPassword(p);
            }
            config.setMaximumPoolSize(poolSize);
            config.setMinimumIdle(1);
            config.setPoolName(name);
            config.setConnectionTimeout(connectTimeout.toMillis());
            config.setInitializationFailTimeout(connectLazily ? -1 : 1);
            Properties props = new Properties();
            props.putAll(d.poolProperties());
            props.putAll(properties);
            config.setDataSourceProperties(props);
            return config;
        }

        /**
         * The replicas' pools: started even when a replica is down (it is then skipped until it answers), and quick to
         * give up on a connection, so that a read tries the next server within a second or two rather than ten.
         */
        private dev.canopy.exec.@Nullable ReadReplicas replicaPools(Dialect d, List<HikariDataSource> pools) {
            if (replicas.isEmpty()) {
                return null;
            }
            List<dev.canopy.exec.ReadReplicas.Replica> list = new ArrayList<>();
            for (int i = 0; i < replicas.size(); i++) {
                String[] r = replicas.get(i);
                String name = "replica " + (i + 1);
                HikariConfig config = config(d, r[0], r[1] != null ? r[1] : user, r[2] != null ? r[2] : password,
                        "canopy-" + d.name() + "-replica-" + (i + 1));
                config.setInitializationFailTimeout(-1);
                config.setConnectionTimeout(1_500);
                config.setMinimumIdle(0);
                HikariDataSource pool = new HikariDataSource(config);
                pools.add(pool);
                list.add(new dev.canopy.exec.ReadReplicas.Replica(name, r[0], pool));
            }
            return new dev.canopy.exec.ReadReplicas(list, replicaRetry);
        }

        /**
         * The Canopy: its pool connects at once and the dialect is read from the server when none was given
         * ({@link ConnectionException} naming the URL when the server cannot be reached), or nothing connects before
         * the first statement ({@link #connectLazily}).
         */
        public Canopy build() {
            if (connectLazily && dialect == null) {
                throw new IllegalStateException("connectLazily() needs dialect(...): without a dialect, build() asks the server at "
                        + url + " which database and version it is");
            }
            Dialect d = (dialect != null ? dialect : Dialect.forUrl(url)).forDriverOf(url);
            HikariConfig config = config(d, url, user, password, "canopy-" + d.name());
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
                List<HikariDataSource> replicaPools = new ArrayList<>();
                dev.canopy.exec.ReadReplicas read;
                try {
                    read = replicaPools(chosen, replicaPools);
                } catch (RuntimeException e) {
                    replicaPools.forEach(HikariDataSource::close);
                    pool.close();
                    throw e;
                }
                return new Canopy(new Executor(pool, chosen, listener, read), schema, pool, queryTimeout, hooks, replicaPools);
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
