package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.canopy.Canopy;
import dev.canopy.error.InvalidValuesException;
import dev.canopy.error.QueryException;
import dev.canopy.error.SchemaException;
import dev.canopy.error.ValidationException;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.model.Validator;
import dev.canopy.model.VirtualAttribute;
import dev.canopy.query.Query;
import dev.canopy.result.Entity;
import dev.canopy.sql.StatementEvent;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Sequelize users reach for after include trees and writes (issue 17), on every database: validations, hooks,
 * scopes, getters, setters and virtual attributes.
 */
@DisplayName("Model features: validations, hooks, scopes, getters, setters and virtual attributes")
class ModelFeaturesTest {

    static final class Member extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> first = string("first", 40).validate(Validator.notNull(), Validator.notEmpty());
        final Column<String> last = string("last", 40).getter(s -> s.toUpperCase(Locale.ROOT));
        final Column<String> email = string("email", 80).validate(Validator.isEmail()).setter(s -> s.strip().toLowerCase(Locale.ROOT));
        final Column<Integer> level = integer("level").defaultValue(1).validate(Validator.min(1), Validator.max(10));
        final Column<String> role = string("role", 20).defaultValue("user").validate(Validator.isIn("admin", "user"));
        final Column<String> code = string("code", 20).validate(Validator.matches("[A-Z]{3}-[0-9]+"), Validator.len(5, 12));
        final Column<Boolean> active = bool("active").defaultValue(true);
        final Column<String> slug = string("slug", 80);
        final VirtualAttribute<String> fullName = virtual("fullName", String.class, r -> r.get(first) + " " + r.get(last), first, last);

        Member() {
            super("Member", ModelOptions.defaults().timestamps(false));
            validate("adminsHaveCode", row -> "admin".equals(row.get("role")) && row.get("code") == null ? "an admin needs a code" : null);
        }
    }

    static final class Post extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> title = string("title", 60).validate(Validator.notNull(), Validator.len(1, 50));
        final Column<Boolean> published = bool("published").defaultValue(true);
        final Column<Integer> memberId = integer("memberId");

        Post() { super("Post", ModelOptions.defaults().timestamps(false)); }
    }

    static final Member MEMBER = new Member();
    static final Post POST = new Post();
    static final Association MEMBER_POSTS = Association.hasMany(MEMBER, POST).alias("posts").foreignKey("memberId");
    static final Association POST_MEMBER = Association.belongsTo(POST, MEMBER).alias("member").foreignKey("memberId");

    /** The plain schema: no scopes. */
    static final Schema PLAIN = Schema.builder().associations(MEMBER_POSTS, POST_MEMBER).build();

    /** The same models with Sequelize-style scopes. */
    static final Schema SCOPED = Schema.builder().associations(MEMBER_POSTS, POST_MEMBER)
            .defaultScope(Query.from(MEMBER).where(MEMBER.active.eq(true)))
            .defaultScope(Query.from(POST).where(POST.published.eq(true)))
            .scope("admins", Query.from(MEMBER).where(MEMBER.role.eq("admin")))
            .scope("users", Query.from(MEMBER).where(MEMBER.role.eq("user")))
            .scope(MEMBER, "minLevel", args -> Query.from(MEMBER).where(MEMBER.level.ge((Integer) args.get(0))))
            .scope("withPosts", Query.from(MEMBER).include("posts", p -> p.order(POST.title.desc())))
            .scope("byFirst", Query.from(MEMBER).order(MEMBER.first.asc()).limit(2))
            .build();

    /** A fresh database with the tables, and a Canopy serving {@code schema} that records every statement. */
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

    private static Values member(String first, String last) {
        return Values.of(MEMBER.first, first).and(MEMBER.last, last);
    }

    /** A row count read with plain JDBC, past every scope and hook. */
    private static long rows(Canopy db, String table) {
        return Long.parseLong(String.valueOf(column(db, "select count(*) from " + q(db, table)).get(0)));
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

    private static List<String> failures(Throwable t) {
        assertThat(t).isInstanceOf(ValidationException.class);
        return ((ValidationException) t).failures().stream().map(ValidationException.Failure::toString).collect(Collectors.toList());
    }

    @Nested
    @DisplayName("Validations")
    class Validations {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("every failing validator of a create is reported at once, naming model, attribute and validator, before any SQL")
        void allFailuresAtOnce(TestDatabase kind) {
            with(kind, "v_all", PLAIN, (db, statements) -> {
                statements.clear();
                Throwable t = catchThrowable(() -> db.create(MEMBER, Values.of(MEMBER.first, "").and(MEMBER.email, "not-an-email")
                        .and(MEMBER.level, 11).and(MEMBER.role, "boss").and(MEMBER.code, "x")));
                assertThat(failures(t)).containsExactly(
                        "Member.first notEmpty: cannot be empty",
                        "Member.email isEmail: must be an e-mail address",
                        "Member.level max: must be at most 10",
                        "Member.role isIn: must be one of [admin, user]",
                        "Member.code matches: must match [A-Z]{3}-[0-9]+",
                        "Member.code len: must be between 5 and 12 characters long");
                ValidationException.Failure f = ((ValidationException) t).failures().get(1);
                assertThat(f.model()).isEqualTo("Member");
                assertThat(f.attribute()).isEqualTo("email");
                assertThat(f.validator()).isEqualTo("isEmail");
                assertThat(t.getMessage()).doesNotContain("not-an-email");
                assertThat(statements).isEmpty();
                assertThat(rows(db, "Members")).isZero();

                Throwable missing = catchThrowable(() -> db.create(MEMBER, Values.of(MEMBER.last, "Smith")));
                assertThat(failures(missing)).containsExactly("Member.first notNull: cannot be null");
                assertThat(db.create(MEMBER, member("Ann", "Smith").and(MEMBER.code, "ABC-12")).get(MEMBER.code)).isEqualTo("ABC-12");
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("bulkCreate and nested rows are validated before any SQL: one bad row anywhere writes nothing")
        void bulkAndNested(TestDatabase kind) {
            with(kind, "v_bulk", PLAIN, (db, statements) -> {
                statements.clear();
                Throwable bulk = catchThrowable(() -> db.bulkCreate(MEMBER, List.of(member("Ann", "A"), member("", "B"), member("Cy", "C")
                        .and(MEMBER.level, 0))));
                assertThat(failures(bulk)).containsExactly("Member.first notEmpty: cannot be empty", "Member.level min: must be at least 1");
                Throwable nested = catchThrowable(() -> db.create(MEMBER, member("Ann", "A").with("posts", List.of(
                        Values.of(POST.title, "fine"), Values.of(POST.title, ""), Values.of(POST.published, false)))));
                assertThat(failures(nested)).containsExactly("Post.title len: must be between 1 and 50 characters long",
                        "Post.title notNull: cannot be null");
                assertThat(statements).isEmpty();
                assertThat(rows(db, "Members")).isZero();
                assertThat(rows(db, "Posts")).isZero();
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("update and upsert check the values given; a model validator sees the row; a setter runs before validation")
        void updateUpsertModelAndSetter(TestDatabase kind) {
            with(kind, "v_update", PLAIN, (db, statements) -> {
                Entity ann = db.create(MEMBER, member("Ann", "Smith").and(MEMBER.email, "  Ann@Example.ORG "));
                assertThat(ann.get(MEMBER.email)).isEqualTo("ann@example.org");
                assertThat(column(db, "select " + q(db, "email") + " from " + q(db, "Members"))).containsExactly("ann@example.org");

                statements.clear();
                assertThat(failures(catchThrowable(() -> db.update(MEMBER, Values.of(MEMBER.level, 0).and(MEMBER.first, null),
                        Where.of(MEMBER.id.eq(ann.get(MEMBER.id)))))))
                        .containsExactly("Member.first notNull: cannot be null", "Member.level min: must be at least 1");
                assertThat(failures(catchThrowable(() -> db.update(ann, Values.of(MEMBER.role, "admin")))))
                        .containsExactly("Member adminsHaveCode: an admin needs a code");
                assertThat(failures(catchThrowable(() -> db.upsert(MEMBER, Values.of(MEMBER.id, ann.get(MEMBER.id)).and(MEMBER.first, "A")
                        .and(MEMBER.email, "nope"), "id")))).containsExactly("Member.email isEmail: must be an e-mail address");
                assertThat(statements).isEmpty();
                assertThat(db.update(MEMBER, Values.of(MEMBER.level, 7), Where.of(MEMBER.id.eq(ann.get(MEMBER.id))))).isEqualTo(1);
                assertThat(db.findByPk(MEMBER, ann.get(MEMBER.id)).get(MEMBER.level)).isEqualTo(7);
            });
        }
    }

    record MemberMail(int id, @Nullable String fullName, @Nullable String mail) {}

    record MemberView(int id, @Nullable String fullName, @Nullable String last, @Nullable String email) {}

    @Nested
    @DisplayName("Getters, setters and virtual attributes")
    class Virtuals {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a getter changes the value read, not the value stored, and conditions compare with the stored value")
        void getter(TestDatabase kind) {
            with(kind, "g_getter", PLAIN, (db, statements) -> {
                db.create(MEMBER, member("Ann", "smith"));
                Entity ann = db.findOne(Query.from(MEMBER).where(MEMBER.last.eq("smith")));
                assertThat(ann).isNotNull();
                assertThat(ann.get(MEMBER.last)).isEqualTo("SMITH");
                assertThat(ann.get("last")).isEqualTo("SMITH");
                assertThat(ann.toMap()).containsEntry("last", "SMITH");
                assertThat(column(db, "select " + q(db, "last") + " from " + q(db, "Members"))).containsExactly("smith");
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a virtual attribute is computed from others, never stored or in SQL, and shows in get, records and JSON")
        void virtualAttribute(TestDatabase kind) {
            with(kind, "g_virtual", PLAIN, (db, statements) -> {
                db.create(MEMBER, member("Ann", "smith").and(MEMBER.email, "ann@example.org"));
                statements.clear();
                Entity ann = db.findOne(Query.from(MEMBER));
                assertThat(ann.get(MEMBER.fullName)).isEqualTo("Ann SMITH");
                assertThat(ann.get("fullName")).isEqualTo("Ann SMITH");
                assertThat(ann.toJson()).contains("\"fullName\":\"Ann SMITH\"");
                assertThat(statements).hasSize(1).noneMatch(s -> s.toLowerCase(Locale.ROOT).contains("fullname"));
                assertThat(db.findAll(Query.from(MEMBER), MemberView.class))
                        .containsExactly(new MemberView(ann.get(MEMBER.id), "Ann SMITH", "SMITH", "ann@example.org"));
                assertThat(db.schemaApi().describeTable("Members").toString()).doesNotContainIgnoringCase("fullName");

                Entity partial = db.findOne(Query.from(MEMBER).attributes(MEMBER.email));
                assertThat(partial.toMap()).doesNotContainKey("fullName");
                assertThatThrownBy(() -> partial.get(MEMBER.fullName)).isInstanceOf(QueryException.class).hasMessageContaining("first");
                assertThatThrownBy(() -> db.create(MEMBER, member("B", "C").and("fullName", "B C")))
                        .isInstanceOf(InvalidValuesException.class).hasMessageContaining("virtual");
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("a virtual attribute and a computed attribute of one query both show in get, records and JSON")
        void virtualBesideComputed(TestDatabase kind) {
            with(kind, "g_virtual_computed", PLAIN, (db, statements) -> {
                db.create(MEMBER, member("Ann", "smith").and(MEMBER.email, "Ann@Example.org"));
                Query q = Query.from(MEMBER).addAttributes(dev.canopy.query.Expr.lower(MEMBER.email).alias("mail"));
                Entity ann = db.findOne(q);
                assertThat(ann.get("fullName")).isEqualTo("Ann SMITH");
                assertThat(ann.get("mail")).isEqualTo("ann@example.org");
                assertThat(ann.get("last")).isEqualTo("SMITH");
                assertThat(ann.toMap()).containsEntry("fullName", "Ann SMITH").containsEntry("mail", "ann@example.org");
                assertThat(ann.toJson()).contains("\"fullName\":\"Ann SMITH\"").contains("\"mail\":\"ann@example.org\"");
                assertThat(db.findAll(q, MemberMail.class)).containsExactly(new MemberMail(ann.get(MEMBER.id), "Ann SMITH", "ann@example.org"));
            });
        }
    }

    @Nested
    @DisplayName("Hooks")
    class HooksOnEveryDatabase {
        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("hooks run in order; a before hook changes what is written, and what it sets is validated")
        void orderAndChanges(TestDatabase kind) {
            with(kind, "h_order", PLAIN, (base, statements) -> {
                List<String> calls = new CopyOnWriteArrayList<>();
                Canopy db = base.withHooks(Hooks.builder()
                        .beforeCreate(MEMBER, v -> {
                            calls.add("beforeCreate 1");
                            return v.and(MEMBER.slug, String.valueOf(v.attributes().get("first")).toLowerCase(Locale.ROOT));
                        })
                        .beforeCreate(MEMBER, v -> {
                            calls.add("beforeCreate 2 sees slug " + v.attributes().get("slug"));
                            return v;
                        })
                        .beforeCreate(POST, v -> {
                            calls.add("beforeCreate post");
                            return v;
                        })
                        .afterCreate(MEMBER, e -> calls.add("afterCreate " + e.get(MEMBER.slug) + " with " + e.many("posts").size() + " post"))
                        .beforeFind(MEMBER, query -> {
                            calls.add("beforeFind");
                            return query.where(MEMBER.level.lt(5));
                        })
                        .afterFind(MEMBER, found -> calls.add("afterFind " + found.size()))
                        .beforeUpdate(MEMBER, (entity, v) -> {
                            calls.add("beforeUpdate " + entity.get(MEMBER.level));
                            return v.and(MEMBER.level, 4);
                        })
                        .afterUpdate(MEMBER, e -> calls.add("afterUpdate " + e.get(MEMBER.level)))
                        .beforeBulkUpdate(MEMBER, (v, where) -> {
                            calls.add("beforeBulkUpdate");
                            return v;
                        })
                        .afterBulkUpdate(MEMBER, n -> calls.add("afterBulkUpdate " + n))
                        .beforeDestroy(MEMBER, e -> calls.add("beforeDestroy " + e.get(MEMBER.first)))
                        .afterDestroy(MEMBER, e -> calls.add("afterDestroy"))
                        .beforeBulkDestroy(MEMBER, where -> calls.add("beforeBulkDestroy"))
                        .afterBulkDestroy(MEMBER, n -> calls.add("afterBulkDestroy " + n))
                        .beforeBulkCreate(MEMBER, rows -> {
                            calls.add("beforeBulkCreate " + rows.size());
                            return rows.subList(0, 1);
                        })
                        .afterBulkCreate(MEMBER, n -> calls.add("afterBulkCreate " + n))
                        .build());

                Entity ann = db.create(MEMBER, member("Ann", "A").with("posts", List.of(Values.of(POST.title, "hello"))));
                assertThat(ann.get(MEMBER.slug)).isEqualTo("ann");
                assertThat(db.findAll(Query.from(MEMBER))).hasSize(1);
                Entity updated = db.update(ann, Values.of(MEMBER.first, "Anna"));
                assertThat(updated.get(MEMBER.level)).isEqualTo(4);
                assertThat(db.update(MEMBER, Values.of(MEMBER.level, 9), Where.all())).isEqualTo(1);
                assertThat(db.findAll(Query.from(MEMBER))).isEmpty();           // the beforeFind hook's where: level < 5
                assertThat(db.bulkCreate(MEMBER, List.of(member("Bo", "B"), member("Cy", "C")))).isEqualTo(1);
                assertThat(db.destroy(updated)).isTrue();
                assertThat(db.destroy(MEMBER, Where.all())).isEqualTo(1);
                assertThat(calls).containsExactly("beforeCreate 1", "beforeCreate 2 sees slug ann", "beforeCreate post",
                        "afterCreate ann with 1 post", "beforeFind", "afterFind 1", "beforeUpdate 1", "afterUpdate 4",
                        "beforeBulkUpdate", "afterBulkUpdate 1", "beforeFind", "afterFind 0", "beforeBulkCreate 2", "afterBulkCreate 1",
                        "beforeDestroy Anna", "afterDestroy", "beforeBulkDestroy", "afterBulkDestroy 1");
                assertThat(rows(db, "Members")).isZero();

                Canopy badSlug = base.withHooks(Hooks.builder().beforeCreate(MEMBER, v -> v.and(MEMBER.email, "no at sign")).build());
                assertThat(failures(catchThrowable(() -> badSlug.create(MEMBER, member("Di", "D")))))
                        .containsExactly("Member.email isEmail: must be an e-mail address");
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("an exception in a before hook cancels the write: nothing is written and the exception arrives unchanged")
        void beforeHookCancels(TestDatabase kind) {
            with(kind, "h_cancel", PLAIN, (base, statements) -> {
                IllegalStateException sunday = new IllegalStateException("no posts on Sunday");
                Canopy db = base.withHooks(Hooks.builder()
                        .beforeCreate(POST, v -> {
                            if ("Sunday".equals(v.attributes().get("title"))) {
                                throw sunday;
                            }
                            return v;
                        })
                        .beforeBulkDestroy(MEMBER, where -> {
                            throw new UnsupportedOperationException("members are never deleted");
                        })
                        .build());
                statements.clear();
                Throwable t = catchThrowable(() -> db.create(MEMBER, member("Ann", "A").with("posts",
                        List.of(Values.of(POST.title, "Monday"), Values.of(POST.title, "Sunday")))));
                assertThat(t).isSameAs(sunday);
                assertThat(statements.stream().filter(s -> s.toLowerCase(Locale.ROOT).startsWith("insert"))).isEmpty();
                assertThat(rows(db, "Members")).isZero();
                assertThat(rows(db, "Posts")).isZero();

                db.create(MEMBER, member("Ann", "A"));
                assertThatThrownBy(() -> db.destroy(MEMBER, Where.all())).isInstanceOf(UnsupportedOperationException.class)
                        .hasMessage("members are never deleted");
                assertThat(rows(db, "Members")).isEqualTo(1);
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("hooks run inside the write's transaction: a hook's own write sees the row and is rolled back with it")
        void hooksJoinTheTransaction(TestDatabase kind) {
            with(kind, "h_tx", PLAIN, (base, statements) -> {
                AtomicReference<Canopy> self = new AtomicReference<>();
                List<String> seen = new CopyOnWriteArrayList<>();
                Canopy db = base.withHooks(Hooks.builder().afterCreate(MEMBER, m -> {
                    // reads through the same Canopy: sees the member its transaction has not committed yet
                    seen.add(String.valueOf(self.get().findByPk(MEMBER, m.get(MEMBER.id)).get(MEMBER.first)));
                    self.get().create(POST, Values.of(POST.title, "welcome").and(POST.memberId, m.get(MEMBER.id)));
                }).build());
                self.set(db);

                Entity ann = db.create(MEMBER, member("Ann", "A"));
                assertThat(seen).containsExactly("Ann");
                assertThat(column(db, "select " + q(db, "memberId") + " from " + q(db, "Posts"))).hasSize(1)
                        .allMatch(id -> ((Number) id).intValue() == ann.get(MEMBER.id));

                assertThatThrownBy(() -> db.transaction(() -> {
                    db.create(MEMBER, member("Bob", "B"));
                    throw new IllegalStateException("changed my mind");
                })).hasMessage("changed my mind");
                assertThat(seen).containsExactly("Ann", "Bob");
                assertThat(rows(db, "Members")).isEqualTo(1);
                assertThat(rows(db, "Posts")).isEqualTo(1);
            });
        }
    }

    @Nested
    @DisplayName("Scopes")
    class Scopes {
        /** Ann (active admin, level 8, posts: "b" published, "a" not), Bob (inactive admin, 9), Cy (active user, 3), Di (active user, 6). */
        private void seed(Canopy db) {
            db.create(MEMBER, member("Ann", "A").and(MEMBER.role, "admin").and(MEMBER.code, "ADM-1").and(MEMBER.level, 8)
                    .with("posts", List.of(Values.of(POST.title, "b"), Values.of(POST.title, "a").and(POST.published, false))));
            db.create(MEMBER, member("Bob", "B").and(MEMBER.role, "admin").and(MEMBER.code, "ADM-2").and(MEMBER.level, 9)
                    .and(MEMBER.active, false).with("posts", List.of(Values.of(POST.title, "c"))));
            db.create(MEMBER, member("Cy", "C").and(MEMBER.level, 3));
            db.create(MEMBER, member("Di", "D").and(MEMBER.level, 6));
        }

        private List<String> firsts(List<Entity> found) {
            return found.stream().map(e -> e.get(MEMBER.first)).collect(Collectors.toList());
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("the default scope filters every read, count and include; unscoped() lifts it; it never drops a parent")
        void defaultScope(TestDatabase kind) {
            with(kind, "s_default", SCOPED, (db, statements) -> {
                seed(db);
                Query byFirst = Query.from(MEMBER).order(MEMBER.first.asc());
                assertThat(firsts(db.findAll(byFirst))).containsExactly("Ann", "Cy", "Di");
                assertThat(db.count(Query.from(MEMBER))).isEqualTo(3);
                assertThat(db.count(Query.from(MEMBER).unscoped())).isEqualTo(4);
                assertThat(firsts(db.findAll(byFirst.unscoped()))).containsExactly("Ann", "Bob", "Cy", "Di");
                Entity bob = db.findOne(Query.from(MEMBER).unscoped().where(MEMBER.first.eq("Bob")));
                assertThat(db.findByPk(MEMBER, bob.get(MEMBER.id))).isNull();

                List<Entity> withPosts = db.findAll(byFirst.include(MEMBER_POSTS, p -> p.order(POST.title.asc())));
                assertThat(firsts(withPosts)).containsExactly("Ann", "Cy", "Di");          // Cy and Di have no posts: still there
                assertThat(withPosts.get(0).many("posts")).extracting(p -> p.get(POST.title)).containsExactly("b");
                List<Entity> allPosts = db.findAll(byFirst.include(MEMBER_POSTS, p -> p.unscoped().order(POST.title.asc())));
                assertThat(allPosts.get(0).many("posts")).extracting(p -> p.get(POST.title)).containsExactly("a", "b");

                List<Entity> posts = db.findAll(Query.from(POST).include(POST_MEMBER).order(POST.title.asc()));
                assertThat(posts).extracting(p -> p.get(POST.title)).containsExactly("b", "c");
                assertThat(posts.get(1).one("member")).isNull();                           // Bob is inactive: out of the include
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("named scopes replace the default one, merge wheres with AND and includes by alias; later order and limit win")
        void namedScopes(TestDatabase kind) {
            with(kind, "s_named", SCOPED, (db, statements) -> {
                seed(db);
                Query byFirst = Query.from(MEMBER).order(MEMBER.first.asc());
                assertThat(firsts(db.findAll(byFirst.scope("admins")))).containsExactly("Ann", "Bob");
                assertThat(firsts(db.findAll(byFirst.scope("defaultScope").scope("admins")))).containsExactly("Ann");
                assertThat(firsts(db.findAll(byFirst.scope("minLevel", 6)))).containsExactly("Ann", "Bob", "Di");
                assertThat(firsts(db.findAll(byFirst.scope("admins").scope("minLevel", 9)))).containsExactly("Bob");
                // the same attribute in two scopes: AND (Sequelize before whereMergeStrategy 'and' kept only the last)
                assertThat(db.findAll(byFirst.scope("admins").scope("users"))).isEmpty();
                assertThat(firsts(db.findAll(byFirst.scope("users").where(MEMBER.level.gt(4))))).containsExactly("Di");

                // the scope's include and the query's include of the same alias are one include: both wheres, the scope's order
                List<Entity> merged = db.findAll(byFirst.scope("defaultScope").scope("withPosts")
                        .include("posts", p -> p.unscoped().where(POST.title.ne("zzz"))));
                assertThat(firsts(merged)).containsExactly("Ann");                       // an include with a where is required
                assertThat(merged.get(0).many("posts")).extracting(p -> p.get(POST.title)).containsExactly("b", "a");
                List<Entity> everyone = db.findAll(Query.from(MEMBER).scope("withPosts").order(MEMBER.first.asc()));
                assertThat(firsts(everyone)).containsExactly("Ann", "Bob", "Cy", "Di");
                assertThat(everyone.get(1).many("posts")).extracting(p -> p.get(POST.title)).containsExactly("c");

                assertThat(firsts(db.findAll(Query.from(MEMBER).scope("byFirst")))).containsExactly("Ann", "Bob");
                assertThat(firsts(db.findAll(Query.from(MEMBER).scope("byFirst").order(MEMBER.first.desc()).limit(3))))
                        .containsExactly("Di", "Cy", "Bob");
                assertThat(db.count(Query.from(MEMBER).scope("admins"))).isEqualTo(2);

                assertThatThrownBy(() -> db.findAll(Query.from(MEMBER).scope("admin"))).isInstanceOf(QueryException.class)
                        .hasMessageContaining("'admin' is not a scope of Member").hasMessageContaining("admins, users, minLevel");
            });
        }

        @ParameterizedTest
        @MethodSource("dev.canopy.conformance.TestDatabase#all")
        @DisplayName("bulk update and destroy apply the default scope's where; Where.unscoped() lifts it; writes read back unscoped")
        void writesAndScopes(TestDatabase kind) {
            with(kind, "s_writes", SCOPED, (db, statements) -> {
                seed(db);
                assertThat(db.update(MEMBER, Values.of(MEMBER.slug, "x"), Where.all())).isEqualTo(3);
                assertThat(db.update(MEMBER, Values.of(MEMBER.slug, "y"), Where.all().unscoped())).isEqualTo(4);
                assertThat(db.destroy(MEMBER, Where.of(MEMBER.role.eq("admin")))).isEqualTo(1);
                assertThat(rows(db, "Members")).isEqualTo(3);
                Entity hidden = db.create(MEMBER, member("Eve", "E").and(MEMBER.active, false));   // out of the default scope
                assertThat(hidden.get(MEMBER.first)).isEqualTo("Eve");
                assertThat(db.destroy(MEMBER, Where.of(MEMBER.first.eq("Eve")).unscoped())).isEqualTo(1);
            });
        }
    }

    @Test
    @DisplayName("a scope whose include names no association fails when the schema is built, naming the scope")
    void badScopeFailsAtBuild() {
        assertThatThrownBy(() -> Schema.builder().associations(MEMBER_POSTS, POST_MEMBER)
                .scope("broken", Query.from(MEMBER).include("comments")).build())
                .isInstanceOf(SchemaException.class).hasMessageContaining("scope broken of Member").hasMessageContaining("posts");
    }
}
