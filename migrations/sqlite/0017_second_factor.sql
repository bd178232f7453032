-- A staff member's second factor: a TOTP key, sealed (encrypted) under the
-- server's secret key, confirmed once its owner typed a right code. While
-- unconfirmed it also holds the sealed seed of the recovery codes shown on
-- the enrolment page; confirming drops the seed and keeps only their hashes.
CREATE TABLE second_factors (
    user_id        INTEGER PRIMARY KEY REFERENCES users(id),
    secret_sealed  TEXT    NOT NULL,
    recovery_seed_sealed TEXT NULL,
    created_at     TEXT    NOT NULL,
    confirmed_at   TEXT    NULL,
    -- The last 30-second step whose code was accepted: a code works once.
    last_step      BIGINT  NOT NULL DEFAULT 0
);
CREATE TABLE recovery_codes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users(id),
    code_hash  TEXT    NOT NULL,
    used_at    TEXT    NULL
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);
-- Set when an admin gave the account its password: its owner picks their own
-- at the next sign-in, before anything else.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
