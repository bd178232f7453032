-- Routing rules: item kind and/or topic and/or keywords -> department, tried
-- in order of position; the first that matches decides. Unmatched press
-- queries go to the media-relations department; anything else unmatched goes
-- to the triage queue. Empty kind, topic or keywords match anything.

CREATE TABLE routing_rules (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    position      INTEGER NOT NULL,
    name          TEXT    NOT NULL DEFAULT '',
    item_kind     TEXT    NOT NULL DEFAULT '' CHECK (item_kind IN ('', 'question', 'press_query')),
    topic_code    TEXT    NOT NULL DEFAULT '',
    keywords      TEXT    NOT NULL DEFAULT '',
    department_id INTEGER NOT NULL REFERENCES departments(id),
    active        BOOLEAN NOT NULL DEFAULT 1
);

CREATE INDEX routing_rules_position ON routing_rules(position);
