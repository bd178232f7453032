-- The digest also counts a period's mentions by outlet and topic and its
-- stories by outlet and tone: with those columns in the day index too, the
-- counts, the top outlets and topics and the most carried stories of a
-- week are all read from the index without visiting the table.
DROP INDEX mentions_day_counts;
CREATE INDEX mentions_day_counts ON mentions(day, media_type, tone, tone_suggested, story_id, outlet_id, topic_code);
