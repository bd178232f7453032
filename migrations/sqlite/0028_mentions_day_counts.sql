-- The media counts of a period (the indicators and the digest) read only
-- these columns of the period's mentions: kept in one index, they are
-- counted without visiting the table.
CREATE INDEX mentions_day_counts ON mentions(day, media_type, tone, tone_suggested, story_id);
