-- Media monitoring: outlets, mentions, CSV imports, digest subscribers and
-- negative-spike state; response tasks are items of kind 'media_response',
-- so they share the inbox, deadlines, reminders and escalations.

ALTER TABLE items DROP CONSTRAINT items_kind_check;
ALTER TABLE items ADD CONSTRAINT items_kind_check CHECK (kind IN ('question', 'press_query', 'media_response'));
ALTER TABLE deadline_policies DROP CONSTRAINT deadline_policies_item_kind_check;
ALTER TABLE deadline_policies ADD CONSTRAINT deadline_policies_item_kind_check
    CHECK (item_kind IN ('question', 'press_query', 'redirect', 'media_response'));

-- A refutation or clarification is late after two working days.
INSERT INTO deadline_policies (item_kind, topic_code, days, counting, reminder_days, extension_total, notice_working_days)
    VALUES ('media_response', '', 2, 'working', 1, NULL, 1);

CREATE TABLE outlets (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    media_type TEXT    NOT NULL CHECK (media_type IN ('tv', 'radio', 'print', 'news_agency', 'online', 'social')),
    created_at TIMESTAMPTZ NOT NULL
);

-- One row per appearance; `url_key` is the link normalised for catching
-- duplicates. `item_id` is the response task, when one was asked for.
CREATE TABLE mentions (
    id            BIGSERIAL PRIMARY KEY,
    outlet_id     BIGINT  NOT NULL REFERENCES outlets(id),
    media_type    TEXT    NOT NULL CHECK (media_type IN ('tv', 'radio', 'print', 'news_agency', 'online', 'social')),
    headline      TEXT    NOT NULL,
    url           TEXT    NOT NULL,
    url_key       TEXT    NOT NULL UNIQUE,
    day           DATE    NOT NULL,
    tone          TEXT    NOT NULL CHECK (tone IN ('positive', 'neutral', 'negative')),
    reach         BIGINT  NULL,
    topic_code    TEXT    NOT NULL DEFAULT '',
    department_id BIGINT  NULL REFERENCES departments(id),
    summary       TEXT    NOT NULL DEFAULT '',
    response      TEXT    NOT NULL DEFAULT 'none' CHECK (response IN ('none', 'clarify', 'refute', 'amplify')),
    item_id       BIGINT  NULL REFERENCES items(id),
    logged_by     BIGINT  NULL REFERENCES users(id),
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX mentions_day ON mentions(day, tone);
CREATE INDEX mentions_created ON mentions(created_at, tone);

-- A CSV file being checked (status 'preview') or imported ('running',
-- 'done'), with its progress.
CREATE TABLE mention_imports (
    id         BIGSERIAL PRIMARY KEY,
    created_by BIGINT  NOT NULL REFERENCES users(id),
    created_at TIMESTAMPTZ NOT NULL,
    file_name  TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    total      BIGINT  NOT NULL DEFAULT 0,
    done       BIGINT  NOT NULL DEFAULT 0,
    imported   BIGINT  NOT NULL DEFAULT 0,
    status     TEXT    NOT NULL DEFAULT 'preview' CHECK (status IN ('preview', 'running', 'done'))
);

-- Staff who get the daily digest by email each morning.
CREATE TABLE digest_subscribers (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    since   TIMESTAMPTZ NOT NULL
);

-- Whether a scope ('' for the whole ministry, or a topic) is in a negative
-- spike now: an alert goes out when a spike starts, not again until it ends.
CREATE TABLE media_spikes (
    scope      TEXT    PRIMARY KEY,
    active     BOOLEAN NOT NULL DEFAULT FALSE,
    started_at TIMESTAMPTZ NULL
);
