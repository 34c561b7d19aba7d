-- Handouts: the current text in handouts + items/marks/stretches (ordered by
-- position), and every saved state as a full JSON snapshot in
-- handout_revisions, so an edit never destroys earlier text.
-- visit_date keeps the clinician's wall-clock date and offset as printed;
-- visit_utc (fixed width, UTC) orders the history newest first.
CREATE TABLE handouts (
    id                    INTEGER PRIMARY KEY,
    patient_id            INTEGER NOT NULL REFERENCES patients (id),
    title                 TEXT    NOT NULL DEFAULT '',
    visit_date            TEXT    NOT NULL,
    visit_utc             TEXT    NOT NULL,
    status                TEXT    NOT NULL CHECK (status IN ('draft', 'final')),
    lang                  TEXT    NOT NULL,
    clinician_notes       TEXT    NOT NULL DEFAULT '',
    homecare_instructions TEXT    NOT NULL DEFAULT '',
    seek_care             TEXT    NOT NULL DEFAULT '[]',
    revision              INTEGER NOT NULL CHECK (revision >= 1),
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL
);

CREATE INDEX handouts_patient ON handouts (patient_id, visit_utc DESC, id DESC);

CREATE TABLE handout_items (
    handout_id INTEGER NOT NULL REFERENCES handouts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    ref        TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    sources    TEXT    NOT NULL DEFAULT '[]',
    PRIMARY KEY (handout_id, position)
) WITHOUT ROWID;

CREATE TABLE handout_marks (
    handout_id INTEGER NOT NULL REFERENCES handouts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    structure  TEXT    NOT NULL,
    finding    TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (handout_id, position)
) WITHOUT ROWID;

CREATE TABLE handout_stretches (
    handout_id INTEGER NOT NULL REFERENCES handouts (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    stretch_id TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    steps      TEXT    NOT NULL DEFAULT '[]',
    cautions   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (handout_id, position)
) WITHOUT ROWID;

-- autosave = 1 marks a revision written by the editor's autosave; the next
-- autosave or save of the same editing session replaces it instead of
-- piling up a revision every few seconds.
CREATE TABLE handout_revisions (
    handout_id INTEGER NOT NULL REFERENCES handouts (id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    saved_at   TEXT    NOT NULL,
    autosave   INTEGER NOT NULL DEFAULT 0 CHECK (autosave IN (0, 1)),
    snapshot   TEXT    NOT NULL,
    PRIMARY KEY (handout_id, revision)
) WITHOUT ROWID;
