package dev.canopy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.canopy.dialect.Dialect;
import dev.canopy.error.ConnectionException;
import dev.canopy.error.QueryException;
import dev.canopy.exec.Executor;
import dev.canopy.exec.ResultReader;
import dev.canopy.exec.StatementListener;
import dev.canopy.hydrate.Entity;
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
import dev.canopy.render.SqlStatement;
import dev.canopy.schema.SchemaDdl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A connection to one database: runs queries and returns entity graphs.
 * <pre>{@code
 * try (Canopy db = Canopy.connect("jdbc:h2:mem:demo")) {
 *     List<Entity> artists = db.findAll(Query.from(ARTIST).include("albums").order(ARTIST.name.asc()));
 * }
 * }</pre>
 * A Canopy is thread-safe. It owns its pool when it made one ({@link #connect}), and {@link #close()} closes it;
 * a data source handed to {@link #using} stays the caller's.
 */
public final class Canopy implements AutoCloseable {
    private static final int PLAN_CACHE_SIZE = 2048;

    private final Executor executor;
    private final Renderer renderer;
    private final Planner planner;
    private final @Nullable HikariDataSource ownedPool;
    private final Map<Query, Prepared> plans = new ConcurrentHashMap<>();
    /** Hydrators of separate includes' plans, by plan identity (plans live as long as their query's cache entry). */
    private final Map<Plan, Hydrator> hydrators = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    /** Parent keys per separate query: large enough to amortise a round trip, small enough for every driver. */
    private static final int BATCH_SIZE = 1000;

    /** A query planned, rendered and compiled for hydration, ready to run again. */
    private record Prepared(Plan plan, SqlStatement sql, Hydrator hydrator, @Nullable Duration timeout) {}

    /** The time a statement may take when its query names none; null for no limit. */
    private final @Nullable Duration queryTimeout;

    private Canopy(DataSource dataSource, Dialect dialect, @Nullable HikariDataSource ownedPool, @Nullable StatementListener listener) {
        this(dataSource, dialect, ownedPool, listener, null);
    }

    private Canopy(DataSource dataSource, Dialect dialect, @Nullable HikariDataSource ownedPool, @Nullable StatementListener listener,
                   @Nullable Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
        this.executor = new Executor(dataSource, dialect, listener);
        this.renderer = new Renderer(dialect);
        this.planner = new Planner(dialect.capabilities());
        this.ownedPool = ownedPool;
    }

    /** Connects to a JDBC URL with a HikariCP pool; the dialect is chosen from the URL. */
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

    /** Uses a data source the caller owns (and closes) with an explicit dialect. */
    public static Canopy using(DataSource dataSource, Dialect dialect) {
        return new Canopy(dataSource, dialect, null, null);
    }

    /** Uses a data source the caller owns, telling {@code listener} of every statement. */
    public static Canopy using(DataSource dataSource, Dialect dialect, StatementListener listener) {
        return new Canopy(dataSource, dialect, null, listener);
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
        return run(prepare(query));
    }

    private List<Entity> run(Prepared p) {
        Hydration h = executor.query(p.sql(), p.hydrator(), p.timeout());
        fetchSeparate(p.plan(), h, p.timeout());
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
        dev.canopy.typed.EntityMapper<T> mapper = dev.canopy.typed.TypedResults.mapper(p.plan(), type);
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
        dev.canopy.typed.EntityMapper<T> mapper = dev.canopy.typed.TypedResults.mapper(prepare(query).plan(), type);
        return stream(query).map(mapper::map);
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
        return executor.stream(p.sql(), rs -> new RootCursor(rs, p.hydrator(), chunk, h -> fetchSeparate(p.plan(), h, p.timeout()), executor,
                p.sql()), p.timeout());
    }

    /** Roots gathered before a streamed query loads their separate includes. */
    private static final int STREAM_CHUNK = 500;

    /**
     * Loads each separate include of a plan: the parents' distinct keys go in {@code IN (...)} batches that stay under
     * the dialect's bind-parameter limit, and the children are stitched under their parents, then their own separate
     * includes are loaded the same way.
     */
    private void fetchSeparate(Plan plan, Hydration hydration, @Nullable Duration timeout) {
        for (Fetch f : plan.fetches()) {
            Map<Object, List<Entity>> parents = Hydration.parentsByKey(hydration.entities(f.parentNode()), f);
            if (parents.isEmpty()) {
                continue;
            }
            List<Object> keys = new ArrayList<>(parents.keySet());
            int batch = Math.max(1, Math.min(BATCH_SIZE, dialect().maxBindParameters() - 64));
            Hydrator hydrator = hydrators.computeIfAbsent(f.plan(), Hydrator::new);
            for (int from = 0; from < keys.size(); from += batch) {
                List<Object> slice = keys.subList(from, Math.min(keys.size(), from + batch));
                SqlStatement sql = renderer.render(f.plan().statement(slice));
                Hydration children = executor.query(sql, hydrator, timeout);
                Hydration.stitch(f, parents, children);
                fetchSeparate(f.plan(), children, timeout);
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
        SqlStatement sql = renderer.render(planner.planCount(query));
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

    // ---- SQL you can see -------------------------------------------------------------------------------------

    /** The SQL and binds this connection runs for a query. */
    public SqlStatement toSql(Query query) {
        return prepare(query).sql();
    }

    /** The SQL and binds a query renders for any dialect, without a connection. */
    public static SqlStatement toSql(Query query, Dialect dialect) {
        return new Renderer(dialect).render(new Planner(dialect.capabilities()).plan(query).statement());
    }

    /**
     * Every statement a query runs, for any dialect, without a connection: the main statement, then each separate
     * include's statement as it runs for one batch of parent keys (shown with a single {@code ?} in its
     * {@code IN (...)}), each introduced by a comment line naming its path and strategy.
     */
    public static String explain(Query query, Dialect dialect) {
        Renderer r = new Renderer(dialect);
        Plan plan = new Planner(dialect.capabilities()).plan(query);
        StringBuilder sb = new StringBuilder("-- ").append(query.root().name()).append(" (joined: ")
                .append(plan.nodes().size() - 1).append(" includes)\n").append(r.render(plan.statement())).append('\n');
        explainFetches(sb, r, plan, "");
        return sb.toString();
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

    /** The plan of a query: its nodes, generated aliases, joins and slots. */
    public static Plan plan(Query query) {
        return new Planner().plan(query);
    }

    // ---- schema and raw statements ---------------------------------------------------------------------------

    /** Creates the tables of a schema that do not exist yet (Sequelize's {@code sync()}), referenced tables first. */
    public void sync(Schema schema) {
        transaction(() -> {
            for (org.jooq.Query q : SchemaDdl.create(renderer.context(), renderer.dialect(), schema)) {
                executor.update(renderer.render(q));
            }
            return null;
        });
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

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T extends @Nullable Object> T transaction(Supplier<T> work) {
        return executor.inTransaction(work);
    }

    @Override
    public void close() {
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    private Prepared prepare(Query query) {
        Prepared p = plans.get(query);
        if (p == null) {
            Plan plan = planner.plan(query);
            p = new Prepared(plan, renderer.render(plan.statement()), new Hydrator(plan), timeout(query));
            if (plans.size() >= PLAN_CACHE_SIZE) {
                plans.clear();
            }
            plans.put(query, p);
        }
        return p;
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
                return new Canopy(pool, chosen, pool, listener, queryTimeout);
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
