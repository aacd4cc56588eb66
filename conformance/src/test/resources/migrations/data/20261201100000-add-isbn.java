import dev.canopy.Canopy;
import dev.canopy.migrate.Migration;
import dev.canopy.schema.ColumnDefinition;
import dev.canopy.schema.SchemaApi;

/** Adds books.isbn to a table that has rows: nullable first, filled in batches, then NOT NULL. */
public class AddIsbn implements Migration {
    private static final int BATCH = 10_000;

    @Override
    public void up(SchemaApi schema, Canopy db) {
        schema.addColumn("books", "isbn", ColumnDefinition.string(20));
        String books = schema.quote("books");
        String isbn = schema.quote("isbn");
        String id = schema.quote("id");
        Object max = schema.select("SELECT max(" + id + ") FROM " + books).get(0).values().iterator().next();
        for (long from = 0; max != null && from <= ((Number) max).longValue(); from += BATCH) {
            db.execute("UPDATE " + books + " SET " + isbn + " = ? WHERE " + id + " >= ? AND " + id + " < ? AND " + isbn + " IS NULL",
                    "unknown", from, from + BATCH);
        }
        schema.changeColumn("books", "isbn", ColumnDefinition.string(20).notNull());
    }

    @Override
    public void down(SchemaApi schema, Canopy db) {
        schema.removeColumn("books", "isbn");
    }
}
