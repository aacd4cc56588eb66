package dev.canopy.plan;

import static dev.canopy.Blog.COMMENT;
import static dev.canopy.Blog.POST;
import static dev.canopy.Blog.POST_TAG;
import static dev.canopy.Blog.POST_TAGS;
import static dev.canopy.Blog.USER;
import static dev.canopy.query.Expr.coalesce;
import static dev.canopy.query.Expr.col;
import static dev.canopy.query.Expr.count;
import static dev.canopy.query.Expr.countDistinct;
import static dev.canopy.query.Expr.fn;
import static dev.canopy.query.Expr.lower;
import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.model.DataType;
import dev.canopy.Blog;
import dev.canopy.query.Condition;
import dev.canopy.query.Expr;
import dev.canopy.query.Operator;
import dev.canopy.query.Query;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The plan-cache key: equal for queries that differ only in bound values, different wherever the SQL differs. */
class ShapeTest {
    private static Object key(Query q) {
        return Shape.of(q, false).key();
    }

    private static Object keyWithArrays(Query q) {
        return Shape.of(q, true).key();
    }

    private static List<Integer> ids(int n, int from) {
        return IntStream.range(from, from + n).boxed().collect(Collectors.toList());
    }

    /** A query with a value in every place one can go: root where, include where, per-parent limit, limit, offset. */
    private static Query everywhere(int v, String text) {
        return Query.from(USER).where(Condition.and(USER.id.gt(v), USER.name.startsWith(text), USER.id.between(v, v + 10),
                        Condition.not(USER.email.iLike("%" + text)), POST.score.at("posts").le(BigDecimal.valueOf(v))))
                .include("posts", p -> p.where(POST.publishedOn.ge(LocalDate.of(2020, 1, 1).plusDays(v)).or(POST.title.contains(text)))
                        .include("comments", c -> c.separate().limit(3).where(COMMENT.userId.isIn(v, v + 1, v + 2))))
                .order(USER.name.asc()).limit(v + 5).offset(v * 2);
    }

    @Nested
    @DisplayName("the same shape")
    class Same {
        @Test
        @DisplayName("queries that differ only in their values have equal keys and hashes, and give their own values")
        void differentValuesEqualKeys() {
            Shape a = Shape.of(everywhere(7, "A"), false);
            Shape b = Shape.of(everywhere(8, "Zed"), false);
            assertThat(a.key()).isEqualTo(b.key()).hasSameHashCodeAs(b.key());
            assertThat(a.values()).isNotEqualTo(b.values());
            assertThat(a.values()).startsWith(12, 14);   // limit, offset
            assertThat(b.values()).startsWith(13, 16);
        }

        @Test
        @DisplayName("values come in the documented order: limit, offset, root where, then per include its limit and where")
        void valueOrder() {
            Query q = Query.from(USER).where(USER.id.between(3, 4).and(USER.name.eq("n")))
                    .include("posts", p -> p.where(POST.title.ne("t")).include("comments", c -> c.separate().limit(2).where(COMMENT.userId.isIn(5, 6))))
                    .limit(9);
            assertThat(Shape.of(q, false).values()).containsExactly(9, null, 3, 4, "n", null, "t", 2, List.of(5, 6));
        }

        @Test
        @DisplayName("an isIn list of one length with other values is one shape; with array binds a list of any length up to 65,536 is")
        void inListsOfOneLength() {
            assertThat(key(Query.from(USER).where(USER.id.isIn(ids(1500, 0))))).isEqualTo(key(Query.from(USER).where(USER.id.isIn(ids(1500, 7)))));
            IntFunction<Query> in = n -> Query.from(USER).where(USER.id.isIn(ids(n, 0)).or(USER.mentorId.notIn(ids(n, 3))));
            for (int n : new int[] {2, 3, 999, 1000, 1001, 60_000, 65_536}) {
                assertThat(keyWithArrays(in.apply(n))).as("%d values against 1", n).isEqualTo(keyWithArrays(in.apply(1)));
            }
        }

        @Test
        @DisplayName("a query value is walked once per context: its shape is kept on it, and an equal value is walked on its own")
        void shapeKeptOnTheQueryValue() {
            Shape.Context h2 = new Shape.Context(null, true);
            Query q = everywhere(3, "c");
            int[] walks = {0};
            java.util.function.UnaryOperator<Query> asRun = x -> {
                walks[0]++;
                return x;
            };
            Shape first = Shape.of(q, h2, asRun);
            assertThat(Shape.of(q, new Shape.Context(null, true), asRun)).isSameAs(first);
            assertThat(walks[0]).isEqualTo(1);
            assertThat(first.key()).isEqualTo(Shape.of(q, true).key());
            assertThat(first.values()).containsExactly(Shape.of(q, true).values());
            Shape other = Shape.of(everywhere(3, "c"), h2, asRun);
            assertThat(other).isNotSameAs(first);
            assertThat(other.key()).isEqualTo(first.key());
            // Without array binds its isIn list is shaped by length: another key, from another walk.
            assertThat(Shape.of(q, new Shape.Context(null, false), asRun).key()).isEqualTo(Shape.of(q, false).key()).isNotEqualTo(first.key());
            assertThat(walks[0]).isEqualTo(3);
        }

        @Test
        @DisplayName("the statement timeout is not shape: it is read from each query as it runs")
        void timeoutIsNotShape() {
            assertThat(key(everywhere(1, "a").timeout(Duration.ofSeconds(3)))).isEqualTo(key(everywhere(2, "b")));
        }
    }

    @Nested
    @DisplayName("different shapes")
    class Different {
        @Test
        @DisplayName("eq(null) (IS NULL) and eq(value); ne(null) and ne(value)")
        void nullIsShape() {
            assertThat(key(Query.from(USER).where(USER.email.eq(null)))).isNotEqualTo(key(Query.from(USER).where(USER.email.eq("x"))));
            assertThat(key(Query.from(USER).where(USER.email.ne(null)))).isNotEqualTo(key(Query.from(USER).where(USER.email.ne("x"))));
            assertThat(key(Query.from(USER).where(USER.email.eq(null)))).isNotEqualTo(key(Query.from(USER).where(USER.email.ne(null))));
        }

        @Test
        @DisplayName("an empty isIn (FALSE) and a non-empty one; isIn and notIn")
        void emptyInIsShape() {
            assertThat(key(Query.from(USER).where(USER.id.isIn(List.of())))).isNotEqualTo(key(Query.from(USER).where(USER.id.isIn(1))));
            assertThat(key(Query.from(USER).where(USER.id.notIn(List.of())))).isNotEqualTo(key(Query.from(USER).where(USER.id.notIn(1))));
            assertThat(key(Query.from(USER).where(USER.id.isIn(1)))).isNotEqualTo(key(Query.from(USER).where(USER.id.notIn(1))));
        }

        @Test
        @DisplayName("an isIn list's length without array binds; with them, its number of arrays (65,536 values each)")
        void inLengthIsShape() {
            IntFunction<Query> in = n -> Query.from(USER).where(USER.id.isIn(ids(n, 0)));
            assertThat(key(in.apply(1))).isNotEqualTo(key(in.apply(2)));
            assertThat(key(in.apply(2))).isNotEqualTo(key(in.apply(3)));
            assertThat(key(in.apply(1500))).isNotEqualTo(key(in.apply(1501)));
            assertThat(keyWithArrays(in.apply(65_536))).as("one array or two").isNotEqualTo(keyWithArrays(in.apply(65_537)));
        }

        @Test
        @DisplayName("a limit or offset given or not; a per-parent limit given or not")
        void pagingPresenceIsShape() {
            Query q = Query.from(USER).include("posts");
            assertThat(key(q)).isNotEqualTo(key(q.limit(5)));
            assertThat(key(q.limit(5))).isNotEqualTo(key(q.limit(5).offset(0)));
            assertThat(key(Query.from(USER).include("posts", p -> p.separate())))
                    .isNotEqualTo(key(Query.from(USER).include("posts", p -> p.limit(3))));
        }

        @Test
        @DisplayName("other includes, join kinds, strategies, attributes, order, operators, columns and paths")
        void structureIsShape() {
            Query base = Query.from(USER).where(USER.id.gt(1)).include("posts");
            List<Query> others = List.of(
                    Query.from(USER).where(USER.id.gt(1)).include("posts", p -> p.include("comments")),
                    Query.from(USER).where(USER.id.gt(1)).include("posts", p -> p.required()),
                    Query.from(USER).where(USER.id.gt(1)).include("posts", p -> p.separate()),
                    Query.from(USER).where(USER.id.gt(1)).include("posts", p -> p.attributes(POST.title)),
                    Query.from(USER).where(USER.id.gt(1)).include("posts", p -> p.order(POST.title.desc())),
                    Query.from(USER).where(USER.id.gt(1)).include("profile"),
                    Query.from(USER).where(USER.id.gt(1)).include("posts").attributes(USER.name),
                    Query.from(USER).where(USER.id.gt(1)).include("posts").order(USER.name.asc()),
                    Query.from(USER).where(USER.id.gt(1)).include("posts").paranoid(false),
                    Query.from(USER).where(USER.id.ge(1)).include("posts"),
                    Query.from(USER).where(USER.mentorId.gt(1)).include("posts"),
                    Query.from(USER).where(POST.id.at("posts").gt(1)).include("posts"),
                    Query.from(USER).where(USER.id.gt(1).not()).include("posts"),
                    Query.from(USER).where(USER.id.gt(1).and(USER.id.gt(2))).include("posts"),
                    Query.from(USER).where(USER.id.gt(1).or(USER.id.gt(2))).include("posts"),
                    Query.from(USER).include("posts"),
                    Query.from(POST).where(POST.id.gt(1)).include("comments"));
            for (Query o : others) {
                assertThat(key(o)).as("%s against %s", o, base).isNotEqualTo(key(base));
            }
        }
    }

    @Nested
    @DisplayName("expressions, group and having")
    class ExpressionShapes {
        /** A per-root aggregate report with a value in every place an expression puts one. */
        private Query report(String pattern, long atLeast, String fallback) {
            return Query.from(USER)
                    .addAttributes(count(POST.id.at("posts")).alias("n"), coalesce(USER.email, fallback).alias("mail"))
                    .include("posts")
                    .where(lower(USER.name).like(pattern))
                    .having(count(POST.id.at("posts")).gt(atLeast))
                    .order(col("n").desc());
        }

        @Test
        @DisplayName("reports that differ only in values inside expressions, compared values and having values share a key")
        void valuesInExpressionsAreSlots() {
            Shape a = Shape.of(report("a%", 3L, "none"), false);
            Shape b = Shape.of(report("b%", 40L, "nobody"), false);
            assertThat(a.key()).isEqualTo(b.key()).hasSameHashCodeAs(b.key());
            // limit, offset, the root where's compared value, the include's (no) limit, the having's value, then the
            // values inside expressions
            assertThat(a.values()).containsExactly(null, null, "a%", null, 3L, "none");
            assertThat(b.values()).containsExactly(null, null, "b%", null, 40L, "nobody");
        }

        @Test
        @DisplayName("a through(where)'s values are slots after its include's where, before its children's")
        void throughWhereValuesAreSlots() {
            IntFunction<Query> q = v -> Query.from(POST).include(POST_TAGS, t -> t.where(Blog.TAG.label.ne("x" + v))
                    .through(POST_TAG.tagId.gt(v), POST_TAG.tagId));
            assertThat(key(q.apply(1))).isEqualTo(key(q.apply(2)));
            assertThat(Shape.of(q.apply(7), false).values()).containsExactly(null, null, null, "x7", 7);
        }

        @Test
        @DisplayName("equal values inside expressions are one slot, and whether two values are equal is shape")
        void equalValuesAreNoted() {
            IntFunction<Query> two = v -> Query.from(USER).addAttributes(coalesce(USER.email, "a").alias("x"),
                    coalesce(USER.name, v == 0 ? "a" : "b").alias("y"));
            assertThat(key(two.apply(0))).as("(a, a) against (a, b)").isNotEqualTo(key(two.apply(1)));
            assertThat(Shape.of(two.apply(0), false).values()).containsExactly(null, null, "a");
            assertThat(Shape.of(two.apply(1), false).values()).containsExactly(null, null, "a", "b");
        }

        @Test
        @DisplayName("functions, DISTINCT, aliases, casts, ROUND's places, group terms, having's structure and value types")
        void structureIsShape() {
            Query base = Query.from(USER).addAttributes(count(POST.id.at("posts")).alias("n")).include("posts");
            List<Query> others = List.of(
                    Query.from(USER).addAttributes(countDistinct(POST.id.at("posts")).alias("n")).include("posts"),
                    Query.from(USER).addAttributes(Expr.max(POST.id.at("posts")).alias("n")).include("posts"),
                    Query.from(USER).addAttributes(Expr.min(POST.id.at("posts")).alias("n")).include("posts"),
                    Query.from(USER).addAttributes(count(POST.id.at("posts")).alias("m")).include("posts"),
                    Query.from(USER).addAttributes(count(POST.authorId.at("posts")).alias("n")).include("posts"),
                    Query.from(USER).addAttributes(count().alias("n")).include("posts"),
                    base.having(count(POST.id.at("posts")).gt(1L)),
                    base.order(col("n").desc()),
                    base.order(col("n").asc()),
                    base.group(USER.name),
                    base.where(lower(USER.name).like("a%")));
            for (Query o : others) {
                assertThat(key(o)).as("%s against %s", o, base).isNotEqualTo(key(base));
            }
            assertThat(key(base.having(count(POST.id.at("posts")).gt(1L)))).isNotEqualTo(key(base.having(count(POST.id.at("posts")).ge(1L))));
            assertThat(key(base.group(USER.name))).isNotEqualTo(key(base.group(USER.email)));
            assertThat(key(Query.from(POST).addAttributes(fn("ROUND", POST.score, 1).alias("r"))))
                    .isNotEqualTo(key(Query.from(POST).addAttributes(fn("ROUND", POST.score, 2).alias("r"))));
            assertThat(key(Query.from(POST).addAttributes(Expr.cast(POST.score, DataType.INTEGER).alias("r"))))
                    .isNotEqualTo(key(Query.from(POST).addAttributes(Expr.cast(POST.score, DataType.BIGINT).alias("r"))));
            assertThat(key(Query.from(USER).where(fn("LENGTH", USER.name).compare(Operator.GT, 3))))
                    .as("an Integer and a Long compared value bind as other types")
                    .isNotEqualTo(key(Query.from(USER).where(fn("LENGTH", USER.name).compare(Operator.GT, 3L))));
            assertThat(key(Query.from(POST).include(POST_TAGS, t -> t.through(POST_TAG.tagId))))
                    .isNotEqualTo(key(Query.from(POST).include(POST_TAGS, t -> t.through(POST_TAG.postId))));
            assertThat(key(Query.from(POST).include(POST_TAGS, t -> t.through(POST_TAG.tagId))))
                    .isNotEqualTo(key(Query.from(POST).include(POST_TAGS)));
        }
    }
}
