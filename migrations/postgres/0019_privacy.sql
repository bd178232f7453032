-- Personal data only where it belongs. An outbox row knows the item it was
-- written for and the file the file transport wrote, so the retention purge
-- removes both; message bodies are dropped once delivered.
ALTER TABLE outbox ADD COLUMN item_id BIGINT NULL;
ALTER TABLE outbox ADD COLUMN stored_as TEXT NULL;
CREATE INDEX outbox_item ON outbox(item_id);

-- Bodies of messages already delivered held status links; idempotency
-- records held them too (they are remembered for a day only from now on).
UPDATE outbox SET body_text = '' WHERE sent_at IS NOT NULL OR failed_at IS NOT NULL;
DELETE FROM idempotency_keys;
