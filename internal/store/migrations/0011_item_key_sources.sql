-- Which of each explained item's sources its key points rest on (issue
-- 14): a JSON array of places in its sources, from 0. A handout printed
-- short cites only these, so its source list stays on two pages. Every
-- item saved before has none and cites all its sources, as it printed.
ALTER TABLE handout_items ADD COLUMN key_sources TEXT NOT NULL DEFAULT '[]';
