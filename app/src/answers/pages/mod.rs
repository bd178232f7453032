//! The public archive page.

pub mod archive;
