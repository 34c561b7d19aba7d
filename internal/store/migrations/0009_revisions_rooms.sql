-- Issue 16: no lost edit between chairs. Every save names the revision it
-- started from; one made on top of a newer revision is refused as a
-- conflict instead of overwriting it, and both texts stay in the history.
--
-- handout_revisions gains the room (the chair's name, "" for revisions
-- saved before rooms were kept), the writer (one open database's random
-- token: an autosave is replaced in place only by the writer that made
-- it) and overrides (the revision this one was saved over, knowingly,
-- when the clinician chose "keep mine" after a conflict; NULL otherwise).
ALTER TABLE handout_revisions ADD COLUMN room TEXT NOT NULL DEFAULT '';
ALTER TABLE handout_revisions ADD COLUMN writer TEXT NOT NULL DEFAULT '';
ALTER TABLE handout_revisions ADD COLUMN overrides INTEGER;

-- Patients get revisions too: patients.revision counts saves, and
-- patient_revisions keeps every saved state, so details overwritten by a
-- "keep mine" stay on file. Each patient's current details become its
-- revision 1.
ALTER TABLE patients ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

CREATE TABLE patient_revisions (
    patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
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
) WITHOUT ROWID;

INSERT INTO patient_revisions (patient_id, revision, saved_at, name, dob, lang, contact, notes, archived)
    SELECT id, 1, updated_at, name, dob, lang, contact, notes, archived FROM patients;
