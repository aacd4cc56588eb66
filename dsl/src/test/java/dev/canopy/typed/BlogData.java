package dev.canopy.typed;

import dev.canopy.Blog;
import dev.canopy.Canopy;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A few rows of the Blog schema for the typed tests: ann (of Acme, with a profile) wrote "Hello" (two comments,
 * tags java and kotlin) and "World" (no comment, tag kotlin); bob (no organisation, mentored by ann) wrote "Bob's";
 * cy wrote nothing.
 */
final class BlogData {
    private BlogData() {}

    static void load(Canopy db) {
        db.sync(Blog.SCHEMA);
        db.execute("insert into \"Organizations\" (\"id\", \"name\") values (1, 'Acme')");
        db.execute("insert into \"Users\" (\"id\", \"name\", \"email\", \"organizationId\", \"mentorId\") values (1, 'ann', 'ann@acme.test', 1, null)");
        db.execute("insert into \"Users\" (\"id\", \"name\", \"email\", \"organizationId\", \"mentorId\") values (2, 'bob', null, null, 1)");
        db.execute("insert into \"Users\" (\"id\", \"name\", \"email\", \"organizationId\", \"mentorId\") values (3, 'cy', null, null, null)");
        db.execute("insert into \"Profiles\" (\"id\", \"bio\", \"userId\") values (1, 'writes a lot', 1)");
        db.execute("insert into \"Posts\" (\"id\", \"title\", \"authorId\", \"publishedOn\", \"score\") values (?, ?, ?, ?, ?)",
                1, "Hello", 1, LocalDate.of(2024, 1, 1), new BigDecimal("4.50"));
        db.execute("insert into \"Posts\" (\"id\", \"title\", \"authorId\", \"publishedOn\", \"score\") values (?, ?, ?, ?, ?)",
                2, "World", 1, LocalDate.of(2024, 1, 2), new BigDecimal("3.00"));
        db.execute("insert into \"Posts\" (\"id\", \"title\", \"authorId\", \"publishedOn\", \"score\") values (?, ?, ?, ?, ?)",
                3, "Bob's", 2, LocalDate.of(2024, 1, 3), new BigDecimal("1.25"));
        db.execute("insert into \"Comments\" (\"id\", \"body\", \"postId\", \"userId\") values (1, 'first', 1, 2), (2, 'second', 1, 3)");
        db.execute("insert into \"Tags\" (\"id\", \"label\") values (1, 'java'), (2, 'kotlin')");
        db.execute("insert into \"PostTags\" (\"postId\", \"tagId\") values (1, 1), (1, 2), (2, 2)");
    }
}
