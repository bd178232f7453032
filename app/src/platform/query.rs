//! A small builder for queries whose filters depend on the request: each
//! condition is written with `?` and numbered in order (`$1`, `$2`…), which
//! both SQLite and PostgreSQL accept.

use crate::platform::db::Engine;
use chrono::{DateTime, NaiveDate, Utc};

/// A value bound into a dynamically built query.
#[derive(Debug, Clone)]
pub enum Bind {
    Int(i64),
    Str(String),
    Time(DateTime<Utc>),
    Day(NaiveDate),
}

#[derive(Debug, Default)]
pub struct Where {
    conditions: Vec<String>,
    pub binds: Vec<Bind>,
}

impl Where {
    /// Adds a condition with no parameter.
    pub fn raw(&mut self, sql: &str) {
        self.conditions.push(sql.to_string());
    }

    /// Adds a condition whose `?` marks take `values` in order.
    pub fn push(&mut self, sql: &str, values: impl IntoIterator<Item = Bind>) {
        let mut out = String::new();
        let mut values = values.into_iter();
        for (i, part) in sql.split('?').enumerate() {
            if i > 0 {
                self.binds.push(values.next().expect("a value for every ?"));
                out.push_str(&format!("${}", self.binds.len()));
            }
            out.push_str(part);
        }
        self.conditions.push(format!("({out})"));
    }

    /// Adds `column IN (…)` with one parameter per value.
    pub fn push_in(&mut self, column: &str, values: impl IntoIterator<Item = Bind>) {
        let values: Vec<Bind> = values.into_iter().collect();
        let marks = vec!["?"; values.len()].join(", ");
        self.push(&format!("{column} IN ({marks})"), values);
    }

    /// The next parameter's number, for values bound after the conditions.
    pub fn next_index(&self) -> usize {
        self.binds.len() + 1
    }

    /// A fresh set of conditions whose parameters continue this one's
    /// numbering, for the next branch of a `UNION` (bind the last one's
    /// `binds`, which hold every branch's values).
    pub fn then(self) -> Where {
        Where {
            conditions: Vec::new(),
            binds: self.binds,
        }
    }

    /// ` WHERE a AND b`, or nothing.
    pub fn sql(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }
}

/// `rows` parenthesised rows of `columns` parameters each, numbered from
/// `$1`, for a multi-row `INSERT … VALUES`.
pub fn value_rows(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=columns).map(|c| format!("${}", r * columns + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many rows each statement of a multi-row write takes: `largest` (a
/// power of two) while that many are left, then the rest in powers of two.
/// Each size is one SQL text, so a connection's statement cache keeps a
/// handful of them; a text per row count evicted every other prepared
/// statement and made small batches slower.
pub fn statement_sizes(rows: usize, largest: usize) -> Vec<usize> {
    debug_assert!(largest.is_power_of_two());
    let mut sizes = vec![largest; rows / largest];
    let rest = rows % largest;
    sizes.extend(
        (0..largest.trailing_zeros())
            .rev()
            .map(|b| 1 << b)
            .filter(|bit| rest & bit != 0),
    );
    sizes
}

/// `rows` cut as [`statement_sizes`] says, one slice per statement.
pub fn statement_chunks<T>(rows: &[T], largest: usize) -> impl Iterator<Item = &[T]> {
    let mut rest = rows;
    statement_sizes(rows.len(), largest).into_iter().map(move |size| {
        let (chunk, later) = rest.split_at(size);
        rest = later;
        chunk
    })
}

/// The SQL texts of a multi-row statement for 1, 2, 4 … `largest` rows,
/// built once, on each engine.
///
/// On SQLite the numbered parameters become bare `?` marks: sqlx looks up
/// each numbered parameter's name, and SQLite finds a name by walking the
/// statement's list of them, so binding a statement's `n` numbered
/// parameters costs `n²` (a sixth of the rating writer's time with 160 to
/// 272 per statement); a bare mark has no name to look up. The numbers must
/// therefore appear in order, each once, as `value_rows` writes them.
pub struct SizedTexts {
    postgres: Vec<String>,
    sqlite: Vec<String>,
}

impl SizedTexts {
    pub fn new(largest: usize, sql: impl Fn(usize) -> String) -> SizedTexts {
        let postgres: Vec<String> = (0..=largest.trailing_zeros()).map(|b| sql(1 << b)).collect();
        let sqlite = postgres.iter().map(|t| positional(t)).collect();
        SizedTexts { postgres, sqlite }
    }

    /// The text for a chunk of `rows` rows (a size [`statement_sizes`] gives).
    pub fn get(&self, engine: Engine, rows: usize) -> &str {
        let texts = match engine {
            Engine::Postgres => &self.postgres,
            Engine::Sqlite => &self.sqlite,
        };
        &texts[rows.trailing_zeros() as usize]
    }
}

/// `sql` with `$1`, `$2` … replaced by `?`; panics unless they come in
/// order, each once (a bare mark takes the next value).
fn positional(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut next = 1;
    let mut rest = sql;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let digits: String = rest[at + 1..].chars().take_while(char::is_ascii_digit).collect();
        assert_eq!(digits.parse::<usize>().ok(), Some(next), "parameters in order in {sql}");
        out.push('?');
        next += 1;
        rest = &rest[at + 1 + digits.len()..];
    }
    out.push_str(rest);
    out
}

/// About how many parameters one statement of many rows (or one `IN` list)
/// should take. sqlx binds SQLite's `$n` parameters by name, and SQLite
/// finds a parameter's name by walking the statement's list of them, so
/// binding costs grow with the square of their number: a statement of 3,000
/// parameters spent a fifth of the press take-in there, one of 240 costs
/// nothing measurable and is still one statement for dozens of rows.
pub const PARAMS_PER_STATEMENT: usize = 240;

/// `$from, $from+1, …`: `n` numbered parameters, for an `IN (…)` list.
pub fn marks(from: usize, n: usize) -> String {
    (from..from + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// A `LIKE` pattern that finds `text` anywhere (with `ESCAPE '\'`).
pub fn contains_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
    )
}

/// Binds every value of `$binds` to the query `$q` (works for either engine).
#[macro_export]
macro_rules! bind_all {
    ($q:expr, $binds:expr) => {{
        let mut q = $q;
        for b in $binds {
            q = match b {
                $crate::platform::query::Bind::Int(v) => q.bind(*v),
                $crate::platform::query::Bind::Str(v) => q.bind(v.clone()),
                $crate::platform::query::Bind::Time(v) => q.bind(*v),
                $crate::platform::query::Bind::Day(v) => q.bind(*v),
            };
        }
        q
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_texts_take_bare_marks_in_order() {
        let t = SizedTexts::new(2, |n| format!("INSERT INTO t VALUES {}", value_rows(n, 2)));
        assert_eq!(t.get(Engine::Sqlite, 2), "INSERT INTO t VALUES (?, ?), (?, ?)");
        assert_eq!(t.get(Engine::Postgres, 1), "INSERT INTO t VALUES ($1, $2)");
        assert_eq!(positional("SELECT $1 + $2, $3"), "SELECT ? + ?, ?");
    }

    #[test]
    #[should_panic(expected = "parameters in order")]
    fn numbered_parameters_out_of_order_are_refused() {
        positional("SELECT $2, $1");
    }

    #[test]
    fn value_rows_number_every_parameter_once() {
        assert_eq!(value_rows(2, 3), "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(value_rows(0, 3), "");
        assert_eq!(marks(3, 2), "$3, $4");
        assert_eq!(marks(1, 0), "");
    }

    #[test]
    fn an_in_list_takes_one_parameter_per_value() {
        let mut w = Where::default();
        w.push("a = ?", [Bind::Int(1)]);
        w.push_in("day", [Bind::Str("x".into()), Bind::Str("y".into())]);
        assert_eq!(w.sql(), " WHERE (a = $1) AND (day IN ($2, $3))");
    }

    #[test]
    fn conditions_are_numbered_in_order() {
        let mut w = Where::default();
        w.raw("a = 1");
        w.push("b = ? OR c = ?", [Bind::Int(1), Bind::Int(2)]);
        w.push("d LIKE ?", [Bind::Str("x".into())]);
        assert_eq!(w.sql(), " WHERE a = 1 AND (b = $1 OR c = $2) AND (d LIKE $3)");
        assert_eq!(w.next_index(), 4);
        let mut next = w.then();
        next.push("e = ?", [Bind::Int(5)]);
        assert_eq!(next.sql(), " WHERE (e = $4)");
        assert_eq!(next.binds.len(), 4);
        assert_eq!(contains_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }
}
