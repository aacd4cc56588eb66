package dev.canopy.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.canopy.Canopy;
import dev.canopy.error.InvalidValuesException;
import dev.canopy.error.NotNullConstraintException;
import dev.canopy.error.StaleRowException;
import dev.canopy.error.UniqueConstraintException;
import dev.canopy.error.UnscopedWriteException;
import dev.canopy.sql.StatementEvent;
import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import dev.canopy.write.BulkOptions;
import dev.canopy.write.FoundOrCreated;
import dev.canopy.write.Values;
import dev.canopy.write.Where;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Writes on every database: create, nested create, bulk, update, destroy, upsert, transactions. */
@DisplayName("Writes")
class WritesTest {

    static final class Publisher extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> name = string("name", 60).notNull();

        Publisher() { super("Publisher", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Author extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> name = string("name", 60).notNull();
        final Column<String> email = string("email", 60).unique();
        final Column<Integer> rank = integer("rank").defaultValue(5);

        Author() { super("Author", ModelOptions.defaults()); }
    }

    static final class Book extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> title = string("title", 60).notNull();
        final Column<Integer> authorId = integer("authorId");

        Book() { super("Book", ModelOptions.defaults().underscored().timestamps(false)); }
    }

    static final class Chapter extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> heading = string("heading", 60).notNull();
        final Column<Integer> bookRef = integer("bookRef");

        Chapter() { super("Chapter", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Tag extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> label = string("label", 30).notNull();

        Tag() { super("Tag", ModelOptions.defaults().timestamps(false)); }
    }

    static final class AuthorTag extends Model {
        final Column<Integer> authorId = integer("authorId").primaryKey();
        final Column<Integer> tagId = integer("tagId").primaryKey();

        AuthorTag() { super("AuthorTag", ModelOptions.defaults().timestamps(false)); }
    }

    static final class Profile extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> bio = string("bio", 60);
        final Column<Integer> authorId = integer("authorId");

        Profile() { super("Profile", ModelOptions.defaults().timestamps(false)); }
    }

    /** A model without a primary key: created rows are read back by the values written. */
    static final class Note extends Model {
        final Column<String> text = string("text", 60);
        final Column<Integer> stars = integer("stars");

        Note() { super("Note", ModelOptions.defaults().timestamps(false)); }
    }

    static final Note NOTE = new Note();
    static final Publisher PUBLISHER = new Publisher();
    static final Author AUTHOR = new Author();
    static final Book BOOK = new Book();
    static final Chapter CHAPTER = new Chapter();
    static final Tag TAG = new Tag();
    static final AuthorTag AUTHOR_TAG = new AuthorTag();
    static final Profile PROFILE = new Profile();

    static final Schema LIBRARY = Schema.builder().model(NOTE).associations(
            Association.hasMany(AUTHOR, BOOK).alias("books").foreignKey("authorId"),
            Association.belongsTo(BOOK, AUTHOR).alias("author").foreignKey("authorId"),
            Association.hasMany(BOOK, CHAPTER).alias("chapters").foreignKey("bookRef"),
            Association.belongsToMany(AUTHOR, TAG, AUTHOR_TAG).alias("tags").foreignKey("authorId").otherKey("tagId"),
            Association.hasOne(AUTHOR, PROFILE).alias("profile").foreignKey("authorId"),
            Association.belongsTo(AUTHOR, PUBLISHER).alias("publisher").foreignKey("publisherId")).build();

    /** A fresh database with the library schema, and a Canopy on it that records every statement. */
    private static void withLibrary(TestDatabase kind, String label, java.util.function.BiConsumer<Canopy, List<String>> body) {
        try (TestDatabase.Handle h = kind.open(label)) {
            h.db.sync(LIBRARY);
            List<String> statements = new CopyOnWriteArrayList<>();
            Canopy.Builder b = Canopy.builder(h.url).schema(LIBRARY).onStatement((StatementEvent e) -> statements.add(e.sql()));
            if (h.user != null) {
                b = b.user(h.user).password(h.password);
            }
            try (Canopy db = b.build()) {
                body.accept(db, statements);
            }
        }
    }

    private static long count(Canopy db, Model m) {
        return db.count(Query.from(m).paranoid(false));
    }

    private static Map<String, Long> insertsPerTable(List<String> statements) {
        return statements.stream().filter(s -> s.toLowerCase(Locale.ROOT).startsWith("insert"))
                .collect(Collectors.groupingBy(s -> s.split("\\s+")[2].replaceAll("[\"`\\[\\]]", ""), java.util.LinkedHashMap::new,
                        Collectors.counting()));
    }

    // ---- create --------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("create returns the stored row with its generated key, defaults and timestamps")
    void createReturnsStoredRow(TestDatabase kind) {
        withLibrary(kind, "w_create", (db, statements) -> {
            LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).minusSeconds(2);
            Entity ann = db.create(AUTHOR, Values.of(AUTHOR.name, "Ann").and(AUTHOR.email, "ann@example.org"));
            Entity bob = db.create(AUTHOR, Values.of(Map.of("name", "Bob")));

            assertThat(ann.get(AUTHOR.id)).isNotNull();
            assertThat(bob.get(AUTHOR.id)).isNotEqualTo(ann.get(AUTHOR.id));
            assertThat(ann.get(AUTHOR.rank)).isEqualTo(5);
            assertThat(ann.get(AUTHOR.name)).isEqualTo("Ann");
            LocalDateTime created = (LocalDateTime) ann.get("createdAt");
            assertThat(created).isAfter(before).isBefore(LocalDateTime.now(ZoneOffset.UTC).plusSeconds(2));
            assertThat(ann.get("updatedAt")).isEqualTo(created);
            assertThat(db.findByPk(AUTHOR, ann.get(AUTHOR.id)).get(AUTHOR.name)).isEqualTo("Ann");

            Entity note = db.create(NOTE, Values.of(NOTE.text, "keyless").and(NOTE.stars, 3));
            assertThat(note.get(NOTE.stars)).isEqualTo(3);
        });
    }

    record AuthorView(int id, String name, List<BookView> books) {}
    record BookView(int id, String title) {}

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("create into a record returns the created graph as that record")
    void createIntoRecord(TestDatabase kind) {
        withLibrary(kind, "w_record", (db, statements) -> {
            AuthorView a = db.create(AUTHOR, Values.of(AUTHOR.name, "Ann").with("books", List.of(Values.of(BOOK.title, "One"))),
                    AuthorView.class);
            assertThat(a.name()).isEqualTo("Ann");
            assertThat(a.books()).extracting(BookView::title).containsExactly("One");
            assertThat(a.books().get(0).id()).isPositive();
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("unknown attributes, unknown aliases and wrong types fail before any SQL, naming what exists")
    void badValuesFailBeforeSql(TestDatabase kind) {
        withLibrary(kind, "w_bad", (db, statements) -> {
            statements.clear();
            assertThatThrownBy(() -> db.create(AUTHOR, Values.of("nmae", "Ann")))
                    .isInstanceOf(InvalidValuesException.class).hasMessageContaining("'nmae'").hasMessageContaining("name, email");
            assertThatThrownBy(() -> db.create(AUTHOR, Values.of(AUTHOR.name, "Ann").with("bookz", List.of())))
                    .isInstanceOf(InvalidValuesException.class).hasMessageContaining("'bookz'").hasMessageContaining("books, tags");
            assertThatThrownBy(() -> db.create(AUTHOR, Values.of("rank", "high")))
                    .isInstanceOf(InvalidValuesException.class).hasMessageContaining("Author.rank is INTEGER").hasMessageNotContaining("high");
            assertThatThrownBy(() -> db.create(AUTHOR, Values.of(BOOK.title, "x")))
                    .isInstanceOf(InvalidValuesException.class).hasMessageContaining("Book.title is a column of Book");
            assertThat(statements).noneMatch(s -> s.toLowerCase(Locale.ROOT).startsWith("insert"));
            assertThat(count(db, AUTHOR)).isZero();
        });
    }

    // ---- nested create ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a three-level nested create with belongsTo, hasOne, hasMany and belongsToMany (one linked) is one INSERT per table")
    void nestedCreateOneInsertPerTable(TestDatabase kind) {
        withLibrary(kind, "w_nested", (db, statements) -> {
            Entity existing = db.create(TAG, Values.of(TAG.label, "classic"));
            statements.clear();

            Entity ann = db.create(AUTHOR, Values.of(AUTHOR.name, "Ann")
                    .with("publisher", Values.of(PUBLISHER.name, "Tor"))
                    .with("profile", Values.of(PROFILE.bio, "writes"))
                    .with("books", List.of(
                            Values.of(BOOK.title, "One").with("chapters", List.of(Values.of(CHAPTER.heading, "1.1"), Values.of(CHAPTER.heading, "1.2"))),
                            Values.of(BOOK.title, "Two").with("chapters", List.of(Values.of(CHAPTER.heading, "2.1"))),
                            Values.of(BOOK.title, "Three")))
                    .with("tags", List.of(Values.of(TAG.label, "new"), Values.of(TAG.id, existing.get(TAG.id)))));

            assertThat(insertsPerTable(statements)).containsOnly(Map.entry("Publishers", 1L), Map.entry("Authors", 1L),
                    Map.entry("Profiles", 1L), Map.entry("books", 1L), Map.entry("Chapters", 1L), Map.entry("Tags", 1L),
                    Map.entry("AuthorTags", 1L));

            assertThat(ann.one("publisher").get(PUBLISHER.name)).isEqualTo("Tor");
            assertThat(ann.get("publisherId")).isEqualTo(ann.one("publisher").get(PUBLISHER.id));
            assertThat(ann.one("profile").get(PROFILE.authorId)).isEqualTo(ann.get(AUTHOR.id));
            assertThat(ann.many("books")).extracting(b -> b.get(BOOK.title)).containsExactlyInAnyOrder("One", "Two", "Three");
            Entity one = ann.many("books").stream().filter(b -> b.get(BOOK.title).equals("One")).findFirst().orElseThrow();
            assertThat(one.many("chapters")).extracting(c -> c.get(CHAPTER.heading)).containsExactlyInAnyOrder("1.1", "1.2");
            assertThat(ann.many("tags")).extracting(t -> t.get(TAG.label)).containsExactlyInAnyOrder("new", "classic");
            assertThat(count(db, TAG)).isEqualTo(2);

            Entity read = db.findByPk(Query.from(AUTHOR).include("books", b -> b.include("chapters")).include("tags")
                    .include("publisher").include("profile"), ann.get(AUTHOR.id));
            assertThat(read.toMap().keySet()).isEqualTo(ann.toMap().keySet());
            assertThat(read.many("books")).hasSize(3);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a nested create that fails on its last child leaves no row in any table")
    void nestedCreateFailureLeavesNothing(TestDatabase kind) {
        withLibrary(kind, "w_atomic", (db, statements) -> {
            Values broken = Values.of(AUTHOR.name, "Ann")
                    .with("publisher", Values.of(PUBLISHER.name, "Tor"))
                    .with("books", List.of(Values.of(BOOK.title, "One")
                            .with("chapters", List.of(Values.of(CHAPTER.heading, "ok"), Values.of(CHAPTER.heading, null)))));
            assertThatThrownBy(() -> db.create(AUTHOR, broken)).isInstanceOf(NotNullConstraintException.class);
            for (Model m : List.of(PUBLISHER, AUTHOR, BOOK, CHAPTER, TAG, AUTHOR_TAG, PROFILE)) {
                assertThat(count(db, m)).as(m.name()).isZero();
            }
        });
    }

    // ---- transactions ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a nested transaction that throws is rolled back to its savepoint; the outer work is committed")
    void savepointRollbackKeepsOuterWork(TestDatabase kind) {
        withLibrary(kind, "w_savepoint", (db, statements) -> {
            db.transaction(() -> {
                db.create(TAG, Values.of(TAG.label, "outer"));
                try {
                    db.transaction(() -> {
                        db.create(TAG, Values.of(TAG.label, "inner"));
                        throw new IllegalStateException("inner fails");
                    });
                } catch (IllegalStateException expected) {
                    // the outer code carries on
                }
                db.create(TAG, Values.of(TAG.label, "after"));
                return null;
            });
            assertThat(db.findAll(TAG)).extracting(t -> t.get(TAG.label)).containsExactlyInAnyOrder("outer", "after");

            assertThatThrownBy(() -> db.transaction(() -> {
                db.create(TAG, Values.of(TAG.label, "lost"));
                throw new IllegalStateException("outer fails");
            })).hasMessage("outer fails");
            assertThat(count(db, TAG)).isEqualTo(2);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("reads inside a transaction see its uncommitted writes; an isolation level can be asked for")
    void readsJoinTheTransaction(TestDatabase kind) {
        withLibrary(kind, "w_join", (db, statements) -> {
            long seen = db.transaction(dev.canopy.TransactionOptions.isolation(dev.canopy.TransactionOptions.Isolation.SERIALIZABLE), () -> {
                db.create(TAG, Values.of(TAG.label, "a"));
                return db.count(TAG);
            });
            assertThat(seen).isEqualTo(1);
        });
    }

    // ---- update, destroy, paranoid, timestamps, versions ----------------------------------------------------------

    static final class Shelf extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> name = string("name", 40).notNull();
        final Column<Integer> stock = integer("stock").defaultValue(0);

        Shelf() { super("Shelf", ModelOptions.defaults().paranoid().version("version")); }
    }

    static final class Item extends Model {
        final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        final Column<String> label = string("label", 40).notNull().unique();
        final Column<Integer> shelfId = integer("shelfId");
        final Column<Integer> qty = integer("qty");

        Item() { super("Item", ModelOptions.defaults().paranoid().underscored()); }
    }

    static final Shelf SHELF = new Shelf();
    static final Item ITEM = new Item();
    static final Schema STORE = Schema.of(Association.hasMany(SHELF, ITEM).alias("items").foreignKey("shelfId"));

    private static void withStore(TestDatabase kind, String label, java.util.function.BiConsumer<Canopy, List<String>> body) {
        try (TestDatabase.Handle h = kind.open(label)) {
            h.db.sync(STORE);
            List<String> statements = new CopyOnWriteArrayList<>();
            Canopy.Builder b = Canopy.builder(h.url).schema(STORE).poolSize(4).onStatement((StatementEvent e) -> statements.add(e.sql()));
            if (h.user != null) {
                b = b.user(h.user).password(h.password);
            }
            try (Canopy db = b.build()) {
                body.accept(db, statements);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("update and destroy without a where are refused; Where.all() touches every row")
    void unscopedWritesRefused(TestDatabase kind) {
        withStore(kind, "w_unscoped", (db, statements) -> {
            db.bulkCreate(ITEM, List.of(Values.of(ITEM.label, "a"), Values.of(ITEM.label, "b")));
            statements.clear();
            assertThatThrownBy(() -> db.update(ITEM, Values.of(ITEM.qty, 1), (Where) null)).isInstanceOf(UnscopedWriteException.class)
                    .hasMessageContaining("Where.all()");
            assertThatThrownBy(() -> db.destroy(ITEM, (Where) null)).isInstanceOf(UnscopedWriteException.class);
            assertThat(statements).isEmpty();
            assertThat(db.update(ITEM, Values.of(ITEM.qty, 7), Where.all())).isEqualTo(2);
            assertThat(db.findAll(ITEM)).extracting(i -> i.get(ITEM.qty)).containsOnly(7);
            assertThat(db.destroy(ITEM, Where.all().force())).isEqualTo(2);
            assertThat(count(db, ITEM)).isZero();
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("update sets updatedAt and leaves createdAt; returns the rows changed")
    void updateStampsUpdatedAt(TestDatabase kind) {
        withStore(kind, "w_update", (db, statements) -> {
            Entity a = db.create(ITEM, Values.of(ITEM.label, "a").and(ITEM.qty, 1)
                    .and("createdAt", LocalDateTime.of(2020, 1, 1, 0, 0)).and("updatedAt", LocalDateTime.of(2020, 1, 1, 0, 0)));
            db.create(ITEM, Values.of(ITEM.label, "b").and(ITEM.qty, 1));
            int n = db.update(ITEM, Values.of(ITEM.qty, 3), ITEM.label.eq("a"));
            assertThat(n).isEqualTo(1);
            Entity after = db.findByPk(ITEM, a.get(ITEM.id));
            assertThat(after.get(ITEM.qty)).isEqualTo(3);
            assertThat(after.get("createdAt")).isEqualTo(LocalDateTime.of(2020, 1, 1, 0, 0));
            assertThat((LocalDateTime) after.get("updatedAt")).isAfter(LocalDateTime.of(2025, 1, 1, 0, 0));
            assertThat(db.increment(ITEM, ITEM.qty, 5, Where.of(ITEM.label.eq("a")))).isEqualTo(1);
            assertThat(db.decrement(ITEM, ITEM.qty, 2, Where.of(ITEM.label.eq("a")))).isEqualTo(1);
            assertThat(db.findByPk(ITEM, a.get(ITEM.id)).get(ITEM.qty)).isEqualTo(6);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("updateReturning gives back exactly the rows it changed, as stored, even when it changes the column its where names")
    void updateReturningGivesTheRowsChanged(TestDatabase kind) {
        withStore(kind, "w_update_ret", (db, statements) -> {
            db.create(ITEM, Values.of(ITEM.label, "a").and(ITEM.qty, 1));
            db.create(ITEM, Values.of(ITEM.label, "b").and(ITEM.qty, 1));
            db.create(ITEM, Values.of(ITEM.label, "c").and(ITEM.qty, 2));

            List<Entity> changed = db.updateReturning(ITEM, Values.of(ITEM.qty, 7), ITEM.qty.eq(1));

            assertThat(changed).extracting(e -> e.get(ITEM.label)).containsExactly("a", "b");
            assertThat(changed).allSatisfy(e -> assertThat(e.get(ITEM.qty)).isEqualTo(7));
            assertThat(changed).allSatisfy(e -> assertThat(e.get("updatedAt")).isNotNull());
            assertThat(db.findAll(Query.from(ITEM).where(ITEM.qty.eq(7)))).hasSize(2);
            assertThat(db.updateReturning(ITEM, Values.of(ITEM.qty, 9), ITEM.label.eq("nobody"))).isEmpty();
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("paranoid: destroy sets deletedAt, reads and optional includes leave the row out, restore brings it back, force deletes")
    void paranoidDestroyRestoreForce(TestDatabase kind) {
        withStore(kind, "w_paranoid", (db, statements) -> {
            Entity top = db.create(SHELF, Values.of(SHELF.name, "top").with("items",
                    List.of(Values.of(ITEM.label, "a"), Values.of(ITEM.label, "b"))));
            db.create(SHELF, Values.of(SHELF.name, "empty"));
            Integer topId = top.get(SHELF.id);

            assertThat(db.destroy(ITEM, ITEM.label.eq("a"))).isEqualTo(1);
            assertThat(db.destroy(ITEM, ITEM.label.eq("a"))).as("already deleted").isZero();
            assertThat(count(db, ITEM)).isEqualTo(2);
            assertThat(db.count(ITEM)).isEqualTo(1);
            List<Entity> shelves = db.findAll(Query.from(SHELF).include("items").order(SHELF.id.asc()));
            assertThat(shelves).hasSize(2);
            assertThat(shelves.get(0).many("items")).extracting(i -> i.get(ITEM.label)).containsExactly("b");
            assertThat(shelves.get(1).many("items")).isEmpty();

            assertThat(db.destroy(SHELF, SHELF.id.eq(topId))).isEqualTo(1);
            assertThat(db.findAll(Query.from(SHELF).include("items"))).extracting(s -> s.get(SHELF.name)).containsExactly("empty");
            assertThat(db.findAll(Query.from(SHELF).paranoid(false))).hasSize(2);

            assertThat(db.restore(SHELF, Where.of(SHELF.id.eq(topId)))).isEqualTo(1);
            assertThat(db.restore(ITEM, Where.all())).isEqualTo(1);
            assertThat(db.findAll(Query.from(SHELF).include("items").where(SHELF.id.eq(topId))).get(0).many("items")).hasSize(2);

            assertThat(db.destroy(ITEM, Where.of(ITEM.label.eq("b")).force())).isEqualTo(1);
            assertThat(count(db, ITEM)).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("optimistic locking: an update of an entity read at an older version fails, naming the row")
    void optimisticLocking(TestDatabase kind) {
        withStore(kind, "w_version", (db, statements) -> {
            Entity shelf = db.create(SHELF, Values.of(SHELF.name, "top"));
            assertThat(shelf.get("version")).isEqualTo(0);
            Entity first = db.update(shelf, Values.of(SHELF.stock, 3));
            assertThat(first.get("version")).isEqualTo(1);
            assertThat(first.get(SHELF.stock)).isEqualTo(3);
            assertThatThrownBy(() -> db.update(shelf, Values.of(SHELF.stock, 9)))
                    .isInstanceOf(StaleRowException.class).hasMessageContaining("Shelf (id=" + shelf.get(SHELF.id) + ")")
                    .hasMessageContaining("version 0");
            assertThat(db.findByPk(SHELF, shelf.get(SHELF.id)).get(SHELF.stock)).isEqualTo(3);
        });
    }

    // ---- upsert, bulk, findOrCreate ----------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("upsert inserts a new row, then updates the row with the same unique attribute")
    void upsertPerDialect(TestDatabase kind) {
        withStore(kind, "w_upsert", (db, statements) -> {
            Entity inserted = db.upsert(ITEM, Values.of(ITEM.label, "a").and(ITEM.qty, 1), "label");
            assertThat(inserted.get(ITEM.qty)).isEqualTo(1);
            statements.clear();
            Entity updated = db.upsert(ITEM, Values.of(ITEM.label, "a").and(ITEM.qty, 2), "label");
            assertThat(statements).filteredOn(s -> !s.toLowerCase(Locale.ROOT).startsWith("select")).hasSize(1);
            assertThat(updated.get(ITEM.id)).isEqualTo(inserted.get(ITEM.id));
            assertThat(updated.get(ITEM.qty)).isEqualTo(2);
            assertThat(updated.get("createdAt")).isEqualTo(inserted.get("createdAt"));
            assertThat(count(db, ITEM)).isEqualTo(1);

            Entity shelf = db.upsert(SHELF, Values.of(SHELF.id, 40).and(SHELF.name, "top"));
            assertThat(shelf.get("version")).isEqualTo(0);
            Entity again = db.upsert(SHELF, Values.of(SHELF.id, 40).and(SHELF.name, "top2"));
            assertThat(again.get(SHELF.name)).isEqualTo("top2");
            assertThat(again.get("version")).as("an upsert that updates moves the version").isEqualTo(1);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("bulkCreate of 100,000 rows goes in batches under the bind limit, counted")
    void bulkCreateInBatches(TestDatabase kind) {
        withStore(kind, "w_bulk", (db, statements) -> {
            List<Values> rows = new ArrayList<>(100_000);
            for (int i = 0; i < 100_000; i++) {
                rows.add(Values.of(ITEM.label, "item" + i).and(ITEM.qty, i));
            }
            statements.clear();
            assertThat(db.bulkCreate(ITEM, rows)).isEqualTo(100_000);
            assertThat(count(db, ITEM)).isEqualTo(100_000);
            int columns = 5; // label, qty, createdAt, updatedAt + the generated key is not bound
            // at most 5,000 rows a statement, and fewer where the bind limit says so (SQLite: 32,766 binds / 4 a row)
            int perStatement = Math.min(5_000, (db.dialect().maxBindParameters() - 16) / (columns - 1));
            long inserts = statements.stream().filter(s -> s.toLowerCase(Locale.ROOT).startsWith("insert")).count();
            assertThat(inserts).isEqualTo((100_000 + perStatement - 1) / perStatement);
            assertThat(inserts).isLessThan(100);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("bulkCreate ignores duplicates or updates them when asked, and nests hasMany children")
    void bulkCreateDuplicatesAndIncludes(TestDatabase kind) {
        withStore(kind, "w_bulkdup", (db, statements) -> {
            db.bulkCreate(ITEM, List.of(Values.of(ITEM.label, "a").and(ITEM.qty, 1)));
            assertThatThrownBy(() -> db.bulkCreate(ITEM, List.of(Values.of(ITEM.label, "a"))))
                    .isInstanceOf(UniqueConstraintException.class);
            db.bulkCreate(ITEM, List.of(Values.of(ITEM.label, "a").and(ITEM.qty, 5), Values.of(ITEM.label, "b").and(ITEM.qty, 5)),
                    BulkOptions.defaults().ignoreDuplicates().conflict("label"));
            assertThat(db.findAll(Query.from(ITEM).order(ITEM.label.asc()))).extracting(i -> i.get(ITEM.qty)).containsExactly(1, 5);
            db.bulkCreate(ITEM, List.of(Values.of(ITEM.label, "a").and(ITEM.qty, 9)),
                    BulkOptions.defaults().updateOnDuplicate("qty").conflict("label"));
            assertThat(db.findAll(Query.from(ITEM).order(ITEM.label.asc()))).extracting(i -> i.get(ITEM.qty)).containsExactly(9, 5);

            statements.clear();
            db.bulkCreate(SHELF, List.of(
                    Values.of(SHELF.name, "s1").with("items", List.of(Values.of(ITEM.label, "c"), Values.of(ITEM.label, "d"))),
                    Values.of(SHELF.name, "s2").with("items", List.of(Values.of(ITEM.label, "e")))));
            assertThat(statements.stream().filter(s -> s.toLowerCase(Locale.ROOT).startsWith("insert")).count()).isEqualTo(2);
            List<Entity> shelves = db.findAll(Query.from(SHELF).include("items").order(SHELF.name.asc()));
            assertThat(shelves.get(0).many("items")).extracting(i -> i.get(ITEM.label)).containsExactlyInAnyOrder("c", "d");
            assertThat(shelves.get(1).many("items")).extracting(i -> i.get(ITEM.label)).containsExactly("e");
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("two threads racing findOrCreate on one unique value make one row")
    void findOrCreateRace(TestDatabase kind) {
        withStore(kind, "w_race", (db, statements) -> {
            for (int round = 0; round < 5; round++) {
                String label = "race" + round;
                CountDownLatch start = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(2);
                try {
                    List<Future<FoundOrCreated>> results = new ArrayList<>();
                    for (int t = 0; t < 2; t++) {
                        results.add(pool.submit(() -> {
                            start.await();
                            return db.findOrCreate(ITEM, Values.of(ITEM.label, label), Values.of(ITEM.qty, 1));
                        }));
                    }
                    start.countDown();
                    List<FoundOrCreated> done = new ArrayList<>();
                    for (Future<FoundOrCreated> f : results) {
                        done.add(f.get());
                    }
                    assertThat(done).filteredOn(FoundOrCreated::created).hasSizeLessThanOrEqualTo(1);
                    assertThat(done).extracting(d -> d.entity().get(ITEM.id)).containsOnly(done.get(0).entity().get(ITEM.id));
                } catch (Exception e) {
                    throw new AssertionError(e);
                } finally {
                    pool.shutdownNow();
                }
                assertThat(db.count(Query.from(ITEM).where(ITEM.label.eq(label)))).isEqualTo(1);
            }
        });
    }

    // ---- errors, links, JSON graphs, bulk includes -------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("constraint violations name the model and attribute, never the values")
    void violationsNameModelAndAttribute(TestDatabase kind) {
        withLibrary(kind, "w_errors", (db, statements) -> {
            db.create(AUTHOR, Values.of(AUTHOR.name, "Ann").and(AUTHOR.email, "secret@example.org"));
            assertThatThrownBy(() -> db.create(AUTHOR, Values.of(AUTHOR.name, "Other").and(AUTHOR.email, "secret@example.org")))
                    .isInstanceOfSatisfying(UniqueConstraintException.class, e -> {
                        assertThat(e.model()).isEqualTo("Author");
                        assertThat(e.attribute()).isEqualTo("email");
                        assertThat(e.getMessage()).startsWith("Unique constraint violated on Author.email").doesNotContain("secret");
                    });
            assertThatThrownBy(() -> db.create(AUTHOR, Values.of(AUTHOR.name, null)))
                    .isInstanceOfSatisfying(NotNullConstraintException.class, e -> {
                        assertThat(e.model()).isEqualTo("Author");
                        assertThat(e.attribute()).isEqualTo("name");
                    });
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a hasMany child given by its key alone is linked to the new parent, not inserted")
    void linkExistingHasManyChild(TestDatabase kind) {
        withLibrary(kind, "w_link", (db, statements) -> {
            Entity orphan = db.create(BOOK, Values.of(BOOK.title, "Orphan"));
            assertThat(orphan.get(BOOK.authorId)).isNull();
            Entity ann = db.create(AUTHOR, Values.of(AUTHOR.name, "Ann")
                    .with("books", List.of(Values.of(BOOK.id, orphan.get(BOOK.id)), Values.of(BOOK.title, "New"))));
            assertThat(ann.many("books")).extracting(b -> b.get(BOOK.title)).containsExactlyInAnyOrder("Orphan", "New");
            assertThat(count(db, BOOK)).isEqualTo(2);
            assertThat(db.findByPk(BOOK, orphan.get(BOOK.id)).get(BOOK.authorId)).isEqualTo(ann.get(AUTHOR.id));
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a JSON graph keyed by alias creates the same graph as Values")
    void createFromJsonGraph(TestDatabase kind) {
        withLibrary(kind, "w_json", (db, statements) -> {
            Values v = dev.canopy.json.WriteSpec.values(LIBRARY, AUTHOR,
                    "{\"name\": \"Ann\", \"publisher\": {\"name\": \"Tor\"}, "
                            + "\"books\": [{\"title\": \"One\", \"chapters\": [{\"heading\": \"1.1\"}]}], \"tags\": [{\"label\": \"x\"}]}");
            Entity ann = db.create(AUTHOR, v);
            assertThat(ann.one("publisher").get(PUBLISHER.name)).isEqualTo("Tor");
            assertThat(ann.many("books").get(0).many("chapters")).extracting(c -> c.get(CHAPTER.heading)).containsExactly("1.1");
            assertThat(ann.many("tags")).hasSize(1);
            Map<String, Object> map = new java.util.LinkedHashMap<>();
            map.put("name", "Bob");
            map.put("books", List.of(Map.of("title", "Two")));
            assertThat(db.create(AUTHOR, Values.of(map)).many("books")).hasSize(1);
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("bulkCreate with belongsTo, hasOne, hasMany and belongsToMany rows nested is one INSERT per table")
    void bulkCreateWithEveryAssociationKind(TestDatabase kind) {
        withLibrary(kind, "w_bulkinc", (db, statements) -> {
            Entity shared = db.create(TAG, Values.of(TAG.label, "shared"));
            statements.clear();
            List<Values> rows = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                rows.add(Values.of(AUTHOR.name, "a" + i)
                        .with("publisher", Values.of(PUBLISHER.name, "p" + i))
                        .with("profile", Values.of(PROFILE.bio, "bio" + i))
                        .with("books", List.of(Values.of(BOOK.title, "b" + i + "x"), Values.of(BOOK.title, "b" + i + "y")))
                        .with("tags", List.of(Values.of(TAG.id, shared.get(TAG.id)), Values.of(TAG.label, "t" + i))));
            }
            assertThat(db.bulkCreate(AUTHOR, rows)).isEqualTo(20);
            assertThat(insertsPerTable(statements).values()).containsOnly(1L);
            assertThat(insertsPerTable(statements)).hasSize(6);
            List<Entity> authors = db.findAll(Query.from(AUTHOR).include("publisher").include("profile").include("books").include("tags")
                    .order(AUTHOR.id.asc()));
            assertThat(authors).hasSize(20);
            for (Entity a : authors) {
                String n = a.get(AUTHOR.name).substring(1);
                assertThat(a.one("publisher").get(PUBLISHER.name)).isEqualTo("p" + n);
                assertThat(a.one("profile").get(PROFILE.bio)).isEqualTo("bio" + n);
                assertThat(a.many("books")).extracting(b -> b.get(BOOK.title)).containsExactlyInAnyOrder("b" + n + "x", "b" + n + "y");
                assertThat(a.many("tags")).extracting(t -> t.get(TAG.label)).containsExactlyInAnyOrder("shared", "t" + n);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("dev.canopy.conformance.TestDatabase#all")
    @DisplayName("a read-only transaction reads; where the database enforces it, a write in it is refused")
    void readOnlyTransaction(TestDatabase kind) {
        withLibrary(kind, "w_readonly", (db, statements) -> {
            db.create(TAG, Values.of(TAG.label, "a"));
            long n = db.transaction(dev.canopy.TransactionOptions.defaults().readOnly(), () -> db.count(TAG));
            assertThat(n).isEqualTo(1);
            if (kind == TestDatabase.POSTGRES || kind == TestDatabase.MARIADB) {
                assertThatThrownBy(() -> db.transaction(dev.canopy.TransactionOptions.defaults().readOnly(),
                        () -> db.create(TAG, Values.of(TAG.label, "b")))).isInstanceOf(dev.canopy.error.DatabaseException.class);
                assertThat(count(db, TAG)).isEqualTo(1);
            }
            db.create(TAG, Values.of(TAG.label, "after"));
            assertThat(count(db, TAG)).isEqualTo(2);
        });
    }
}
