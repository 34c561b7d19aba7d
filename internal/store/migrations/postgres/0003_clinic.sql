-- PostgreSQL's form of 0003: the logo is BYTEA (SQLite's BLOB).
CREATE TABLE clinic (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT    NOT NULL DEFAULT '',
    address    TEXT    NOT NULL DEFAULT '',
    phone      TEXT    NOT NULL DEFAULT '',
    website    TEXT    NOT NULL DEFAULT '',
    clinician  TEXT    NOT NULL DEFAULT '',
    logo       BYTEA,
    paper      TEXT    NOT NULL DEFAULT 'letter' CHECK (paper IN ('letter', 'a4')),
    updated_at TEXT    NOT NULL
);
