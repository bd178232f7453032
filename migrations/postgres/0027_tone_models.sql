-- A tone classifier per language, trained on the mentions whose tone staff
-- confirmed or corrected: its counts as JSON, and how many labels it saw.
CREATE TABLE tone_models (
    language   TEXT    PRIMARY KEY,
    labels     BIGINT  NOT NULL,
    trained_at TIMESTAMPTZ NOT NULL,
    model      TEXT    NOT NULL
);
