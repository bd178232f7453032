-- The staff inbox: reasons and targets of decisions, the public form of a
-- published question, canned answers, and a ledger of notices already sent
-- (reminders, escalations, daily summaries) whose primary key makes each
-- notice happen once even with several server processes.

ALTER TABLE items ADD COLUMN status_reason TEXT NULL;
ALTER TABLE items ADD COLUMN redirected_to TEXT NULL;
ALTER TABLE items ADD COLUMN extension_reason TEXT NULL;
ALTER TABLE items ADD COLUMN public_question TEXT NULL;
ALTER TABLE items ADD COLUMN public_answer TEXT NULL;
ALTER TABLE items ADD COLUMN published_at TEXT NULL;
ALTER TABLE items ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE items SET search_text = lower(tracking_code || ' ' || subject || ' ' || body);

CREATE INDEX items_status_due ON items(status, due_at);
CREATE INDEX items_due ON items(due_at);
CREATE INDEX items_assignee ON items(assignee_id, status, due_at);
CREATE INDEX items_published ON items(answer_published, published_at);

CREATE TABLE canned_answers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    language   TEXT    NOT NULL CHECK (language IN ('kk', 'ru', 'en')),
    topic_code TEXT    NOT NULL DEFAULT '',
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);

CREATE TABLE notices_sent (
    kind    TEXT NOT NULL,
    subject TEXT NOT NULL,
    period  TEXT NOT NULL,
    at      TEXT NOT NULL,
    PRIMARY KEY (kind, subject, period)
);
