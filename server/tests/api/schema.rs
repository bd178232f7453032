//! The two engines' migrations build one schema: the same tables with the
//! same columns, so one query layer can serve both.

use crate::helpers::*;
use app::platform::db::{Db, Engine};
use std::collections::BTreeMap;

/// Table name → its column names, sorted.
type Schema = BTreeMap<String, Vec<String>>;

async fn schema_of(db: &Db) -> Schema {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite { read, .. } => sqlx::query_as(
            "SELECT m.name, c.name FROM sqlite_master m JOIN pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
        )
        .fetch_all(read)
        .await
        .unwrap(),
        Db::Postgres(pool) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    let mut schema = Schema::new();
    for (table, column) in rows {
        schema.entry(table).or_default().push(column);
    }
    schema.values_mut().for_each(|columns| columns.sort());
    schema
}

#[test]
fn sqlite_and_postgresql_migrations_build_the_same_tables_and_columns() {
    runtime().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let mut schemas = Vec::new();
        for engine in [Engine::Sqlite, Engine::Postgres] {
            let db = Db::connect(&fresh_database(engine, dir.path()).await)
                .await
                .expect("connect and migrate");
            schemas.push(schema_of(&db).await);
            db.close().await;
        }
        let (sqlite, postgres) = (&schemas[0], &schemas[1]);
        assert!(sqlite.len() > 20, "the SQLite schema was not read: {sqlite:?}");
        let tables = |s: &Schema| s.keys().cloned().collect::<Vec<_>>();
        assert_eq!(tables(sqlite), tables(postgres), "the engines have different tables");
        for (table, columns) in sqlite {
            assert_eq!(
                columns, &postgres[table],
                "table {table} has different columns on the two engines"
            );
        }
    });
}
