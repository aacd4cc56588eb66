package dev.canopy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.canopy.result.Entity;
import dev.canopy.model.Association;
import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;
import dev.canopy.query.Query;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
    static final class Author extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> name = string("name");
        Author() { super("Author", ModelOptions.defaults().timestamps(false)); }
    }
    static final class Book extends Model {
        final Column<Integer> id = integer("id").primaryKey();
        final Column<String> title = string("title");
        final Column<Integer> authorId = integer("authorId");
        Book() { super("Book", ModelOptions.defaults().timestamps(false)); }
    }

    @Test
    void smoke() {
        Author author = new Author();
        Book book = new Book();
        Association books = Association.hasMany(author, book).alias("books").foreignKey("authorId");
        Association writer = Association.belongsTo(book, author).alias("author").foreignKey("authorId");
        Schema schema = Schema.of(books, writer);
        try (Canopy db = Canopy.builder("jdbc:h2:mem:smoke").schema(schema).logging(System.out::println).build()) {
            db.sync(schema);
            db.execute("insert into \"Authors\" values (1, 'A'), (2, 'B'), (3, 'C')");
            db.execute("insert into \"Books\" values (1, 'a1', 1), (2, 'a2', 1), (3, 'b1', 2)");
            Query q = Query.from(author).include("books", b -> b.include("author")).order(author.name.asc(), book.title.at("books").desc());
            System.out.println(db.toSql(q));
            List<Entity> all = db.findAll(q);
            all.forEach(System.out::println);
            assertThat(all).hasSize(3);
            System.out.println(db.findOne(Query.from(author).include("books").order(author.name.asc())));
            System.out.println(db.count(Query.from(author).include("books", b -> b.required())));
        }
    }
}
