-- PostgreSQL's form of 0010 (see ../0010_search_name_order.sql for why).
-- Difference: the word is included in each index, so that the search is
-- an index-only scan (a table's secondary indexes on PostgreSQL do not
-- carry its primary key, as SQLite's WITHOUT ROWID tables' do).
CREATE INDEX patient_words_initial ON patient_words (substr(word, 1, 1), name_key, archived, patient_id) INCLUDE (word);
CREATE INDEX patient_words_initials ON patient_words (substr(word, 1, 2), name_key, archived, patient_id) INCLUDE (word);
