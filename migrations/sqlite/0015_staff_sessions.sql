-- One row per staff sign-in: what the session cookie's secret (kept only as
-- its hash) stands for, so sessions can be listed, end when idle or too old,
-- and end on a password change or deactivation.
CREATE TABLE staff_sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    user_agent   TEXT    NOT NULL DEFAULT '',
    started_at   TEXT    NOT NULL,
    last_seen_at TEXT    NOT NULL,
    ended_at     TEXT    NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions(user_id, ended_at);
