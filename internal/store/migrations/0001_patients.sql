-- Patients. name_key is the name lowercased with accents removed: it sorts
-- the list (name_key, archived, id) and serves search.
CREATE TABLE patients (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL CHECK (length(name) > 0),
    name_key   TEXT    NOT NULL,
    dob        TEXT    CHECK (dob IS NULL OR dob GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    lang       TEXT    NOT NULL DEFAULT 'en',
    contact    TEXT    NOT NULL DEFAULT '',
    notes      TEXT    NOT NULL DEFAULT '',
    archived   INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE INDEX patients_name ON patients (name_key, archived);

-- Search words: every word of name_key that typing can start ("smi" finds
-- "anna smith"; "brien" and "obrien" find "o'brien"). name_key and archived
-- are copied in so that a search reads only this index, ordered by word,
-- and never touches the patients table until the final page of results.
-- (FTS5 would do this, but the default go-sqlite3 build lacks it.)
CREATE TABLE patient_words (
    word       TEXT    NOT NULL,
    name_key   TEXT    NOT NULL,
    archived   INTEGER NOT NULL,
    patient_id INTEGER NOT NULL REFERENCES patients (id),
    PRIMARY KEY (word, name_key, archived, patient_id)
) WITHOUT ROWID;
