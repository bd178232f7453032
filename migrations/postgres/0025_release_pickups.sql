-- Our releases as the press carried them: one row per item (from any
-- source) found to carry a publication, with its outlet, the delay since
-- the publication, and whether the headline's key words survived.
CREATE TABLE release_pickups (
    publication_id  BIGINT  NOT NULL REFERENCES publications(id) ON DELETE CASCADE,
    item_id         BIGINT  NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
    outlet_id       BIGINT  NOT NULL REFERENCES outlets(id),
    delay_minutes   BIGINT  NOT NULL,
    key_words_kept  BOOLEAN NOT NULL,
    picked_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (publication_id, item_id)
);
CREATE INDEX release_pickups_item ON release_pickups(item_id);
