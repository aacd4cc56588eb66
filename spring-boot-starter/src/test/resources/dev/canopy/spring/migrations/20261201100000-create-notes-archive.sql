-- up
CREATE TABLE "notes_archive" ("id" INT PRIMARY KEY, "text" VARCHAR(200) NOT NULL);
INSERT INTO "notes_archive" ("id", "text") VALUES (1, 'migrated at start-up');
-- down
DROP TABLE "notes_archive";
