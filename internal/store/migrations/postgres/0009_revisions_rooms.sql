-- PostgreSQL's form of 0009 (see ../0009_revisions_rooms.sql for what each
-- column means). Differences: a BIGINT reference to the patient and no
-- WITHOUT ROWID.

ALTER TABLE handout_revisions ADD COLUMN room TEXT NOT NULL DEFAULT '';
ALTER TABLE handout_revisions ADD COLUMN writer TEXT NOT NULL DEFAULT '';
ALTER TABLE handout_revisions ADD COLUMN overrides INTEGER;

-- Patients get revisions too: patients.revision counts saves, and
-- patient_revisions keeps every saved state, so details overwritten by a
-- "keep mine" stay on file. Each patient's current details become its
-- revision 1.
ALTER TABLE patients ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

CREATE TABLE patient_revisions (
    patient_id BIGINT  NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    saved_at   TEXT    NOT NULL,
    room       TEXT    NOT NULL DEFAULT '',
    overrides  INTEGER,
    name       TEXT    NOT NULL,
    dob        TEXT,
    lang       TEXT    NOT NULL,
    contact    TEXT    NOT NULL,
    notes      TEXT    NOT NULL,
    archived   INTEGER NOT NULL CHECK (archived IN (0, 1)),
    PRIMARY KEY (patient_id, revision)
);

INSERT INTO patient_revisions (patient_id, revision, saved_at, name, dob, lang, contact, notes, archived)
    SELECT id, 1, updated_at, name, dob, lang, contact, notes, archived FROM patients;
