-- A band key row is only (key, item), kept in the key's order in one
-- b-tree without a row id: a third of the size of a row with its date and
-- a separate index, so a pass's lookups and inserts touch fewer pages. An
-- item's date is checked on the item itself; the purge deletes an item's
-- rows by the keys its signature gives, so no index by item is needed (and
-- no foreign key, which would want one).
CREATE TABLE media_item_bands_compact (
    band_key INTEGER NOT NULL,
    item_id  INTEGER NOT NULL,
    PRIMARY KEY (band_key, item_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO media_item_bands_compact (band_key, item_id)
    SELECT band_key, item_id FROM media_item_bands;
DROP TABLE media_item_bands;
ALTER TABLE media_item_bands_compact RENAME TO media_item_bands;
