-- What the portal suggested as a mention's tone, kept when a person confirms
-- or corrects it: the suggestion's accuracy per language is measured on it.
ALTER TABLE mentions ADD COLUMN tone_suggested_as TEXT NOT NULL DEFAULT '';
