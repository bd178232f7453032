-- Press items are kept for `media.keep_items_days`. After that an item goes,
-- with its band keys, unless a mention names it as its story's first item or
-- it carried one of our releases: those keep their headline, link and
-- signature and lose their text and band keys (`trimmed`). The purge reads
-- the untrimmed items oldest first, and an item's band keys by item.
ALTER TABLE media_items ADD COLUMN trimmed BOOLEAN NOT NULL DEFAULT FALSE;
DROP INDEX media_items_fetched;
CREATE INDEX media_items_untrimmed ON media_items(trimmed, fetched_at);
CREATE INDEX media_item_bands_item ON media_item_bands(item_id);
