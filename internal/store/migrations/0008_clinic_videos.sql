-- Issue 14. The clinic's own video address for a home exercise (by its
-- library ID), printed on the handout as a QR code next to the exercise.
-- The one-row clinic table has a column per setting and cannot hold a
-- list, so the addresses get a table of their own. The same SQL serves
-- PostgreSQL.
CREATE TABLE clinic_videos (
    exercise_id TEXT NOT NULL PRIMARY KEY,
    url         TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
