-- A band key row is only (key, item), its primary key in the key's order:
-- smaller than a row with its date and a separate index, so a pass's
-- lookups and inserts touch fewer pages. An item's date is checked on the
-- item itself; the purge deletes an item's rows by the keys its signature
-- gives, so no index by item is needed (and no foreign key, which would
-- want one).
CREATE TABLE media_item_bands_compact (
    band_key BIGINT NOT NULL,
    item_id  BIGINT NOT NULL,
    PRIMARY KEY (band_key, item_id)
);
INSERT INTO media_item_bands_compact (band_key, item_id)
    SELECT band_key, item_id FROM media_item_bands ON CONFLICT DO NOTHING;
DROP TABLE media_item_bands;
ALTER TABLE media_item_bands_compact RENAME TO media_item_bands;
