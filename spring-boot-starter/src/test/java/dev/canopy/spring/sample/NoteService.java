package dev.canopy.spring.sample;

import static dev.canopy.spring.sample.Notes.NOTE;

import dev.canopy.Canopy;
import dev.canopy.query.Query;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Plain Spring transactions around Canopy reads and writes. */
@Service
public class NoteService {
    private final Canopy db;

    public NoteService(Canopy db) {
        this.db = db;
    }

    /** The notes' texts, oldest first. */
    public List<String> texts() {
        return db.findAll(Query.from(NOTE).order(NOTE.id.asc())).stream().map(e -> e.get(NOTE.text)).toList();
    }

    /** Adds notes and returns every text, read in the same transaction. */
    @Transactional
    public List<String> add(String... texts) {
        for (String t : texts) {
            db.execute(Notes.INSERT, t);
        }
        return texts();
    }

    /** Adds a note, then fails: the transaction rolls back and the note is not kept. */
    @Transactional
    public void addThenFail(String text) {
        db.execute(Notes.INSERT, text);
        throw new IllegalStateException("refused after writing '" + text + "'");
    }

    /** Adds a note in Canopy's own transaction block, which joins this one, then fails: nothing is kept. */
    @Transactional
    public void addInCanopyTransactionThenFail(String text) {
        db.transaction(() -> db.execute(Notes.INSERT, text));
        throw new IllegalStateException("refused after writing '" + text + "'");
    }
}
