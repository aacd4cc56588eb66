package dev.canopy.spring.sample;

import dev.canopy.model.Column;
import dev.canopy.model.Model;
import dev.canopy.model.ModelOptions;
import dev.canopy.model.Schema;

/** The sample service's one model: a note with a text. */
public final class Notes {
    private Notes() {}

    public static final class NoteModel extends Model {
        public final Column<Integer> id = integer("id").primaryKey().autoIncrement();
        public final Column<String> text = string("text", 200).notNull();
        private NoteModel() { super("Note", ModelOptions.defaults().timestamps(false)); }
    }

    public static final NoteModel NOTE = new NoteModel();

    public static final Schema SCHEMA = Schema.builder().models(NOTE).build();

    /** The writes go through Canopy's SQL statement API (the table is {@code Notes}: Sequelize's plural). */
    static final String INSERT = "INSERT INTO \"Notes\" (\"text\") VALUES (?)";
}
