-- Foundation: departments, staff accounts, security audit log, email outbox.
-- Timestamps are RFC 3339 text in UTC; booleans are 0/1.

CREATE TABLE departments (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT    NOT NULL UNIQUE,
    name_kk      TEXT    NOT NULL,
    name_ru      TEXT    NOT NULL,
    name_en      TEXT    NOT NULL,
    email        TEXT    NOT NULL,
    head_user_id INTEGER NULL,
    active       BOOLEAN NOT NULL DEFAULT 1,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('officer','department_head','analyst','moderator','admin')),
    department_id INTEGER NULL REFERENCES departments(id),
    password_hash TEXT    NOT NULL,
    active        BOOLEAN NOT NULL DEFAULT 1,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT    NULL,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE INDEX users_department ON users(department_id);

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT    NOT NULL,
    event           TEXT    NOT NULL,
    actor_user_id   INTEGER NULL REFERENCES users(id),
    subject_user_id INTEGER NULL REFERENCES users(id),
    detail          TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_at ON audit_log(at);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    to_addr         TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    next_attempt_at TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT    NULL,
    sent_at         TEXT    NULL,
    failed_at       TEXT    NULL,
    last_error      TEXT    NULL
);

CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
