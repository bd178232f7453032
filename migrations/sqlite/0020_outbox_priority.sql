-- Mail to citizens and journalists (acknowledgements, answers, notices about
-- their requests) goes before staff notices, and those before bulk mail
-- (summaries, digests): 0, 1, 2. Claims take the lowest first.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 1;
UPDATE outbox SET priority = CASE
    WHEN kind IN ('ack', 'answer', 'extension', 'redirect', 'rejection') THEN 0
    WHEN kind IN ('summary', 'digest') THEN 2
    ELSE 1 END;
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox(priority, next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
