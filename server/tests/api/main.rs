//! HTTP-level integration tests: each test starts the real application on a
//! random port with its own fresh database, and runs once on SQLite and once
//! on PostgreSQL (`TEST_POSTGRES_URL`; never skipped silently).

mod helpers;
mod smtp_sink;

mod accounts;
mod admin;
mod audit;
mod calendar;
mod deadlines;
mod durability;
mod feeds;
mod group_commit;
mod inbox;
mod indicators;
mod items;
mod media;
mod monitoring;
mod news_pages;
mod operations;
mod outbox;
mod own_account;
mod pages;
mod pickup;
mod press_retention;
mod privacy;
mod rating_batches;
mod ratings;
mod schema;
mod second_factor;
mod source_commands;
mod source_pages;
mod sources;
mod staff_publications;
mod surveys;
mod tone_learning;
mod workers;
