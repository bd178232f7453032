-- A publication's approved comments, newest first, read from one index range:
-- ratings_moderation (comment_status, updated_at) walked every approved
-- comment of every publication and looked up each row's publication.
CREATE INDEX ratings_comments_of ON ratings(publication_id, comment_status, updated_at);
