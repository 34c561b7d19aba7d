-- Each explained item's key points (issue 14), kept with the handout like
-- its text, so a saved handout prints the same short paragraph after the
-- library changes; and whether the clinician chose its full text for the
-- printed handout (0: the key points, the default). A JSON array of
-- strings; every item saved before has none and prints its first
-- paragraph, as it would have printed without them.
ALTER TABLE handout_items ADD COLUMN key_points TEXT NOT NULL DEFAULT '[]';
ALTER TABLE handout_items ADD COLUMN full_text INTEGER NOT NULL DEFAULT 0 CHECK (full_text IN (0, 1));
