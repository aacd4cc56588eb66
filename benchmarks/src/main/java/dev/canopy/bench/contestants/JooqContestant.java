package dev.canopy.bench.contestants;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import dev.canopy.bench.views.CommentView;
import dev.canopy.bench.views.PostView;
import dev.canopy.bench.views.UserRef;
import dev.canopy.bench.views.UserView;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * jOOQ 3.19 (Open Source Edition), without code generation: tables and fields are declared by name, as the manual's
 * "plain SQL / names" section shows. Two ways the manual gives for a nested graph:
 * <ul>
 *   <li>the same join as everyone, grouped in Java with {@link Result#intoGroups(Field[])} per level
 *       ({@code fetchGroups} is the same on a query); it also consumes a foreign {@link ResultSet} with
 *       {@link DSLContext#fetch(ResultSet, Field[])}, so it takes part in the hydration benchmark;</li>
 *   <li>{@code MULTISET} nested collections with ad-hoc converters into the records, which jOOQ OSS emulates with
 *       SQL/JSON on H2, MariaDB and PostgreSQL (end to end only: the database builds the nesting).</li>
 * </ul>
 */
public final class JooqContestant {
    static {
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private static final Table<?> U = table(name("users")).as("u");
    private static final Table<?> P = table(name("posts")).as("p");
    private static final Table<?> C = table(name("comments")).as("c");
    private static final Table<?> A = table(name("users")).as("a");
    private static final Field<Integer> U_ID = field(name("u", "id"), SQLDataType.INTEGER);
    private static final Field<String> U_NAME = field(name("u", "name"), SQLDataType.VARCHAR);
    private static final Field<Integer> P_ID = field(name("p", "id"), SQLDataType.INTEGER);
    private static final Field<Integer> P_AUTHOR_ID = field(name("p", "author_id"), SQLDataType.INTEGER);
    private static final Field<String> P_TITLE = field(name("p", "title"), SQLDataType.VARCHAR);
    private static final Field<Integer> C_ID = field(name("c", "id"), SQLDataType.INTEGER);
    private static final Field<Integer> C_POST_ID = field(name("c", "post_id"), SQLDataType.INTEGER);
    private static final Field<Integer> C_USER_ID = field(name("c", "user_id"), SQLDataType.INTEGER);
    private static final Field<String> C_BODY = field(name("c", "body"), SQLDataType.VARCHAR);
    private static final Field<Integer> A_ID = field(name("a", "id"), SQLDataType.INTEGER);
    private static final Field<String> A_NAME = field(name("a", "name"), SQLDataType.VARCHAR);

    /** The join's columns by label (the labels of {@link HandWrittenJdbc#LABELS}). */
    private static final Field<Integer> UID = field(name("u_id"), SQLDataType.INTEGER);
    private static final Field<String> UNAME = field(name("u_name"), SQLDataType.VARCHAR);
    private static final Field<Integer> PID = field(name("p_id"), SQLDataType.INTEGER);
    private static final Field<String> PTITLE = field(name("p_title"), SQLDataType.VARCHAR);
    private static final Field<Integer> CID = field(name("c_id"), SQLDataType.INTEGER);
    private static final Field<String> CBODY = field(name("c_body"), SQLDataType.VARCHAR);
    private static final Field<Integer> CUSERID = field(name("c_user_id"), SQLDataType.INTEGER);
    private static final Field<Integer> AID = field(name("a_id"), SQLDataType.INTEGER);
    private static final Field<String> ANAME = field(name("a_name"), SQLDataType.VARCHAR);
    private static final Field<?>[] COLUMNS = {UID, UNAME, PID, PTITLE, CID, CBODY, CUSERID, AID, ANAME};
    private static final Field<?>[] USER_KEY = {UID, UNAME};
    private static final Field<?>[] POST_KEY = {PID, PTITLE};

    private final DSLContext ctx;

    public JooqContestant(DataSource dataSource, SQLDialect dialect) {
        this.ctx = DSL.using(dataSource, dialect);
    }

    /** Hydration alone: a foreign result set (the join's columns) into records, grouped per level. */
    public List<UserView> hydrate(ResultSet rs) {
        return group(ctx.fetch(rs, COLUMNS));
    }

    /** End to end: the join, then the same grouping. */
    public List<UserView> join() {
        Result<? extends Record> rows = ctx.select(U_ID.as(UID), U_NAME.as(UNAME), P_ID.as(PID), P_TITLE.as(PTITLE), C_ID.as(CID),
                        C_BODY.as(CBODY), C_USER_ID.as(CUSERID), A_ID.as(AID), A_NAME.as(ANAME))
                .from(U)
                .leftJoin(P).on(P_AUTHOR_ID.eq(U_ID))
                .leftJoin(C).on(C_POST_ID.eq(P_ID))
                .leftJoin(A).on(A_ID.eq(C_USER_ID))
                .orderBy(U_ID, P_ID, C_ID)
                .fetch();
        return group(rows);
    }

    /** End to end with {@code MULTISET}: the database nests, ad-hoc converters make the records. */
    public List<UserView> multisetQuery() {
        Field<List<CommentView>> comments = multiset(
                select(C_ID, C_BODY, A_ID, A_NAME)
                        .from(C).join(A).on(A_ID.eq(C_USER_ID))
                        .where(C_POST_ID.eq(P_ID))
                        .orderBy(C_ID))
                .convertFrom(r -> r.map(c -> new CommentView(c.value1(), c.value2(), new UserRef(c.value3(), c.value4()))));
        Field<List<PostView>> posts = multiset(
                select(P_ID, P_TITLE, comments)
                        .from(P)
                        .where(P_AUTHOR_ID.eq(U_ID))
                        .orderBy(P_ID))
                .convertFrom(r -> r.map(Records.mapping(PostView::new)));
        return ctx.select(U_ID, U_NAME, posts)
                .from(U)
                .orderBy(U_ID)
                .fetch(Records.mapping(UserView::new));
    }

    private static <R extends Record> List<UserView> group(Result<R> rows) {
        Map<Record, Result<R>> byUser = rows.intoGroups(USER_KEY);
        List<UserView> users = new ArrayList<>(byUser.size());
        for (Map.Entry<Record, Result<R>> u : byUser.entrySet()) {
            List<PostView> posts = new ArrayList<>();
            for (Map.Entry<Record, Result<R>> p : u.getValue().intoGroups(POST_KEY).entrySet()) {
                Integer postId = p.getKey().get(PID);
                if (postId == null) {
                    continue;
                }
                List<CommentView> comments = new ArrayList<>(p.getValue().size());
                for (R c : p.getValue()) {
                    Integer commentId = c.get(CID);
                    if (commentId != null) {
                        comments.add(new CommentView(commentId, c.get(CBODY), new UserRef(c.get(AID), c.get(ANAME))));
                    }
                }
                posts.add(new PostView(postId, p.getKey().get(PTITLE), comments));
            }
            users.add(new UserView(u.getKey().get(UID), u.getKey().get(UNAME), posts));
        }
        return users;
    }
}
