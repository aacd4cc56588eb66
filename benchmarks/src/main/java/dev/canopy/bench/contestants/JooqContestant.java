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

    /** The columns the grouping reads: the join's own fields, or a foreign result set's columns by label. */
    private record Columns(Field<Integer> userId, Field<String> userName, Field<Integer> postId, Field<String> postTitle,
                           Field<Integer> commentId, Field<String> commentBody, Field<Integer> commentUserId,
                           Field<Integer> authorId, Field<String> authorName) {
        Field<?>[] all() {
            return new Field<?>[] {userId, userName, postId, postTitle, commentId, commentBody, commentUserId, authorId, authorName};
        }
    }

    private static final Columns JOINED = new Columns(U_ID, U_NAME, P_ID, P_TITLE, C_ID, C_BODY, C_USER_ID, A_ID, A_NAME);
    /** The labels of {@link HandWrittenJdbc#LABELS}. */
    private static final Columns LABELLED = new Columns(field(name("u_id"), SQLDataType.INTEGER), field(name("u_name"), SQLDataType.VARCHAR),
            field(name("p_id"), SQLDataType.INTEGER), field(name("p_title"), SQLDataType.VARCHAR), field(name("c_id"), SQLDataType.INTEGER),
            field(name("c_body"), SQLDataType.VARCHAR), field(name("c_user_id"), SQLDataType.INTEGER), field(name("a_id"), SQLDataType.INTEGER),
            field(name("a_name"), SQLDataType.VARCHAR));
    private static final Field<?>[] LABELLED_FIELDS = LABELLED.all();

    private final DSLContext ctx;

    public JooqContestant(DataSource dataSource, SQLDialect dialect) {
        this.ctx = DSL.using(dataSource, dialect);
    }

    /** Hydration alone: a foreign result set (the join's columns) into records, grouped per level. */
    public List<UserView> hydrate(ResultSet rs) {
        return group(ctx.fetch(rs, LABELLED_FIELDS), LABELLED);
    }

    /** End to end: the join, then the same grouping. */
    public List<UserView> join() {
        Result<? extends Record> rows = ctx.select(U_ID, U_NAME, P_ID, P_TITLE, C_ID, C_BODY, C_USER_ID, A_ID, A_NAME)
                .from(U)
                .leftJoin(P).on(P_AUTHOR_ID.eq(U_ID))
                .leftJoin(C).on(C_POST_ID.eq(P_ID))
                .leftJoin(A).on(A_ID.eq(C_USER_ID))
                .orderBy(U_ID, P_ID, C_ID)
                .fetch();
        return group(rows, JOINED);
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

    private static <R extends Record> List<UserView> group(Result<R> rows, Columns k) {
        Field<?>[] userKey = {k.userId(), k.userName()};
        Field<?>[] postKey = {k.postId(), k.postTitle()};
        Map<Record, Result<R>> byUser = rows.intoGroups(userKey);
        List<UserView> users = new ArrayList<>(byUser.size());
        for (Map.Entry<Record, Result<R>> u : byUser.entrySet()) {
            List<PostView> posts = new ArrayList<>();
            for (Map.Entry<Record, Result<R>> p : u.getValue().intoGroups(postKey).entrySet()) {
                Integer postId = p.getKey().get(k.postId());
                if (postId == null) {
                    continue;
                }
                List<CommentView> comments = new ArrayList<>(p.getValue().size());
                for (R c : p.getValue()) {
                    Integer commentId = c.get(k.commentId());
                    if (commentId != null) {
                        comments.add(new CommentView(commentId, c.get(k.commentBody()), new UserRef(c.get(k.authorId()), c.get(k.authorName()))));
                    }
                }
                posts.add(new PostView(postId, p.getKey().get(k.postTitle()), comments));
            }
            users.add(new UserView(u.getKey().get(k.userId()), u.getKey().get(k.userName()), posts));
        }
        return users;
    }
}
