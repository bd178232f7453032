-- The body's official channels (the site, each social account…) with the
-- number of days without a post after which a channel is stale. The last
-- post follows the publications: those whose link starts with the channel's
-- address, or, for a channel without one, those of its kind.

CREATE TABLE channels (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('website','tv','radio','news_agency','print','online_media','social')),
    url              TEXT    NOT NULL DEFAULT '',
    stale_after_days INTEGER NOT NULL CHECK (stale_after_days > 0),
    created_at       TEXT    NOT NULL
);
