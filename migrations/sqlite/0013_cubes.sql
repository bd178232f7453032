-- The indicators read one slice of a data cube instead of every key: rating
-- sums per span ('d' day, 'w' week from Monday, 'm' month from the 1st),
-- audience, channel, topic and department, where '' in audience, channel or
-- topic_code stands for all of them. A query without a channel or audience
-- filter then reads the (audience '', channel '') rows: departments x topics
-- per unit instead of every combination. Replaces rating_daily and
-- rating_rollup. Items get the same treatment in item_cube (department -1:
-- all departments, topic '*': all topics), rebuilt from the items at start.

CREATE TABLE rating_cube (
    span          TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    audience      TEXT    NOT NULL,
    channel       TEXT    NOT NULL,
    topic_code    TEXT    NOT NULL,
    department_id INTEGER NOT NULL,
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
    PRIMARY KEY (span, day, audience, channel, topic_code, department_id)
) WITHOUT ROWID;

INSERT INTO rating_cube (span, day, audience, channel, topic_code, department_id, count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, positive, neutral, negative, comments)
    SELECT 'd', day, audience, channel, topic_code, department_id, count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, positive, neutral, negative, comments FROM rating_daily;
INSERT INTO rating_cube (span, day, audience, channel, topic_code, department_id, count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, positive, neutral, negative, comments)
    SELECT 'd', day, '', channel, topic_code, department_id, SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5), SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_daily GROUP BY day, channel, topic_code, department_id;
INSERT INTO rating_cube (span, day, audience, channel, topic_code, department_id, count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, positive, neutral, negative, comments)
    SELECT 'd', day, audience, '', topic_code, department_id, SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5), SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_daily GROUP BY day, audience, topic_code, department_id;
INSERT INTO rating_cube (span, day, audience, channel, topic_code, department_id, count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, positive, neutral, negative, comments)
    SELECT 'd', day, '', '', topic_code, department_id, SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5), SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_daily GROUP BY day, topic_code, department_id;
INSERT INTO rating_cube (span, day, audience, channel, topic_code, department_id, count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, positive, neutral, negative, comments)
    SELECT 'w', date(day, '-6 days', 'weekday 1'), audience, channel, topic_code, department_id, SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5), SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_cube WHERE span = 'd' GROUP BY 2, 3, 4, 5, 6;
INSERT INTO rating_cube (span, day, audience, channel, topic_code, department_id, count, stars_sum, stars_1, stars_2, stars_3, stars_4, stars_5, positive, neutral, negative, comments)
    SELECT 'm', strftime('%Y-%m-01', day), audience, channel, topic_code, department_id, SUM(count), SUM(stars_sum), SUM(stars_1), SUM(stars_2), SUM(stars_3), SUM(stars_4), SUM(stars_5), SUM(positive), SUM(neutral), SUM(negative), SUM(comments)
    FROM rating_cube WHERE span = 'd' GROUP BY 2, 3, 4, 5, 6;

DROP TABLE rating_rollup;
DROP TABLE rating_daily;

CREATE TABLE item_cube (
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
) WITHOUT ROWID;

DROP TABLE item_daily;
