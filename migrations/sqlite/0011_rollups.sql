-- Week and month rollups of the daily rating aggregates, and daily/weekly/
-- monthly aggregates of items, so indicators for a long period read about
-- thirty rows per key instead of one per day. Kept current in the same
-- transaction as each rating and each item change.

CREATE TABLE rating_rollup (
    span          TEXT    NOT NULL,  -- 'w' (day = Monday) or 'm' (day = the 1st)
    day           TEXT    NOT NULL,
    department_id INTEGER NOT NULL,
    channel       TEXT    NOT NULL,
    audience      TEXT    NOT NULL,
    topic_code    TEXT    NOT NULL,
    count         INTEGER NOT NULL DEFAULT 0,
    stars_sum     INTEGER NOT NULL DEFAULT 0,
    stars_1       INTEGER NOT NULL DEFAULT 0,
    stars_2       INTEGER NOT NULL DEFAULT 0,
    stars_3       INTEGER NOT NULL DEFAULT 0,
    stars_4       INTEGER NOT NULL DEFAULT 0,
    stars_5       INTEGER NOT NULL DEFAULT 0,
    positive      INTEGER NOT NULL DEFAULT 0,
    neutral       INTEGER NOT NULL DEFAULT 0,
    negative      INTEGER NOT NULL DEFAULT 0,
    comments      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (span, day, department_id, channel, audience, topic_code)
);

INSERT INTO rating_rollup SELECT 'w', date(day, '-6 days', 'weekday 1'), department_id, channel, audience, topic_code,
    SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5),
    SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_daily GROUP BY 2, 3, 4, 5, 6;
INSERT INTO rating_rollup SELECT 'm', strftime('%Y-%m-01', day), department_id, channel, audience, topic_code,
    SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5),
    SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_daily GROUP BY 2, 3, 4, 5, 6;

-- Working days from receipt to answer, counted when the answer is sent.
ALTER TABLE items ADD COLUMN answer_working_days INTEGER NULL;

-- Items per span ('d', 'w', 'm'), department (0: triage), topic and kind:
-- rows with working_days -1 count receipts on the day received; the others
-- count answers on the day answered, by working days taken (a histogram, so
-- the median can be read) and how many were on time.
CREATE TABLE item_daily (
    span          TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    department_id INTEGER NOT NULL,
    topic_code    TEXT    NOT NULL,
    kind          TEXT    NOT NULL,
    working_days  INTEGER NOT NULL,
    received      INTEGER NOT NULL DEFAULT 0,
    answered      INTEGER NOT NULL DEFAULT 0,
    on_time       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (span, day, department_id, topic_code, kind, working_days)
);
