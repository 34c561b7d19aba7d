-- Patients. name_key is the name lowercased with accents removed: it sorts
-- the list and serves search. patient_words holds every word of name_key so
-- that "smi" finds "Anna Smith" through an index (word-prefix search)
-- without FTS5, which the default go-sqlite3 build lacks.
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

CREATE INDEX patients_name_key ON patients (name_key, id);

CREATE TABLE patient_words (
    word       TEXT    NOT NULL,
    patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    PRIMARY KEY (word, patient_id)
) WITHOUT ROWID;

CREATE INDEX patient_words_patient ON patient_words (patient_id);
