//! The CSV files the portal hands out, written so a spreadsheet never runs
//! a cell as a formula: a cell that begins with `=`, `+`, `-`, `@`, a tab or
//! a carriage return gets an apostrophe in front (OWASP's rule against CSV
//! injection), unless it is a plain number such as `-0.25`, which no
//! spreadsheet reads as a formula.

use crate::error::AppError;
use std::borrow::Cow;

/// `cell` as a spreadsheet will only ever show it.
pub fn inert(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().map_or(true, |n| !n.is_finite()) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV file written a row at a time, every cell made inert.
pub struct CsvFile {
    out: csv::Writer<Vec<u8>>,
}

impl Default for CsvFile {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvFile {
    pub fn new() -> CsvFile {
        CsvFile {
            out: csv::Writer::from_writer(Vec::new()),
        }
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<(), AppError> {
        let cells: Vec<String> = cells.into_iter().map(|c| inert(c.as_ref()).into_owned()).collect();
        self.out.write_record(&cells).map_err(AppError::internal)
    }

    /// The file's text (UTF-8).
    pub fn finish(self) -> Result<String, AppError> {
        let bytes = self.out.into_inner().map_err(AppError::internal)?;
        String::from_utf8(bytes).map_err(AppError::internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_starts_like_a_formula_is_kept_as_text() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "+1+2",
            "-1+2",
            "@SUM(A1)",
            "\tx",
            "\r=1",
            "-inf",
        ] {
            assert_eq!(inert(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["-0.25", "+3", "Firefox 128", "a=b", "", "2026-12-03"] {
            assert_eq!(inert(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn a_file_read_back_holds_the_inert_cells() {
        let mut f = CsvFile::new();
        f.row(["name", "text"]).unwrap();
        f.row(["a", "=1+2, \"quoted\"\nnext line"]).unwrap();
        let text = f.finish().unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
        assert_eq!(&rows[0][1], "'=1+2, \"quoted\"\nnext line");
    }
}
