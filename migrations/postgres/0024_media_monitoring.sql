-- Saved queries turn what the sources publish into mentions. Items keep their
-- MinHash signature and one row per LSH band key, so a new item finds the
-- earlier items it may reprint (within 30 days) by index, never by comparing
-- every pair. `story_id` is the id of the story's first item (its origin).
CREATE TABLE media_queries (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    query      TEXT    NOT NULL,
    enabled    BOOLEAN NOT NULL DEFAULT TRUE,
    own_names  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL
);

ALTER TABLE media_items ADD COLUMN story_id BIGINT NULL;
ALTER TABLE media_items ADD COLUMN signature BYTEA NULL;
CREATE INDEX media_items_story ON media_items(story_id);

CREATE TABLE media_item_bands (
    band_key BIGINT   NOT NULL,
    item_id  BIGINT  NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX media_item_bands_key ON media_item_bands(band_key, at);

-- A mention found by a query keeps where it came from; a tone the portal
-- suggested stays marked until a person confirms or corrects it, with the
-- words that decided it. `story_id` is NULL for mentions typed by hand
-- (each is a story of its own).
ALTER TABLE mentions ADD COLUMN source_id BIGINT NULL REFERENCES media_sources(id);
ALTER TABLE mentions ADD COLUMN query_id BIGINT NULL REFERENCES media_queries(id);
ALTER TABLE mentions ADD COLUMN excerpt TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN language TEXT NOT NULL DEFAULT '';
ALTER TABLE mentions ADD COLUMN story_id BIGINT NULL;
ALTER TABLE mentions ADD COLUMN tone_suggested BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE mentions ADD COLUMN tone_words TEXT NOT NULL DEFAULT '';
CREATE INDEX mentions_story ON mentions(story_id, day);
