-- Press sources the portal reads by itself: an RSS or Atom feed, a news
-- page without a feed, or a public Telegram channel's web preview. Each
-- keeps its conditional-GET validators and a health record; after
-- `pause_after_failures` failures in a row it is paused until staff resume it.
CREATE TABLE media_sources (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL CHECK (kind IN ('rss', 'atom', 'page', 'telegram')),
    url             TEXT    NOT NULL UNIQUE,
    outlet_id       BIGINT  NOT NULL REFERENCES outlets(id),
    media_type      TEXT    NOT NULL CHECK (media_type IN ('tv', 'radio', 'print', 'news_agency', 'online', 'social')),
    language        TEXT    NOT NULL DEFAULT '' CHECK (language IN ('', 'kk', 'ru', 'en')),
    every_minutes   BIGINT  NOT NULL DEFAULT 60,
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    etag            TEXT    NULL,
    last_modified   TEXT    NULL,
    next_at         TIMESTAMPTZ NOT NULL,
    last_success_at TIMESTAMPTZ NULL,
    last_error      TEXT    NULL,
    last_error_at   TIMESTAMPTZ NULL,
    failures        BIGINT  NOT NULL DEFAULT 0,
    paused_at       TIMESTAMPTZ NULL,
    items_seen      BIGINT  NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_sources_due ON media_sources(next_at);

-- What a source published, one row per link (normalised as the register's
-- `url_key`): the raw material that saved queries turn into mentions.
-- `published_at` is NULL when the source gave no date.
CREATE TABLE media_items (
    id           BIGSERIAL PRIMARY KEY,
    source_id    BIGINT NOT NULL REFERENCES media_sources(id),
    url          TEXT    NOT NULL,
    url_key      TEXT    NOT NULL UNIQUE,
    headline     TEXT    NOT NULL,
    body         TEXT    NOT NULL DEFAULT '',
    published_at TIMESTAMPTZ NULL,
    fetched_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_items_fetched ON media_items(fetched_at);
