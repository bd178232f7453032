-- Week and month rollups of the daily rating aggregates, and daily/weekly/
-- monthly aggregates of items, so indicators for a long period read about
-- thirty rows per key instead of one per day. Kept current in the same
-- transaction as each rating and each item change.

CREATE TABLE rating_rollup (
    span          TEXT    NOT NULL,  -- 'w' (day = Monday) or 'm' (day = the 1st)
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
    PRIMARY KEY (span, day, department_id, channel, audience, topic_code)
);

INSERT INTO rating_rollup SELECT 'w', to_char(date_trunc('week', CAST(day AS DATE)), 'YYYY-MM-DD'), department_id, channel, audience, topic_code,
    SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5),
    SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_daily GROUP BY 2, 3, 4, 5, 6;
INSERT INTO rating_rollup SELECT 'm', to_char(CAST(day AS DATE), 'YYYY-MM-01'), department_id, channel, audience, topic_code,
    SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5),
    SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_daily GROUP BY 2, 3, 4, 5, 6;

-- Working days from receipt to answer, counted when the answer is sent.
ALTER TABLE items ADD COLUMN answer_working_days BIGINT NULL;

-- Items per span ('d', 'w', 'm'), department (0: triage), topic and kind:
-- rows with working_days -1 count receipts on the day received; the others
-- count answers on the day answered, by working days taken (a histogram, so
-- the median can be read) and how many were on time.
CREATE TABLE item_daily (
    span          TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    department_id BIGINT  NOT NULL,
    topic_code    TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    working_days  BIGINT  NOT NULL,
    received      BIGINT  NOT NULL DEFAULT 0,
    answered      BIGINT  NOT NULL DEFAULT 0,
    on_time       BIGINT  NOT NULL DEFAULT 0,
    PRIMARY KEY (span, day, department_id, topic_code, kind, working_days)
);
