-- Surveys: a survey with texts in kk/ru/en, its questions and options, and
-- the responses (one per person: the visitor cookie's hash). Free-text
-- answers wait for moderation before they are public.

CREATE TABLE surveys (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    title_kk       TEXT    NOT NULL DEFAULT '',
    title_ru       TEXT    NOT NULL DEFAULT '',
    title_en       TEXT    NOT NULL DEFAULT '',
    description_kk TEXT    NOT NULL DEFAULT '',
    description_ru TEXT    NOT NULL DEFAULT '',
    description_en TEXT    NOT NULL DEFAULT '',
    status         TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
    opens_at       TEXT    NULL,
    closes_at      TEXT    NULL,
    visibility     TEXT    NOT NULL DEFAULT 'after_close' CHECK (visibility IN ('live', 'after_close', 'staff')),
    created_by     INTEGER NULL REFERENCES users(id),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);

CREATE TABLE survey_questions (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'nps', 'text')),
    required  BOOLEAN NOT NULL DEFAULT 0,
    text_kk   TEXT    NOT NULL DEFAULT '',
    text_ru   TEXT    NOT NULL DEFAULT '',
    text_en   TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX survey_questions_survey ON survey_questions(survey_id, position);

CREATE TABLE survey_options (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text_kk     TEXT    NOT NULL DEFAULT '',
    text_ru     TEXT    NOT NULL DEFAULT '',
    text_en     TEXT    NOT NULL DEFAULT ''
);

CREATE INDEX survey_options_question ON survey_options(question_id, position);

CREATE TABLE survey_responses (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    survey_id       INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    respondent_hash TEXT    NOT NULL,
    submitted_at    TEXT    NOT NULL,
    answered        INTEGER NOT NULL,
    UNIQUE (survey_id, respondent_hash)
);

CREATE TABLE survey_answers (
    response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    option_id   INTEGER NULL REFERENCES survey_options(id) ON DELETE CASCADE,
    value       INTEGER NULL,
    text        TEXT    NULL,
    text_status TEXT    NULL CHECK (text_status IN ('pending', 'approved', 'rejected'))
);

CREATE INDEX survey_answers_question ON survey_answers(question_id);
CREATE INDEX survey_answers_response ON survey_answers(response_id);
