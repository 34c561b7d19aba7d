-- PostgreSQL's form of 0004: DOUBLE PRECISION, because PostgreSQL's REAL
-- is single precision and would move a tapped spot (SQLite's REAL is
-- double).
ALTER TABLE handout_marks ADD COLUMN spot_view TEXT;
ALTER TABLE handout_marks ADD COLUMN spot_x DOUBLE PRECISION CHECK (spot_x BETWEEN 0 AND 1);
ALTER TABLE handout_marks ADD COLUMN spot_y DOUBLE PRECISION CHECK (spot_y BETWEEN 0 AND 1);
