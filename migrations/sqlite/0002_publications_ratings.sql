-- Publications, topics, public ratings with their running aggregates,
-- idempotent writes and feed imports.

CREATE TABLE topics (
    code    TEXT    PRIMARY KEY,
    name_kk TEXT    NOT NULL,
    name_ru TEXT    NOT NULL,
    name_en TEXT    NOT NULL,
    active  BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE publications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT    NOT NULL CHECK (kind IN ('press_release','news','speech','interview','video','infographic','report')),
    channel       TEXT    NOT NULL CHECK (channel IN ('website','tv','radio','news_agency','print','online_media','social')),
    department_id INTEGER NOT NULL REFERENCES departments(id),
    title_kk      TEXT    NOT NULL DEFAULT '',
    title_ru      TEXT    NOT NULL DEFAULT '',
    title_en      TEXT    NOT NULL DEFAULT '',
    summary_kk    TEXT    NOT NULL DEFAULT '',
    summary_ru    TEXT    NOT NULL DEFAULT '',
    summary_en    TEXT    NOT NULL DEFAULT '',
    url           TEXT    NULL UNIQUE,
    published_at  TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published','archived')),
    source        TEXT    NOT NULL DEFAULT 'manual',
    search_text   TEXT    NOT NULL DEFAULT '',
    rating_count  INTEGER NOT NULL DEFAULT 0,
    stars_sum     INTEGER NOT NULL DEFAULT 0,
    stars_1       INTEGER NOT NULL DEFAULT 0,
    stars_2       INTEGER NOT NULL DEFAULT 0,
    stars_3       INTEGER NOT NULL DEFAULT 0,
    stars_4       INTEGER NOT NULL DEFAULT 0,
    stars_5       INTEGER NOT NULL DEFAULT 0,
    tone_positive INTEGER NOT NULL DEFAULT 0,
    tone_neutral  INTEGER NOT NULL DEFAULT 0,
    tone_negative INTEGER NOT NULL DEFAULT 0,
    mean_stars    REAL    NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE INDEX publications_listing ON publications(status, published_at DESC);
CREATE INDEX publications_best ON publications(status, mean_stars DESC);
CREATE INDEX publications_most ON publications(status, rating_count DESC);
CREATE INDEX publications_department ON publications(department_id, published_at DESC);

CREATE TABLE publication_topics (
    publication_id INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
    topic_code     TEXT    NOT NULL REFERENCES topics(code),
    PRIMARY KEY (publication_id, topic_code)
);

CREATE INDEX publication_topics_topic ON publication_topics(topic_code);

-- Rating counts split by audience, kept up to date with the ratings.
CREATE TABLE publication_audience (
    publication_id INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
    audience       TEXT    NOT NULL,
    rating_count   INTEGER NOT NULL DEFAULT 0,
    stars_sum      INTEGER NOT NULL DEFAULT 0,
    tone_positive  INTEGER NOT NULL DEFAULT 0,
    tone_neutral   INTEGER NOT NULL DEFAULT 0,
    tone_negative  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (publication_id, audience)
);

CREATE TABLE ratings (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    publication_id INTEGER NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
    visitor_hash   TEXT    NOT NULL,
    stars          INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    tone           TEXT    NOT NULL CHECK (tone IN ('positive','neutral','negative')),
    audience       TEXT    NOT NULL CHECK (audience IN ('citizen','journalist','ngo','business','other')),
    comment        TEXT    NULL,
    comment_status TEXT    NULL CHECK (comment_status IN ('pending','approved','rejected')),
    comment_flags  TEXT    NOT NULL DEFAULT '',
    moderated_by   INTEGER NULL REFERENCES users(id),
    moderated_at   TEXT    NULL,
    reject_reason  TEXT    NULL,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    UNIQUE (publication_id, visitor_hash)
);

CREATE INDEX ratings_created ON ratings(created_at);
CREATE INDEX ratings_moderation ON ratings(comment_status, updated_at);

CREATE TABLE idempotency_keys (
    scope        TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (scope, idem_key)
);

CREATE TABLE feed_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT    NOT NULL,
    finished_at TEXT    NULL,
    triggered_by TEXT    NOT NULL,
    added       INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    report      TEXT    NOT NULL DEFAULT ''
);
INSERT INTO topics (code, name_kk, name_ru, name_en) VALUES
 ('media', 'БАҚ және ақпарат', 'СМИ и информация', 'Media and information'),
 ('civil_society', 'Азаматтық қоғам', 'Гражданское общество', 'Civil society'),
 ('religion', 'Дін', 'Религия', 'Religion'),
 ('youth', 'Жастар саясаты', 'Молодёжная политика', 'Youth policy'),
 ('family', 'Отбасы', 'Семья', 'Family'),
 ('interethnic', 'Этносаралық қатынастар', 'Межэтнические отношения', 'Interethnic relations'),
 ('languages', 'Тіл саясаты', 'Языковая политика', 'Language policy'),
 ('social_support', 'Әлеуметтік қолдау', 'Социальная поддержка', 'Social support'),
 ('volunteering', 'Волонтерлік', 'Волонтёрство', 'Volunteering'),
 ('digital', 'Цифрлық қызметтер', 'Цифровые услуги', 'Digital services'),
 ('ngo_grants', 'ҮЕҰ гранттары', 'Гранты НПО', 'NGO grants'),
 ('other', 'Басқа', 'Другое', 'Other');
