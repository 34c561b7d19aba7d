-- Issue 16: "take theirs" after a conflict keeps this chair's text too, as
-- a revision of its own that was never the current one. set_aside_for is
-- the revision taken instead of it (NULL for every other revision), in a
-- column of its own rather than folded into overrides: the two links mean
-- different things and a reader of the table should not have to know a
-- sign convention. Texts set aside before this step were kept in
-- overrides as minus the revision taken; they move here.
ALTER TABLE handout_revisions ADD COLUMN set_aside_for INTEGER;
UPDATE handout_revisions SET set_aside_for = -overrides, overrides = NULL WHERE overrides < 0;
ALTER TABLE patient_revisions ADD COLUMN set_aside_for INTEGER;
UPDATE patient_revisions SET set_aside_for = -overrides, overrides = NULL WHERE overrides < 0;
