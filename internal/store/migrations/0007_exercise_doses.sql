-- Issue 14. Each chosen exercise keeps the dose it prints (the library's
-- usual dose, or the clinician's change), as the JSON of handout.Dose; ''
-- for stretches saved before, which print the library's usual dose as
-- they did. A handout may print in large type (body 14 pt) and with a
-- two-week exercise log; both off for every handout saved before.
ALTER TABLE handout_stretches ADD COLUMN dose TEXT NOT NULL DEFAULT '';
ALTER TABLE handouts ADD COLUMN large_print INTEGER NOT NULL DEFAULT 0 CHECK (large_print IN (0, 1));
ALTER TABLE handouts ADD COLUMN exercise_log INTEGER NOT NULL DEFAULT 0 CHECK (exercise_log IN (0, 1));
