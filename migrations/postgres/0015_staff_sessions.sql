-- One row per staff sign-in: what the session cookie's secret (kept only as
-- its hash) stands for, so sessions can be listed, end when idle or too old,
-- and end on a password change or deactivation.
CREATE TABLE staff_sessions (
    token_hash   TEXT        PRIMARY KEY,
    user_id      BIGINT      NOT NULL REFERENCES users(id),
    user_agent   TEXT        NOT NULL DEFAULT '',
    started_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    ended_at     TIMESTAMPTZ NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions(user_id, ended_at);
