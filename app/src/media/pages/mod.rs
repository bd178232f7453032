//! The media register and mention pages, the import progress page and the
//! digest.

pub mod digest;
pub mod register;
