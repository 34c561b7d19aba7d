-- What each mark's finding says beyond its name, as the clinician chose
-- it (issue 13): the side a disc herniation points to ("left",
-- "far-right"), a slip's grade ("2"), a curve's side and angle
-- ("right:25"), written as on the command line. Empty for every mark saved
-- before, which read exactly as they did.
ALTER TABLE handout_marks ADD COLUMN detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 40);
