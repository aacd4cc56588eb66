package dev.canopy.conformance;

import static dev.canopy.conformance.ModelFeaturesTest.MEMBER;
import static dev.canopy.conformance.ModelFeaturesTest.MEMBER_POSTS;
import static dev.canopy.conformance.ModelFeaturesTest.PLAIN;
import static dev.canopy.conformance.ModelFeaturesTest.POST;
import static dev.canopy.conformance.ModelFeaturesTest.POST_MEMBER;
import static dev.canopy.conformance.ModelFeaturesTest.SCOPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canopy.Canopy;
import dev.canopy.error.InvalidValuesException;
import dev.canopy.json.ModelsFile;
import dev.canopy.json.QuerySpec;
import dev.canopy.model.Model;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import dev.canopy.sql.StatementEvent;
import dev.canopy.write.BulkOptions;
import dev.canopy.write.Hooks;
import dev.canopy.write.Values;
import dev.canopy.write.Where;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rest of Sequelize parity (issue 17), on every database: scopes in JSON specs, upsert hooks, individual hooks of
 * bulk writes, and the models file's scopes, getters, setters and virtual attributes on a live table.
 */
@DisplayName("Sequelize parity: scopes in JSON, upsert and individual hooks, models-file accessors")
class SequelizeParityTest {

    /** ModelFeaturesTest's models with a named scope on Post too, for includes. */
    static final Schema JSON_SCOPES = Schema.builder().associations(MEMBER_POSTS, POST_MEMBER)
            .defaultScope(Query.from(MEMBER).where(MEMBER.active.eq(true)))
            .defaultScope(Query.from(POST).where(POST.published.eq(true)))
            .scope("admins", Query.from(MEMBER).where(MEMBER.role.eq("admin")))
            .scope(MEMBER, "minLevel", args -> Query.from(MEMBER).where(MEMBER.level.ge((Integer) args.get(0))))
            .scope("drafts", Query.from(POST).where(POST.published.eq(false)))
            .build();

    private static void with(TestDatabase kind, String label, Schema schema, BiConsumer<Canopy, List<String>> body) {
        try (TestDatabase.Handle h = kind.open(label)) {
            h.db.sync(PLAIN);
            List<String> statements = new CopyOnWriteArrayList<>();
            Canopy.Builder b = Canopy.builder(h.url).schema(schema).onStatement((StatementEvent e) -> statements.add(e.sql()));
            if (h.user != null) {
                b = b.user(h.user).password(h.password);
            }
            try (Canopy db = b.build()) {
                body.accept(db, statements);
            }
        }
    }

    /** Ann (admin, level 5, two posts: a1 published, a2 a draft), Bob (user, level 2, post b1), Cy (admin, level 8, inactive). */
    private static void seed(Canopy db) {
        Entity unused = db.create(MEMBER, member("Ann", "admin", 5, true).with("posts",
                List.of(Values.of(POST.title, "a1"), Values.of(POST.title, "a2").and(POST.published, false))));
        unused = db.create(MEMBER, member("Bob", "user", 2, true).with("posts", List.of(Values.of(POST.title, "b1"))));
        unused = db.create(MEMBER, member("Cy", "admin", 8, false));
    }

    private static Values member(String first, String role, int level, boolean active) {
        Values v = Values.of(MEMBER.first, first).and(MEMBER.last, first.substring(0, 1)).and(MEMBER.role, role)
                .and(MEMBER.level, level).and(MEMBER.active, active);
        return "admin".equals(role) ? v.and(MEMBER.code, "ABC-12") : v;
    }

    private static List<Object> firsts(List<Entity> found) {
        return found.stream().map(e -> e.get(MEMBER.first)).collect(Collectors.toList());
    }

    private static List<Object> titles(Entity member) {
        return member.many("posts").stream().map(p -> p.get(POST.title)).collect(Collectors.toList());
    }

    private static long updates(List<String> statements, String verb) {
        return statements.stream().filter(s -> s.strip().toLowerCase(Locale.ROOT).startsWith(verb)).count();
    }

    private static List<@Nullable Object> column(Canopy db, String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<@Nullable Object> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String q(Canopy db, String identifier) {
        return db.dialect().name().startsWith("m") ? "`" + identifier + "`" : "\"" + identifier + "\"";
    }

    @Nested
    @DisplayName("Scopes in JSON specs")
    class JsonScopes {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("\"scope\" and \"unscoped\" on the root find what the same scopes find in Java")
        void rootScopes(TestDatabase kind) {
            with(kind, "p_root", JSON_SCOPES, (db, statements) -> {
                seed(db);
                assertThat(firsts(db.findAll(QuerySpec.parse(JSON_SCOPES, "{\"model\": \"Member\", \"order\": [[\"first\", \"ASC\"]]}"))))
                        .as("the default scope: active members").containsExactly("Ann", "Bob");
                String admins = "{\"model\": \"Member\", \"scope\": \"admins\", \"order\": [[\"first\", \"ASC\"]]}";
                assertThat(firsts(db.findAll(QuerySpec.parse(JSON_SCOPES, admins)))).as("a named scope replaces the default one")
                        .containsExactly("Ann", "Cy")
                        .isEqualTo(firsts(db.findAll(Query.from(MEMBER).scope("admins").order(MEMBER.first.asc()))));
                assertThat(firsts(db.findAll(QuerySpec.parse(JSON_SCOPES,
                        "{\"model\": \"Member\", \"scope\": [\"defaultScope\", {\"method\": [\"minLevel\", 5]}]}"))))
                        .containsExactly("Ann");
                assertThat(firsts(db.findAll(QuerySpec.parse(JSON_SCOPES, "{\"model\": \"Member\", \"unscoped\": true, \"order\": [[\"first\", \"ASC\"]]}"))))
                        .containsExactly("Ann", "Bob", "Cy");
                Query q = QuerySpec.parse(JSON_SCOPES, admins);
                assertThat(QuerySpec.parse(JSON_SCOPES, QuerySpec.toJson(q))).isEqualTo(q);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an include's \"scope\" replaces its model's default scope, \"unscoped\" drops it, and neither drops the parent")
        void includeScopes(TestDatabase kind) {
            with(kind, "p_include", JSON_SCOPES, (db, statements) -> {
                seed(db);
                String ann = "{\"model\": \"Member\", \"where\": {\"first\": \"Ann\"}, \"include\": [%s]}";
                assertThat(titles(db.findAll(QuerySpec.parse(JSON_SCOPES, String.format(ann, "\"posts\""))).get(0)))
                        .as("Post's default scope").containsExactly("a1");
                assertThat(titles(db.findAll(QuerySpec.parse(JSON_SCOPES, String.format(ann, "{\"association\": \"posts\", \"scope\": \"drafts\"}"))).get(0)))
                        .containsExactly("a2");
                assertThat(titles(db.findAll(QuerySpec.parse(JSON_SCOPES,
                        String.format(ann, "{\"association\": \"posts\", \"unscoped\": true, \"order\": [[\"title\", \"ASC\"]]}"))).get(0)))
                        .containsExactly("a1", "a2");
                List<Entity> everyone = db.findAll(QuerySpec.parse(JSON_SCOPES, "{\"model\": \"Member\", \"order\": [[\"first\", \"ASC\"]], "
                        + "\"include\": [{\"association\": \"posts\", \"scope\": \"drafts\"}]}"));
                assertThat(firsts(everyone)).as("a scope's where filters the children only").containsExactly("Ann", "Bob");
                assertThat(titles(everyone.get(1))).isEmpty();
                assertThat(firsts(db.findAll(QuerySpec.parse(JSON_SCOPES, "{\"model\": \"Member\", "
                        + "\"include\": [{\"association\": \"posts\", \"scope\": \"drafts\", \"required\": true}]}"))))
                        .as("required: members with a draft").containsExactly("Ann");
            });
        }
    }

    @Nested
    @DisplayName("Upsert hooks")
    class UpsertHooks {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("upsert runs beforeUpsert (which may change the values) and afterUpsert with the row as stored, and no create or update hooks")
        void upsertHooks(TestDatabase kind) {
            with(kind, "p_upsert", PLAIN, (base, statements) -> {
                Entity ann = base.create(MEMBER, member("Ann", "user", 3, true));
                List<String> calls = new CopyOnWriteArrayList<>();
                Canopy db = base.withHooks(Hooks.builder()
                        .beforeUpsert(MEMBER, v -> {
                            calls.add("beforeUpsert " + v.attributes().get("first"));
                            return v.and(MEMBER.slug, "slug-" + v.attributes().get("first"));
                        })
                        .afterUpsert(MEMBER, e -> calls.add("afterUpsert " + e.get(MEMBER.slug) + " level " + e.get(MEMBER.level)))
                        .beforeCreate(MEMBER, v -> {
                            calls.add("beforeCreate");
                            return v;
                        })
                        .beforeUpdate(MEMBER, (e, v) -> {
                            calls.add("beforeUpdate");
                            return v;
                        })
                        .build());
                Entity stored = db.upsert(MEMBER, Values.of(MEMBER.id, ann.get(MEMBER.id)).and(MEMBER.first, "Anna").and(MEMBER.level, 4), "id");
                assertThat(stored.get(MEMBER.slug)).isEqualTo("slug-Anna");
                assertThat(calls).containsExactly("beforeUpsert Anna", "afterUpsert slug-Anna level 4");

                IllegalStateException no = new IllegalStateException("no upserts today");
                Canopy refusing = base.withHooks(Hooks.builder().beforeUpsert(MEMBER, v -> {
                    throw no;
                }).build());
                statements.clear();
                assertThat(catchThrowable(() -> refusing.upsert(MEMBER, Values.of(MEMBER.id, ann.get(MEMBER.id)).and(MEMBER.first, "Bo"), "id")))
                        .isSameAs(no);
                assertThat(updates(statements, "insert") + updates(statements, "merge") + updates(statements, "update")).isZero();
                assertThat(base.findByPk(MEMBER, ann.get(MEMBER.id)).get(MEMBER.first)).isEqualTo("Anna");
            });
        }
    }

    @Nested
    @DisplayName("Individual hooks of bulk writes")
    class IndividualHooks {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a bulk update with individualHooks runs beforeUpdate and afterUpdate for each row the where and the default scope match")
        void update(TestDatabase kind) {
            with(kind, "p_upd", SCOPED, (base, statements) -> {
                seed(base);
                List<String> calls = new CopyOnWriteArrayList<>();
                Canopy db = base.withHooks(Hooks.builder()
                        .beforeBulkUpdate(MEMBER, (v, where) -> {
                            calls.add("beforeBulkUpdate");
                            return v;
                        })
                        .beforeUpdate(MEMBER, (e, v) -> {
                            calls.add("beforeUpdate " + e.get(MEMBER.first) + " " + e.get(MEMBER.level));
                            return "Ann".equals(e.get(MEMBER.first)) ? v.and(MEMBER.slug, "ann-slug") : v;
                        })
                        .afterUpdate(MEMBER, e -> calls.add("afterUpdate " + e.get(MEMBER.first) + " " + e.get(MEMBER.level) + " " + e.get(MEMBER.slug)))
                        .afterBulkUpdate(MEMBER, n -> calls.add("afterBulkUpdate " + n))
                        .build());
                statements.clear();
                int n = db.update(MEMBER, Values.of(MEMBER.level, 9), Where.of(MEMBER.level.ge(2)).individualHooks());
                assertThat(n).isEqualTo(2);
                assertThat(calls).as("Cy is outside the default scope").containsExactly("beforeBulkUpdate", "beforeUpdate Ann 5", "beforeUpdate Bob 2",
                        "afterUpdate Ann 9 ann-slug", "afterUpdate Bob 9 null", "afterBulkUpdate 2");
                assertThat(updates(statements, "update")).as("the hooks gave the rows different values: one UPDATE each").isEqualTo(2);
                assertThat(base.findOne(Query.from(MEMBER).unscoped().where(MEMBER.first.eq("Cy"))).get(MEMBER.level)).isEqualTo(8);

                calls.clear();
                statements.clear();
                Canopy plain = base.withHooks(Hooks.builder()
                        .beforeUpdate(MEMBER, (e, v) -> {
                            calls.add("beforeUpdate " + e.get(MEMBER.first));
                            return v;
                        })
                        .afterUpdate(MEMBER, e -> calls.add("afterUpdate " + e.get(MEMBER.level)))
                        .build());
                assertThat(plain.update(MEMBER, Values.of(MEMBER.level, 3), Where.all().individualHooks())).isEqualTo(2);
                assertThat(calls).containsExactly("beforeUpdate Ann", "beforeUpdate Bob", "afterUpdate 3", "afterUpdate 3");
                assertThat(updates(statements, "update")).as("values alike: one UPDATE of every row").isEqualTo(1);
                assertThat(db.update(MEMBER, Values.of(MEMBER.level, 1), Where.of(MEMBER.first.eq("Nobody")).individualHooks())).isZero();
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an exception in one row's before hook cancels the whole write, and what earlier hooks wrote is rolled back")
        void beforeHookCancelsAll(TestDatabase kind) {
            with(kind, "p_cancel", PLAIN, (base, statements) -> {
                seed(base);
                IllegalStateException bobStays = new IllegalStateException("Bob stays");
                Canopy db = base.withHooks(Hooks.builder()
                        .beforeUpdate(MEMBER, (e, v) -> {
                            if ("Bob".equals(e.get(MEMBER.first))) {
                                throw bobStays;
                            }
                            Entity audit = base.create(POST, Values.of(POST.title, "audit " + e.get(MEMBER.first)));   // joins the write's transaction
                            return v;
                        })
                        .beforeDestroy(MEMBER, e -> {
                            if ("Bob".equals(e.get(MEMBER.first))) {
                                throw bobStays;
                            }
                        })
                        .build());
                statements.clear();
                assertThat(catchThrowable(() -> db.update(MEMBER, Values.of(MEMBER.level, 9), Where.all().individualHooks()))).isSameAs(bobStays);
                assertThat(catchThrowable(() -> db.destroy(MEMBER, Where.all().individualHooks()))).isSameAs(bobStays);
                assertThat(statements.stream().filter(s -> s.toLowerCase(Locale.ROOT).contains("members"))
                        .filter(s -> s.strip().toLowerCase(Locale.ROOT).matches("^(update|delete).*"))).isEmpty();
                assertThat(column(db, "select count(*) from " + q(db, "Posts") + " where " + q(db, "title") + " like 'audit%'").get(0).toString())
                        .isEqualTo("0");
                assertThat(column(db, "select " + q(db, "level") + " from " + q(db, "Members") + " order by " + q(db, "id")).stream()
                        .map(String::valueOf).collect(Collectors.toList())).containsExactly("5", "2", "8");
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a bulk destroy with individualHooks runs beforeDestroy and afterDestroy for each row it destroys")
        void destroy(TestDatabase kind) {
            with(kind, "p_destroy", SCOPED, (base, statements) -> {
                seed(base);
                base.destroy(POST, Where.all().unscoped());
                List<String> calls = new CopyOnWriteArrayList<>();
                Canopy db = base.withHooks(Hooks.builder()
                        .beforeBulkDestroy(MEMBER, where -> calls.add("beforeBulkDestroy"))
                        .beforeDestroy(MEMBER, e -> calls.add("beforeDestroy " + e.get(MEMBER.first)))
                        .afterDestroy(MEMBER, e -> calls.add("afterDestroy " + e.get(MEMBER.first)))
                        .afterBulkDestroy(MEMBER, n -> calls.add("afterBulkDestroy " + n))
                        .build());
                assertThat(db.destroy(MEMBER, Where.of(MEMBER.level.lt(9)).individualHooks())).isEqualTo(2);
                assertThat(calls).containsExactly("beforeBulkDestroy", "beforeDestroy Ann", "beforeDestroy Bob", "afterDestroy Ann",
                        "afterDestroy Bob", "afterBulkDestroy 2");
                assertThat(firsts(base.findAll(Query.from(MEMBER).unscoped()))).as("Cy was outside the default scope").containsExactly("Cy");
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("bulkCreate, a bulk update and a bulk destroy with individualHooks over more rows than one statement can bind write each row once and run each hook once")
        void moreRowsThanOneStatementBinds(TestDatabase kind) {
            with(kind, "p_many", PLAIN, (base, statements) -> {
                int count = 66_000;   // past PostgreSQL's and MariaDB's 65,535 binds and SQLite's 32,766
                List<Values> rows = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    rows.add(member("M" + i, "user", 1, true));
                }
                AtomicInteger afterCreate = new AtomicInteger();
                Canopy creating = base.withHooks(Hooks.builder().afterCreate(MEMBER, e -> afterCreate.incrementAndGet()).build());
                assertThat(creating.bulkCreate(MEMBER, rows, BulkOptions.defaults().individualHooks())).isEqualTo(count);
                assertThat(afterCreate).as("afterCreate once per row as stored").hasValue(count);
                AtomicInteger beforeUpdate = new AtomicInteger();
                AtomicInteger afterUpdateAtFour = new AtomicInteger();
                AtomicInteger beforeDestroy = new AtomicInteger();
                AtomicInteger afterDestroy = new AtomicInteger();
                Canopy db = base.withHooks(Hooks.builder()
                        .beforeUpdate(MEMBER, (e, v) -> {
                            beforeUpdate.incrementAndGet();
                            return v;
                        })
                        .afterUpdate(MEMBER, e -> {
                            if (Integer.valueOf(4).equals(e.get(MEMBER.level))) {
                                afterUpdateAtFour.incrementAndGet();
                            }
                        })
                        .beforeDestroy(MEMBER, e -> beforeDestroy.incrementAndGet())
                        .afterDestroy(MEMBER, e -> afterDestroy.incrementAndGet())
                        .build());
                assertThat(db.update(MEMBER, Values.of(MEMBER.level, 4), Where.of(MEMBER.level.eq(1)).individualHooks())).isEqualTo(count);
                assertThat(beforeUpdate).hasValue(count);
                assertThat(afterUpdateAtFour).as("every afterUpdate sees the row as stored").hasValue(count);
                assertThat(db.count(Query.from(MEMBER).where(MEMBER.level.eq(4)))).isEqualTo(count);
                assertThat(db.destroy(MEMBER, Where.of(MEMBER.level.eq(4)).individualHooks())).isEqualTo(count);
                assertThat(beforeDestroy).hasValue(count);
                assertThat(afterDestroy).hasValue(count);
                assertThat(db.count(MEMBER)).isZero();
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("bulkCreate with individualHooks runs beforeCreate for every row (nested too) and afterCreate for every root as stored")
        void bulkCreate(TestDatabase kind) {
            with(kind, "p_bulk", PLAIN, (base, statements) -> {
                List<String> calls = new CopyOnWriteArrayList<>();
                Canopy db = base.withHooks(Hooks.builder()
                        .beforeBulkCreate(MEMBER, rows -> {
                            calls.add("beforeBulkCreate " + rows.size());
                            return rows;
                        })
                        .beforeCreate(MEMBER, v -> {
                            calls.add("beforeCreate " + v.attributes().get("first"));
                            return v.and(MEMBER.slug, String.valueOf(v.attributes().get("first")).toLowerCase(Locale.ROOT));
                        })
                        .beforeCreate(POST, v -> {
                            calls.add("beforeCreate post " + v.attributes().get("title"));
                            return v;
                        })
                        .afterCreate(MEMBER, e -> calls.add("afterCreate " + e.get(MEMBER.slug) + " " + (e.get(MEMBER.id) != null) + " "
                                + e.many("posts").size()))
                        .afterBulkCreate(MEMBER, n -> calls.add("afterBulkCreate " + n))
                        .build());
                List<Values> rows = List.of(member("Di", "user", 1, true),
                        member("Ed", "user", 1, true).with("posts", List.of(Values.of(POST.title, "e1"))));
                assertThat(db.bulkCreate(MEMBER, rows, BulkOptions.defaults().individualHooks())).isEqualTo(2);
                assertThat(calls).containsExactly("beforeBulkCreate 2", "beforeCreate Di", "beforeCreate Ed", "beforeCreate post e1",
                        "afterCreate di true 0", "afterCreate ed true 1", "afterBulkCreate 2");
                assertThat(column(db, "select " + q(db, "slug") + " from " + q(db, "Members") + " order by " + q(db, "id")))
                        .containsExactly("di", "ed");

                calls.clear();
                assertThat(db.bulkCreate(MEMBER, List.of(member("Fay", "user", 1, true)))).isEqualTo(1);
                assertThat(calls).as("without individualHooks, only the bulk hooks").containsExactly("beforeBulkCreate 1", "afterBulkCreate 1");
                assertThat(catchThrowable(() -> db.bulkCreate(MEMBER, rows, BulkOptions.defaults().ignoreDuplicates().individualHooks())))
                        .isInstanceOf(InvalidValuesException.class).hasMessageContaining("individualHooks");
            });
        }
    }

    @Nested
    @DisplayName("A models file's scopes, getters, setters and virtual attributes on a live table")
    class ModelsFileAccessors {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a virtual attribute from a template, a getter and a setter work on every database, and the file's scope applies")
        void accessors(TestDatabase kind) {
            with(kind, "p_file", PLAIN, (base, statements) -> {
                Schema file = ModelsFile.parse("""
                        {"models": {"Member": {"table": "Members", "timestamps": false,
                           "attributes": {"id": {"primaryKey": true, "autoIncrement": true}, "last": {"get": "upper"}, "email": {"set": ["trim", "lower"]},
                                          "fullName": {"type": "virtual", "template": "{first} {last}"}},
                           "scopes": {"admins": {"where": {"role": "admin"}, "order": [["first", "ASC"]]}}}}}
                        """, base.dataSource());
                Canopy db = base.withSchema(file);
                Model member = file.model("Member");
                Entity unused = db.create(member, Values.of("first", "Ann").and("last", "Smith").and("email", " Ann@Example.ORG ").and("role", "admin"));
                unused = db.create(member, Values.of("first", "Bob").and("last", "Jones").and("role", "user"));
                List<Map<String, Object>> admins = db.findAll(QuerySpec.parse(file, "{\"model\": \"Member\", \"scope\": \"admins\"}")).stream()
                        .map(Entity::toMap).collect(Collectors.toList());
                assertThat(admins).hasSize(1);
                assertThat(admins.get(0)).containsEntry("fullName", "Ann SMITH").containsEntry("last", "SMITH").containsEntry("email", "ann@example.org");
                assertThat(column(db, "select " + q(db, "last") + " from " + q(db, "Members") + " order by " + q(db, "id"))).containsExactly("Smith", "Jones");
                assertThat(statements).noneMatch(s -> s.toLowerCase(Locale.ROOT).contains("fullname"));
            });
        }
    }
}
