-- A tone classifier per language, trained on the mentions whose tone staff
-- confirmed or corrected: its counts as JSON, and how many labels it saw.
CREATE TABLE tone_models (
    language   TEXT    PRIMARY KEY,
    labels     INTEGER NOT NULL,
    trained_at TEXT    NOT NULL,
    model      TEXT    NOT NULL
);
