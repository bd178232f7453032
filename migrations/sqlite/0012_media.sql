-- Media monitoring: outlets, mentions, CSV imports, digest subscribers and
-- negative-spike state; response tasks are items of kind 'media_response',
-- so they share the inbox, deadlines, reminders and escalations.
--
-- SQLite cannot change a CHECK constraint in place, so `items` and
-- `deadline_policies` are rebuilt. Dropping the old `items` deletes its
-- events by cascade, so they are kept aside and put back.

CREATE TABLE item_events_keep AS SELECT * FROM item_events;

CREATE TABLE items_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    tracking_code      TEXT    NOT NULL UNIQUE,
    token_hash         TEXT    NOT NULL,
    kind               TEXT    NOT NULL CHECK (kind IN ('question', 'press_query', 'media_response')),
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
    updated_at         TEXT    NOT NULL,
    status_reason      TEXT    NULL,
    redirected_to      TEXT    NULL,
    extension_reason   TEXT    NULL,
    public_question    TEXT    NULL,
    public_answer      TEXT    NULL,
    published_at       TEXT    NULL,
    search_text        TEXT    NOT NULL DEFAULT '',
    answer_working_days INTEGER NULL
);
INSERT INTO items_new SELECT * FROM items;
DROP TABLE items;
ALTER TABLE items_new RENAME TO items;
INSERT INTO item_events SELECT * FROM item_events_keep;
DROP TABLE item_events_keep;
CREATE INDEX items_department_due ON items(department_id, status, due_at);
CREATE INDEX items_received ON items(received_at);
CREATE INDEX items_status_due ON items(status, due_at);
CREATE INDEX items_due ON items(due_at);
CREATE INDEX items_assignee ON items(assignee_id, status, due_at);
CREATE INDEX items_published ON items(answer_published, published_at);
CREATE INDEX items_answered ON items(answered_at);

CREATE TABLE deadline_policies_new (
    item_kind            TEXT    NOT NULL CHECK (item_kind IN ('question', 'press_query', 'redirect', 'media_response')),
    topic_code           TEXT    NOT NULL DEFAULT '',
    days                 INTEGER NOT NULL CHECK (days > 0),
    counting             TEXT    NOT NULL CHECK (counting IN ('working', 'calendar')),
    reminder_days        INTEGER NOT NULL DEFAULT 2,
    extension_total      TEXT    NULL,
    notice_working_days  INTEGER NOT NULL DEFAULT 3,
    PRIMARY KEY (item_kind, topic_code)
);
INSERT INTO deadline_policies_new SELECT * FROM deadline_policies;
DROP TABLE deadline_policies;
ALTER TABLE deadline_policies_new RENAME TO deadline_policies;

-- A refutation or clarification is late after two working days.
INSERT INTO deadline_policies (item_kind, topic_code, days, counting, reminder_days, extension_total, notice_working_days)
    VALUES ('media_response', '', 2, 'working', 1, NULL, 1);

CREATE TABLE outlets (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL UNIQUE,
    media_type TEXT    NOT NULL CHECK (media_type IN ('tv', 'radio', 'print', 'news_agency', 'online', 'social')),
    created_at TEXT    NOT NULL
);

-- One row per appearance; `url_key` is the link normalised for catching
-- duplicates. `item_id` is the response task, when one was asked for.
CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    outlet_id     INTEGER NOT NULL REFERENCES outlets(id),
    media_type    TEXT    NOT NULL CHECK (media_type IN ('tv', 'radio', 'print', 'news_agency', 'online', 'social')),
    headline      TEXT    NOT NULL,
    url           TEXT    NOT NULL,
    url_key       TEXT    NOT NULL UNIQUE,
    day           DATE    NOT NULL,
    tone          TEXT    NOT NULL CHECK (tone IN ('positive', 'neutral', 'negative')),
    reach         INTEGER NULL,
    topic_code    TEXT    NOT NULL DEFAULT '',
    department_id INTEGER NULL REFERENCES departments(id),
    summary       TEXT    NOT NULL DEFAULT '',
    response      TEXT    NOT NULL DEFAULT 'none' CHECK (response IN ('none', 'clarify', 'refute', 'amplify')),
    item_id       INTEGER NULL REFERENCES items(id),
    logged_by     INTEGER NULL REFERENCES users(id),
    created_at    TEXT    NOT NULL
);
CREATE INDEX mentions_day ON mentions(day, tone);
CREATE INDEX mentions_created ON mentions(created_at, tone);

-- A CSV file being checked (status 'preview') or imported ('running',
-- 'done'), with its progress.
CREATE TABLE mention_imports (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at TEXT    NOT NULL,
    file_name  TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    total      INTEGER NOT NULL DEFAULT 0,
    done       INTEGER NOT NULL DEFAULT 0,
    imported   INTEGER NOT NULL DEFAULT 0,
    status     TEXT    NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'running', 'done'))
);

-- Staff who get the daily digest by email each morning.
CREATE TABLE digest_subscribers (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    since   TEXT    NOT NULL
);

-- Whether a scope ('' for the whole ministry, or a topic) is in a negative
-- spike now: an alert goes out when a spike starts, not again until it ends.
CREATE TABLE media_spikes (
    scope      TEXT    PRIMARY KEY,
    active     BOOLEAN NOT NULL DEFAULT 0,
    started_at TEXT    NULL
);
