//! Reusable pieces of the interface that know no domain: form fields with
//! their errors, and charts.

pub mod charts;
pub mod format;
pub mod forms;
pub mod pager;
