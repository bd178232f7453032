-- Sign-in limits per username and client address instead of an account
-- lockout that any stranger could trigger.
CREATE TABLE sign_in_limits (
    username        TEXT    NOT NULL,
    client          TEXT    NOT NULL,
    failures        INTEGER NOT NULL DEFAULT 0,
    next_allowed_at TEXT    NOT NULL,
    PRIMARY KEY (username, client)
);
CREATE INDEX sign_in_limits_next_allowed ON sign_in_limits(next_allowed_at);

ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
