-- Daily rating aggregates for the opinion indicators, kept current in the
-- same transaction as each rating (and rebuilt after bulk loads). One row per
-- day (in the body's time zone), department, channel and audience, once for
-- all topics (topic_code '') and once per topic of the publication, so a
-- filter never scans raw ratings and a total never counts a rating twice.

CREATE TABLE rating_daily (
    day           TEXT    NOT NULL,
    department_id BIGINT  NOT NULL,
    channel       TEXT    NOT NULL,
    audience      TEXT    NOT NULL,
    topic_code    TEXT    NOT NULL,
    count         BIGINT  NOT NULL DEFAULT 0,
    stars_sum     BIGINT  NOT NULL DEFAULT 0,
    stars_1       BIGINT  NOT NULL DEFAULT 0,
    stars_2       BIGINT  NOT NULL DEFAULT 0,
    stars_3       BIGINT  NOT NULL DEFAULT 0,
    stars_4       BIGINT  NOT NULL DEFAULT 0,
    stars_5       BIGINT  NOT NULL DEFAULT 0,
    positive      BIGINT  NOT NULL DEFAULT 0,
    neutral       BIGINT  NOT NULL DEFAULT 0,
    negative      BIGINT  NOT NULL DEFAULT 0,
    comments      BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (topic_code, day, department_id, channel, audience)
);

CREATE INDEX items_answered ON items(answered_at);

CREATE INDEX ratings_updated ON ratings(updated_at);

-- Topic breakdowns read a day range across every topic.
CREATE INDEX rating_daily_day ON rating_daily(day, topic_code);
