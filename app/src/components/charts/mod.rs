//! Charts a person can read: server-rendered SVG with a value axis and its
//! ticks, category labels in the page's language, the previous period as a
//! second series with a legend, values written on few bars, a title, a
//! one-sentence summary and the same numbers as a table. Our own geometry
//! (tested in `scale` and `layout`), not a plotting crate: the marks carry
//! classes, `<title>`s and patterns, and no inline style breaks the CSP.

mod figure;
mod layout;
#[cfg(test)]
mod layout_tests;
mod marks;
mod scale;

pub use figure::{Chart, Series};
pub use layout::ChartKind;
