-- Where on its structure each mark was tapped: the view it was tapped in
-- and the place across the structure's bounding box in that view (x from
-- its left edge 0 to its right edge 1, y from top 0 to bottom 1), so the
-- diagram draws the mark on that spot at any zoom, on screen and on paper.
-- All three are NULL for a mark made without a tap (keyboard, command
-- line) and for every mark saved before: those keep their badge beside the
-- structure, as they always had.
ALTER TABLE handout_marks ADD COLUMN spot_view TEXT;
ALTER TABLE handout_marks ADD COLUMN spot_x REAL CHECK (spot_x BETWEEN 0 AND 1);
ALTER TABLE handout_marks ADD COLUMN spot_y REAL CHECK (spot_y BETWEEN 0 AND 1);
