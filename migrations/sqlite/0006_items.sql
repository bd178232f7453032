-- Items: citizens' questions and journalists' press queries, with their
-- history. Submitter contact fields are personal data: staff-only, never in
-- public pages or exports, removed after the retention period.

CREATE TABLE item_counters (
    prefix TEXT    NOT NULL,
    year   INTEGER NOT NULL,
    last   INTEGER  NOT NULL,
    PRIMARY KEY (prefix, year)
);

CREATE TABLE items (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_code      TEXT    NOT NULL UNIQUE,
    token_hash         TEXT    NOT NULL,
    kind               TEXT    NOT NULL CHECK (kind IN ('question', 'press_query')),
    topic_code         TEXT    NOT NULL DEFAULT '',
    department_id      INTEGER  NULL REFERENCES departments(id),
    routed_by_rule     INTEGER  NULL,
    assignee_id        INTEGER  NULL REFERENCES users(id),
    status             TEXT    NOT NULL DEFAULT 'new'
                       CHECK (status IN ('new', 'assigned', 'in_progress', 'answered', 'closed', 'redirected', 'rejected')),
    language           TEXT    NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    subject            TEXT    NOT NULL,
    body               TEXT    NOT NULL,
    consent_to_publish BOOLEAN NOT NULL DEFAULT 0,
    submitter_name     TEXT    NULL,
    submitter_email    TEXT    NULL,
    outlet             TEXT    NULL,
    accreditation      TEXT    NULL,
    needed_by          DATE    NULL,
    received_at        TEXT    NOT NULL,
    due_at             TEXT    NOT NULL,
    extended           BOOLEAN NOT NULL DEFAULT 0,
    answer_text        TEXT    NULL,
    answered_at        TEXT    NULL,
    answer_published   BOOLEAN NOT NULL DEFAULT 0,
    updated_at         TEXT    NOT NULL
);

CREATE INDEX items_department_due ON items(department_id, status, due_at);
CREATE INDEX items_received ON items(received_at);

CREATE TABLE item_events (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id       INTEGER  NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    actor_user_id INTEGER  NULL REFERENCES users(id),
    kind          TEXT    NOT NULL,
    detail        TEXT    NOT NULL DEFAULT '',
    internal      BOOLEAN NOT NULL DEFAULT 0
);

CREATE INDEX item_events_item ON item_events(item_id, at);
